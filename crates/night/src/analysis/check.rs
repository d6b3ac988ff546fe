//! `check`'s analysis of a scenario: which endings can happen (the earliest time, a shortest
//! way there in the player's actions, a seed under which it happens), what can never happen,
//! and the dead ends from which only losses remain.
//!
//! Each start is explored breadth-first, exactly, within a bound on states. When the bound
//! cuts it off, searches that keep only situations that make something new true reach deeper
//! (see [`super::novelty`]), then the neighbourhoods of the ways found are explored exactly,
//! with waits timed to the minute. Whatever is found is real: it comes with a path that plays
//! back to it. What is not found is "never" only when the exploration was exhaustive, and
//! "not found within the bound" otherwise.

use super::coverage::{Coverage, Never, PartKind};
use super::explore::{Bound, Exploration, Futures, Step};
use crate::scenario::Scenario;
use crate::scenario::model::{EndingId, EndingKind, Minute};
use crate::sim::chance::{ChanceDraw, seed_gives};
use crate::sim::{Action, Outcome, Sim};
use serde::Serialize;

/// How much work `check` may do.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// States of the exact breadth-first exploration of each start.
    pub max_states: usize,
    /// States of each deeper search, when the exact one was cut off.
    pub search_states: usize,
    /// States of each exact exploration around a way found, or from a situation tested as a
    /// dead end.
    pub local_states: usize,
    /// Seeds tried when looking for one that gives a witness its chances.
    pub seeds: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            max_states: 400_000,
            search_states: 1_500_000,
            local_states: 20_000,
            seeds: 1 << 22,
        }
    }
}

/// Whether an ending (or anything else) can happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Found, with a way there.
    Yes,
    /// The exploration was exhaustive and never reached it.
    Never,
    /// Not found, but the exploration was cut off by its bound.
    NotFoundWithinBound,
}

