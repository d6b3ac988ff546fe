//! The pause menu: resume, the settings (pace, volume, text size, contrast), back to the
//! title, quit.

use crate::game::night::pace::Pace;
use crate::game::night::pause::Pause;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::palette::AMBER;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        pause_menu.run_if(in_state(Pause::Paused)),
    );
}

/// While paused: resume, the settings, back to the title, quit.
fn pause_menu(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    mut pause: ResMut<NextState<Pause>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let settings = &mut *settings;
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
                    pause.set(Pause::Running);
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                ui.label("Pace:");
                for pace in Pace::ALL {
                    ui.selectable_value(&mut settings.pace, pace, pace.label());
                }
            });
            ui.add(egui::Slider::new(&mut settings.volume, Settings::VOLUMES).text("Volume"));
            ui.add(
                egui::Slider::new(&mut settings.text_scale, Settings::TEXT_SCALES)
                    .text("Text size"),
            );
            ui.checkbox(
                &mut settings.high_contrast,
                "High contrast (no red against green)",
            );
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Leave this night (title)").clicked() {
                    next.set(Screen::Title);
                }
                if ui.button("Quit").clicked() {
                    exit.write(AppExit::Success);
                }
            });
        });
    Ok(())
}
