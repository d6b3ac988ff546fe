//! What a set of nights made happen, and so what never happened in them: endings, states,
//! transitions, the scenario's events, facts believed, calls made. Built from the nights'
//! events; for autoplay's report (and for tests that want every part of a scenario alive).

use crate::scenario::Scenario;
use crate::scenario::model::Entity;
use crate::sim::{Event, EventKind, Outcome, Sim};
use std::collections::{BTreeMap, BTreeSet};

/// Counts over many nights.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    /// Nights per ending id ("none" for a day that ran out).
    pub endings: BTreeMap<String, u32>,
    states: BTreeSet<(Entity, u16)>,
    transitions: BTreeSet<(Entity, u16)>,
    events: BTreeSet<u16>,
    facts: BTreeSet<u16>,
    calls: BTreeSet<u16>,
    pub nights: u32,
}

/// The parts of a scenario no night reached, by kind, each named for a modder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Never {
    pub endings: Vec<String>,
    pub states: Vec<String>,
    pub transitions: Vec<String>,
    pub events: Vec<String>,
    pub facts: Vec<String>,
    pub calls: Vec<String>,
}

impl Never {
    pub fn is_empty(&self) -> bool {
        self.endings.is_empty()
            && self.states.is_empty()
            && self.transitions.is_empty()
            && self.events.is_empty()
            && self.facts.is_empty()
            && self.calls.is_empty()
    }
}

impl Coverage {
    /// Adds one night: its events from the start, and how it ended.
    pub fn add(&mut self, sim: &Sim, events: &[Event]) {
        let s = sim.scenario();
        self.nights += 1;
        let ending = match sim.outcome() {
            Some(Outcome::Ending(e)) => s.endings[e as usize].id.clone(),
            _ => "none".into(),
        };
        *self.endings.entry(ending).or_default() += 1;
        for (l, loc) in s.locations.iter().enumerate() {
            self.states.insert((Entity::Location(l as u16), loc.start));
        }
        for (c, ch) in s.characters.iter().enumerate() {
            self.states.insert((Entity::Character(c as u16), ch.start));
        }
        for e in events {
            match &e.kind {
                EventKind::StateChanged { entity, to, .. } => {
                    self.states.insert((*entity, *to));
                }
                EventKind::Transitioned { entity, index } => {
                    self.transitions.insert((*entity, *index));
                }
                EventKind::EventFired(id) => {
                    self.events.insert(*id);
                }
                EventKind::Believed { fact, .. } => {
                    self.facts.insert(*fact);
                }
                EventKind::Called(call) => {
                    self.calls.insert(*call);
                }
                _ => {}
            }
        }
    }

    /// What none of the nights reached.
    pub fn never(&self, s: &Scenario) -> Never {
        let machines = s
            .locations
            .iter()
            .enumerate()
            .map(|(l, loc)| {
                (
                    Entity::Location(l as u16),
                    format!("location `{}`", loc.id),
                    loc.states
                        .iter()
                        .map(|st| st.id.as_str())
                        .collect::<Vec<_>>(),
                    &loc.transitions,
                )
            })
            .chain(s.characters.iter().enumerate().map(|(c, ch)| {
                (
                    Entity::Character(c as u16),
                    format!("character `{}`", ch.id),
                    ch.states
                        .iter()
                        .map(|st| st.id.as_str())
                        .collect::<Vec<_>>(),
                    &ch.transitions,
                )
            }));
        let mut never = Never::default();
        for (entity, name, states, transitions) in machines {
            for (k, state) in states.iter().enumerate() {
                if !self.states.contains(&(entity, k as u16)) {
                    never.states.push(format!("{name} state `{state}`"));
                }
            }
            for (k, t) in transitions.iter().enumerate() {
                if !self.transitions.contains(&(entity, k as u16)) {
                    let from: Vec<&str> = t.from.iter().map(|&f| states[f as usize]).collect();
                    let from = if from.is_empty() {
                        "any state".to_owned()
                    } else {
                        from.join("|")
                    };
                    let to = t.to.map_or("(stays)", |to| states[to as usize]);
                    never
                        .transitions
                        .push(format!("{name} transition {} ({from} -> {to})", k + 1));
                }
            }
        }
        never.endings = s
            .endings
            .iter()
            .filter(|e| !self.endings.contains_key(&e.id))
            .map(|e| e.id.clone())
            .collect();
        never.events = s
            .events
            .iter()
            .enumerate()
            .filter(|(k, _)| !self.events.contains(&(*k as u16)))
            .map(|(_, e)| e.id.clone())
            .collect();
        never.facts = s
            .facts
            .iter()
            .enumerate()
            .filter(|(k, _)| !self.facts.contains(&(*k as u16)))
            .map(|(_, f)| f.id.clone())
            .collect();
        never.calls = s
            .calls
            .iter()
            .enumerate()
            .filter(|(k, _)| !self.calls.contains(&(*k as u16)))
            .map(|(_, c)| c.id.clone())
            .collect();
        never
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::film;
    use crate::analysis::random_player;

    #[test]
    fn nights_fill_the_coverage_and_what_is_left_is_named() {
        let s = film();
        let empty = Coverage::default().never(&s);
        assert_eq!(empty.endings.len(), s.endings.len());
        let mut coverage = Coverage::default();
        let night = random_player::play(&s, 0, 1, 1, 300);
        coverage.add(&night.sim, &night.events);
        let after = coverage.never(&s);
        assert_eq!(coverage.nights, 1);
        assert_eq!(after.endings.len(), s.endings.len() - 1);
        assert!(after.states.len() < empty.states.len());
        assert!(after.transitions.len() < empty.transitions.len());
        assert!(after.states.iter().all(|n| n.contains(" state `")));
    }
}
