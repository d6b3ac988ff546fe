//! The graph's nodes, kept compact: for each state, the step that first reached it (its
//! parent, its action by index among the actions seen, its chances' outcomes as a range of one
//! shared list), the actions on the way, and its successors as a range of the edges. 28 bytes
//! a state instead of 72: the film's searches keep hundreds of thousands.

use super::Step;
use crate::sim::Action;
use foldhash::fast::FixedState;
use hashbrown::HashMap;

/// No action: the night's beginning, up to the player's first choice.
const NO_ACTION: u32 = u32::MAX;
/// Successors not known: the state was not expanded.
const NOT_EXPANDED: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u32,
    action: u32,
    decisions_from: u32,
    decisions_len: u32,
    /// Player actions on the way here.
    actions: u32,
    successors_from: u32,
    successors_len: u32,
}

#[derive(Default)]
pub(super) struct Nodes {
    nodes: Vec<Node>,
    /// Every distinct action of a step, by index.
    actions: Vec<Action>,
    action_ids: HashMap<Action, u32, FixedState>,
    /// The outcomes of the chances of every step, one after another.
    decisions: Vec<bool>,
}

impl Nodes {
    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Adds the node of a new state, reached by `step` after `actions` player actions.
    pub(super) fn push(
        &mut self,
        parent: u32,
        action: Option<&Action>,
        decisions: &[bool],
        actions: u32,
    ) {
        let action = match action {
            None => NO_ACTION,
            Some(a) => match self.action_ids.get(a) {
                Some(&id) => id,
                None => {
                    let id = self.actions.len() as u32;
                    self.actions.push(a.clone());
                    self.action_ids.insert(a.clone(), id);
                    id
                }
            },
        };
        let decisions_from = self.decisions.len() as u32;
        self.decisions.extend_from_slice(decisions);
        self.nodes.push(Node {
            parent,
            action,
            decisions_from,
            decisions_len: decisions.len() as u32,
            actions,
            successors_from: 0,
            successors_len: NOT_EXPANDED,
        });
    }

    /// The step that first reached state `i`.
    pub(super) fn step(&self, i: u32) -> Step {
        let n = &self.nodes[i as usize];
        let from = n.decisions_from as usize;
        Step {
            parent: n.parent,
            action: (n.action != NO_ACTION).then(|| self.actions[n.action as usize].clone()),
            decisions: self.decisions[from..from + n.decisions_len as usize].into(),
        }
    }

    pub(super) fn parent(&self, i: u32) -> u32 {
        self.nodes[i as usize].parent
    }

    pub(super) fn actions(&self, i: u32) -> u32 {
        self.nodes[i as usize].actions
    }

    /// State `i`'s successors as a range of the edges (`None`: not expanded).
    pub(super) fn successors(&self, i: u32) -> Option<(u32, u32)> {
        let n = &self.nodes[i as usize];
        (n.successors_len != NOT_EXPANDED).then_some((n.successors_from, n.successors_len))
    }

    pub(super) fn set_successors(&mut self, i: u32, from: u32, len: u32) {
        let n = &mut self.nodes[i as usize];
        (n.successors_from, n.successors_len) = (from, len);
    }
}
