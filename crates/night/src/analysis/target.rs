//! What a directed search goes toward: an ending, or a part of the scenario that the other
//! searches did not see come into play (a state entered, a transition fired, an event, a fact
//! believed, a place reached); the conditions that bring it about, and whether an exploration
//! reached it.

use super::coverage::Coverage;
use super::nearness::{conjuncts, transition_conditions};
use crate::scenario::Scenario;
use crate::scenario::model::{Cond, EndingId, Entity, EventId, FactId, LocId, StateId};
use crate::sim::{Outcome, State};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Ending(EndingId),
    State(Entity, StateId),
    /// A state machine's transition, by index.
    Transition(Entity, u16),
    Event(EventId),
    /// Someone comes to believe it.
    Fact(FactId),
    /// The player is there.
    Place(LocId),
}

impl Target {
    /// The conditions that together bring it about, and the state machine they belong to
    /// (for `InStateFor`).
    pub fn conditions(&self, s: &Scenario) -> (Vec<Cond>, Option<Entity>) {
        match *self {
            Target::Ending(e) => (conjuncts(s.endings[e as usize].when.clone()), None),
            Target::State(entity, st) => (vec![Cond::State(entity, st)], None),
            Target::Transition(entity, k) => {
                let t = match entity {
                    Entity::Location(l) => &s.locations[l as usize].transitions[k as usize],
                    Entity::Character(c) => &s.characters[c as usize].transitions[k as usize],
                };
                (transition_conditions(s, entity, t), Some(entity))
            }
            Target::Event(e) => (conjuncts(s.events[e as usize].when.clone()), None),
            Target::Fact(f) => {
                let anyone = (0..s.characters.len() as u16).map(|c| Cond::Believes(c, f));
                (vec![Cond::Any(anyone.collect())], None)
            }
            Target::Place(l) => (vec![Cond::At(s.player, l)], None),
        }
    }

    /// What it is, for a modder.
    pub fn name(&self, s: &Scenario) -> String {
        let entity = |e: Entity| match e {
            Entity::Location(l) => format!("location `{}`", s.locations[l as usize].id),
            Entity::Character(c) => format!("character `{}`", s.characters[c as usize].id),
        };
        let state = |e: Entity, st: StateId| match e {
            Entity::Location(l) => s.locations[l as usize].states[st as usize].id.clone(),
            Entity::Character(c) => s.characters[c as usize].states[st as usize].id.clone(),
        };
        match *self {
            Target::Ending(e) => format!("`{}`", s.endings[e as usize].id),
            Target::State(e, st) => format!("{} state `{}`", entity(e), state(e, st)),
            Target::Transition(e, k) => format!("{} transition {}", entity(e), k + 1),
            Target::Event(e) => format!("event `{}`", s.events[e as usize].id),
            Target::Fact(f) => format!("fact `{}`", s.facts[f as usize].id),
            Target::Place(l) => format!("location `{}`", s.locations[l as usize].id),
        }
    }

    /// Whether it was reached: the night ended so in `state` (an ending), or it came into
    /// play in `coverage` (a part).
    pub fn reached(&self, coverage: &Coverage, state: &State) -> bool {
        match *self {
            Target::Ending(e) => state.outcome == Some(Outcome::Ending(e)),
            _ => self.seen_in(coverage),
        }
    }

    /// Whether a part came into play in `coverage` (an ending is never seen there: nights'
    /// ends are states, see [`Target::reached`]).
    pub fn seen_in(&self, coverage: &Coverage) -> bool {
        match *self {
            Target::Ending(_) => false,
            Target::State(entity, st) => coverage.saw_state(entity, st),
            Target::Transition(entity, k) => coverage.saw_transition(entity, k),
            Target::Event(e) => coverage.saw_event(e),
            Target::Fact(f) => coverage.saw_fact(f),
            Target::Place(l) => coverage.saw_place(l),
        }
    }
}

/// The parts of the scenario that `coverage` did not see come into play, as targets (calls
/// are left out: making one is an action, which every search already tries wherever it can).
pub fn unseen(s: &Scenario, coverage: &Coverage) -> Vec<Target> {
    let mut out = Vec::new();
    let machines = s
        .locations
        .iter()
        .enumerate()
        .map(|(l, loc)| {
            (
                Entity::Location(l as u16),
                loc.states.len(),
                loc.transitions.len(),
            )
        })
        .chain(s.characters.iter().enumerate().map(|(c, ch)| {
            (
                Entity::Character(c as u16),
                ch.states.len(),
                ch.transitions.len(),
            )
        }));
    for (entity, states, transitions) in machines {
        out.extend(
            (0..states as StateId)
                .filter(|&st| !coverage.saw_state(entity, st))
                .map(|st| Target::State(entity, st)),
        );
        out.extend(
            (0..transitions as u16)
                .filter(|&k| !coverage.saw_transition(entity, k))
                .map(|k| Target::Transition(entity, k)),
        );
    }
    out.extend(
        (0..s.events.len() as EventId)
            .filter(|&e| !coverage.saw_event(e))
            .map(Target::Event),
    );
    out.extend(
        (0..s.facts.len() as FactId)
            .filter(|&f| !coverage.saw_fact(f))
            .map(Target::Fact),
    );
    out.extend(
        (0..s.locations.len() as LocId)
            .filter(|&l| !coverage.saw_place(l))
            .map(Target::Place),
    );
    out
}
