//! Dead ends: the situations from which only losses remain, the nearest first, each with its
//! way there.

use super::*;
use crate::analysis::explore::{Exploration, Futures, Origin, Step};
use crate::scenario::Scenario;
use crate::scenario::model::{EndingId, EndingKind};
use crate::sim::Outcome;

/// How many dead ends the exact exploration of a start reports, the nearest first.
pub(super) const DEAD_ENDS_SHOWN: usize = 3;

/// In the exact exploration, the situations (the player free) from which only losses can
/// follow, all of whose future was explored, entered from one that still had a chance: the
/// moments a night becomes hopeless. The few reached in the fewest actions, each with its way.
pub(super) fn dead_ends_in(s: &Scenario, run: &Exploration, seeds: u64) -> Vec<DeadEnd> {
    let futures = run.futures(s);
    let hopeless = |i: u32| futures[i as usize] == Futures::LOSS;
    let mut entries: Vec<u32> = (0..run.len() as u32)
        .filter(|&i| run.is_choice(i) && hopeless(i))
        .filter(|&i| run.parent(i).is_none_or(|p| !hopeless(p)))
        .collect();
    entries.sort_by_key(|&i| (run.actions_to(i), run.now(i)));
    entries
        .into_iter()
        .take(DEAD_ENDS_SHOWN)
        .filter_map(|i| {
            let path = run.path_to(i);
            let (sim, actions, _) = crate::analysis::explore::replay(s, run.start, &path)?;
            Some(DeadEnd {
                at: sim.clock(),
                place: s.locations[sim.harry_at() as usize].id.clone(),
                after: actions.last().map(|a| a.text(s)),
                remaining: endings_after(s, run, i),
                witness: witness(s, run.start, &path, seeds, None),
            })
        })
        .collect()
}

/// The endings reachable from state `i` in an exploration (whose future from `i` is whole).
pub(super) fn endings_after(s: &Scenario, run: &Exploration, i: u32) -> Vec<String> {
    let mut seen = vec![false; run.len()];
    let mut stack = vec![i];
    let mut found: Vec<EndingId> = Vec::new();
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n as usize], true) {
            continue;
        }
        if let Some(Outcome::Ending(e)) = run.outcome(n)
            && !found.contains(&e)
        {
            found.push(e);
        }
        stack.extend(run.successors(n).unwrap_or_default());
    }
    found.sort_unstable();
    found
        .iter()
        .map(|&e| s.endings[e as usize].id.clone())
        .collect()
}

/// Along the way to each loss, the first situation from which only losses remain (proven by
/// exploring all of its future within the bound). The losses are looked at side by side, and
/// their dead ends told in the order of the endings.
pub(super) fn dead_ends_on_the_ways(
    s: &Scenario,
    best: &[Option<Sighting>],
    options: CheckOptions,
    say: &Watcher,
) -> Vec<DeadEnd> {
    let ways: Vec<&Sighting> = best.iter().flatten().collect();
    let found = parallel::map(&ways, options.jobs, |b| {
        dead_end_on_the_way(s, b, options, say)
    });
    let mut out: Vec<DeadEnd> = Vec::new();
    for dead_end in found.into_iter().flatten() {
        if !out
            .iter()
            .any(|d| d.at == dead_end.at && d.witness.actions == dead_end.witness.actions)
        {
            out.push(dead_end);
        }
    }
    out
}

/// On the way `b` (if it leads to a loss), the first situation from which only losses remain.
fn dead_end_on_the_way(
    s: &Scenario,
    b: &Sighting,
    options: CheckOptions,
    say: &Watcher,
) -> Option<DeadEnd> {
    let phase = "looking for dead ends on the ways to the losses";
    if say.stopped() {
        return None;
    }
    let Some(Outcome::Ending(e)) =
        crate::analysis::explore::replay(s, b.start, &b.path).and_then(|(sim, _, _)| sim.outcome())
    else {
        return None;
    };
    if s.endings[e as usize].kind != EndingKind::Loss {
        return None;
    }
    let prefixes = choice_prefixes(&b.path);
    // Once only losses remain, they remain: search for the first such situation.
    let only_losses = |prefix: &Vec<Step>| -> Option<Vec<String>> {
        // Stopped at the first outcome that is not a loss: that one answers no.
        let run = Exploration::run_from_while(
            s,
            b.start,
            Origin::after(prefix.clone(), false),
            bound(options.local()),
            |outcome| match outcome {
                Some(Outcome::Ending(e)) => s.endings[e as usize].kind == EndingKind::Loss,
                Some(_) => false,
                None => true,
            },
            |n| say.tell(phase, n, options.local()),
        );
        if !run.exhaustive {
            return None;
        }
        let mut remaining: Vec<EndingId> = Vec::new();
        for i in 0..run.len() as u32 {
            match run.outcome(i) {
                Some(Outcome::Ending(e))
                    if s.endings[e as usize].kind == EndingKind::Loss
                        && !remaining.contains(&e) =>
                {
                    remaining.push(e);
                }
                Some(Outcome::Ending(e)) if s.endings[e as usize].kind == EndingKind::Loss => {}
                Some(_) => return None,
                None => {}
            }
        }
        remaining.sort_unstable();
        (!remaining.is_empty()).then(|| {
            remaining
                .iter()
                .map(|&e| s.endings[e as usize].id.clone())
                .collect()
        })
    };
    // The first hopeless prefix, galloping back from the end of the way, then halving: the
    // prefixes near the loss have small futures, explored exactly in a few hundred
    // situations, where one early in the night runs to the bound without an answer.
    let (mut lo, mut hi) = (0, prefixes.len());
    let mut found: Option<(usize, Vec<String>)> = None;
    let mut back = 1;
    while back <= hi {
        let k = hi - back;
        match only_losses(&prefixes[k]) {
            Some(remaining) => {
                found = Some((k, remaining));
                hi = k;
                back *= 2;
            }
            None => {
                lo = k + 1;
                break;
            }
        }
    }
    while lo < hi {
        let mid = (lo + hi) / 2;
        match only_losses(&prefixes[mid]) {
            Some(remaining) => {
                found = Some((mid, remaining));
                hi = mid;
            }
            None => lo = mid + 1,
        }
    }
    let (k, remaining) = found?;
    let prefix = &prefixes[k];
    let (sim, actions, _) = crate::analysis::explore::replay(s, b.start, prefix)?;
    Some(DeadEnd {
        at: sim.clock(),
        place: s.locations[sim.harry_at() as usize].id.clone(),
        after: actions.last().map(|a| a.text(s)),
        remaining,
        witness: witness(s, b.start, prefix, options.seeds, None),
    })
}
