//! The ending: its title and text, a summary of the night, play again or return to the title.

use super::Screen;
use crate::game::GameOptions;
use crate::game::night_state::{BeginNight, Night, Settings, ending_of, fresh_seed};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        ending_screen.run_if(in_state(Screen::Ending)),
    )
    .add_systems(Update, ending_keys.run_if(in_state(Screen::Ending)));
}

fn ending_screen(
    mut contexts: EguiContexts,
    night: Res<Night>,
    settings: Res<Settings>,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let (title, text, kind) = match ending_of(&night) {
        Some(e) => (e.title.clone(), e.text.clone(), format!("{:?}", e.kind)),
        None => (
            "The day is over".into(),
            "No ending applies.".into(),
            "Other".into(),
        ),
    };
    egui::Window::new("ending")
        .title_bar(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
        .resizable(false)
        .default_width(640.0)
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new(title.to_uppercase())
                        .size(36.0 * settings.text_scale)
                        .color(egui::Color32::from_rgb(255, 200, 90)),
                );
                ui.label(egui::RichText::new(kind).italics());
                ui.add_space(8.0);
            });
            ui.label(egui::RichText::new(text).size(16.0 * settings.text_scale));
            ui.add_space(8.0);
            let sim = &night.sim;
            ui.label(format!(
                "{} — seed {}, {} actions, ended at {}.",
                sim.scenario().title,
                sim.seed(),
                night.record.len(),
                sim.clock()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let start = night.start;
                if ui.button("[R] Play again, same seed").clicked() {
                    begin.write(BeginNight {
                        start,
                        seed: sim.seed(),
                    });
                }
                if ui.button("[N] New night, new seed").clicked() {
                    begin.write(BeginNight {
                        start,
                        seed: options.seed.unwrap_or_else(fresh_seed),
                    });
                }
                if ui.button("[Esc] Title").clicked() {
                    next.set(Screen::Title);
                }
            });
        });
    Ok(())
}

fn ending_keys(
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<Night>,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut next: ResMut<NextState<Screen>>,
) {
    let start = night.start;
    if keys.just_pressed(KeyCode::KeyR) {
        begin.write(BeginNight {
            start,
            seed: night.sim.seed(),
        });
    } else if keys.just_pressed(KeyCode::KeyN) {
        begin.write(BeginNight {
            start,
            seed: options.seed.unwrap_or_else(fresh_seed),
        });
    } else if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}
