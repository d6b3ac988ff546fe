//! The night's panels (egui): the clock and, once the player knows, the countdown; the place and
//! its people; the player's things; every available action with its key; what happened.

mod actions;
pub mod click_targets;
pub mod panel;
pub mod shortcuts;

use crate::game::hud::click_targets::ClickTargets;
use crate::game::hud::panel::Focus;
use crate::game::hud::shortcuts::ActionPage;
use crate::game::map::SelectedPlace;
use crate::game::menus::notebook::NotebookOpen;
use crate::game::night::pace::Pace;
use crate::game::night::pause::Pause;
use crate::game::night::playback::Playback;
use crate::game::night::{ChooseAction, GameSession, Refusal};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::fonts::{EguiFaces, display};
use crate::game::theme::palette::{ALARM_RED, AMBER, PINK};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use night::scene::Scene;

/// The panels and where their buttons are (the keyboard's shortcuts are in the logic plugin:
/// headless tests press keys too).
pub fn plugin(app: &mut App) {
    app.add_plugins(click_targets::plugin);
    app.add_systems(
        EguiPrimaryContextPass,
        night_panels.run_if(in_state(Screen::Playing)),
    );
}

/// What the night's panels show.
#[derive(SystemParam)]
struct Shown<'w> {
    night: Res<'w, GameSession>,
    refusal: Res<'w, Refusal>,
    selected: Res<'w, SelectedPlace>,
    page: Res<'w, ActionPage>,
    pause: Res<'w, State<Pause>>,
    playback: Option<Res<'w, Playback>>,
    faces: Option<Res<'w, EguiFaces>>,
}

/// What the night's panels change: the settings, the player's choice, the pause, the
/// notebook, and where their buttons are (for the synthetic pointer).
#[derive(SystemParam)]
struct Changed<'w> {
    settings: ResMut<'w, Settings>,
    choose: MessageWriter<'w, ChooseAction>,
    pause: ResMut<'w, NextState<Pause>>,
    notebook: ResMut<'w, NotebookOpen>,
    targets: ResMut<'w, ClickTargets>,
    focus: ResMut<'w, Focus>,
}

fn night_panels(mut contexts: EguiContexts, shown: Shown, mut changed: Changed) -> Result {
    let ctx = contexts.ctx_mut()?;
    changed.targets.panel.clear();
    changed.targets.openers.clear();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "night".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let scale = changed.settings.text_scale;

    egui::Panel::top("clock").show(&mut root, |ui| top_bar(ui, &shown, &mut changed));

    egui::Panel::bottom("log")
        .default_size(150.0)
        .resizable(true)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for line in shown.night.log.iter().rev().take(200).rev() {
                        ui.label(egui::RichText::new(line).size(14.0 * scale));
                    }
                });
        });

    egui::Panel::right("actions")
        .default_size(420.0)
        .resizable(true)
        .show(&mut root, |ui| {
            // Not animated: a button brought into view is where it will stay when clicked.
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .animated(false)
                .show(ui, |ui| scene_and_actions(ui, &shown, &mut changed));
        });

    changed.targets.map_area = Some(root.available_rect_before_wrap());
    Ok(())
}

/// The top bar: the clock, the countdown once the player knows, where they are, the pause,
/// the notebook and the pace.
fn top_bar(ui: &mut egui::Ui, shown: &Shown, changed: &mut Changed) {
    let (night, playback) = (&*shown.night, shown.playback.as_deref());
    let paused = *shown.pause.get() == Pause::Paused;
    let settings = &mut *changed.settings;
    let scale = settings.text_scale;
    let sim = night.sim();
    let s = sim.scenario();
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(sim.clock())
                .size(30.0 * scale)
                .monospace()
                .color(AMBER),
        );
        if let Some(left) = night.session.countdown() {
            ui.add_space(24.0);
            ui.label(
                egui::RichText::new(s.countdown_words(left))
                    .font(display(38.0 * scale, shown.faces.as_deref()))
                    .color(if settings.high_contrast {
                        egui::Color32::YELLOW
                    } else {
                        ALARM_RED
                    }),
            );
        }
        ui.add_space(24.0);
        let mut whereabouts = match sim.state().activity {
            night::sim::Activity::Travel { to, .. } => {
                format!("On the way to {}", s.locations[to as usize].name)
            }
            _ => s.locations[sim.harry_at() as usize].name.clone(),
        };
        if let Some(playback) = &playback {
            whereabouts = format!("{} · {whereabouts}", playback.status());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let pause = if paused {
                "[Space] Resume"
            } else {
                "[Space] Pause"
            };
            if ui.button(pause).clicked() {
                changed.pause.set(shown.pause.get().toggled());
            }
            let book = ui.button("[F2] Notebook");
            if book.clicked() {
                changed.notebook.0 = !changed.notebook.0;
            }
            changed.targets.remember("notebook", &book);
            for pace in Pace::ALL.iter().rev() {
                ui.selectable_value(&mut settings.pace, *pace, pace.label());
            }
            ui.label("[Tab] Pace:");
            // Where the player is takes the room the buttons leave, cut short if need be.
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(whereabouts.as_str())
                            .size(18.0 * scale)
                            .color(PINK),
                    )
                    .truncate(),
                )
                .on_hover_text(whereabouts.as_str());
            });
        });
    });
}

/// The right panel: the scene (the place, its panic, what the player carries), a refusal, and
/// the actions grouped by whom and what they concern, with their keys (see [`actions`]).
fn scene_and_actions(ui: &mut egui::Ui, shown: &Shown, changed: &mut Changed) {
    let (night, refusal) = (&*shown.night, &*shown.refusal);
    let scale = changed.settings.text_scale;
    let sim = night.sim();
    let s = sim.scenario();
    let scene = Scene::of(sim);
    ui.label(
        egui::RichText::new(&scene.place)
            .size(20.0 * scale)
            .color(PINK),
    );
    ui.label(egui::RichText::new(&scene.text).size(14.0 * scale));
    if scene.panic > 0 {
        ui.label(egui::RichText::new(format!("Panic here: {}/100", scene.panic)).color(AMBER));
    }
    ui.separator();
    if !scene.carried.is_empty() {
        ui.label(egui::RichText::new(format!("{} has", s.player_word())).strong());
        ui.label(scene.carried.join(", "));
        ui.separator();
    }
    if let Some(why) = &refusal.0 {
        ui.label(egui::RichText::new(format!("Can't: {why}")).color(AMBER));
    }
    if !sim.is_idle() {
        ui.label(egui::RichText::new(format!("{} is busy…", s.player_word())).italics());
    }
    actions::action_panel(ui, shown, changed, &scene);
}
