//! `check`'s analysis of a scenario: which endings can happen (the earliest time, a shortest
//! way there in the player's actions, a seed under which it happens), what can never happen,
//! and the dead ends from which only losses remain.
//!
//! Each start is explored breadth-first, exactly, within a bound on states. When the bound
//! cuts it off, a search that keeps only situations that make something new true reaches
//! deeper (see [`super::novelty`]); then each ending still not found is searched for
//! directly, earliest first, by what leads to it (see [`super::nearness`] and
//! [`Exploration::run_toward`]), and explored around exactly, with waits timed to the
//! minute, from the situations nearest to it; and so is each part of the scenario no search
//! has seen come into play. Whatever is found is real: it comes with a path that plays back
//! to it. What is not found is "never" only when the exploration was exhaustive, and "not
//! found within the bound" otherwise.

use super::coverage::{Coverage, Never, PartKind};
use super::explore::{Bound, Exploration, Futures, Step};
use super::nearness::Nearness;
use super::parallel;
use super::target::{self, Target};
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
    /// States of the broader search, when the exact one was cut off.
    pub search_states: usize,
    /// States of each search toward an ending not found yet.
    pub toward_states: usize,
    /// States of each exact exploration around a way found, or from a situation tested as a
    /// dead end.
    pub local_states: usize,
    /// Seeds tried when looking for one that gives a witness its chances.
    pub seeds: u64,
    /// Threads the work is spread over (`None`: one per core). The report is the same
    /// whatever the number.
    pub jobs: Option<usize>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            max_states: 100_000,
            search_states: 300_000,
            toward_states: 1_500_000,
            local_states: 20_000,
            jobs: None,
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

/// A part of the scenario the analysis found a problem with, for a diagnostic at its place:
/// the same kind of warning as the compiler's.
pub use crate::scenario::model::Lint as Finding;

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

