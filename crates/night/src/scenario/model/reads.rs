//! What each of the minute's rules reads, so that the simulation can look at a rule again only
//! when something it reads has changed (see `Sim::holds_now`). A rule is an event's, an
//! ending's or a transition's condition; what it reads is a set of buckets (a person's or a
//! place's state, a flag, an item, a fact, an event, panic, where Harry is) and whether the
//! clock can turn it. Distinct things may share a bucket: that only makes a rule looked at
//! more often than it needs, never less.

use super::{Cond, Entity, EventId, FactId, FlagId, ItemId, Model, Place};

/// The buckets, as bits of a `u64`.
pub mod bucket {
    use super::*;

    /// Where Harry is and whether he is at a place, asleep or on the way (not a version: it is
    /// compared as it is, see `Sim::harry_signature`).
    pub const HARRY: u32 = 0;
    /// Panic anywhere.
    pub const PANIC: u32 = 1;
    /// The buckets shared by everything else.
    const FIRST_SHARED: u32 = 2;
    const SHARED: u32 = 64 - FIRST_SHARED;

    fn shared(kind: u32, index: u32) -> u32 {
        // Kinds spread apart, so that the film's few of each rarely meet.
        FIRST_SHARED + (index + kind * 13) % SHARED
    }
    pub fn entity(e: Entity) -> u32 {
        match e {
            Entity::Character(c) => shared(0, u32::from(c)),
            Entity::Location(l) => shared(1, u32::from(l) + 31),
        }
    }
    pub fn flag(f: FlagId) -> u32 {
        shared(2, u32::from(f))
    }
    pub fn item(i: ItemId) -> u32 {
        shared(3, u32::from(i))
    }
    pub fn fact(f: FactId) -> u32 {
        shared(4, u32::from(f))
    }
    pub fn event(e: EventId) -> u32 {
        shared(5, u32::from(e))
    }
}

/// What one rule reads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reads {
    /// The buckets, as bits.
    pub buckets: u64,
    /// Whether the clock can turn it (`before`, `after`, the deadline, the day's end,
    /// `in_state_for`).
    pub clock: bool,
}

/// Every rule's reads, by rule id: the events first, then the endings, then each location's
/// and each character's transitions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleReads {
    reads: Vec<Reads>,
    endings_from: u32,
    /// For each machine (see [`Model::machines`]), its first transition's rule id.
    machines_from: Vec<u32>,
    /// For each bucket, the rules that read it, as bits (`words` a bucket).
    readers: Vec<u64>,
    /// The rules the clock can turn, as bits.
    clock_rules: Vec<u64>,
}

impl RuleReads {
    pub(crate) fn of(model: &Model) -> RuleReads {
        let mut reads: Vec<Reads> = model
            .events
            .iter()
            .map(|e| of(model, &e.when, None))
            .collect();
        let endings_from = reads.len() as u32;
        reads.extend(model.endings.iter().map(|e| of(model, &e.when, None)));
        let mut machines_from = Vec::new();
        for (owner, transitions, _) in model.machines() {
            machines_from.push(reads.len() as u32);
            reads.extend(transitions.iter().map(|t| of(model, &t.when, Some(owner))));
        }
        let words = reads.len().div_ceil(64);
        let mut readers = vec![0u64; 64 * words];
        let mut clock_rules = vec![0u64; words];
        for (rule, r) in reads.iter().enumerate() {
            let (word, bit) = (rule / 64, 1u64 << (rule % 64));
            let mut buckets = r.buckets;
            while buckets != 0 {
                readers[buckets.trailing_zeros() as usize * words + word] |= bit;
                buckets &= buckets - 1;
            }
            if r.clock {
                clock_rules[word] |= bit;
            }
        }
        RuleReads {
            reads,
            endings_from,
            machines_from,
            readers,
            clock_rules,
        }
    }

    /// The words of a set of rules as bits.
    pub fn words(&self) -> usize {
        self.clock_rules.len()
    }
    /// The rules that read `bucket`, as bits.
    pub fn readers(&self, bucket: u32) -> &[u64] {
        let words = self.words();
        &self.readers[bucket as usize * words..][..words]
    }
    /// The rules the clock can turn, as bits.
    pub fn clock_rules(&self) -> &[u64] {
        &self.clock_rules
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.reads.len()
    }
    pub fn is_empty(&self) -> bool {
        self.reads.is_empty()
    }
    pub fn event(&self, e: EventId) -> usize {
        e as usize
    }
    pub fn ending(&self, e: u16) -> usize {
        (self.endings_from + u32::from(e)) as usize
    }
    /// The rule id of a machine's transition, by the machine's place in [`Model::machines`]
    /// (see [`Model::machine_index`]) and the transition's index among its own.
    pub fn transition(&self, machine: usize, index: usize) -> usize {
        self.machines_from[machine] as usize + index
    }
    pub fn reads(&self, rule: usize) -> Reads {
        self.reads[rule]
    }
}

/// What `cond` reads, as the condition of `owner`'s transition (`None`: an event's or an
/// ending's, where `in_state_for` never holds).
fn of(model: &Model, cond: &Cond, owner: Option<Entity>) -> Reads {
    let mut reads = Reads::default();
    let bit = |b: u32| 1u64 << b;
    // Where a person is: their state, and Harry's whereabouts if they are Harry or can be
    // with him.
    let place_of = |who: u16| {
        let ch = &model.characters[who as usize];
        let with_harry =
            who == model.player || ch.states.iter().any(|s| s.place == Place::WithHarry);
        bit(bucket::entity(Entity::Character(who)))
            | if with_harry { bit(bucket::HARRY) } else { 0 }
    };
    cond.visit(&mut |c| {
        reads.buckets |= match *c {
            Cond::Before(_) | Cond::After(_) | Cond::Deadline | Cond::EndOfDay => {
                reads.clock = true;
                0
            }
            // The owner's time in its state: the clock, and the state (entering it again
            // starts the count again).
            Cond::InStateFor(_) => {
                reads.clock = true;
                owner.map_or(0, |o| bit(bucket::entity(o)))
            }
            Cond::At(who, _) => place_of(who),
            Cond::Here(who) => place_of(who) | bit(bucket::HARRY),
            Cond::With(who) => bit(bucket::entity(Entity::Character(who))),
            Cond::State(entity, _) => bit(bucket::entity(entity)),
            Cond::Holds(_, item) => bit(bucket::item(item)),
            Cond::Flag(f) => bit(bucket::flag(f)),
            Cond::Believes(_, fact) | Cond::Told(_, fact) | Cond::Believers(fact, _) => {
                bit(bucket::fact(fact))
            }
            Cond::PanicAtLeast(..) => bit(bucket::PANIC),
            Cond::PanicHere(_) => bit(bucket::PANIC) | bit(bucket::HARRY),
            Cond::Happened(e) => bit(bucket::event(e)),
            Cond::Sleeping | Cond::Travelling => bit(bucket::HARRY),
            // Night chances change only when a caller sets one (which forgets every memo).
            Cond::Chance(_) | Cond::Always | Cond::Never => 0,
            Cond::All(_) | Cond::Any(_) | Cond::Not(_) => 0,
        };
    });
    reads
}
