//! The title screen: begin a night from the afternoon or from 03:50, continue the unfinished
//! night, open the notebook or the endings gallery, set the pace and the rest, quit. Problems
//! with the player's files are reported here.

use crate::game::GameOptions;
use crate::game::hud::click_targets::ClickTargets;
use crate::game::menus::gallery::GalleryOpen;
use crate::game::menus::notebook::NotebookOpen;
use crate::game::night::BeginNight;
use crate::game::night::pace::Pace;
use crate::game::player_files::{ContinueNight, PlayerFiles, Unfinished};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::fonts::{EguiFaces, display};
use crate::game::theme::palette::{GOLD, PINK};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        title_screen.run_if(in_state(Screen::Title)),
    )
    .add_systems(Update, title_keys.run_if(in_state(Screen::Title)));
}

/// What the title screen offers: the scenario's starts, each with a key.
fn starts(options: &GameOptions) -> Vec<(usize, String)> {
    match &options.scenario {
        Ok(s) => s
            .starts
            .iter()
            .enumerate()
            .map(|(i, st)| (i, format!("{} — {}", st.name, s.clock(st.time))))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn seed_for(options: &GameOptions) -> u64 {
    options.seed.unwrap_or_else(crate::seed::fresh)
}

/// The unfinished night's description, if there is one for this scenario.
fn continuable(options: &GameOptions, unfinished: &Unfinished) -> Option<String> {
    let scenario = options.scenario.as_ref().ok()?;
    let record = unfinished
        .0
        .as_ref()
        .filter(|r| r.scenario == scenario.id)?;
    let start = scenario
        .starts
        .iter()
        .find(|s| s.id == record.start)
        .map_or(record.start.as_str(), |s| s.name.as_str());
    Some(format!(
        "{start}, at {} after {} action{}",
        record.reached,
        record.actions.len(),
        if record.actions.len() == 1 { "" } else { "s" }
    ))
}

/// What the title's buttons do: begin or continue a night, open the notebook or the gallery,
/// quit; and where they are (for the synthetic pointer).
#[derive(SystemParam)]
struct TitleButtons<'w> {
    begin: MessageWriter<'w, BeginNight>,
    continue_night: MessageWriter<'w, ContinueNight>,
    notebook: ResMut<'w, NotebookOpen>,
    gallery: ResMut<'w, GalleryOpen>,
    exit: MessageWriter<'w, AppExit>,
    targets: ResMut<'w, ClickTargets>,
}

fn title_screen(
    mut contexts: EguiContexts,
    options: Res<GameOptions>,
    mut settings: ResMut<Settings>,
    unfinished: Res<Unfinished>,
    mut files: ResMut<PlayerFiles>,
    buttons: TitleButtons,
    faces: Option<Res<EguiFaces>>,
) -> Result {
    let TitleButtons {
        mut begin,
        mut continue_night,
        mut notebook,
        mut gallery,
        mut exit,
        mut targets,
    } = buttons;
    let ctx = contexts.ctx_mut()?;
    let title = options
        .scenario
        .as_ref()
        .map(|s| s.title.clone())
        .unwrap_or_default();
    let intro = options
        .scenario
        .as_ref()
        .map(|s| s.intro.clone())
        .unwrap_or_default();
    // A dark glass over the night city drifting behind it.
    let glass = egui::Frame::window(&ctx.global_style())
        .fill(egui::Color32::from_rgba_unmultiplied(8, 8, 16, 215))
        .stroke(egui::Stroke::new(1.0, egui::Color32::from_rgb(90, 40, 70)));
    egui::Window::new("title")
        .title_bar(false)
        .frame(glass)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .resizable(false)
        .min_width(560.0)
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new(title.to_uppercase())
                        .font(display(72.0 * settings.text_scale, faces.as_deref()))
                        .color(PINK),
                );
                ui.add_space(8.0);
                ui.label(egui::RichText::new(intro).size(15.0 * settings.text_scale));
                ui.add_space(16.0);
                if let Some(what) = continuable(&options, &unfinished) {
                    let text = format!("[C]  Continue the night: {what}");
                    let button =
                        ui.button(egui::RichText::new(text).size(20.0 * settings.text_scale));
                    if button.clicked() {
                        continue_night.write(ContinueNight);
                    }
                    targets.remember("continue", &button);
                }
                for (i, label) in starts(&options) {
                    let text = format!("[{}]  New night: {label}", i + 1);
                    let button =
                        ui.button(egui::RichText::new(text).size(20.0 * settings.text_scale));
                    if button.clicked() {
                        begin.write(BeginNight {
                            start: i,
                            seed: seed_for(&options),
                        });
                    }
                    targets.remember(&format!("start:{i}"), &button);
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let size = 17.0 * settings.text_scale;
                    if ui
                        .button(egui::RichText::new("[F2]  Notebook").size(size))
                        .clicked()
                    {
                        notebook.0 = !notebook.0;
                        gallery.0 = false;
                    }
                    if ui
                        .button(egui::RichText::new("[G]  Endings gallery").size(size))
                        .clicked()
                    {
                        gallery.0 = !gallery.0;
                        notebook.0 = false;
                    }
                });
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    ui.label("Pace:");
                    for pace in Pace::ALL {
                        ui.selectable_value(&mut settings.pace, pace, pace.label());
                    }
                });
                ui.add(egui::Slider::new(&mut settings.volume, Settings::VOLUMES).text("Volume"));
                ui.horizontal(|ui| {
                    ui.checkbox(&mut settings.high_contrast, "High contrast");
                    ui.add(
                        egui::Slider::new(&mut settings.text_scale, Settings::TEXT_SCALES)
                            .text("Text size"),
                    );
                });
                ui.add_space(12.0);
                // A page is left by closing it: the browser has no Quit.
                if cfg!(not(target_arch = "wasm32"))
                    && ui
                        .button(egui::RichText::new("[Q]  Quit").size(18.0 * settings.text_scale))
                        .clicked()
                {
                    exit.write(AppExit::Success);
                }
            });
            if !files.notices.is_empty() {
                ui.separator();
                for notice in &files.notices {
                    ui.label(
                        egui::RichText::new(notice)
                            .size(13.0 * settings.text_scale)
                            .color(GOLD),
                    );
                }
                if ui.button("Understood").clicked() {
                    files.notices.clear();
                }
            }
            ui.label(
                egui::RichText::new(format!(
                    "Your notebook, gallery and settings are kept in {}",
                    files.store.describe()
                ))
                .size(11.0 * settings.text_scale)
                .color(egui::Color32::GRAY),
            );
        });
    Ok(())
}

fn title_keys(
    keys: Res<ButtonInput<KeyCode>>,
    options: Res<GameOptions>,
    unfinished: Res<Unfinished>,
    mut begin: MessageWriter<BeginNight>,
    mut continue_night: MessageWriter<ContinueNight>,
    mut exit: MessageWriter<AppExit>,
) {
    if keys.just_pressed(KeyCode::KeyC) && continuable(&options, &unfinished).is_some() {
        continue_night.write(ContinueNight);
    }
    const DIGITS: [KeyCode; 9] = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ];
    for (i, _) in starts(&options) {
        if DIGITS.get(i).is_some_and(|k| keys.just_pressed(*k)) {
            begin.write(BeginNight {
                start: i,
                seed: seed_for(&options),
            });
        }
    }
    if cfg!(not(target_arch = "wasm32")) && keys.just_pressed(KeyCode::KeyQ) {
        exit.write(AppExit::Success);
    }
}