/// Analyses the scenario. `progress` hears what is being done and how many states are known
/// (from the threads the work is spread over, one at a time).
pub fn check(
    s: &Scenario,
    options: CheckOptions,
    progress: impl FnMut(&str, usize) + Send,
) -> Report {
    let progress = std::sync::Mutex::new(progress);
    let say = |what: &str, n: usize| {
        let mut progress = progress.lock().unwrap_or_else(|e| e.into_inner());
        (*progress)(what, n)
    };
    let mut coverage = Coverage::default();
    let mut seen = Sightings::new(s.endings.len());
    let mut starts = Vec::new();
    let mut exact_dead_ends: Vec<DeadEnd> = Vec::new();
    let every_start: Vec<usize> = (0..s.starts.len()).collect();
    for (report, found, dead_ends) in parallel::map(&every_start, options.jobs, |&start| {
        explore_start(s, start, options, &say)
    }) {
        seen.absorb(found.seen);
        coverage.merge(&found.coverage);
        exact_dead_ends.extend(dead_ends);
        starts.push(report);
    }
    let exhaustive = starts.iter().all(|r| r.exhaustive);
    // Toward each ending not found yet, and around the situations nearest to it: from the
    // starts whose nights are shortest first (the latest start), where the searches are
    // cheapest and the ways shortest.
    let mut order: Vec<usize> = (0..s.starts.len())
        .filter(|&k| !starts[k].exhaustive)
        .collect();
    order.sort_by_key(|&k| std::cmp::Reverse(s.starts[k].time));
    // A few at a time, so that what one search finds on the way (another ending, other parts)
    // spares the search toward it: first the endings not found, then the parts of the
    // scenario no search has seen come into play yet.
    for &start in &order {
        let mut tried: Vec<Target> = Vec::new();
        loop {
            let endings = (0..s.endings.len() as EndingId)
                .filter(|&e| !seen.found(e))
                .map(Target::Ending);
            let mut batch: Vec<Target> = endings.filter(|t| !tried.contains(t)).collect();
            if batch.is_empty() {
                batch = target::unseen(s, &coverage)
                    .into_iter()
                    .filter(|t| !tried.contains(t))
                    .collect();
            }
            batch.truncate(SEARCHES_AT_ONCE);
            if batch.is_empty() {
                break;
            }
            tried.extend(&batch);
            let found = parallel::map(&batch, options.jobs, |&target| {
                let states = match target {
                    Target::Ending(_) => options.toward_states,
                    _ => options.search_states,
                };
                search_toward(s, start, target, states, options, &say)
            });
            for found in found {
                seen.absorb(found.seen);
                coverage.merge(&found.coverage);
                starts[start].states_searched += found.states;
                starts[start].steps += found.steps;
            }
        }
    }

    let endings = s
        .endings
        .iter()
        .enumerate()
        .map(|(e, ending)| {
            let witness = seen.best[e]
                .as_ref()
                .map(|b| witness(s, b.start, &b.path, options.seeds, Some(e as EndingId)));
            EndingReport {
                id: ending.id.clone(),
                kind: kind_word(ending.kind).into(),
                reachable: match (&seen.best[e], exhaustive) {
                    (Some(_), _) => Reach::Yes,
                    (None, true) => Reach::Never,
                    (None, false) => Reach::NotFoundWithinBound,
                },
                earliest: seen.earliest[e].map(|(t, _)| s.clock(t)),
                earliest_exact: seen.earliest[e].is_some_and(|(_, exact)| exact),
                witness,
            }
        })
        .collect();

    say("looking for dead ends", 0);
    let mut dead_ends = exact_dead_ends;
    for d in dead_ends_on_the_ways(s, &seen.best, options) {
        if !dead_ends
            .iter()
            .any(|k| k.at == d.at && k.witness.actions == d.witness.actions)
        {
            dead_ends.push(d);
        }
    }
    let never = coverage.never(s);
    let findings = findings(s, &never, &seen.best, exhaustive);
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

/// Explores `start` exactly and, when the bound cuts that off, broader; with the dead ends
/// of the exact exploration.
fn explore_start(
    s: &Scenario,
    start: usize,
    options: CheckOptions,
    say: &(impl Fn(&str, usize) + Sync),
) -> (StartReport, Found, Vec<DeadEnd>) {
    let id = &s.starts[start].id;
    let exact = Exploration::run(s, start, bound(options.max_states), |n| {
        say(&format!("exploring `{id}`"), n)
    });
    let mut found = Found::new(s);
    found.note(&exact, start);
    let (states, exhaustive) = (exact.len(), exact.exhaustive);
    let dead_ends = dead_ends_in(s, &exact, options.seeds);
    drop(exact);
    if !exhaustive {
        // Broader: what is new at all, and what is new in each ten minutes.
        let broader = Exploration::run_novel(
            s,
            start,
            Vec::new(),
            false,
            1,
            10,
            bound(options.search_states),
            |n| say(&format!("searching `{id}` deeper"), n),
        );
        found.note(&broader, start);
    }
    let report = StartReport {
        id: id.clone(),
        states,
        exhaustive,
        states_searched: found.states,
        steps: found.steps,
    };
    (report, found, dead_ends)
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

/// What the searches found of each ending: the way with the fewest actions (then the
/// earliest), and the earliest time it was seen (and whether an exhaustive exploration saw it).
struct Sightings {
    best: Vec<Option<Sighting>>,
    earliest: Vec<Option<(Minute, bool)>>,
}

impl Sightings {
    fn new(endings: usize) -> Sightings {
        Sightings {
            best: vec![None; endings],
            earliest: vec![None; endings],
        }
    }

    fn found(&self, ending: EndingId) -> bool {
        self.best[ending as usize].is_some()
    }

    /// Notes the endings that `run` (an exploration of `start`) reached.
    fn note(&mut self, run: &Exploration, start: usize) {
        for i in 0..run.len() as u32 {
            let Some(Outcome::Ending(e)) = run.state(i).outcome else {
                continue;
            };
            let now = run.state(i).now;
            let actions = run.actions_to(i) as usize;
            // The way is built only when it is kept: an exploration meets the same ending
            // in thousands of states.
            let better = self.better(e as usize, actions, now);
            self.sight(
                e as usize,
                Some((now, run.exhaustive)),
                better.then(|| Sighting {
                    start,
                    path: run.path_to(i),
                    actions,
                    now,
                }),
            );
        }
    }

    /// Whether a way with `actions` actions, ending at `now`, beats the one kept for `e`:
    /// fewer actions, then earlier.
    fn better(&self, e: usize, actions: usize, now: Minute) -> bool {
        self.best[e]
            .as_ref()
            .is_none_or(|b| (actions, now) < (b.actions, b.now))
    }

    /// Adds what other searches found (after what this one found: a tie keeps this one's).
    fn absorb(&mut self, other: Sightings) {
        for (e, (best, earliest)) in other.best.into_iter().zip(other.earliest).enumerate() {
            self.sight(e, earliest, best);
        }
    }

    /// Notes ending `e` seen at a time (and whether an exhaustive exploration saw it then),
    /// by a way: kept if it has fewer actions, then if it is earlier.
    fn sight(&mut self, e: usize, at: Option<(Minute, bool)>, way: Option<Sighting>) {
        if let Some((now, exhaustive)) = at {
            let slot = &mut self.earliest[e];
            match slot {
                Some((t, exact)) if *t < now || (*t == now && *exact) => {}
                _ => *slot = Some((now, exhaustive)),
            }
            if let Some((t, exact)) = slot
                && *t == now
            {
                *exact |= exhaustive;
            }
        }
        if let Some(way) = way
            && self.better(e, way.actions, way.now)
        {
            self.best[e] = Some(way);
        }
    }
}

/// What one search (or the explorations of one start) found, to be added to the whole in the
/// order of the work.
struct Found {
    seen: Sightings,
    coverage: Coverage,
    states: usize,
    steps: u64,
}

impl Found {
    fn new(s: &Scenario) -> Found {
        Found {
            seen: Sightings::new(s.endings.len()),
            coverage: Coverage::default(),
            states: 0,
            steps: 0,
        }
    }

    fn note(&mut self, run: &Exploration, start: usize) {
        self.seen.note(run, start);
        self.coverage.merge(&run.coverage);
        self.states += run.len();
        self.steps += run.steps;
    }
}

/// How many searches toward endings or parts not seen run side by side: fixed, not the
/// number of cores, so that the report is the same on every machine.
const SEARCHES_AT_ONCE: usize = 2;

/// How many steps back from an ending's condition [`Nearness`] looks.
const NEARNESS_DEPTH: u32 = 8;

/// How many of the situations nearest to an ending not found are explored around.
const NEAREST_EXPLORED: usize = 3;

/// How many of the last choices on the way to a situation near an ending are explored from.
const CHOICES_EXPLORED: usize = 8;

/// Searches `start` toward `target` (see [`Exploration::run_toward`]) within `states`, with
/// atoms (then, toward an ending, pairs of atoms). If an ending is still not reached,
/// explores exactly, with waits timed to the minute, from the last few choices on the way to
/// each of the situations nearest to it: an ending that needs the right minute at the end of
/// a long plan (lifting off late enough for the pulse) lies just beside a situation that has
/// everything else.
fn search_toward(
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
                prefix,
                true,
                1,
                2,
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
fn nearest(s: &Scenario, start: usize, near: &Nearness, runs: &[Exploration]) -> Vec<Vec<Step>> {
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
    let mut session = crate::Session::begin(s, seed, start);
    for a in actions {
        session.act_and_settle(a).ok()?;
    }
    session.sim().outcome()
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
