//! Widgets shared by the game's windows.

use bevy_egui::egui;

/// A window over the middle of the screen with a close button (the notebook, the gallery).
pub fn overlay_window<'a>(title: &str, open: &'a mut bool, width: f32) -> egui::Window<'a> {
    egui::Window::new(title.to_owned())
        .id(egui::Id::new(title))
        .open(open)
        .collapsible(false)
        .default_width(width)
        .default_height(460.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
}
