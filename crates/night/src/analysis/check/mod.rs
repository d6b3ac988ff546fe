//! `check`'s analysis of a scenario: which endings can happen (the earliest time, a shortest
//! way there in the player's actions, a seed under which it happens), what can never happen,
//! and the dead ends from which only losses remain.
//!
//! Each start is explored breadth-first, exactly, within a bound on states. When the bound
//! cuts it off, a search that keeps only situations that make something new true reaches
//! deeper (see [`super::novelty`]); then each ending still not found is searched for
//! directly, earliest first, by what leads to it (see [`super::nearness`] and
//! [`Exploration::run_toward`]): narrowly first (the nearest few situations each minute),
//! then wider, then explored around exactly, with waits timed to the minute, from the
//! situations nearest to it. Each part of the scenario no search has seen come into play is
//! searched for the same way, narrowly from every start before widely from any. Whatever is found is real: it comes with a path that plays back
//! to it. What is not found is "never" only when the exploration was exhaustive, and "not
//! found within the bound" otherwise.

mod dead_ends;
mod findings;
mod report;
mod search;
mod witness;

use dead_ends::*;
use findings::*;
pub use report::*;
use search::*;
use witness::*;
pub use witness::{find_seed, plays_to};

use super::coverage::Coverage;
use super::parallel;
use super::target::{self, Target};
use crate::analysis::explore::{Bound, Exploration, Newness, Origin, Step};
use crate::scenario::Scenario;
use crate::scenario::model::{EndingId, EndingKind, Minute};
use crate::sim::Outcome;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};

/// How much work `check` may do.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// States of the exact breadth-first exploration of each start.
    pub max_states: usize,
    /// States of the broader search, when the exact one was cut off, and of each search
    /// toward a part of the scenario no search has seen yet.
    pub search_states: usize,
    /// States of the searches toward each ending not found yet, narrow to wide (shared by
    /// them, see `toward_an_ending`).
    pub toward_states: usize,
    /// States of each exact exploration around a way found, or from a situation tested as a
    /// dead end (never more than `toward_states`: small bounds bound every search).
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
            // The broader search finds most of the film's parts; what it leaves, the narrow
            // searches toward each find in a few tens of thousands of situations. At 300 000
            // it took as long as they do; at 30 000 it left parts only wide searches find.
            search_states: 100_000,
            toward_states: 1_500_000,
            local_states: 20_000,
            jobs: None,
            seeds: 1 << 22,
        }
    }
}

impl CheckOptions {
    /// A short analysis, for editors and the game's reload: small enough to answer in well
    /// under a second on every shipped scenario, and still exact on small nights.
    pub fn quick() -> CheckOptions {
        CheckOptions {
            max_states: 4_000,
            search_states: 2_000,
            toward_states: 4_000,
            local_states: 1_000,
            seeds: 1 << 16,
            jobs: None,
        }
    }

    /// The states of each exact exploration around a way found: within every bound given.
    fn local(&self) -> usize {
        self.local_states.min(self.toward_states)
    }
}

/// How long `--quick`'s searches (and the game's look at a reloaded scenario) may take: with
/// the witnesses of what they found and the file's loading, the whole answer comes within a
/// second (the film's: 0.83-0.91 s on two cores).
pub const QUICK_TIME_LIMIT: std::time::Duration = std::time::Duration::from_millis(750);

/// How far the analysis is, as it tells whoever runs it.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// What it is doing, as a phrase ("exploring `the_call` exactly").
    pub phase: &'a str,
    /// States known to the search under way, and the bound on them.
    pub states: usize,
    pub bound: usize,
}

/// Whoever runs the analysis: hears its progress and answers whether to go on.
pub trait Listener: FnMut(&Progress) -> ControlFlow<()> + Send {}
impl<F: FnMut(&Progress) -> ControlFlow<()> + Send> Listener for F {}

/// The caller's ear on the analysis, and whether it was told to stop. Once told, every search
/// stops at its next look (within [`crate::analysis::explore::WATCHED_EVERY`] states) and no
/// new one begins: what was found stands, and what was not is "not found within the bound".
pub(super) struct Watcher<'a> {
    hear: std::sync::Mutex<&'a mut dyn Listener>,
    stopped: AtomicBool,
}

impl Watcher<'_> {
    /// Tells the caller how far a search is; `Break` if the analysis is to stop.
    pub(super) fn tell(&self, phase: &str, states: usize, bound: usize) -> ControlFlow<()> {
        if self.stopped() {
            return ControlFlow::Break(());
        }
        let mut hear = self.hear.lock().unwrap_or_else(|e| e.into_inner());
        let answer = (*hear)(&Progress {
            phase,
            states,
            bound,
        });
        if answer.is_break() {
            self.stopped.store(true, Ordering::Relaxed);
        }
        answer
    }

    pub(super) fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }
}

