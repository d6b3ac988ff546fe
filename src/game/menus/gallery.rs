//! The endings gallery on the title screen: every ending of the scenario, the ones reached with
//! their text and how often, the others as closed doors with only their kind shown.

use crate::game::GameOptions;
use crate::game::player_files::{Gallery, SavedChronicles};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::palette::GOLD;
use bevy::prelude::*;
use bevy_egui::input::egui_wants_any_keyboard_input;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Whether the gallery is open.
#[derive(Resource, Default)]
pub struct GalleryOpen(pub bool);

pub fn plugin(app: &mut App) {
    app.init_resource::<GalleryOpen>()
        .add_systems(
            Update,
            toggle_gallery
                .run_if(in_state(Screen::Title))
                .run_if(not(egui_wants_any_keyboard_input)),
        )
        .add_systems(OnExit(Screen::Title), |mut open: ResMut<GalleryOpen>| {
            open.0 = false;
        })
        .add_systems(
            EguiPrimaryContextPass,
            gallery_window.run_if(in_state(Screen::Title)),
        );
}

fn toggle_gallery(keys: Res<ButtonInput<KeyCode>>, mut open: ResMut<GalleryOpen>) {
    if keys.just_pressed(KeyCode::KeyG) {
        open.0 = !open.0;
    }
}

fn gallery_window(
    mut contexts: EguiContexts,
    mut open: ResMut<GalleryOpen>,
    gallery: Res<Gallery>,
    notebook: Res<SavedChronicles>,
    options: Res<GameOptions>,
    settings: Res<Settings>,
) -> Result {
    if !open.0 {
        return Ok(());
    }
    let Ok(scenario) = &options.scenario else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let scale = settings.text_scale;
    let reached = scenario
        .endings
        .iter()
        .filter(|e| gallery.reached(&scenario.id, &e.id).is_some())
        .count();
    let mut still_open = true;
    crate::game::theme::widgets::overlay_window("Endings gallery  [G]", &mut still_open, 640.0)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{} of {} endings reached in {} finished nights",
                    reached,
                    scenario.endings.len(),
                    notebook.finished.get(&scenario.id).copied().unwrap_or(0)
                ))
                .size(16.0 * scale),
            );
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for ending in &scenario.endings {
                    match gallery.reached(&scenario.id, &ending.id) {
                        Some(r) => {
                            ui.label(
                                egui::RichText::new(format!(
                                    "{}  ({:?}) — reached {} time{}, first with seed {}",
                                    ending.title,
                                    ending.kind,
                                    r.times,
                                    if r.times == 1 { "" } else { "s" },
                                    r.first_seed
                                ))
                                .size(16.0 * scale)
                                .strong()
                                .color(GOLD),
                            );
                            ui.label(egui::RichText::new(&ending.text).size(13.0 * scale));
                        }
                        None => {
                            ui.label(
                                egui::RichText::new(format!("? ? ?  ({:?})", ending.kind))
                                    .size(16.0 * scale)
                                    .color(egui::Color32::GRAY),
                            );
                        }
                    }
                    ui.add_space(6.0);
                }
            });
        });
    open.0 = still_open;
    Ok(())
}
