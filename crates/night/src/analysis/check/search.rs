//! The searches toward an ending (or a part) not found yet: earliest first by what leads to it,
//! then exactly around the nearest situations.

use super::*;
use crate::analysis::explore::{Exploration, Newness, Origin, Step};
use crate::analysis::nearness::Nearness;
use crate::analysis::target::Target;
use crate::scenario::Scenario;
use crate::sim::Sim;

/// How many searches toward endings or parts not seen run side by side: fixed, not the
/// number of cores, so that the report is the same on every machine.
pub(super) const SEARCHES_AT_ONCE: usize = 2;

/// How many steps back from an ending's condition [`Nearness`] looks.
pub(super) const NEARNESS_DEPTH: u32 = 8;

/// How many of the situations nearest to an ending not found are explored around.
pub(super) const NEAREST_EXPLORED: usize = 3;

/// How many of the last choices on the way to a situation near an ending are explored from.
pub(super) const CHOICES_EXPLORED: usize = 8;

/// Searches `start` toward `target` (see [`Exploration::run_toward`]) within `states`, with
/// atoms (then, toward an ending, pairs of atoms). If an ending is still not reached,
/// explores exactly, with waits timed to the minute, from the last few choices on the way to
/// each of the situations nearest to it: an ending that needs the right minute at the end of
/// a long plan (lifting off late enough for the pulse) lies just beside a situation that has
/// everything else.
pub(super) fn search_toward(
    s: &Scenario,
    start: usize,
    target: Target,
    states: usize,
    options: CheckOptions,
    say: &(impl Fn(&str, usize) + Sync),
) -> Found {
    let (id, name) = (&s.starts[start].id, target.name(s));
    let mut found = Found::new(s);
    let reached = |found: &Found| match target {
        Target::Ending(e) => found.seen.found(e),
        _ => target.seen_in(&found.coverage),
    };
    let (goal, owner) = target.conditions(s);
    let near = Nearness::toward(s, goal, owner, NEARNESS_DEPTH);
    // What is new in atoms, then (toward an ending) in pairs of atoms: wider, slower.
    let widths: &[u8] = match target {
        Target::Ending(_) => &[1, 2],
        _ => &[1],
    };
    let mut runs = Vec::new();
    for &width in widths {
        let run = Exploration::run_toward(s, start, target, &near, width, bound(states), |n| {
            say(&format!("searching `{id}` toward {name}"), n)
        });
        found.note(&run, start);
        runs.push(run);
        if reached(&found) {
            return found;
        }
    }
    if !matches!(target, Target::Ending(_)) {
        return found;
    }
    for path in nearest(s, start, &near, &runs) {
        if reached(&found) {
            break;
        }
        let mut prefixes = choice_prefixes(&path);
        prefixes.push(path);
        for prefix in prefixes.into_iter().rev().take(CHOICES_EXPLORED) {
            let run = Exploration::run_novel(
                s,
                start,
                Origin::after(prefix, true),
                Newness {
                    width: 1,
                    period: 2,
                },
                bound(options.local_states),
                |n| say(&format!("searching `{id}` near {name}"), n),
            );
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
            judge.set_state(run.state(i).clone());
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
