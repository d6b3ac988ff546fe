//! The whole changing state of a night: small, cloneable, hashable and comparable, so that a
//! solver can store and compare millions of them. Everything is a dense index or a bit.

use crate::scenario::model::*;
use smallvec::{SmallVec, smallvec};

/// Inline room for this many characters or locations before a state's arrays spill to the
/// heap (the film has 20 of each).
const INLINE: usize = 32;

/// A fixed-size set of bits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bits(SmallVec<[u64; 2]>);

impl Bits {
    pub fn new(len: usize) -> Self {
        Bits(smallvec![0; len.div_ceil(64)])
    }
    /// The words holding the bits, lowest first.
    pub fn words(&self) -> &[u64] {
        &self.0
    }
    /// A set holding these words (as [`Bits::words`] gave them).
    pub fn from_words(words: &[u64]) -> Bits {
        Bits(words.iter().copied().collect())
    }
    pub fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    /// The indices of the bits that are set, in order.
    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |b| word >> b & 1 == 1)
                .map(move |b| w * 64 + b)
        })
    }
    /// The indices of the bits that differ between two sets of the same size, in order.
    pub fn differences<'a>(&'a self, other: &'a Bits) -> impl Iterator<Item = usize> + 'a {
        self.0
            .iter()
            .zip(other.0.iter())
            .enumerate()
            .flat_map(|(w, (&a, &b))| {
                let mut word = a ^ b;
                std::iter::from_fn(move || {
                    (word != 0).then(|| {
                        let bit = word.trailing_zeros() as usize;
                        word &= word - 1;
                        w * 64 + bit
                    })
                })
            })
    }
    pub fn set(&mut self, i: usize, on: bool) {
        if let Some(w) = self.0.get_mut(i / 64) {
            if on {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }
}

/// Who has an item, or where it lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Nowhere,
    At(LocId),
    Held(CharId),
}

/// What Harry is doing; he can act only when `Idle`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    Idle,
    /// On the way along a route; `at` stays the origin until arrival.
    Travel {
        route: RouteId,
        to: LocId,
        mode: Mode,
        depart: Minute,
        arrive: Minute,
    },
    /// Talking, telling, waiting: busy until then.
    Busy {
        until: Minute,
    },
    /// Waiting until something happens where he is, or until then.
    WaitForSomething {
        until: Minute,
    },
    Asleep {
        until: Minute,
    },
    /// Held by the story (the `Busy` effect: riding in a van): not asleep, and freed early
    /// only by a `Wake`.
    Occupied {
        until: Minute,
    },
}

/// How a night ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Ending(EndingId),
    /// The day ran out with no ending.
    DayOver,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    pub now: Minute,
    pub harry_at: LocId,
    pub activity: Activity,
    pub character_state: SmallVec<[StateId; INLINE]>,
    pub character_since: SmallVec<[Minute; INLINE]>,
    pub location_state: SmallVec<[StateId; INLINE]>,
    pub location_since: SmallVec<[Minute; INLINE]>,
    pub item_owner: SmallVec<[Owner; 16]>,
    pub flags: Bits,
    /// fact * characters + character
    pub believes: Bits,
    /// Has been told the fact, by anyone (contagion passes a fact to each person once).
    pub heard: Bits,
    /// Harry told them the fact.
    pub told: Bits,
    pub events_fired: Bits,
    pub blocked_streets: Bits,
    pub panic: SmallVec<[u8; INLINE]>,
    /// How many times each keyed draw has been drawn.
    pub draws: Vec<u32>,
    /// The outcome of each night chance.
    pub night_chances: Bits,
    pub outcome: Option<Outcome>,
}

impl State {
    /// A state with nothing in it (no allocation): a placeholder, not a night.
    pub fn empty() -> State {
        State {
            now: 0,
            harry_at: 0,
            activity: Activity::Idle,
            character_state: SmallVec::new(),
            character_since: SmallVec::new(),
            location_state: SmallVec::new(),
            location_since: SmallVec::new(),
            item_owner: SmallVec::new(),
            flags: Bits::default(),
            believes: Bits::default(),
            heard: Bits::default(),
            told: Bits::default(),
            events_fired: Bits::default(),
            blocked_streets: Bits::default(),
            panic: SmallVec::new(),
            draws: Vec::new(),
            night_chances: Bits::default(),
            outcome: None,
        }
    }

    pub fn new(model: &Model) -> State {
        let characters = model.characters.len();
        let facts = model.facts.len();
        let mut item_owner: SmallVec<[Owner; 16]> = smallvec![Owner::Nowhere; model.items.len()];
        for (l, location) in model.locations.iter().enumerate() {
            for &i in &location.items {
                item_owner[i as usize] = Owner::At(l as LocId);
            }
        }
        for (c, character) in model.characters.iter().enumerate() {
            for &i in &character.items {
                item_owner[i as usize] = Owner::Held(c as CharId);
            }
        }
        State {
            now: 0,
            harry_at: 0,
            activity: Activity::Idle,
            character_state: model.characters.iter().map(|c| c.start).collect(),
            character_since: smallvec![0; characters],
            location_state: model.locations.iter().map(|l| l.start).collect(),
            location_since: smallvec![0; model.locations.len()],
            item_owner,
            flags: Bits::new(model.flags.len()),
            believes: Bits::new(facts * characters),
            heard: Bits::new(facts * characters),
            told: Bits::new(facts * characters),
            events_fired: Bits::new(model.events.len()),
            blocked_streets: Bits::new(model.streets.len()),
            panic: smallvec![0; model.locations.len()],
            draws: vec![0; model.draws.len()],
            night_chances: Bits::new(model.chances.len()),
            outcome: None,
        }
    }
}
