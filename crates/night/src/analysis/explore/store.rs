//! The explorer's states, packed: each state is kept as a record of bytes, all records of one
//! exploration the same length, one after another, with a hash table of their indices. The
//! film's searches keep hundreds of thousands of states at once; packed, a state takes 228
//! bytes instead of 616: states as bytes when no machine has more than 256, bit sets only as
//! long as the scenario needs, and no draw counts (the explorer leaves them out).
//!
//! A record begins with what the searches read of every state without unpacking it: the
//! minute, the outcome and Harry's activity.

use crate::scenario::Scenario;
use crate::scenario::model::Mode;
use crate::sim::{Activity, Bits, Outcome, Owner, State};
use foldhash::fast::FixedState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Where the outcome and the activity lie in a record.
const OUTCOME_AT: usize = 2;
const ACTIVITY_AT: usize = 5;
/// The fixed part: the minute (2), the outcome (3), the activity (10), where Harry is (2).
const HEAD: usize = 17;

/// The lengths of a state's arrays: the same for every state of one scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shape {
    characters: usize,
    locations: usize,
    items: usize,
    /// Whether every machine's states fit in a byte.
    narrow_states: bool,
    /// Bits of each bit set, in the order they are packed.
    bits: [usize; 7],
}

impl Shape {
    fn of(s: &Scenario) -> Shape {
        let facts = s.facts.len() * s.characters.len();
        let most_states = s
            .characters
            .iter()
            .map(|c| c.states.len())
            .chain(s.locations.iter().map(|l| l.states.len()))
            .max()
            .unwrap_or(0);
        Shape {
            characters: s.characters.len(),
            locations: s.locations.len(),
            items: s.items.len(),
            narrow_states: most_states <= 256,
            bits: [
                s.flags.len(),
                facts,
                facts,
                facts,
                s.events.len(),
                s.streets.len(),
                s.chances.len(),
            ],
        }
    }

    fn state_bytes(&self) -> usize {
        if self.narrow_states { 1 } else { 2 }
    }

    fn record_len(&self) -> usize {
        let machines = self.characters + self.locations;
        HEAD + (self.state_bytes() + 2) * machines
            + 3 * self.items
            + self.bits.iter().map(|b| b.div_ceil(8)).sum::<usize>()
            + self.locations
    }

    /// Whether `s` has this shape (and no draw counts).
    fn fits(&self, s: &State) -> bool {
        s.character_state.len() == self.characters
            && s.location_state.len() == self.locations
            && s.item_owner.len() == self.items
            && s.panic.len() == self.locations
            && s.draws.is_empty()
            && bit_sets(s)
                .iter()
                .zip(self.bits)
                .all(|(set, bits)| set.words().len() == bits.div_ceil(64))
    }
}

/// A state's bit sets, in the order they are packed.
fn bit_sets(s: &State) -> [&Bits; 7] {
    [
        &s.flags,
        &s.believes,
        &s.heard,
        &s.told,
        &s.events_fired,
        &s.blocked_streets,
        &s.night_chances,
    ]
}

/// Distinct states, each with its index in the order it was first inserted.
pub(super) struct StateStore {
    records: Vec<u8>,
    shape: Shape,
    width: usize,
    len: usize,
    /// Indices of records, by the hash of the record.
    table: HashTable<u32>,
    hasher: FixedState,
    /// A record being built (reused).
    scratch: Vec<u8>,
}

