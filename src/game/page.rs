//! In the browser: scenario files the player dropped onto the page or picked with its file
//! chooser (see `crate::web`). One that loads becomes the scenario played, from its title
//! screen; one with errors shows its diagnostics in the game (as a reload with errors does)
//! and the scenario that was playing plays on.

use super::GameOptions;
use super::reload::Reload;
use super::screens::Screen;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, take_opened_scenarios);
}

fn take_opened_scenarios(
    mut options: ResMut<GameOptions>,
    mut reload: ResMut<Reload>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some((name, result)) = crate::web::take_opened() else {
        return;
    };
    match result {
        Ok(scenario) => {
            info!("opened {name}: {}", scenario.title);
            reload.news = Some(format!("Opened {name}: {}.", scenario.title));
            reload.errors = None;
            options.scenario = Ok(scenario);
            options.start = 0;
            next.set(Screen::Title);
        }
        Err(diagnostics) => {
            warn!("{name} has errors; the scenario that was playing plays on");
            reload.news = Some(format!("{name} could not be opened."));
            reload.errors = Some(diagnostics);
        }
    }
}
