//! Pausing: a state of the playing screen. While paused the clock stands still and the
//! countdown does not tick; the menus draw the pause menu.

use crate::game::screens::Screen;
use bevy::prelude::*;

/// Whether the night runs or stands still. A sub-state of [`Screen::Playing`]: every night
/// begins running, and leaving the screen forgets it.
#[derive(SubStates, Clone, Copy, Default, Debug, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Playing)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

impl Pause {
    /// Paused if running, running if paused.
    pub fn toggled(self) -> Pause {
        match self {
            Pause::Running => Pause::Paused,
            Pause::Paused => Pause::Running,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.add_sub_state::<Pause>();
}
