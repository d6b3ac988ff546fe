//! The title screen: begin a night from the afternoon or from 03:50, set the pace, quit.

use super::Screen;
use crate::game::GameOptions;
use crate::game::night_state::{BeginNight, Settings, fresh_seed};
use crate::game::pace::Pace;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
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
    options.seed.unwrap_or_else(fresh_seed)
}

fn title_screen(
    mut contexts: EguiContexts,
    options: Res<GameOptions>,
    mut settings: ResMut<Settings>,
    mut begin: MessageWriter<BeginNight>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
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
    egui::Window::new("title")
        .title_bar(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .resizable(false)
        .min_width(560.0)
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new(title.to_uppercase())
                        .size(44.0 * settings.text_scale)
                        .color(egui::Color32::from_rgb(255, 110, 190)),
                );
                ui.add_space(8.0);
                ui.label(egui::RichText::new(intro).size(15.0 * settings.text_scale));
                ui.add_space(16.0);
                for (i, label) in starts(&options) {
                    let text = format!("[{}]  New night: {label}", i + 1);
                    if ui
                        .button(egui::RichText::new(text).size(20.0 * settings.text_scale))
                        .clicked()
                    {
                        begin.write(BeginNight {
                            start: i,
                            seed: seed_for(&options),
                        });
                    }
                }
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    ui.label("Pace:");
                    for pace in Pace::ALL {
                        ui.selectable_value(&mut settings.pace, pace, pace.label());
                    }
                });
                ui.add(egui::Slider::new(&mut settings.volume, 0.0..=1.0).text("Volume"));
                ui.horizontal(|ui| {
                    ui.checkbox(&mut settings.high_contrast, "High contrast");
                    ui.add(
                        egui::Slider::new(&mut settings.text_scale, 0.8..=1.8).text("Text size"),
                    );
                });
                ui.add_space(12.0);
                if ui
                    .button(egui::RichText::new("[Q]  Quit").size(18.0 * settings.text_scale))
                    .clicked()
                {
                    exit.write(AppExit::Success);
                }
            });
        });
    Ok(())
}

fn title_keys(
    keys: Res<ButtonInput<KeyCode>>,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut exit: MessageWriter<AppExit>,
) {
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
    if keys.just_pressed(KeyCode::KeyQ) {
        exit.write(AppExit::Success);
    }
}
