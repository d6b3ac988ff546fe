//! Late-80s Los Angeles at night: sodium-orange streets, neon landmarks, a blue-black sky.
//! Two palettes: the default, and a high-contrast one that never relies on red versus green.

use bevy::color::Color;
use bevy_egui::egui::Color32;

pub const NIGHT_SKY: Color = Color::srgb(0.03, 0.035, 0.07);

/// The panels' colours (egui): the clock and warnings, neon pink for places and titles, cyan
/// for what the map has selected, gold for endings, red for the countdown.
pub const AMBER: Color32 = Color32::from_rgb(255, 176, 64);
pub const PINK: Color32 = Color32::from_rgb(255, 110, 190);
pub const CYAN: Color32 = Color32::from_rgb(110, 220, 240);
pub const GOLD: Color32 = Color32::from_rgb(255, 200, 90);
pub const ALARM_RED: Color32 = Color32::from_rgb(255, 70, 70);

/// Colours of the map, chosen as a set so a palette switch changes them all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub major_street: Color,
    pub minor_street: Color,
    pub route: Color,
    pub landmark: Color,
    pub landmark_here: Color,
    pub player: Color,
    pub person: Color,
    /// Panic glow, from calm to full.
    pub panic_low: Color,
    pub panic_high: Color,
    pub label: Color,
}

pub const NEON: Palette = Palette {
    major_street: Color::srgb(0.95, 0.55, 0.15),
    minor_street: Color::srgb(0.45, 0.28, 0.12),
    route: Color::srgba(0.55, 0.55, 0.75, 0.35),
    landmark: Color::srgb(0.35, 0.85, 0.95),
    landmark_here: Color::srgb(1.0, 0.35, 0.75),
    player: Color::srgb(1.0, 1.0, 0.85),
    person: Color::srgb(0.75, 0.8, 1.0),
    panic_low: Color::srgba(1.0, 0.6, 0.1, 0.25),
    panic_high: Color::srgba(1.0, 0.1, 0.1, 0.9),
    label: Color::srgb(0.9, 0.9, 0.95),
};

/// High contrast: white, yellow and blue on black; panic runs from blue to bright yellow.
pub const HIGH_CONTRAST: Palette = Palette {
    major_street: Color::srgb(1.0, 1.0, 1.0),
    minor_street: Color::srgb(0.6, 0.6, 0.6),
    route: Color::srgba(0.7, 0.7, 0.7, 0.6),
    landmark: Color::srgb(1.0, 0.9, 0.0),
    landmark_here: Color::srgb(0.3, 0.6, 1.0),
    player: Color::srgb(1.0, 1.0, 1.0),
    person: Color::srgb(0.3, 0.75, 1.0),
    panic_low: Color::srgba(0.2, 0.4, 1.0, 0.4),
    panic_high: Color::srgba(1.0, 1.0, 0.0, 1.0),
    label: Color::srgb(1.0, 1.0, 1.0),
};

impl Palette {
    pub fn get(high_contrast: bool) -> &'static Palette {
        if high_contrast { &HIGH_CONTRAST } else { &NEON }
    }

    /// The glow of a street at a panic level 0..=100.
    pub fn panic(&self, level: u8) -> Color {
        let t = f32::from(level) / 100.0;
        self.panic_low.mix(&self.panic_high, t)
    }
}

use bevy::color::Mix;