/// A way to an ending or a situation: the start, the actions in `text --script` syntax, and
/// a seed under which the chances come out as the way needs.
#[derive(Clone, Debug, Serialize)]
pub struct Witness {
    pub start: String,
    /// `None` when no seed among those tried gives the chances this way needs.
    pub seed: Option<u64>,
    pub actions: Vec<String>,
    /// How many chances the way needs to come out one way (a seed must give them all).
    pub chances: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct EndingReport {
    pub id: String,
    pub kind: String,
    pub reachable: Reach,
    /// The earliest clock time at which it was seen to happen ("HH:MM"), and whether that is
    /// the earliest possible (the exploration that found it was exhaustive).
    pub earliest: Option<String>,
    pub earliest_exact: bool,
    /// A shortest way found, in the player's actions.
    pub witness: Option<Witness>,
}

/// A situation from which only endings of kind loss can still happen.
#[derive(Clone, Debug, Serialize)]
pub struct DeadEnd {
    /// The clock time, where the player is, and the action that led there.
    pub at: String,
    pub place: String,
    pub after: Option<String>,
    /// The endings still possible from there, all losses.
    pub remaining: Vec<String>,
    /// How to get into it.
    pub witness: Witness,
}

/// How one start was explored.
#[derive(Clone, Debug, Serialize)]
pub struct StartReport {
    pub id: String,
    /// Distinct states of the exact exploration, and whether it was exhaustive.
    pub states: usize,
    pub exhaustive: bool,
    /// States of all the searches of this start together, and steps simulated.
    pub states_searched: usize,
    pub steps: u64,
}

/// A part of the scenario the analysis found a problem with, for a diagnostic at its place.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Everything `check` found.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub starts: Vec<StartReport>,
    /// Every start was explored exhaustively: "never" means never.
    pub exhaustive: bool,
    pub endings: Vec<EndingReport>,
    /// What no exploration reached (never, when `exhaustive`; else not found within the bound).
    pub never: NeverReport,
    pub dead_ends: Vec<DeadEnd>,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct NeverReport {
    pub states: Vec<String>,
    pub transitions: Vec<String>,
    pub events: Vec<String>,
    pub places: Vec<String>,
    /// Facts no one comes to believe.
    pub facts: Vec<String>,
    pub calls: Vec<String>,
}

/// One ending seen in one exploration.
#[derive(Clone)]
struct Sighting {
    start: usize,
    path: Vec<Step>,
    actions: usize,
    now: Minute,
}

/// Analyses the scenario. `progress` hears what is being done and how many states are known.
pub fn check(s: &Scenario, options: CheckOptions, mut progress: impl FnMut(&str, usize)) -> Report {
    let mut coverage = Coverage::default();
    let mut starts = Vec::new();
    let mut best: Vec<Option<Sighting>> = vec![None; s.endings.len()];
    let mut earliest: Vec<Option<(Minute, bool)>> = vec![None; s.endings.len()];
    let mut exhaustive = true;
    let mut exact_dead_ends: Vec<DeadEnd> = Vec::new();
    for start in 0..s.starts.len() {
        let id = &s.starts[start].id;
        let mut runs = Vec::new();
        let exact = Exploration::run(s, start, bound(options.max_states), |n| {
            progress(&format!("exploring `{id}`"), n)
        });
        let mut report = StartReport {
            id: id.clone(),
            states: exact.len(),
            exhaustive: exact.exhaustive,
            states_searched: 0,
            steps: 0,
        };
        exhaustive &= exact.exhaustive;
        let cut_off = !exact.exhaustive;
        runs.push(exact);
        if cut_off {
            // Deeper: what is new at all, what is new in each ten minutes, new pairs.
            for (width, period) in [(1, 10), (2, 0)] {
                runs.push(Exploration::run_novel(
                    s,
                    start,
                    Vec::new(),
                    false,
                    width,
                    period,
                    bound(options.search_states),
                    |n| progress(&format!("searching `{id}` deeper"), n),
                ));
            }
        }
        for run in &runs {
            note_endings(run, start, &mut best, &mut earliest);
        }
        exact_dead_ends.extend(dead_ends_in(s, &runs[0], options.seeds));
        if cut_off {
            // Around each way found, exactly and to the minute: the endings that differ from
            // another only in timing (taking off a few minutes later) are found here.
            let ways: Vec<Vec<Step>> = best
                .iter()
                .flatten()
                .filter(|b| b.start == start)
                .map(|b| b.path.clone())
                .collect();
            for path in ways {
                for prefix in choice_prefixes(&path).into_iter().rev().take(8) {
                    let run = Exploration::run_novel(
                        s,
                        start,
                        prefix,
                        true,
                        1,
                        2,
                        bound(options.local_states),
                        |n| progress(&format!("searching around the ways found in `{id}`"), n),
                    );
                    note_endings(&run, start, &mut best, &mut earliest);
                    runs.push(run);
                }
            }
        }
        for run in &runs {
            coverage.merge(&run.coverage);
            report.states_searched += run.len();
            report.steps += run.steps;
        }
        starts.push(report);
    }

    let endings = s
        .endings
        .iter()
        .enumerate()
        .map(|(e, ending)| {
            let witness = best[e]
                .as_ref()
                .map(|b| witness(s, b.start, &b.path, options.seeds, Some(e as EndingId)));
            EndingReport {
                id: ending.id.clone(),
                kind: kind_word(ending.kind).into(),
                reachable: match (&best[e], exhaustive) {
                    (Some(_), _) => Reach::Yes,
                    (None, true) => Reach::Never,
                    (None, false) => Reach::NotFoundWithinBound,
                },
                earliest: earliest[e].map(|(t, _)| s.clock(t)),
                earliest_exact: earliest[e].is_some_and(|(_, exact)| exact),
                witness,
            }
        })
        .collect();

    progress("looking for dead ends", 0);
    let mut dead_ends = exact_dead_ends;
    for d in dead_ends_on_the_ways(s, &best, options) {
        if !dead_ends
            .iter()
            .any(|k| k.at == d.at && k.witness.actions == d.witness.actions)
        {
            dead_ends.push(d);
        }
    }
    let never = coverage.never(s);
    let findings = findings(s, &never, &best, exhaustive);
    Report {
        starts,
        exhaustive,
        endings,
        never: NeverReport {
            states: never.states,
            transitions: never.transitions,
            events: never.events,
            places: never.places,
            facts: never.facts,
            calls: never.calls,
        },
        dead_ends,
        findings,
    }
}

fn bound(max_states: usize) -> Bound {
    Bound { max_states }
}

pub fn kind_word(kind: EndingKind) -> &'static str {
    match kind {
        EndingKind::Escape => "escape",
        EndingKind::Loss => "loss",
        EndingKind::Other => "other",
    }
}

