//! The exhaustive strategy: every situation, breadth-first, so that the first way found to
//! each is one with the fewest actions.

use super::{Bound, Exploration, Origin, WATCHED_EVERY, Watch};
use crate::scenario::Scenario;
use crate::sim::{Outcome, Sim};
use std::collections::VecDeque;

impl Exploration {
    /// Explores the night from `start` (an index into the scenario's starts) within `bound`,
    /// telling `progress` now and then the number of states found so far; it stops where
    /// `progress` says so (not exhaustive then, unless nothing was left to expand).
    pub fn run(
        scenario: &Scenario,
        start: usize,
        bound: Bound,
        progress: impl Watch,
    ) -> Exploration {
        Exploration::run_from(scenario, start, Origin::default(), bound, progress)
    }

    /// [`Exploration::run`] from `origin` (a situation inside the night, with or without
    /// waits timed to the minute).
    pub fn run_from(
        scenario: &Scenario,
        start: usize,
        origin: Origin,
        bound: Bound,
        progress: impl Watch,
    ) -> Exploration {
        Exploration::run_from_while(scenario, start, origin, bound, |_| true, progress)
    }

    /// [`Exploration::run_from`], stopped (not exhaustive) as soon as it finds a situation
    /// whose outcome `welcome` refuses: a question answered by one situation (can anything
    /// but a loss still follow?) need not wait for the whole future.
    pub fn run_from_while(
        scenario: &Scenario,
        start: usize,
        origin: Origin,
        bound: Bound,
        mut welcome: impl FnMut(Option<Outcome>) -> bool,
        mut progress: impl Watch,
    ) -> Exploration {
        let mut ex = Exploration::empty(scenario, start, bound);
        // Breadth-first: every step is one action, so the first way found to a state is one
        // with the fewest actions.
        let mut queue: VecDeque<u32> = VecDeque::new();
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        if !ex.begin(&mut sim, origin, &mut queue) {
            return ex;
        }
        let mut expanded = 0u64;
        let mut refused = queue.iter().any(|&j| !welcome(ex.states.outcome(j)));
        while !refused && let Some(i) = queue.pop_front() {
            if ex.states.len() >= bound.max_states {
                break;
            }
            let before = queue.len();
            ex.expand(&mut sim, i, &mut queue);
            refused = queue
                .range(before..)
                .any(|&j| !welcome(ex.states.outcome(j)));
            expanded += 1;
            if expanded.is_multiple_of(WATCHED_EVERY) && progress(ex.states.len()).is_break() {
                break;
            }
        }
        // Not expanded and not over: the bound cut the exploration off there.
        ex.exhaustive = !refused
            && !(0..ex.nodes.len() as u32)
                .any(|i| ex.nodes.successors(i).is_none() && ex.states.outcome(i).is_none());
        let _ = progress(ex.states.len());
        ex
    }
}
