//! The strategy that searches toward a target (an ending, a line, a state): earliest first,
//! nearest first within a minute.

use super::{Bound, Exploration, Origin, WATCHED_EVERY, Watch};
use crate::analysis::nearness::Nearness;
use crate::analysis::novelty::Novelty;
use crate::analysis::target::Target;
use crate::scenario::Scenario;
use crate::scenario::model::Minute;
use crate::sim::Sim;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

/// How a search toward a target goes on.
#[derive(Clone, Copy, Debug)]
pub struct Pursuit {
    /// What counts as new: an atom (1) or a pair of atoms (2).
    pub width: u8,
    /// Whether, once nothing new is left, it goes on from the situations put aside (those that
    /// made nothing new true), earliest first, until its bound: slower, and it ends only at
    /// its target or its bound.
    pub to_the_bound: bool,
    /// How many situations it expands at each minute of the clock: the nearest, so that a
    /// crowded minute does not hold the search back from the later ones. A narrow search
    /// reaches a target that the nearness leads to straight in a few thousand situations; a
    /// wider one is slower, and finds what lies off the straight way.
    pub per_minute: usize,
}

/// The place in the order of a situation where every part of the target holds or waits only
/// on the clock (a score of 1).
const RIPE: u32 = u32::MAX - 1_000_000;

impl Exploration {
    /// Searches the night from `start` toward `target` (see [`Nearness`]): the situations are
    /// taken earliest first (at the same minute, the nearest first, at most `per_minute` of
    /// them), and one is expanded only if it makes an atom true (at `width` 2, a pair of
    /// atoms) for the first time among the situations that hold the same parts of what leads
    /// to the target (and the same night chances). Earliest first, the first situation with
    /// each combination of progress is the earliest found: a plan against the clock (the
    /// pilot recruited early enough for the helicopter to be back in time) is not crowded out
    /// by slower ways to the same progress. Stops when the target is reached, at the bound, or
    /// (unless `to_the_bound`) when nothing new is left to expand.
    pub fn run_toward(
        scenario: &Scenario,
        start: usize,
        target: Target,
        near: &Nearness,
        pursuit: Pursuit,
        bound: Bound,
        mut progress: impl Watch,
    ) -> Exploration {
        let Pursuit {
            width,
            to_the_bound,
            per_minute,
        } = pursuit;
        let mut ex = Exploration::empty(scenario, start, bound);
        ex.exhaustive = false;
        let mut novelty: HashMap<(crate::sim::Bits, u64), Novelty> = HashMap::new();
        let mut judge = Sim::with_start_choosing(scenario, start, Vec::new());
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        let mut found: VecDeque<u32> = VecDeque::new();
        if !ex.begin(&mut sim, Origin::default(), &mut found) {
            return ex;
        }
        // Situations to choose in: earliest first, then the nearest, then in the order found
        // (with the signature of what holds in them, measured once).
        let mut choosing: BinaryHeap<Reverse<(Minute, u32, u32, u64)>> = BinaryHeap::new();
        // The situations that made nothing new true (or came after a minute's share): put
        // aside when going `to_the_bound`. When the novel ones run out before the bound, the
        // search goes on from these, so that it does not stop short of its bound with the
        // target unreached (a plan against the clock whose steps each look like nothing new can
        // lie behind them).
        let mut aside: BinaryHeap<Reverse<(Minute, u32, u32, u64)>> = BinaryHeap::new();
        // Expansions per minute of the clock, at most `per_minute`.
        let mut minute: (Minute, usize) = (0, 0);
        let mut expanded = 0u64;
        loop {
            for i in found.drain(..) {
                let state = ex.states.get(i);
                if target.reached(&ex.coverage, &state) {
                    let _ = progress(ex.states.len());
                    return ex;
                }
                if state.outcome.is_none() {
                    let now = state.now;
                    judge.set_state(state);
                    let measure = near.measure(&judge);
                    // Nearer first within a minute (scores are in 0..=1).
                    let nearer = u32::MAX - (measure.score * 1e6) as u32;
                    choosing.push(Reverse((now, nearer, i, measure.signature)));
                }
            }
            // The novel first; once none is left, what was put aside, earliest first.
            let (entry, put_aside) = match choosing.pop() {
                Some(entry) => (entry, false),
                None => match aside.pop() {
                    Some(entry) => (entry, true),
                    None => break,
                },
            };
            let Reverse((now, nearer, i, signature)) = entry;
            if ex.states.len() >= bound.max_states {
                break;
            }
            if !put_aside {
                if minute.0 != now {
                    minute = (now, 0);
                }
                let state = ex.states.get(i);
                let record = novelty
                    .entry((state.night_chances.clone(), signature))
                    .or_insert_with(|| Novelty::new(width, 0));
                // A situation where all that the target asks holds but what only the clock
                // brings (the end of the day, in the world where the call was a prank) is
                // expanded though nothing new holds in it: waiting is all that is left to do.
                let new = record.is_new(&state) || nearer <= RIPE;
                if minute.1 >= per_minute || !new {
                    if to_the_bound {
                        aside.push(entry);
                    }
                    continue;
                }
                minute.1 += 1;
            }
            ex.expand(&mut sim, i, &mut found);
            expanded += 1;
            if expanded.is_multiple_of(WATCHED_EVERY) && progress(ex.states.len()).is_break() {
                break;
            }
        }
        let _ = progress(ex.states.len());
        ex
    }
}
