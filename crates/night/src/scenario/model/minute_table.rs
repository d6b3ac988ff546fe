//! The minute's tables, laid out flat: for each state of each person and place, the level
//! transitions that may leave it (with what the minute checks before looking at their
//! condition), where each person's state puts them, and who waits for each event and call. The minute reads these for every
//! machine; as nested vectors of the scenario's structs they cost a cache miss each.

use super::{CallId, Entity, EventId, Minute, Model, Place, StateId, Trigger};

/// A level transition as the minute first sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelCandidate {
    /// Its rule id (see [`super::RuleReads`]).
    pub rule: u32,
    /// Its index among its machine's transitions.
    pub transition: u16,
    /// The state it enters ([`NO_STATE`]: it changes none).
    pub to: StateId,
    pub not_before: Minute,
}

/// `LevelCandidate::to` of a transition that changes no state.
pub const NO_STATE: StateId = StateId::MAX;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MinuteTable {
    /// How many events there are (the calls' listeners come after theirs).
    events: usize,
    /// For each machine (see [`Model::machines`]): where its states' rows begin in `rows`.
    first_row: Vec<u32>,
    /// For each state of each machine: its candidates' range in `candidates`.
    rows: Vec<(u32, u32)>,
    candidates: Vec<LevelCandidate>,
    /// For each character: where its states begin in `places`.
    first_place: Vec<u32>,
    places: Vec<Place>,
    /// For each event, then each call: the machines with a transition waiting for it, in the
    /// order they are offered it (locations first).
    listeners: Vec<Vec<Entity>>,
}

impl MinuteTable {
    pub(crate) fn of(model: &Model) -> MinuteTable {
        let mut table = MinuteTable {
            events: model.events.len(),
            ..MinuteTable::default()
        };
        let rules = &model.rule_reads;
        for (machine, (_, transitions, level_by_state)) in model.machines().enumerate() {
            table.first_row.push(table.rows.len() as u32);
            for level in level_by_state {
                let from = table.candidates.len() as u32;
                table.candidates.extend(level.iter().map(|&k| {
                    let t = &transitions[k as usize];
                    LevelCandidate {
                        rule: rules.transition(machine, k as usize) as u32,
                        transition: k,
                        to: t.to.unwrap_or(NO_STATE),
                        not_before: t.not_before,
                    }
                }));
                table.rows.push((from, table.candidates.len() as u32));
            }
        }
        let waiting = |trigger: Trigger| -> Vec<Entity> {
            model
                .machines()
                .filter(|(_, transitions, _)| transitions.iter().any(|t| t.on == Some(trigger)))
                .map(|(who, _, _)| who)
                .collect()
        };
        table.listeners = (0..model.events.len() as EventId)
            .map(|e| waiting(Trigger::Event(e)))
            .chain((0..model.calls.len() as CallId).map(|c| waiting(Trigger::Called(c))))
            .collect();
        for c in &model.characters {
            table.first_place.push(table.places.len() as u32);
            table
                .places
                .extend(c.states.iter().map(|s| s.place.clone()));
        }
        table
    }

    /// The level transitions that may leave machine `machine`'s state `state` (see
    /// [`Model::machine_index`]), in file order.
    pub fn level(&self, machine: usize, state: StateId) -> &[LevelCandidate] {
        let (from, to) = self.rows[self.first_row[machine] as usize + state as usize];
        &self.candidates[from as usize..to as usize]
    }

    /// The machines with a transition waiting for `trigger`, in the order they are offered it
    /// (`None`: a trigger offered to one machine, not everywhere).
    pub fn listeners(&self, trigger: Trigger) -> Option<&[Entity]> {
        match trigger {
            Trigger::Event(e) => Some(&self.listeners[e as usize]),
            Trigger::Called(c) => Some(&self.listeners[self.events + c as usize]),
            _ => None,
        }
    }

    /// Where a character's state puts them.
    pub fn place(&self, character: usize, state: StateId) -> &Place {
        &self.places[self.first_place[character] as usize + state as usize]
    }
}
