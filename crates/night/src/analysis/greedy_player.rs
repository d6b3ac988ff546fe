//! A player that takes, at each turn, what looks most eventful: a ringing phone here or next
//! door, telling someone a fact they do not believe yet, then talking on a topic not yet
//! raised, then doing things with items and phones, then going somewhere new; waiting comes
//! last. Ties are broken by its own seeded
//! generator, so it is a different player per seed. For autoplay, where it reaches the parts
//! of a scenario a uniformly random player rarely does.

use super::random_player::{RandomNight, play_with};
use crate::scenario::Scenario;
use crate::scenario::model::LocId;
use crate::sim::{Action, Sim};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::collections::HashSet;

/// Plays a night from `start` with `seed` for the night and `player_seed` for the tie-breaks,
/// taking at most `max_actions` actions (then letting the clock run to the end).
pub fn play(
    scenario: &Scenario,
    start: usize,
    seed: u64,
    player_seed: u64,
    max_actions: usize,
) -> RandomNight {
    let mut rng = ChaCha8Rng::seed_from_u64(player_seed);
    let mut done: HashSet<Action> = HashSet::new();
    let mut visited: HashSet<LocId> = HashSet::new();
    play_with(scenario, start, seed, max_actions, |sim, available, _| {
        visited.insert(sim.harry_at());
        let choice = available
            .iter()
            .max_by_key(|a| score(sim, a, &done, &visited) * 1024 + rng.next_u64() % 1024)
            .expect("play_with offers at least one action")
            .clone();
        done.insert(choice.clone());
        choice
    })
}

/// How eventful an action looks; an action already taken counts for little.
fn score(sim: &Sim, action: &Action, done: &HashSet<Action>, visited: &HashSet<LocId>) -> u64 {
    let fresh = !done.contains(action);
    match action {
        // The phone that rings at four is the night's hinge; a phone ringing next door (the
        // map shows it) is worth going to.
        Action::Answer => 10,
        Action::Go { to, .. } if sim.location_state(*to).ringing => 10,
        Action::Tell { who, fact } if !sim.believes(*who, *fact) => 9,
        Action::TellAll { .. } if fresh => 9,
        Action::Talk { .. } if fresh => 8,
        Action::Call { .. } if fresh => 6,
        Action::Ask { .. } | Action::Give { .. } | Action::Take { .. } if fresh => 5,
        Action::Go { to, .. } if !visited.contains(to) => 5,
        Action::Use { .. } if fresh => 4,
        Action::WaitForSomething => 3,
        Action::Go { .. } => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::film;

    #[test]
    fn the_greedy_player_is_deterministic_and_tells_what_it_learns() {
        let s = film();
        let start = s.start_index("the_call").unwrap();
        let a = play(&s, start, 1, 7, 200);
        let b = play(&s, start, 1, 7, 200);
        assert_eq!(a.actions, b.actions);
        assert!(a.sim.is_over());
        // Over a few players, some hear the call and pass the news on, and the nights differ.
        let nights: Vec<RandomNight> = (0..10).map(|p| play(&s, start, 1, p, 200)).collect();
        assert!(
            nights.iter().any(|n| n
                .actions
                .iter()
                .any(|a| matches!(a, Action::Tell { .. } | Action::TellAll { .. }))),
            "no greedy player told anyone anything"
        );
        let ways: HashSet<&Vec<Action>> = nights.iter().map(|n| &n.actions).collect();
        assert!(ways.len() >= 2, "ten greedy players all played alike");
    }
}
