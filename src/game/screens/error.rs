//! A scenario that cannot be read shows its diagnostics instead of crashing the game.

use crate::game::GameOptions;
use crate::game::screens::Screen;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        error_screen.run_if(in_state(Screen::Error)),
    );
}

fn error_screen(
    mut contexts: EguiContexts,
    options: Res<GameOptions>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let text = options.scenario.as_ref().err().cloned().unwrap_or_default();
    egui::Window::new("The scenario cannot be played")
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .default_width(900.0)
        .show(ctx, |ui| {
            ui.label(if options.scenario_path.is_some() {
                "Fix these and save the file: the game loads it as soon as it is right \
                 (`miracle-mile check FILE` says the same on the command line)."
            } else {
                "Fix these and start the game again (or check the file with `miracle-mile check FILE`):"
            });
            egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(text).monospace()).wrap());
            });
            if ui.button("Quit").clicked() {
                exit.write(AppExit::Error(std::num::NonZero::<u8>::MIN));
            }
        });
    Ok(())
}
