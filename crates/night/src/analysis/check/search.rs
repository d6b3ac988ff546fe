//! The searches toward an ending (or a part) not found yet: earliest first by what leads to it,
//! then exactly around the nearest situations.

use super::*;
use crate::analysis::explore::{Exploration, Newness, Origin, Pursuit, Step};
use crate::analysis::nearness::Nearness;
use crate::analysis::target::Target;
use crate::scenario::Scenario;
use crate::sim::Sim;

/// How many searches toward endings or parts not seen run side by side: fixed, not the
/// number of cores, so that the report is the same on every machine.
pub(super) const SEARCHES_AT_ONCE: usize = 2;

/// The searches toward the parts of the scenario no search has seen, from one start, share
/// this many times the bound of one (`search_states`): a night with hundreds of parts unseen
/// (a broken variant, small bounds) gets an answer in a time its bounds set, while the film's
/// few take far less than this.
pub(super) const PART_SEARCHES_SHARE: usize = 16;

/// How many steps back from an ending's condition [`Nearness`] looks.
pub(super) const NEARNESS_DEPTH: u32 = 8;

/// How many of the situations nearest to an ending not found are explored around.
pub(super) const NEAREST_EXPLORED: usize = 3;

/// How many of the last choices on the way to a situation near an ending are explored from.
pub(super) const CHOICES_EXPLORED: usize = 8;

/// The searches toward an ending, one after another until it is reached: narrow first (few
/// situations a minute, what is new in atoms), then wider (see [`Pursuit`]); the last goes on
/// to the bound, in pairs of atoms: a search that ran dry proves nothing, and the earlier
/// ones' running dry is what sends it on to the next.
pub(super) fn toward_an_ending() -> Vec<Pursuit> {
    let mut out: Vec<Pursuit> = BEAMS.iter().map(|&beam| toward_a_part(beam)).collect();
    out.push(Pursuit {
        width: 2,
        to_the_bound: true,
        per_minute: BEAMS[BEAMS.len() - 1],
    });
    out
}

/// The search toward a part of the scenario no search has seen, `beam` situations a minute.
/// It stops when it runs dry: for a part, that is an answer good enough for a warning, and far
/// cheaper (the film has a hundred parts).
pub(super) fn toward_a_part(beam: usize) -> Pursuit {
    Pursuit {
        width: 1,
        to_the_bound: false,
        per_minute: beam,
    }
}

/// The situations a minute of the searches toward a target, narrowest first. Toward the film's
/// last endings the narrowest takes 15-26 thousand situations where the widest took 340-490
/// thousand; what lies off the way the nearness points is left to the wider ones.
pub(super) const BEAMS: [usize; 3] = [10, 50, 200];

/// Searches `start` toward `target` (see [`Exploration::run_toward`]) by each of `pursuits`
/// in turn until it is reached, all of them within `states`. If an ending is still not reached,
/// explores exactly, with waits timed to the minute (each exploration within the options'
/// local bound, all of them within `states` more), from the last few choices on the way to
/// each of the situations nearest to it: an ending that needs the right minute at the end of
/// a long plan (lifting off late enough for the pulse) lies just beside a situation that has
/// everything else.
pub(super) fn search_toward(
    s: &Scenario,
    start: usize,
    target: Target,
    pursuits: &[Pursuit],
    states: usize,
    options: CheckOptions,
    say: &Watcher,
) -> Found {
    let (id, name) = (&s.starts[start].id, target.name(s));
    let mut found = Found::new(s);
    let reached = |found: &Found| match target {
        Target::Ending(e) => found.seen.found(e),
        _ => target.seen_in(&found.coverage),
    };
    let (goal, owner) = target.conditions(s);
    let near = Nearness::toward(s, goal, owner, NEARNESS_DEPTH);
    let mut runs = Vec::new();
    let phase = format!("searching `{id}` toward {name}");
    // The pursuits share `states`: the narrow ones are cheap, and what they leave goes to the
    // wider ones.
    let mut left = states;
    for &pursuit in pursuits {
        if say.stopped() || left == 0 {
            return found;
        }
        let run = Exploration::run_toward(s, start, target, &near, pursuit, bound(left), |n| {
            say.tell(&phase, n, left)
        });
        left = left.saturating_sub(run.len());
        found.note(&run, start);
        runs.push(run);
        if reached(&found) {
            return found;
        }
    }
    if !matches!(target, Target::Ending(_)) {
        return found;
    }
    let phase = format!("searching `{id}` near {name}");
    // The explorations around share one more `states`, so that small bounds bound them too
    // (by default they take a third of it at most).
    let mut left = states;
    for path in nearest(s, start, &near, &runs) {
        if reached(&found) || say.stopped() {
            break;
        }
        let mut prefixes = choice_prefixes(&path);
        prefixes.push(path);
        for prefix in prefixes.into_iter().rev().take(CHOICES_EXPLORED) {
            let states = options.local().min(left);
            if states == 0 {
                return found;
            }
            let run = Exploration::run_novel(
                s,
                start,
                Origin::after(prefix, true),
                Newness {
                    width: 1,
                    period: 2,
                },
                bound(states),
                |n| say.tell(&phase, n, states),
            );
            left = left.saturating_sub(run.len());
            found.note(&run, start);
        }
    }
    found
}

/// The ways to the few situations (the player free) nearest to an ending among those `runs`
/// found (see [`super::nearness::Measure`]), nearest first, then in the fewest actions.
pub(super) fn nearest(
    s: &Scenario,
    start: usize,
    near: &Nearness,
    runs: &[Exploration],
) -> Vec<Vec<Step>> {
    let mut judge = Sim::with_start_choosing(s, start, Vec::new());
    // (score, actions, run, state), nearest first.
    let mut top: Vec<(f32, u32, usize, u32)> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        for i in (0..run.len() as u32).filter(|&i| run.is_choice(i)) {
            judge.set_state(run.state(i));
            let (score, actions) = (near.measure(&judge).score, run.actions_to(i));
            let nearer =
                |t: &(f32, u32, usize, u32)| score > t.0 || (score == t.0 && actions < t.1);
            if top.len() < NEAREST_EXPLORED || top.last().is_some_and(nearer) {
                top.push((score, actions, r, i));
                top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                top.truncate(NEAREST_EXPLORED);
            }
        }
    }
    top.into_iter()
        .map(|(_, _, r, i)| runs[r].path_to(i))
        .collect()
}

/// The prefixes of `path` that end where the player chooses an action, shortest first.
///
/// An action is only ever taken where the player is free, so the steps before each action are
/// such a prefix: no replay is needed to find them.
pub(super) fn choice_prefixes(path: &[Step]) -> Vec<Vec<Step>> {
    (1..path.len())
        .filter(|&k| path[k].action.is_some())
        .map(|k| path[..k].to_vec())
        .collect()
}
