//! Compiling the story: events, endings (and the order they are checked in), and starts.

use super::{Compiler, CondContext, Kind};
use crate::scenario::model::*;
use crate::scenario::raw::*;

impl Compiler<'_> {
    /// The things that happen once, when their condition first holds.
    pub(super) fn events(
        &mut self,
        raw: &ScenarioRaw,
        (start_clock, deadline): (u16, Minute),
    ) -> Vec<EventDef> {
        raw.events
            .0
            .iter()
            .map(|(id, e)| {
                let when = self.cond(&e.when, id, CondContext::Elsewhere, start_clock);
                EventDef {
                    id: id.text.clone(),
                    not_before: when.not_before(deadline),
                    when,
                    text: e.text.clone(),
                    then: self.effects(&e.then, start_clock),
                }
            })
            .collect()
    }

    /// The endings, and the order they are checked in (highest priority first).
    pub(super) fn endings(
        &mut self,
        raw: &ScenarioRaw,
        (start_clock, deadline): (u16, Minute),
    ) -> (Vec<Ending>, Vec<EndingId>) {
        let endings: Vec<Ending> = raw
            .endings
            .0
            .iter()
            .map(|(id, e)| {
                let when = self.cond(&e.when, id, CondContext::Elsewhere, start_clock);
                let parts = e
                    .parts
                    .iter()
                    .map(|part| {
                        let cond = self.cond(&part.when, id, CondContext::Elsewhere, start_clock);
                        (cond, part.text.clone())
                    })
                    .collect();
                Ending {
                    id: id.text.clone(),
                    kind: e.kind,
                    title: e.title.clone(),
                    text: e.text.clone(),
                    not_before: when.not_before(deadline),
                    when,
                    priority: e.priority,
                    parts,
                }
            })
            .collect();
        let mut ending_order: Vec<EndingId> = (0..endings.len() as EndingId).collect();
        ending_order.sort_by_key(|&e| std::cmp::Reverse(endings[e as usize].priority));
        (endings, ending_order)
    }

    /// The ways into the night.
    pub(super) fn starts(&mut self, raw: &ScenarioRaw, start_clock: u16) -> Vec<Start> {
        raw.starts
            .0
            .iter()
            .map(|(id, s)| Start {
                id: id.text.clone(),
                name: s.name.clone(),
                description: s.description.clone(),
                time: self.time(&s.time, start_clock),
                at: self.resolve(Kind::Location, &s.at),
                then: self.effects(&s.then, start_clock),
            })
            .collect()
    }
}