/// One ending seen in one exploration.
#[derive(Clone)]
pub(super) struct Sighting {
    start: usize,
    path: Vec<Step>,
    actions: usize,
    now: Minute,
}

/// Analyses the scenario. `progress` hears what is being done and how far it is (from the
/// threads the work is spread over, one at a time), every few hundred states; it answers
/// `Break` to stop the analysis there (a time limit), and the report then says
/// [`Report::stopped_early`].
pub fn check(s: &Scenario, options: CheckOptions, mut progress: impl Listener) -> Report {
    let say = Watcher {
        hear: std::sync::Mutex::new(&mut progress),
        stopped: AtomicBool::new(false),
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
    // spares the search toward it.
    let toward_endings = toward_an_ending();
    for &start in &order {
        let mut tried: Vec<Target> = Vec::new();
        while !say.stopped() {
            let mut batch: Vec<Target> = (0..s.endings.len() as EndingId)
                .filter(|&e| !seen.found(e))
                .map(Target::Ending)
                .filter(|t| !tried.contains(t))
                .collect();
            batch.truncate(SEARCHES_AT_ONCE);
            if batch.is_empty() {
                break;
            }
            tried.extend(&batch);
            let found = parallel::map(&batch, options.jobs, |&target| {
                search_toward(
                    s,
                    start,
                    target,
                    &toward_endings,
                    options.toward_states,
                    options,
                    &say,
                )
            });
            for found in found {
                take_in(found, &mut seen, &mut coverage, &mut starts[start]);
            }
        }
    }
    // Then the parts of the scenario no search has seen come into play: narrow searches from
    // every start first, then wider ones toward what they left. A part that comes only in one
    // start's night (the first date, before the call) is found there cheaply before wide
    // searches look for it in vain from the others.
    let mut parts_left = vec![options.search_states * PART_SEARCHES_SHARE; s.starts.len()];
    for beam in BEAMS {
        for &start in &order {
            let mut tried: Vec<Target> = Vec::new();
            while !say.stopped() {
                let mut batch: Vec<Target> = target::unseen(s, &coverage)
                    .into_iter()
                    .filter(|t| !tried.contains(t))
                    .collect();
                batch.truncate(SEARCHES_AT_ONCE);
                if batch.is_empty() {
                    break;
                }
                // Each search gets its share of what this start's part searches have left.
                let states = options.search_states.min(parts_left[start] / batch.len());
                if states == 0 {
                    break;
                }
                tried.extend(&batch);
                let pursuit = [toward_a_part(beam)];
                let found = parallel::map(&batch, options.jobs, |&target| {
                    search_toward(s, start, target, &pursuit, states, options, &say)
                });
                for found in found {
                    let states = take_in(found, &mut seen, &mut coverage, &mut starts[start]);
                    parts_left[start] = parts_left[start].saturating_sub(states);
                }
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

    let mut dead_ends = exact_dead_ends;
    for d in dead_ends_on_the_ways(s, &seen.best, options, &say) {
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
        stopped_early: say.stopped(),
    }
}

/// Adds what a search from `start` found to the whole, in the order of the work; returns the
/// situations it took.
fn take_in(
    found: Found,
    seen: &mut Sightings,
    coverage: &mut Coverage,
    start: &mut StartReport,
) -> usize {
    seen.absorb(found.seen);
    coverage.merge(&found.coverage);
    start.states_searched += found.states;
    start.steps += found.steps;
    found.states
}

/// Explores `start` exactly and, when the bound cuts that off, broader; with the dead ends
/// of the exact exploration.
pub(super) fn explore_start(
    s: &Scenario,
    start: usize,
    options: CheckOptions,
    say: &Watcher,
) -> (StartReport, Found, Vec<DeadEnd>) {
    let id = &s.starts[start].id;
    let phase = format!("exploring `{id}` exactly");
    let exact = Exploration::run(s, start, bound(options.max_states), |n| {
        say.tell(&phase, n, options.max_states)
    });
    let mut found = Found::new(s);
    found.note(&exact, start);
    let (states, exhaustive) = (exact.len(), exact.exhaustive);
    let dead_ends = dead_ends_in(s, &exact, options.seeds);
    drop(exact);
    if !exhaustive && !say.stopped() {
        // Broader: what is new at all, and what is new in each ten minutes.
        let phase = format!("searching `{id}` deeper");
        let broader = Exploration::run_novel(
            s,
            start,
            Origin::default(),
            Newness {
                width: 1,
                period: 10,
            },
            bound(options.search_states),
            |n| say.tell(&phase, n, options.search_states),
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

pub(super) fn bound(max_states: usize) -> Bound {
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
pub(super) struct Sightings {
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
            let Some(Outcome::Ending(e)) = run.outcome(i) else {
                continue;
            };
            let now = run.now(i);
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
pub(super) struct Found {
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
