//! The exhaustive strategy: every situation, breadth-first, so that the first way found to
//! each is one with the fewest actions.

use super::{Bound, Exploration, Origin, WATCHED_EVERY, Watch};
use crate::scenario::Scenario;
use crate::sim::Sim;
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
        while let Some(i) = queue.pop_front() {
            if ex.states.len() >= bound.max_states {
                break;
            }
            ex.expand(&mut sim, i, &mut queue);
            expanded += 1;
            if expanded.is_multiple_of(WATCHED_EVERY) && progress(ex.states.len()).is_break() {
                break;
            }
        }
        // Not expanded and not over: the bound cut the exploration off there.
        ex.exhaustive = !(0..ex.nodes.len() as u32)
            .any(|i| ex.nodes.successors(i).is_none() && ex.states.outcome(i).is_none());
        let _ = progress(ex.states.len());
        ex
    }
}
