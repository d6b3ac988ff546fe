//! A witness: the way to something as script lines, with a seed that gives its chances, checked
//! by playing it as `text --script` does.

use super::*;
use crate::analysis::explore::Step;
use crate::scenario::Scenario;
use crate::scenario::model::EndingId;
use crate::sim::chance::{ChanceDraw, seed_gives};
use crate::sim::{Action, Outcome};

/// What a witness says when the analysis could not replay its own way (a script comment, so
/// that `text --script` plays it as nothing).
const UNREPLAYABLE: &str =
    "# the analysis could not replay the way it found here: please report this scenario";

/// The way `path` as script lines, with a seed that gives its chances (checked by playing
/// the script under that seed as `text --script` does, to `ending` when one is named).
pub(super) fn witness(
    s: &Scenario,
    start: usize,
    path: &[Step],
    seeds: u64,
    ending: Option<EndingId>,
) -> Witness {
    let Some((_, actions, draws)) = crate::analysis::explore::replay(s, start, path) else {
        // The explorer found this way by playing it, so it replays; if it ever does not, the
        // report must say so rather than show an empty way with a seed.
        return Witness {
            start: s.starts[start].id.clone(),
            seed: None,
            actions: vec![UNREPLAYABLE.to_owned()],
            chances: 0,
        };
    };
    let needed: Vec<ChanceDraw> = draws
        .into_iter()
        .filter(ChanceDraw::could_go_either_way)
        .collect();
    let seed = find_seed(s, &needed, seeds).filter(|&seed| match ending {
        Some(e) => plays_to(s, start, seed, &actions) == Some(Outcome::Ending(e)),
        None => true,
    });
    Witness {
        start: s.starts[start].id.clone(),
        seed,
        actions: actions.iter().map(|a| a.text(s)).collect(),
        chances: needed.len(),
    }
}

/// The first seed under which every draw comes out as it did; the unlikeliest outcomes are
/// tested first, so most seeds are rejected after one draw.
pub fn find_seed(s: &Scenario, draws: &[ChanceDraw], seeds: u64) -> Option<u64> {
    let mut order = draws.to_vec();
    let likelihood = |d: &ChanceDraw| {
        if d.hit {
            d.probability
        } else {
            1.0 - d.probability
        }
    };
    order.sort_by(|a, b| likelihood(a).total_cmp(&likelihood(b)));
    (0..seeds).find(|&seed| seed_gives(s, seed, &order))
}

/// How a night played as `text --script` plays it (each action, then on until the player is
/// free) ends under `seed`.
pub fn plays_to(s: &Scenario, start: usize, seed: u64, actions: &[Action]) -> Option<Outcome> {
    let mut session = crate::Session::begin(s, seed, start);
    for a in actions {
        session.act_and_settle(a).ok()?;
    }
    session.sim().outcome()
}
