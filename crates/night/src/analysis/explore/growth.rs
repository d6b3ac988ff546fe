//! How the graph grows: a situation expanded into every action the player can take there,
//! each played on for every outcome of the chances it draws.

use super::{Exploration, ROOT, comparable};
use crate::sim::{Action, Activity, Event, Sim, State};
use std::collections::VecDeque;

impl Exploration {
    /// Expands state `i`, where the player is free: each action they can take, played on
    /// until they are free again (or the night is over), for every outcome of the chances.
    pub(super) fn expand(&mut self, sim: &mut Sim, i: u32, queue: &mut VecDeque<u32>) {
        let first_edge = self.edges.len() as u32;
        self.edge_floor = self.edges.len();
        let actions = self.nodes.actions(i);
        let base = self.states.get(i);
        if base.outcome.is_none() && base.activity == Activity::Idle {
            sim.set_state(base.clone());
            let give_matters = &self.give_matters;
            let fixed_waits = self.fixed_waits;
            let choices: Vec<Action> = sim
                .actions()
                .into_iter()
                .filter(|a| match a {
                    Action::Wait { .. } => fixed_waits,
                    Action::Give { who, item } => give_matters[*who as usize][*item as usize],
                    _ => true,
                })
                .collect();
            for action in choices {
                self.branch(
                    sim,
                    Some(i),
                    Some(action.clone()),
                    actions + 1,
                    queue,
                    |sim, forced| {
                        sim.set_state(base.clone());
                        sim.choose_chances(forced);
                        // Offered by `actions()` a moment ago: it applies.
                        let mut events = sim.apply(&action).unwrap_or_default();
                        let mut after = sim.state().clone();
                        let wait = is_only_a_wait(&base, &mut after);
                        sim.set_state(after);
                        if !wait {
                            events.extend(sim.run_until_idle());
                        }
                        (events, !wait)
                    },
                );
            }
        }
        let len = self.edges.len() as u32 - first_edge;
        self.nodes.set_successors(i, first_edge, len);
    }

    /// Runs one step (from state `parent`, or with no parent the night's beginning) for every
    /// combination of the outcomes of the chances it draws, and adds the states it leads to
    /// as its successors. `run` plays the step with the outcomes it is given first, and says
    /// what happened and whether to keep it (a step that only passed the time is dropped, but
    /// what it made happen, a line of narration, still counts).
    pub(super) fn branch(
        &mut self,
        sim: &mut Sim,
        parent: Option<u32>,
        action: Option<Action>,
        actions: u32,
        queue: &mut VecDeque<u32>,
        mut run: impl FnMut(&mut Sim, Vec<bool>) -> (Vec<Event>, bool),
    ) {
        let mut pending: Vec<Vec<bool>> = vec![Vec::new()];
        while let Some(forced) = pending.pop() {
            let fixed = forced.len();
            let (events, keep) = run(sim, forced);
            self.steps += 1;
            let drawn = sim.take_chance_draws();
            // Every draw after the forced ones took its likelier outcome: try the other.
            for k in (fixed..drawn.len()).rev() {
                if drawn[k].could_go_either_way() {
                    let mut other: Vec<bool> = drawn[..k].iter().map(|d| d.hit).collect();
                    other.push(!drawn[k].hit);
                    pending.push(other);
                }
            }
            self.coverage.note(&events);
            if !keep {
                continue;
            }
            let state = comparable(sim.state().clone(), &self.horizons);
            let (index, new) = self.states.insert_full(&state);
            if new {
                let decisions: smallvec::SmallVec<[bool; 8]> =
                    drawn.iter().map(|d| d.hit).collect();
                self.nodes
                    .push(parent.unwrap_or(ROOT), action.as_ref(), &decisions, actions);
                queue.push_back(index);
            }
            if parent.is_some() && !self.edges[self.edge_floor..].contains(&index) {
                self.edges.push(index);
            }
        }
    }
}

/// Whether an action took the player from `base` (free) to `after` changing nothing but
/// their being busy: a wait in all but name.
fn is_only_a_wait(base: &State, after: &mut State) -> bool {
    if after.outcome.is_some()
        || !matches!(after.activity, Activity::Busy { .. })
        || after.now != base.now
    {
        return false;
    }
    // Compared with the activity set aside, then put back (draw counts left out).
    let activity = std::mem::replace(&mut after.activity, Activity::Idle);
    let draws = std::mem::take(&mut after.draws);
    let same = *after == *base;
    after.activity = activity;
    after.draws = draws;
    same
}
