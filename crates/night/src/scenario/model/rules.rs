//! The rules of a compiled scenario: transitions with their triggers, the conditions they
//! test and the effects they have, the story's events and endings, and the warnings about them.

use super::{
    CallId, CharId, DAY, DrawKey, EndingId, EndingKind, Entity, EventId, FactId, FlagId, ItemId,
    LocId, Minute, StateId, StreetId, TopicId,
};

#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    /// States it leaves (empty: any).
    pub from: Vec<StateId>,
    pub to: Option<StateId>,
    pub on: Option<Trigger>,
    pub when: Cond,
    /// The first minute `when` can hold (see [`Cond::not_before`]).
    pub not_before: Minute,
    pub chance: Option<(f64, DrawKey)>,
    pub then: Vec<Effect>,
}

/// For each of `states` states, the indices of the level transitions that may leave it: the
/// simulation looks only at these each minute instead of every transition.
pub fn level_by_state(transitions: &[Transition], states: usize) -> Vec<Vec<u16>> {
    (0..states as StateId)
        .map(|state| {
            (0..transitions.len() as u16)
                .filter(|&i| {
                    let t = &transitions[i as usize];
                    t.on.is_none() && t.leaves(state)
                })
                .collect()
        })
        .collect()
}

impl Transition {
    pub fn leaves(&self, state: StateId) -> bool {
        self.from.is_empty() || self.from.contains(&state)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trigger {
    Told(FactId),
    Talked(TopicId),
    Asked(ItemId),
    Given(ItemId),
    Used(ItemId),
    Called(CallId),
    Answered,
    LetRing,
    Event(EventId),
    HarryArrives,
    HarryLeaves,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EventDef {
    pub id: String,
    pub when: Cond,
    /// The first minute `when` can hold (see [`Cond::not_before`]).
    pub not_before: Minute,
    pub text: String,
    pub then: Vec<Effect>,
}

/// A warning about a scenario that still compiles, at the text at fault: from the compiler
/// (a flag that does nothing) or from `check`'s analysis (a part that never comes into play).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Lint {
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ending {
    pub id: String,
    pub kind: EndingKind,
    pub title: String,
    pub text: String,
    pub when: Cond,
    /// The first minute `when` can hold (see [`Cond::not_before`]).
    pub not_before: Minute,
    pub priority: i32,
    /// Sentences added to `text` when their condition holds at the end (see
    /// `Sim::ending_text`).
    pub parts: Vec<(Cond, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Always,
    Never,
    Before(Minute),
    After(Minute),
    Deadline,
    EndOfDay,
    At(CharId, LocId),
    With(CharId),
    Here(CharId),
    State(Entity, StateId),
    InStateFor(Minute),
    Holds(CharId, ItemId),
    Flag(FlagId),
    Believes(CharId, FactId),
    Told(CharId, FactId),
    PanicAtLeast(LocId, u8),
    PanicHere(u8),
    /// At least this many characters other than the player believe the fact.
    Believers(FactId, u16),
    Chance(u16),
    Happened(EventId),
    Sleeping,
    Travelling,
}

impl Cond {
    /// Calls `f` on this condition and on every condition inside it.
    pub fn visit(&self, f: &mut impl FnMut(&Cond)) {
        f(self);
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.visit(f)),
            Cond::Not(c) => c.visit(f),
            _ => {}
        }
    }

    /// The first minute at which the condition can hold, from the clock alone (`After`,
    /// `Deadline`, `EndOfDay` it must meet): the simulation does not evaluate it before.
    pub fn not_before(&self, deadline: Minute) -> Minute {
        match self {
            Cond::All(cs) => cs.iter().map(|c| c.not_before(deadline)).max().unwrap_or(0),
            Cond::Any(cs) => cs.iter().map(|c| c.not_before(deadline)).min().unwrap_or(0),
            Cond::After(t) => *t,
            Cond::Deadline => deadline,
            Cond::EndOfDay => DAY,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Set(FlagId),
    Unset(FlagId),
    Give(CharId, ItemId),
    Take(ItemId),
    Place(ItemId, LocId),
    SetState(Entity, StateId),
    Move(LocId),
    Tell(CharId, CharId, FactId),
    Believe(CharId, FactId),
    AddPanic(LocId, i32),
    Log(String),
    Say(CharId, String),
    End(EndingId),
    Trigger(EventId),
    Sleep(Minute),
    Busy(Minute),
    Wake,
    Block(StreetId),
    Unblock(StreetId),
}
