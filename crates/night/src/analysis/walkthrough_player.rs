//! A player who has read a walkthrough (a script of actions, such as the film's own night) and
//! tries to play it, but is human: now and then it does something else on offer, and then
//! picks the walkthrough up again where it can. For autoplay, where it shows how forgiving the
//! walkthrough's path is, and what the night makes of a player who strays from it.

use super::random_player::{RandomNight, play_with};
use crate::scenario::Scenario;
use crate::scenario::model::LocId;
use crate::sim::{Action, Sim};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// The share of choices in which the player strays from the walkthrough, in percent.
pub const STRAY_PERCENT: u64 = 8;

/// How many steps of the walkthrough it looks ahead for one it can take now (a step that was
/// done by straying, or that the night no longer offers, is skipped).
const LOOK_AHEAD: usize = 4;

/// Plays a night from `start` with `seed` for the night and `player_seed` for its lapses,
/// following `walkthrough`, taking at most `max_actions` actions.
pub fn play(
    scenario: &Scenario,
    start: usize,
    seed: u64,
    player_seed: u64,
    max_actions: usize,
    walkthrough: &[Action],
) -> RandomNight {
    let mut rng = ChaCha8Rng::seed_from_u64(player_seed);
    let mut next = 0;
    play_with(scenario, start, seed, max_actions, |sim, available, _| {
        let random = |rng: &mut ChaCha8Rng| {
            available[(rng.next_u64() % available.len() as u64) as usize].clone()
        };
        if rng.next_u64() % 100 < STRAY_PERCENT {
            return random(&mut rng);
        }
        let ahead = walkthrough.len().min(next + LOOK_AHEAD);
        if let Some(i) = (next..ahead).find(|&i| sim.check(&walkthrough[i]).is_ok()) {
            next = i + 1;
            return walkthrough[i].clone();
        }
        // Off its path: it makes its way to where the walkthrough goes next.
        let target = walkthrough[next..].iter().find_map(|a| match a {
            Action::Go { to, .. } => Some(*to),
            _ => None,
        });
        if let Some(step) = target.and_then(|to| first_step(sim, to))
            && let Some(go) = available
                .iter()
                .find(|a| matches!(a, Action::Go { to, .. } if *to == step))
        {
            return go.clone();
        }
        random(&mut rng)
    })
}

/// The first place on the shortest way (in metres) from Harry's place to `to`, if any.
fn first_step(sim: &Sim, to: LocId) -> Option<LocId> {
    let s = sim.scenario();
    let from = sim.harry_at();
    if from == to {
        return None;
    }
    // Dijkstra from `to` outwards, so that each place learns its distance to `to`; Harry's
    // best first step is then the neighbour closest to `to`.
    let n = s.locations.len();
    let mut dist = vec![u64::MAX; n];
    let mut done = vec![false; n];
    dist[to as usize] = 0;
    for _ in 0..n {
        let Some(u) = (0..n)
            .filter(|&u| !done[u] && dist[u] < u64::MAX)
            .min_by_key(|&u| dist[u])
        else {
            break;
        };
        done[u] = true;
        for &r in &s.routes_from[u] {
            let route = &s.routes[r as usize];
            let v = route.other(u as LocId) as usize;
            dist[v] = dist[v].min(dist[u] + u64::from(route.metres));
        }
    }
    s.routes_from[from as usize]
        .iter()
        .map(|&r| {
            let route = &s.routes[r as usize];
            let v = route.other(from);
            (u64::from(route.metres).saturating_add(dist[v as usize]), v)
        })
        .filter(|&(d, _)| d < u64::MAX)
        .min()
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::film;
    use crate::sim::parse_script;

    fn film_walkthrough(s: &Scenario) -> Vec<Action> {
        let text = include_str!("../../../../tests/nights/film_into_the_tar.script");
        parse_script(text, s).unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
    }

    #[test]
    fn the_walkthrough_player_follows_the_film_and_sometimes_strays_from_it() {
        let s = film();
        let start = s.start_index("the_call").unwrap();
        let walkthrough = film_walkthrough(&s);
        // The film's own seed: the same player seed plays the same night.
        let nights: Vec<RandomNight> = (0..24)
            .map(|p| play(&s, start, 1, p, 300, &walkthrough))
            .collect();
        assert_eq!(
            play(&s, start, 1, 5, 300, &walkthrough).actions,
            nights[5].actions
        );
        let tar = s.ending_index("into_the_tar").unwrap();
        let reached = |n: &RandomNight| n.sim.outcome() == Some(crate::Outcome::Ending(tar));
        // Some players get all the way to the film's ending...
        assert!(
            nights.iter().any(reached),
            "no walkthrough player reached the tar"
        );
        // ...and some stray far enough to end elsewhere.
        assert!(
            nights.iter().any(|n| !reached(n)),
            "every walkthrough player ended in the tar: they never stray"
        );
    }

    #[test]
    fn the_first_step_is_on_the_shortest_way() {
        let s = film();
        let start = s.start_index("the_call").unwrap();
        // From the hotel the roof of 5900 Wilshire is streets away; from the tower's lobby it
        // is the next step, and from the lobby to itself there is no step.
        let mut sim = Sim::with_start(&s, 1, start);
        let helipad = s.location_index("helipad").unwrap();
        let tower = s.location_index("mutual_benefit").unwrap();
        let step = first_step(&sim, helipad).expect("the roof can be reached from the hotel");
        assert_ne!(step, helipad);
        assert!(
            sim.route_to(step, crate::scenario::model::Mode::Walk)
                .is_some()
        );
        let mut state = sim.state().clone();
        state.harry_at = tower;
        sim.set_state(state);
        assert_eq!(first_step(&sim, helipad), Some(helipad));
        assert_eq!(first_step(&sim, tower), None);
    }
}
