//! In the browser: scenario files the player dropped onto the page or picked with its file
//! chooser (see `crate::web`). One that loads becomes the scenario played, from its title
//! screen; one with errors shows its diagnostics in the game (as a reload with errors does)
//! and the scenario that was playing plays on. A night's record is played back, as the
//! desktop's `--replay FILE` does. A city map (`NAME.city.ron`) is kept for the scenarios
//! that name it, and the city is drawn again on it.

use crate::game::GameOptions;
use crate::game::map::city::GivenCityMaps;
use crate::game::night::BeginNight;
use crate::game::night::playback::start_playback;
use crate::game::night::reload::Reload;
use crate::game::screens::Screen;
use crate::web::Opened;
use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, take_opened_scenarios);
}

fn take_opened_scenarios(
    mut commands: Commands,
    mut options: ResMut<GameOptions>,
    mut reload: ResMut<Reload>,
    mut next: ResMut<NextState<Screen>>,
    mut begin: MessageWriter<BeginNight>,
    mut given: ResMut<GivenCityMaps>,
) {
    let Some(opened) = crate::web::take_opened() else {
        return;
    };
    match opened {
        Opened::Scenario(name, Ok(scenario)) => {
            info!("opened {name}: {}", scenario.title);
            reload.news = Some(format!("Opened {name}: {}.", scenario.title));
            reload.errors = None;
            options.scenario = Ok(scenario);
            options.start = 0;
            next.set(Screen::Title);
        }
        Opened::Scenario(name, Err(diagnostics)) => {
            warn!("{name} has errors; the scenario that was playing plays on");
            reload.news = Some(format!("{name} could not be opened."));
            reload.errors = Some(diagnostics);
        }
        Opened::CityMap(name, Ok(map)) => {
            info!("opened the city map {name}");
            reload.news = Some(format!(
                "Opened the city map {name}: scenarios with `map: \"{name}\"` are drawn on it."
            ));
            reload.errors = None;
            given.insert(name, map);
        }
        Opened::CityMap(name, Err(why)) => {
            warn!("the city map {name} has errors");
            reload.news = Some(format!("The city map {name} could not be opened."));
            reload.errors = Some(why);
        }
        Opened::Record(name, record) => {
            let resolved = match &options.scenario {
                Ok(scenario) => record.resolve(scenario),
                Err(_) => Err("no scenario is playing".into()),
            };
            match resolved {
                Ok(resolved) => {
                    info!("playing back {name}");
                    reload.news = Some(format!(
                        "Playing back {name}: choose any action to take over."
                    ));
                    reload.errors = None;
                    start_playback(&mut commands, &mut begin, resolved.replay);
                }
                Err(why) => {
                    warn!("{name} cannot be played back: {why}");
                    reload.news = Some(format!("{name} cannot be played back here."));
                    reload.errors = Some(why);
                }
            }
        }
    }
}
