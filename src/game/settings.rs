//! The player's settings: the pace, text size, volume and contrast (kept in `settings.ron`),
//! and whether the night is paused.

use crate::game::night::pace::Pace;
use bevy::prelude::*;

/// The player's settings that shape play; all but `paused` are kept in `settings.ron`.
#[derive(Resource, Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub pace: Pace,
    #[serde(skip)]
    pub paused: bool,
    /// Multiplier for all text.
    pub text_scale: f32,
    /// 0.0 to 1.0.
    pub volume: f32,
    pub high_contrast: bool,
}

impl Settings {
    /// Keeps values read from a file within what the game offers.
    pub fn clamped(mut self) -> Settings {
        self.text_scale = if self.text_scale.is_finite() {
            self.text_scale.clamp(0.8, 1.8)
        } else {
            1.0
        };
        self.volume = if self.volume.is_finite() {
            self.volume.clamp(0.0, 1.0)
        } else {
            0.7
        };
        self
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pace: Pace::Brisk,
            paused: false,
            text_scale: 1.0,
            volume: 0.7,
            high_contrast: false,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
}
