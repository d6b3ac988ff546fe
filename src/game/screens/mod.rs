//! The game's screens as one state: title, the night, the ending, and an error screen for a
//! scenario that cannot be read.

mod ending;
mod error;
mod title;

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Night,
    Ending,
    Error,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_systems(Startup, (spawn_camera, show_error_if_unreadable))
        .add_plugins((title::plugin, ending::plugin, error::plugin));
}

/// The one camera: the map draws through it and egui attaches to it.
fn spawn_camera(mut commands: Commands) {
    // No multisampling: under software rendering it multiplies the cost of every pixel, and
    // the map's lines read as well without it.
    commands.spawn((
        Name::new("Camera"),
        Camera2d,
        Msaa::Off,
        super::map::MapCamera,
    ));
}

fn show_error_if_unreadable(options: Res<super::GameOptions>, mut next: ResMut<NextState<Screen>>) {
    if options.scenario.is_err() {
        next.set(Screen::Error);
    }
}