/// Keeps, per ending, the way with the fewest actions (then the earliest), and the earliest
/// time it was seen.
fn note_endings(
    run: &Exploration,
    start: usize,
    best: &mut [Option<Sighting>],
    earliest: &mut [Option<(Minute, bool)>],
) {
    for i in 0..run.len() as u32 {
        let Some(Outcome::Ending(e)) = run.state(i).outcome else {
            continue;
        };
        let now = run.state(i).now;
        let e = e as usize;
        let slot = &mut earliest[e];
        match slot {
            Some((t, exact)) if *t < now || (*t == now && *exact) => {}
            _ => *slot = Some((now, run.exhaustive)),
        }
        if let Some((t, exact)) = slot
            && *t == now
        {
            *exact |= run.exhaustive;
        }
        let path = run.path_to(i);
        let actions = path.iter().filter(|p| p.action.is_some()).count();
        let better = best[e]
            .as_ref()
            .is_none_or(|b| (actions, now) < (b.actions, b.now));
        if better {
            best[e] = Some(Sighting {
                start,
                path,
                actions,
                now,
            });
        }
    }
}

/// The prefixes of `path` that end where the player chooses an action, shortest first.
///
/// An action is only ever taken where the player is free, so the steps before each action are
/// such a prefix: no replay is needed to find them.
fn choice_prefixes(path: &[Step]) -> Vec<Vec<Step>> {
    (1..path.len())
        .filter(|&k| path[k].action.is_some())
        .map(|k| path[..k].to_vec())
        .collect()
}

