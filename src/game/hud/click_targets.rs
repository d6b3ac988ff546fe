//! Where the clickable things were drawn this frame: the panels and the map record them as
//! they draw, and the capture's mouse mode clicks by them, as a player would.

use bevy::prelude::*;
use bevy_egui::egui;
use night::sim::Action;

/// Where the clickable things were drawn this frame, in window coordinates: what a pointer
/// would click to choose each action, the named buttons, and the part of the window the map
/// shows through. The capture's mouse mode clicks by these, as a player would.
#[derive(Resource, Default, Debug)]
pub struct ClickTargets {
    /// The action panel's buttons that are in view.
    pub panel: Vec<(Action, egui::Rect)>,
    /// The panel's buttons that open the list an action is in (a person's), in view.
    pub openers: Vec<(Action, egui::Rect)>,
    /// The buttons of the selected place's route card.
    pub card: Vec<(Action, egui::Rect)>,
    /// Other buttons by name ("start:ID", "notebook", "continue").
    pub named: Vec<(String, egui::Rect)>,
    /// The map's free area between the panels.
    pub map_area: Option<egui::Rect>,
    /// Scroll the action panel to bring this action's button into view.
    pub scroll_to: Option<Action>,
}

impl ClickTargets {
    pub fn named(&self, name: &str) -> Option<egui::Rect> {
        self.named.iter().find(|(n, _)| n == name).map(|(_, r)| *r)
    }

    /// Remembers where a named button was drawn.
    pub fn remember(&mut self, name: &str, response: &egui::Response) {
        self.named.retain(|(n, _)| n != name);
        self.named.push((name.to_owned(), response.rect));
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<ClickTargets>();
}
