//! The game's screens as one state: title, the night being played, the ending, and an error screen for a
//! scenario that cannot be read.

mod ending;
mod error;
mod title;

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    /// A night being played.
    Playing,
    Ending,
    Error,
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_systems(Startup, show_error_if_unreadable)
        .add_plugins((title::plugin, ending::plugin, error::plugin));
}

fn show_error_if_unreadable(
    options: Res<crate::game::GameOptions>,
    mut next: ResMut<NextState<Screen>>,
) {
    if options.scenario.is_err() {
        next.set(Screen::Error);
    }
}
