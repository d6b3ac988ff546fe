//! The pause menu: resume, the settings (pace, volume, text size, contrast), back to the
//! title, quit.

use crate::game::night::pace::Pace;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::palette::AMBER;
use bevy::prelude::*;
use bevy_egui::egui;

/// While paused: resume, the settings, back to the title, quit.
pub fn pause_menu(
    ctx: &egui::Context,
    settings: &mut Settings,
    next: &mut NextState<Screen>,
    exit: &mut MessageWriter<AppExit>,
) {
    let scale = settings.text_scale;
    egui::Window::new("paused")
        .title_bar(false)
        .anchor(egui::Align2::CENTER_CENTER, [-210.0, 0.0])
        .resizable(false)
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new("PAUSED")
                        .size(30.0 * scale)
                        .color(AMBER),
                );
                if ui
                    .button(egui::RichText::new("[Space / Esc] Resume").size(18.0 * scale))
                    .clicked()
                {
                    settings.paused = false;
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                ui.label("Pace:");
                for pace in Pace::ALL {
                    ui.selectable_value(&mut settings.pace, pace, pace.label());
                }
            });
            ui.add(egui::Slider::new(&mut settings.volume, 0.0..=1.0).text("Volume"));
            ui.add(egui::Slider::new(&mut settings.text_scale, 0.8..=1.8).text("Text size"));
            ui.checkbox(
                &mut settings.high_contrast,
                "High contrast (no red against green)",
            );
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Leave this night (title)").clicked() {
                    settings.paused = false;
                    next.set(Screen::Title);
                }
                if ui.button("Quit").clicked() {
                    exit.write(AppExit::Success);
                }
            });
        });
}
