//! A player that picks uniformly among the available actions with its own seeded generator
//! (for benchmarks, property tests and autoplay), and the loop every computer player plays in.

use crate::scenario::Scenario;
use crate::session::Session;
use crate::sim::{Action, Event, Sim};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// One whole night played by a random player: the actions taken and every event.
pub struct RandomNight {
    pub sim: Sim,
    pub actions: Vec<Action>,
    pub events: Vec<Event>,
}

/// Plays a night from `start` with `seed` for the night and `player_seed` for the choices,
/// taking at most `max_actions` actions (then letting the clock run to the end).
pub fn play(
    scenario: &Scenario,
    start: usize,
    seed: u64,
    player_seed: u64,
    max_actions: usize,
) -> RandomNight {
    let mut rng = ChaCha8Rng::seed_from_u64(player_seed);
    play_with(scenario, start, seed, max_actions, |_, available, _| {
        available[(rng.next_u64() % available.len() as u64) as usize].clone()
    })
}

/// A night played by a computer player: `choose` picks one of the actions on offer (never
/// called with none) whenever Harry is free, seeing what happened since its last choice; the
/// clock waits for it.
pub fn play_with(
    scenario: &Scenario,
    start: usize,
    seed: u64,
    max_actions: usize,
    mut choose: impl FnMut(&Sim, &[Action], &[Event]) -> Action,
) -> RandomNight {
    let mut session = Session::begin(scenario, seed, start);
    let mut seen = 0;
    while !session.sim().is_over() && session.actions().len() < max_actions {
        let available = session.sim().actions();
        if available.is_empty() {
            session.advance_minute();
            continue;
        }
        let choice = choose(session.sim(), &available, &session.events()[seen..]);
        seen = session.events().len();
        if let Err(e) = session.act_and_settle(&choice) {
            panic!("the sim offered an action it then refused: {e}");
        }
    }
    while !session.sim().is_over() {
        session.advance_to(session.sim().now() + 60);
    }
    let (sim, events, actions) = session.into_parts();
    RandomNight {
        sim,
        events,
        actions: actions.into_iter().map(|(_, a)| a).collect(),
    }
}
