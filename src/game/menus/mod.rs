//! The windows over the night: the pause menu, the notebook and the endings gallery.

pub mod gallery;
pub mod notebook;
pub mod pause;

use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.add_plugins((pause::plugin, notebook::plugin, gallery::plugin));
}