impl StateStore {
    /// A store for states of `scenario`, with room for `room` of them.
    pub(super) fn with_capacity(scenario: &Scenario, room: usize) -> StateStore {
        let shape = Shape::of(scenario);
        StateStore {
            records: Vec::new(),
            shape,
            width: shape.record_len(),
            len: 0,
            table: HashTable::with_capacity(room),
            hasher: FixedState::default(),
            scratch: Vec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Adds `state` unless an equal one is there: its index, and whether it is new.
    pub(super) fn insert_full(&mut self, state: &State) -> (u32, bool) {
        let (shape, width) = (self.shape, self.width);
        assert!(
            shape.fits(state),
            "every state explored has its scenario's shape and no draw counts"
        );
        self.scratch.clear();
        pack(state, &shape, &mut self.scratch);
        debug_assert_eq!(self.scratch.len(), width);
        let hash = self.hasher.hash_one(&self.scratch[..]);
        let (records, scratch) = (&self.records, &self.scratch);
        let record = |i: u32| &records[i as usize * width..(i as usize + 1) * width];
        if let Some(&i) = self.table.find(hash, |&i| record(i) == &scratch[..]) {
            return (i, false);
        }
        let i = self.len as u32;
        if self.records.is_empty() {
            self.records.reserve(width * self.table.capacity());
        }
        self.records.extend_from_slice(&self.scratch);
        self.len += 1;
        let (records, hasher) = (&self.records, &self.hasher);
        self.table.insert_unique(hash, i, |&j| {
            hasher.hash_one(&records[j as usize * width..(j as usize + 1) * width])
        });
        (i, true)
    }

    fn record(&self, i: u32) -> &[u8] {
        let width = self.width;
        &self.records[i as usize * width..(i as usize + 1) * width]
    }

    /// State `i`, unpacked.
    pub(super) fn get(&self, i: u32) -> State {
        unpack(self.record(i), &self.shape)
    }

    /// State `i`'s minute.
    pub(super) fn now(&self, i: u32) -> u16 {
        let r = self.record(i);
        u16::from_le_bytes([r[0], r[1]])
    }

    /// State `i`'s outcome.
    pub(super) fn outcome(&self, i: u32) -> Option<Outcome> {
        let r = self.record(i);
        let mut read = Reader(&r[OUTCOME_AT..]);
        read.outcome()
    }

    /// Whether in state `i` the player is free (idle, and the night not over).
    pub(super) fn is_choice(&self, i: u32) -> bool {
        let r = self.record(i);
        r[OUTCOME_AT] == 0 && r[ACTIVITY_AT] == 0
    }
}

fn u16s(out: &mut Vec<u8>, values: impl IntoIterator<Item = u16>) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// A machine's state, in one byte or two.
fn state_ids(out: &mut Vec<u8>, shape: &Shape, ids: &[u16]) {
    if shape.narrow_states {
        out.extend(ids.iter().map(|&id| id as u8));
    } else {
        u16s(out, ids.iter().copied());
    }
}

/// Packs `s` as a record (see the module's documentation for what comes first).
fn pack(s: &State, shape: &Shape, out: &mut Vec<u8>) {
    u16s(out, [s.now]);
    let (tag, ending) = match s.outcome {
        None => (0, 0),
        Some(Outcome::Ending(e)) => (1, e),
        Some(Outcome::DayOver) => (2, 0),
    };
    out.push(tag);
    u16s(out, [ending]);
    let (tag, a, b, mode, c, d) = match s.activity {
        Activity::Idle => (0, 0, 0, 0, 0, 0),
        Activity::Travel {
            route,
            to,
            mode,
            depart,
            arrive,
        } => (1, route, to, mode as u8, depart, arrive),
        Activity::Busy { until } => (2, until, 0, 0, 0, 0),
        Activity::WaitForSomething { until } => (3, until, 0, 0, 0, 0),
        Activity::Asleep { until } => (4, until, 0, 0, 0, 0),
        Activity::Occupied { until } => (5, until, 0, 0, 0, 0),
    };
    out.push(tag);
    u16s(out, [a, b]);
    out.push(mode);
    u16s(out, [c, d]);
    u16s(out, [s.harry_at]);
    state_ids(out, shape, &s.character_state);
    u16s(out, s.character_since.iter().copied());
    state_ids(out, shape, &s.location_state);
    u16s(out, s.location_since.iter().copied());
    for owner in &s.item_owner {
        let (tag, who) = match *owner {
            Owner::Nowhere => (0, 0),
            Owner::At(l) => (1, l),
            Owner::Held(c) => (2, c),
        };
        out.push(tag);
        u16s(out, [who]);
    }
    for (set, bits) in bit_sets(s).into_iter().zip(shape.bits) {
        let bytes = set.words().iter().flat_map(|w| w.to_le_bytes());
        out.extend(bytes.take(bits.div_ceil(8)));
    }
    out.extend_from_slice(&s.panic);
}

/// Reads a record from the front.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let (head, rest) = self.0.split_at(N);
        self.0 = rest;
        head.try_into().expect("split at N")
    }
    fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take())
    }
    fn outcome(&mut self) -> Option<Outcome> {
        let (tag, ending) = (self.u8(), self.u16());
        match tag {
            0 => None,
            1 => Some(Outcome::Ending(ending)),
            _ => Some(Outcome::DayOver),
        }
    }
}

