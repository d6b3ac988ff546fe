//! What happens in a night, as the simulation reports it, and its text for transcripts.

use super::action::Action;
use super::state::{Outcome, Owner};
use crate::scenario::Scenario;
use crate::scenario::model::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub time: Minute,
    /// Harry could see or hear it where he was.
    pub visible: bool,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// The night began from this start.
    Began {
        start: usize,
    },
    /// Harry did this.
    Acted(Action),
    Departed {
        to: LocId,
        mode: Mode,
        minutes: Minute,
    },
    Arrived {
        at: LocId,
    },
    FellAsleep {
        until: Minute,
    },
    Woke,
    /// A line of the scenario's narration.
    Log(String),
    Said {
        who: CharId,
        text: String,
    },
    StateChanged {
        entity: Entity,
        from: StateId,
        to: StateId,
    },
    Believed {
        who: CharId,
        fact: FactId,
    },
    Doubted {
        who: CharId,
        fact: FactId,
    },
    ItemMoved {
        item: ItemId,
        to: Owner,
    },
    /// Someone would not give Harry what he asked for.
    Refused {
        who: CharId,
        item: ItemId,
    },
    /// A transition of a state machine fired (its index among the entity's transitions); the
    /// transcript leaves it out, analysis counts it.
    Transitioned {
        entity: Entity,
        index: u16,
    },
    EventFired(EventId),
    Called(CallId),
    NotInService(String),
    /// The night ended; `text` is the ending's text as this night tells it (see
    /// `Sim::ending_text`; empty when the night is not narrated).
    Ended {
        outcome: Outcome,
        text: String,
    },
}

impl Event {
    /// One transcript line, or `None` for what the transcript leaves out.
    pub fn narrate(&self, s: &Scenario) -> Option<String> {
        let name = |c: CharId| s.characters[c as usize].name.as_str();
        let place = |l: LocId| s.locations[l as usize].name.as_str();
        let text = match &self.kind {
            EventKind::Began { start } => {
                let st = &s.starts[*start];
                format!("{} — {} begins at {}.", s.title, st.name, place(st.at))
            }
            EventKind::Acted(a) => format!("> {}", a.describe(s)),
            EventKind::Departed { to, mode, minutes } => {
                format!(
                    "{} sets off for {} ({}, {} min).",
                    s.player_word(),
                    place(*to),
                    mode.word(),
                    minutes
                )
            }
            EventKind::Arrived { at } => format!("{} arrives at {}.", s.player_word(), place(*at)),
            EventKind::FellAsleep { until } => {
                format!("{} sleeps (until {}).", s.player_word(), s.clock(*until))
            }
            EventKind::Woke => format!("{} wakes up.", s.player_word()),
            EventKind::Log(text) => text.clone(),
            EventKind::Said { who, text } => {
                if !self.visible {
                    return None;
                }
                format!("{}: \"{}\"", name(*who), text)
            }
            EventKind::StateChanged { entity, to, .. } => {
                if !self.visible {
                    return None;
                }
                match entity {
                    Entity::Location(l) => {
                        let state = &s.locations[*l as usize].states[*to as usize];
                        if state.text.is_empty() {
                            return None;
                        }
                        format!("{}: {}", place(*l), state.text)
                    }
                    Entity::Character(c) => {
                        let state = &s.characters[*c as usize].states[*to as usize];
                        if state.description.is_empty() {
                            return None;
                        }
                        format!("{} — {}", name(*c), state.description)
                    }
                }
            }
            EventKind::Believed { who, fact } => {
                if !self.visible {
                    return None;
                }
                format!(
                    "{} believes it: {}.",
                    name(*who),
                    s.facts[*fact as usize].name
                )
            }
            EventKind::Doubted { who, fact } => {
                if !self.visible {
                    return None;
                }
                format!(
                    "{} does not believe it: {}.",
                    name(*who),
                    s.facts[*fact as usize].name
                )
            }
            EventKind::ItemMoved { item, to } => {
                let item = &s.items[*item as usize].name;
                match to {
                    Owner::Held(c) if *c == s.player => {
                        format!("{} now has {item}.", s.player_word())
                    }
                    Owner::Held(c) if self.visible => format!("{} now has {item}.", name(*c)),
                    Owner::At(l) if self.visible => format!("{item} is left at {}.", place(*l)),
                    _ => return None,
                }
            }
            EventKind::Refused { who, item } => {
                format!(
                    "{} won't give you {}.",
                    name(*who),
                    s.items[*item as usize].name
                )
            }
            EventKind::EventFired(_) | EventKind::Transitioned { .. } => return None,
            EventKind::Called(call) => format!(
                "{} calls {}.",
                s.player_word(),
                s.calls[*call as usize].name
            ),
            EventKind::NotInService(number) => {
                format!("\"The number you have dialed, {number}, is not in service.\"")
            }
            EventKind::Ended {
                outcome: Outcome::Ending(e),
                text,
            } => {
                let ending = &s.endings[*e as usize];
                format!("THE END — {}. {}", ending.title, text)
                    .trim_end()
                    .to_owned()
            }
            EventKind::Ended {
                outcome: Outcome::DayOver,
                ..
            } => "The day is over. No ending applies.".into(),
        };
        Some(format!("[{}] {}", s.clock(self.time), text))
    }
}