/// The way `path` as script lines, with a seed that gives its chances (checked by playing
/// the script under that seed as `text --script` does, to `ending` when one is named).
fn witness(
    s: &Scenario,
    start: usize,
    path: &[Step],
    seeds: u64,
    ending: Option<EndingId>,
) -> Witness {
    let (actions, draws) = match super::explore::replay(s, start, path) {
        Some((_, actions, draws)) => (actions, draws),
        None => (Vec::new(), Vec::new()),
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
    let mut sim = Sim::with_start(s, seed, start);
    sim.run_until_idle();
    for a in actions {
        sim.apply(a).ok()?;
        sim.run_until_idle();
    }
    sim.outcome()
}

/// How many dead ends the exact exploration of a start reports, the nearest first.
const DEAD_ENDS_SHOWN: usize = 3;

/// In the exact exploration, the situations (the player free) from which only losses can
/// follow, all of whose future was explored, entered from one that still had a chance: the
/// moments a night becomes hopeless. The few reached in the fewest actions, each with its way.
fn dead_ends_in(s: &Scenario, run: &Exploration, seeds: u64) -> Vec<DeadEnd> {
    let futures = run.futures(s);
    let hopeless = |i: u32| futures[i as usize] == Futures::LOSS;
    let mut entries: Vec<u32> = (0..run.len() as u32)
        .filter(|&i| run.is_choice(i) && hopeless(i))
        .filter(|&i| run.parent(i).is_none_or(|p| !hopeless(p)))
        .collect();
    entries.sort_by_key(|&i| (run.actions_to(i), run.state(i).now));
    entries
        .into_iter()
        .take(DEAD_ENDS_SHOWN)
        .filter_map(|i| {
            let path = run.path_to(i);
            let (sim, actions, _) = super::explore::replay(s, run.start, &path)?;
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
fn endings_after(s: &Scenario, run: &Exploration, i: u32) -> Vec<String> {
    let mut seen = vec![false; run.len()];
    let mut stack = vec![i];
    let mut found: Vec<EndingId> = Vec::new();
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n as usize], true) {
            continue;
        }
        if let Some(Outcome::Ending(e)) = run.state(n).outcome
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
/// exploring all of its future within the bound).
fn dead_ends_on_the_ways(
    s: &Scenario,
    best: &[Option<Sighting>],
    options: CheckOptions,
) -> Vec<DeadEnd> {
    let mut out = Vec::new();
    for b in best.iter().flatten() {
        let Some(Outcome::Ending(e)) =
            super::explore::replay(s, b.start, &b.path).and_then(|(sim, _, _)| sim.outcome())
        else {
            continue;
        };
        if s.endings[e as usize].kind != EndingKind::Loss {
            continue;
        }
        let prefixes = choice_prefixes(&b.path);
        // Once only losses remain, they remain: search for the first such situation.
        let only_losses = |prefix: &Vec<Step>| -> Option<Vec<String>> {
            let run = Exploration::run_from(
                s,
                b.start,
                prefix.clone(),
                false,
                bound(options.local_states),
                |_| {},
            );
            if !run.exhaustive {
                return None;
            }
            let mut remaining: Vec<EndingId> = Vec::new();
            for i in 0..run.len() as u32 {
                match run.state(i).outcome {
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
        let (mut lo, mut hi) = (0, prefixes.len());
        let mut found: Option<(usize, Vec<String>)> = None;
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
        let Some((k, remaining)) = found else {
            continue;
        };
        let prefix = &prefixes[k];
        let Some((sim, actions, _)) = super::explore::replay(s, b.start, prefix) else {
            continue;
        };
        let dead_end = DeadEnd {
            at: sim.clock(),
            place: s.locations[sim.harry_at() as usize].id.clone(),
            after: actions.last().map(|a| a.text(s)),
            remaining,
            witness: witness(s, b.start, prefix, options.seeds, None),
        };
        if !out
            .iter()
            .any(|d: &DeadEnd| d.at == dead_end.at && d.witness.actions == dead_end.witness.actions)
        {
            out.push(dead_end);
        }
    }
    out
}

/// Diagnostics at the scenario's own text: endings that cannot happen (or were not found),
/// and parts that never come into play.
fn findings(
    s: &Scenario,
    never: &Never,
    best: &[Option<Sighting>],
    exhaustive: bool,
) -> Vec<Finding> {
    let bound_help = (!exhaustive).then(|| {
        "the exploration was cut off by its bound (see --max-states): not found is not never"
            .to_owned()
    });
    let mut out = Vec::new();
    for (e, ending) in s.endings.iter().enumerate() {
        if best[e].is_none() {
            let message = if exhaustive {
                format!("ending `{}` can never happen", ending.id)
            } else {
                format!("ending `{}` was not found within the bound", ending.id)
            };
            out.push(Finding {
                span: s.spans.endings.get(e).cloned().unwrap_or(0..0),
                message,
                help: bound_help.clone().or_else(|| {
                    Some(
                        "whatever the player does, its `when` never holds while the night lasts"
                            .into(),
                    )
                }),
            });
        }
    }
    for part in &never.parts {
        let (never_verb, seen_verb) = match part.kind {
            PartKind::State => ("is never entered", "entered"),
            PartKind::Transition => ("never fires", "fire"),
            PartKind::Event => ("never happens", "happen"),
            PartKind::Fact => ("is never believed by anyone", "believed"),
            PartKind::Call => ("can never be made", "made"),
            PartKind::Place => ("is never reached by the player", "reached"),
        };
        let message = if exhaustive {
            format!("{} {never_verb}", part.name)
        } else {
            format!("{} was not seen {seen_verb} within the bound", part.name)
        };
        out.push(Finding {
            span: part.span.clone(),
            message,
            help: bound_help.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::film;

    /// Timing and results of the film's whole check (run with `--ignored`, in release).
    #[test]
    #[ignore]
    fn film_report() {
        let s = film();
        let t = std::time::Instant::now();
        let r = check(&s, CheckOptions::default(), |_, _| {});
        eprintln!("check of the film: {:?}", t.elapsed());
        for st in &r.starts {
            eprintln!("{st:?}");
        }
        for e in &r.endings {
            eprintln!("{} {:?} {:?}", e.id, e.reachable, e.earliest);
        }
    }
}
