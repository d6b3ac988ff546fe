//! The player's settings: the pace, text size, volume and contrast (kept in `settings.ron`).

use crate::game::night::pace::Pace;
use bevy::prelude::*;

/// The player's settings that shape play, kept in `settings.ron`.
#[derive(Resource, Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub pace: Pace,
    /// Multiplier for all text.
    pub text_scale: f32,
    /// 0.0 to 1.0.
    pub volume: f32,
    pub high_contrast: bool,
}

impl Settings {
    /// The text sizes the game offers (a multiplier).
    pub const TEXT_SCALES: std::ops::RangeInclusive<f32> = 0.8..=1.8;
    /// The volumes the game offers.
    pub const VOLUMES: std::ops::RangeInclusive<f32> = 0.0..=1.0;

    /// Keeps values read from a file within what the game offers.
    pub fn clamped(mut self) -> Settings {
        let default = Settings::default();
        self.text_scale = within(self.text_scale, &Settings::TEXT_SCALES, default.text_scale);
        self.volume = within(self.volume, &Settings::VOLUMES, default.volume);
        self
    }
}

/// `value` brought into `range`; `default` if it is not a number.
fn within(value: f32, range: &std::ops::RangeInclusive<f32>, default: f32) -> f32 {
    if value.is_finite() {
        value.clamp(*range.start(), *range.end())
    } else {
        default
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pace: Pace::Brisk,
            text_scale: 1.0,
            volume: 0.7,
            high_contrast: false,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
}