fn unpack(record: &[u8], shape: &Shape) -> State {
    let mut r = Reader(record);
    let mut s = State::empty();
    s.now = r.u16();
    s.outcome = r.outcome();
    let (tag, a, b, mode, c, d) = (r.u8(), r.u16(), r.u16(), r.u8(), r.u16(), r.u16());
    s.activity = match tag {
        0 => Activity::Idle,
        1 => Activity::Travel {
            route: a,
            to: b,
            mode: [Mode::Walk, Mode::Run, Mode::Drive]
                .into_iter()
                .find(|m| *m as u8 == mode)
                .unwrap_or(Mode::Walk),
            depart: c,
            arrive: d,
        },
        2 => Activity::Busy { until: a },
        3 => Activity::WaitForSomething { until: a },
        4 => Activity::Asleep { until: a },
        _ => Activity::Occupied { until: a },
    };
    s.harry_at = r.u16();
    let ids = |r: &mut Reader, n: usize| -> smallvec::SmallVec<[u16; 32]> {
        (0..n)
            .map(|_| {
                if shape.narrow_states {
                    u16::from(r.u8())
                } else {
                    r.u16()
                }
            })
            .collect()
    };
    s.character_state = ids(&mut r, shape.characters);
    s.character_since = (0..shape.characters).map(|_| r.u16()).collect();
    s.location_state = ids(&mut r, shape.locations);
    s.location_since = (0..shape.locations).map(|_| r.u16()).collect();
    s.item_owner = (0..shape.items)
        .map(|_| match (r.u8(), r.u16()) {
            (1, l) => Owner::At(l),
            (2, c) => Owner::Held(c),
            _ => Owner::Nowhere,
        })
        .collect();
    let mut sets = shape.bits.map(|bits| {
        let mut words = vec![0u64; bits.div_ceil(64)];
        for k in 0..bits.div_ceil(8) {
            words[k / 8] |= u64::from(r.u8()) << (8 * (k % 8));
        }
        Bits::from_words(&words)
    });
    let [flags, believes, heard, told, events, streets, chances] = &mut sets;
    s.flags = std::mem::take(flags);
    s.believes = std::mem::take(believes);
    s.heard = std::mem::take(heard);
    s.told = std::mem::take(told);
    s.events_fired = std::mem::take(events);
    s.blocked_streets = std::mem::take(streets);
    s.night_chances = std::mem::take(chances);
    s.panic = (0..shape.locations).map(|_| r.u8()).collect();
    s
}

#[cfg(test)]
mod tests {
    use super::StateStore;
    use crate::Scenario;
    use crate::analysis::random_player;

    #[test]
    fn states_come_back_as_they_went_in_and_equal_ones_are_kept_once() {
        let s = Scenario::from_ron(
            "miracle_mile.ron",
            include_str!("../../../../../scenes/miracle_mile.ron"),
        )
        .expect("the film loads");
        let mut store = StateStore::with_capacity(&s, 16);
        let mut kept = Vec::new();
        for seed in 0..6 {
            let night = random_player::play(&s, (seed % 2) as usize, seed, seed, 60);
            let mut state = night.sim.state().clone();
            state.draws.clear();
            let (i, new) = store.insert_full(&state);
            assert!(new, "a night of its own");
            assert_eq!(store.insert_full(&state), (i, false));
            kept.push((i, state));
        }
        for (i, state) in kept {
            assert_eq!(store.get(i), state);
            assert_eq!(store.now(i), state.now);
            assert_eq!(store.outcome(i), state.outcome);
        }
    }
}
