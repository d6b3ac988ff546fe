//! What a set of nights made happen, and so what never happened in them: endings, states,
//! transitions, the scenario's events, facts believed, calls made, places the player reached. Built from the nights'
//! events; for autoplay's report (and for tests that want every part of a scenario alive).

use crate::scenario::Scenario;
use crate::scenario::model::{Entity, LocId};
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
    /// Places the player reached (started at or arrived at).
    places: BTreeSet<u16>,
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
    /// Locations the player never reached.
    pub places: Vec<String>,
    /// All of the above but the endings, each with where it was written.
    pub parts: Vec<Unreached>,
}

/// A part of the scenario that nothing reached, where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreached {
    pub kind: PartKind,
    /// As `Never` names it.
    pub name: String,
    pub span: std::ops::Range<usize>,
}

/// What kind of part, for the verb a diagnostic uses: a state is never entered, a transition
/// never fires, an event never happens, a fact is never believed, a call never made, a place
/// never reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    State,
    Transition,
    Event,
    Fact,
    Call,
    Place,
}

impl Never {
    pub fn is_empty(&self) -> bool {
        self.endings.is_empty()
            && self.states.is_empty()
            && self.transitions.is_empty()
            && self.events.is_empty()
            && self.facts.is_empty()
            && self.calls.is_empty()
            && self.places.is_empty()
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
        self.note_start(s);
        for e in events {
            if let EventKind::Began { start } = e.kind
                && let Some(st) = s.starts.get(start)
            {
                self.places.insert(st.at);
            }
        }
        self.note(events);
    }

    /// Counts what every night has from its beginning: each machine's first state.
    pub fn note_start(&mut self, s: &Scenario) {
        for (l, loc) in s.locations.iter().enumerate() {
            self.states.insert((Entity::Location(l as u16), loc.start));
        }
        for (c, ch) in s.characters.iter().enumerate() {
            self.states.insert((Entity::Character(c as u16), ch.start));
        }
    }

    /// Counts an ending that happened (by id, "none" for a day that ran out), without a night.
    pub fn note_ending(&mut self, ending: &str) {
        *self.endings.entry(ending.to_owned()).or_default() += 1;
    }

    /// Counts what these events made happen.
    pub fn note(&mut self, events: &[Event]) {
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
                EventKind::Arrived { at } => {
                    self.places.insert(*at);
                }
                _ => {}
            }
        }
    }

    pub fn saw_state(&self, entity: Entity, state: u16) -> bool {
        self.states.contains(&(entity, state))
    }
    pub fn saw_transition(&self, entity: Entity, index: u16) -> bool {
        self.transitions.contains(&(entity, index))
    }
    pub fn saw_event(&self, event: u16) -> bool {
        self.events.contains(&event)
    }
    /// Someone came to believe the fact.
    pub fn saw_fact(&self, fact: u16) -> bool {
        self.facts.contains(&fact)
    }
    /// The player was there.
    pub fn saw_place(&self, place: LocId) -> bool {
        self.places.contains(&place)
    }

    /// Counts a place the player was at.
    pub fn note_place(&mut self, place: LocId) {
        self.places.insert(place);
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
                    &s.spans.location_states[l],
                    &s.spans.location_transitions[l],
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
                    &s.spans.character_states[c],
                    &s.spans.character_transitions[c],
                )
            }));
        let mut never = Never::default();
        let part = |kind, name: &str, span: Option<&std::ops::Range<usize>>| Unreached {
            kind,
            name: name.to_owned(),
            span: span.cloned().unwrap_or(0..0),
        };
        for (entity, name, states, transitions, state_spans, transition_spans) in machines {
            for (k, state) in states.iter().enumerate() {
                if !self.states.contains(&(entity, k as u16)) {
                    let what = format!("{name} state `{state}`");
                    never
                        .parts
                        .push(part(PartKind::State, &what, state_spans.get(k)));
                    never.states.push(what);
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
                    let what = format!("{name} transition {} ({from} -> {to})", k + 1);
                    never
                        .parts
                        .push(part(PartKind::Transition, &what, transition_spans.get(k)));
                    never.transitions.push(what);
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
        never.places = s
            .locations
            .iter()
            .enumerate()
            .filter(|(k, _)| !self.places.contains(&(*k as u16)))
            .map(|(_, l)| l.id.clone())
            .collect();
        let simple = [
            (
                PartKind::Event,
                "event",
                &never.events,
                &s.spans.events,
                s.events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ),
            (
                PartKind::Fact,
                "fact",
                &never.facts,
                &s.spans.facts,
                s.facts.iter().map(|f| f.id.as_str()).collect(),
            ),
            (
                PartKind::Call,
                "call",
                &never.calls,
                &s.spans.calls,
                s.calls.iter().map(|c| c.id.as_str()).collect(),
            ),
            (
                PartKind::Place,
                "location",
                &never.places,
                &s.spans.locations,
                s.locations.iter().map(|l| l.id.as_str()).collect(),
            ),
        ];
        let mut parts = Vec::new();
        for (kind, noun, missing, spans, ids) in simple {
            for id in missing {
                let k = ids.iter().position(|i| i == id);
                parts.push(part(
                    kind,
                    &format!("{noun} `{id}`"),
                    k.and_then(|k| spans.get(k)),
                ));
            }
        }
        never.parts.extend(parts);
        never
    }

    /// Adds what another set of nights (or an exploration) reached.
    pub fn merge(&mut self, other: &Coverage) {
        for (ending, n) in &other.endings {
            *self.endings.entry(ending.clone()).or_default() += n;
        }
        self.states.extend(other.states.iter().copied());
        self.transitions.extend(other.transitions.iter().copied());
        self.events.extend(other.events.iter().copied());
        self.facts.extend(other.facts.iter().copied());
        self.calls.extend(other.calls.iter().copied());
        self.places.extend(other.places.iter().copied());
        self.nights += other.nights;
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
