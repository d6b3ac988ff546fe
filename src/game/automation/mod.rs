//! Playing and measuring without a player: the capture mode (a script played, screenshots
//! saved), its synthetic mouse, and frame-time measurement.

pub mod capture;
pub mod measure;
pub mod pointer;

use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.add_plugins((capture::plugin, pointer::plugin, measure::plugin));
}
