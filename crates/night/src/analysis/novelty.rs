//! What is new about a state: its atoms (who is in which state, who holds what, which flags
//! are set, who believes what, where the player is, how much panic there is), and a record of
//! the atoms, or pairs of atoms, seen so far. A search that keeps only states that make
//! something new true (iterated width, as in classical planning) reaches deep parts of a night
//! whose whole state space is too large to explore.

use crate::sim::{Owner, State};
use std::collections::HashMap;

/// One fact about a state, packed: a kind in the top byte, then two numbers.
type Atom = u64;

fn atom(kind: u8, a: usize, b: usize) -> Atom {
    (u64::from(kind) << 56) | ((a as u64 & 0xff_ffff) << 28) | (b as u64 & 0xfff_ffff)
}

/// The atoms of a state (time left out: every state is new in time).
pub fn atoms(state: &State, out: &mut Vec<Atom>) {
    out.clear();
    out.push(atom(0, state.harry_at as usize, 0));
    out.extend(
        state
            .character_state
            .iter()
            .enumerate()
            .map(|(c, &s)| atom(1, c, s as usize)),
    );
    out.extend(
        state
            .location_state
            .iter()
            .enumerate()
            .map(|(l, &s)| atom(2, l, s as usize)),
    );
    out.extend(state.item_owner.iter().enumerate().map(|(i, o)| match o {
        Owner::Nowhere => atom(3, i, 0),
        Owner::At(l) => atom(4, i, *l as usize),
        Owner::Held(c) => atom(5, i, *c as usize),
    }));
    out.extend(state.flags.ones().map(|f| atom(6, f, 0)));
    out.extend(state.believes.ones().map(|b| atom(7, b, 0)));
    out.extend(state.told.ones().map(|b| atom(8, b, 0)));
    out.extend(state.events_fired.ones().map(|e| atom(9, e, 0)));
    out.extend(state.blocked_streets.ones().map(|s| atom(10, s, 0)));
    out.extend(state.night_chances.ones().map(|c| atom(11, c, 0)));
    // Panic in steps of ten: conditions ask for thresholds, not exact values.
    out.extend(
        state
            .panic
            .iter()
            .enumerate()
            .map(|(l, &p)| atom(12, l, usize::from(p / 10))),
    );
    if let Some(outcome) = state.outcome {
        let n = match outcome {
            crate::sim::Outcome::Ending(e) => usize::from(e) + 1,
            crate::sim::Outcome::DayOver => 0,
        };
        out.push(atom(13, n, 0));
    }
}

/// The atoms (width 1) or pairs of atoms (width 2) seen so far.
pub struct Novelty {
    width: u8,
    /// Minutes per period of the clock: a situation is new again in each period, so that
    /// plans that must do the same thing at a later time are kept (0: time is left out).
    period: u16,
    /// Each atom seen, numbered in the order seen.
    numbers: HashMap<Atom, u32, foldhash::fast::FixedState>,
    /// `pairs[a]`: the bits of the atoms numbered below `a` seen together with atom `a` (a
    /// triangle of bits, grown as atoms are seen: a pair is a bit test, not a hash).
    pairs: Vec<Vec<u64>>,
    scratch: Vec<Atom>,
    numbered: Vec<u32>,
}

impl Novelty {
    pub fn new(width: u8, period: u16) -> Self {
        Novelty {
            width: width.clamp(1, 2),
            period,
            numbers: HashMap::with_hasher(Default::default()),
            pairs: Vec::new(),
            scratch: Vec::new(),
            numbered: Vec::new(),
        }
    }

    /// Whether `state` makes an atom (or, at width 2, a pair of atoms) true for the first
    /// time; records what it makes true either way.
    pub fn is_new(&mut self, state: &State) -> bool {
        let mut scratch = std::mem::take(&mut self.scratch);
        atoms(state, &mut scratch);
        if let Some(period) = state.now.checked_div(self.period) {
            let period = u64::from(period);
            for a in &mut scratch {
                // The period goes into the kind byte's spare bits (kinds are below 16).
                *a ^= period << 60 | (period >> 4) << 52;
            }
        }
        let mut new = false;
        self.numbered.clear();
        for &a in &scratch {
            let next = self.numbers.len() as u32;
            let n = *self.numbers.entry(a).or_insert(next);
            new |= n == next;
            self.numbered.push(n);
        }
        self.scratch = scratch;
        if self.width >= 2 {
            self.numbered.sort_unstable();
            self.numbered.dedup();
            if self.pairs.len() < self.numbers.len() {
                let from = self.pairs.len();
                self.pairs
                    .extend((from..self.numbers.len()).map(|a| vec![0u64; a.div_ceil(64)]));
            }
            for (k, &a) in self.numbered.iter().enumerate() {
                let row = &mut self.pairs[a as usize];
                for &b in &self.numbered[..k] {
                    let (word, bit) = (b as usize / 64, 1u64 << (b % 64));
                    new |= row[word] & bit == 0;
                    row[word] |= bit;
                }
            }
        }
        new
    }
}
