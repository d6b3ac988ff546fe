//! The strategy that keeps only what is new: far from exhaustive, it reaches deep into a night
//! whose whole state space is too large.

use super::{Bound, Exploration, Origin, WATCHED_EVERY, Watch};
use crate::analysis::novelty::Novelty;
use crate::scenario::Scenario;
use crate::sim::Sim;
use std::collections::{HashMap, VecDeque};

/// What counts as new to [`Exploration::run_novel`] (see [`Novelty`]).
#[derive(Clone, Copy, Debug)]
pub struct Newness {
    /// 1: a situation is new if it makes one atom true for the first time; 2: a pair of them.
    pub width: u8,
    /// With a period of `n` minutes, what was true in an earlier `n`-minute window is new
    /// again in a later one (0: new once in the whole night).
    pub period: u16,
}

impl Exploration {
    /// Explores the night from `start` keeping only the situations that make something new
    /// true (see [`Newness`]): far from exhaustive, but it reaches deep
    /// situations that a breadth-first search of the whole state space cannot within its
    /// bound. What it finds is reachable, with a path to it. It begins at `origin`, as
    /// [`Exploration::run_from`] does.
    pub fn run_novel(
        scenario: &Scenario,
        start: usize,
        origin: Origin,
        newness: Newness,
        bound: Bound,
        mut progress: impl Watch,
    ) -> Exploration {
        let mut ex = Exploration::empty(scenario, start, bound);
        ex.exhaustive = false;
        // One record of what is new per outcome of the night's chances: the same situation
        // in another world is new. At width 2 the pairs with the chances tell worlds apart.
        let Newness { width, period } = newness;
        let mut novelty: HashMap<crate::sim::Bits, Novelty> = HashMap::new();
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        let mut found: VecDeque<u32> = VecDeque::new();
        if !ex.begin(&mut sim, origin, &mut found) {
            return ex;
        }
        let mut choosing: VecDeque<u32> = VecDeque::new();
        let mut expanded = 0u64;
        loop {
            for i in found.drain(..) {
                let state = ex.states.get(i);
                let world = if width >= 2 {
                    crate::sim::Bits::default()
                } else {
                    state.night_chances.clone()
                };
                let record = novelty
                    .entry(world)
                    .or_insert_with(|| Novelty::new(width, period));
                if record.is_new(&state) && state.outcome.is_none() {
                    choosing.push_back(i);
                }
            }
            let Some(i) = choosing.pop_front() else { break };
            if ex.states.len() >= bound.max_states {
                break;
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
