//! What the player sees where they stand, in words: the place and how it is now, its panic,
//! who is here, what lies here and what the player carries. The terminal and the window both
//! show this, each in its own way, so what a scene holds is decided once.

use crate::scenario::model::{Minute, Place};
use crate::sim::{Action, Owner, Sim};

/// The scene around the player now.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The place's name.
    pub place: String,
    /// How the place is now: its state's text, or its description when the state has none.
    pub text: String,
    /// Panic here (0 to 100).
    pub panic: u8,
    pub people: Vec<Person>,
    /// Names of the things lying here.
    pub lying_here: Vec<String>,
    /// Names of the things the player carries.
    pub carried: Vec<String>,
}

/// Someone the player can see.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub name: String,
    /// What their state says of them now (may be empty).
    pub doing: String,
    /// They go with the player.
    pub with_player: bool,
}

impl Scene {
    pub fn of(sim: &Sim) -> Scene {
        let s = sim.scenario();
        let here = sim.harry_at();
        let place = &s.locations[here as usize];
        let state_text = &sim.location_state(here).text;
        let items_held_by = |owner: Owner| -> Vec<String> {
            (0..s.items.len() as u16)
                .filter(|&i| sim.holder(i) == owner)
                .map(|i| s.items[i as usize].name.clone())
                .collect()
        };
        Scene {
            place: place.name.clone(),
            text: if state_text.is_empty() {
                place.description.clone()
            } else {
                state_text.clone()
            },
            panic: sim.panic(here),
            people: sim
                .present()
                .into_iter()
                .map(|c| {
                    let state = sim.character_state(c);
                    Person {
                        name: s.characters[c as usize].name.clone(),
                        doing: state.description.clone(),
                        with_player: state.place == Place::WithHarry,
                    }
                })
                .collect(),
            lying_here: items_held_by(Owner::At(here)),
            carried: items_held_by(Owner::Held(s.player)),
        }
    }
}

/// Minutes an action takes now when that depends on the way (a trip: its route and mode), for
/// the list of actions.
pub fn trip_minutes(sim: &Sim, action: &Action) -> Option<Minute> {
    match action {
        Action::Go { to, mode } => sim.route_to(*to, *mode).map(|(_, minutes)| minutes),
        _ => None,
    }
}
