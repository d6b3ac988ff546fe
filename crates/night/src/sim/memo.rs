//! Rules remembered false. The minute looks at every event's, ending's and level transition's
//! condition; most are false, and stay false until something they read changes. Each thing a
//! rule can read belongs to a bucket with a version that every change to it moves on (see
//! [`crate::scenario::RuleReads`]); a rule found false is remembered with the sum of its
//! buckets' versions (they only grow, so an equal sum means none moved), where Harry was, and
//! the minutes until the clock can turn it. While all three hold, it is false without being
//! looked at. Debug builds look anyway and check.

use super::Sim;
use super::state::{Activity, State};
use crate::scenario::model::*;

/// A rule found false, and what it read then.
#[derive(Clone, Copy, Debug)]
pub(super) struct Memo {
    /// The sum of the versions of the buckets it reads.
    stamp: u64,
    /// The simulation's generation (a state set from outside forgets every memo).
    generation: u32,
    /// Where Harry was and what he was doing, if it reads that.
    harry: u32,
    /// The minutes in which the clock leaves it as it was: `from..until`.
    from: Minute,
    until: Minute,
}

impl Default for Memo {
    fn default() -> Self {
        Memo {
            stamp: 0,
            generation: FORGOTTEN,
            harry: 0,
            from: 0,
            until: 0,
        }
    }
}

/// A generation no simulation has: a memo of it is never believed.
const FORGOTTEN: u32 = u32::MAX;

/// The versions of the buckets, one per bit of a rule's reads.
pub(super) type Versions = [u64; 64];

impl Sim {
    /// Something in `bucket` changed: the rules reading it are looked at again.
    pub(super) fn touch(&mut self, bucket: u32) {
        self.versions[bucket as usize] += 1;
    }

    /// The state was set from outside: every rule is looked at again.
    pub(super) fn forget_rules(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == FORGOTTEN {
            // After four billion states set, a memo could meet its generation again.
            self.generation = 0;
            self.memos.fill(Memo::default());
        }
    }

    /// The state was replaced from outside (`old` was the one before): the rules reading
    /// what differs are looked at again; if the two are not of the same night, every rule.
    pub(super) fn note_changes_from(&mut self, old: &State) {
        let new = &self.state;
        let same_shape = old.character_state.len() == new.character_state.len()
            && old.location_state.len() == new.location_state.len()
            && old.item_owner.len() == new.item_owner.len()
            && old.panic.len() == new.panic.len();
        if !same_shape || old.night_chances != new.night_chances {
            self.forget_rules();
            return;
        }
        let mut changed = 0u64;
        let mut mark = |b: u32| changed |= 1 << b;
        let people = old.character_state.len();
        for c in 0..people {
            if old.character_state[c] != new.character_state[c]
                || old.character_since[c] != new.character_since[c]
            {
                mark(bucket::entity(Entity::Character(c as CharId)));
            }
        }
        for l in 0..old.location_state.len() {
            if old.location_state[l] != new.location_state[l]
                || old.location_since[l] != new.location_since[l]
            {
                mark(bucket::entity(Entity::Location(l as LocId)));
            }
        }
        for (i, (a, b)) in old.item_owner.iter().zip(&new.item_owner).enumerate() {
            if a != b {
                mark(bucket::item(i as ItemId));
            }
        }
        for f in old.flags.differences(&new.flags) {
            mark(bucket::flag(f as FlagId));
        }
        for bits in [
            (&old.believes, &new.believes),
            (&old.heard, &new.heard),
            (&old.told, &new.told),
        ] {
            for bit in bits.0.differences(bits.1) {
                mark(bucket::fact((bit / people.max(1)) as FactId));
            }
        }
        for e in old.events_fired.differences(&new.events_fired) {
            mark(bucket::event(e as EventId));
        }
        if old.panic != new.panic {
            mark(bucket::PANIC);
        }
        while changed != 0 {
            self.touch(changed.trailing_zeros());
            changed &= changed - 1;
        }
    }

    /// Whether rule `rule`'s condition `cond` (of `owner`, see [`Sim::eval`]) holds now,
    /// looking at it only if something it reads has changed since it was last found false.
    /// `memos`: the simulation's, taken out while the rules are looked at.
    pub(super) fn holds_now(
        &self,
        memos: &mut [Memo],
        rule: usize,
        cond: &Cond,
        owner: Option<Entity>,
    ) -> bool {
        if self.remembered_false(memos, rule) {
            debug_assert!(
                !self.eval(cond, owner),
                "a rule remembered false holds: {cond:?}"
            );
            return false;
        }
        self.look_at(memos, rule, cond, owner)
    }

    /// Whether rule `rule` was found false and nothing it reads has changed since.
    pub(super) fn remembered_false(&self, memos: &[Memo], rule: usize) -> bool {
        let Some(memo) = memos.get(rule) else {
            return false;
        };
        if memo.generation != self.generation || !(memo.from..memo.until).contains(&self.state.now)
        {
            return false;
        }
        let reads = self.scenario.rule_reads.reads(rule);
        memo.harry == self.harry_read(reads) && memo.stamp == self.stamp(reads.buckets)
    }

    /// Evaluates rule `rule`'s condition, and remembers it if it is false.
    pub(super) fn look_at(
        &self,
        memos: &mut [Memo],
        rule: usize,
        cond: &Cond,
        owner: Option<Entity>,
    ) -> bool {
        let holds = self.eval(cond, owner);
        if !holds && let Some(memo) = memos.get_mut(rule) {
            let reads = self.scenario.rule_reads.reads(rule);
            *memo = Memo {
                stamp: self.stamp(reads.buckets),
                generation: self.generation,
                harry: self.harry_read(reads),
                from: self.state.now,
                until: if reads.clock {
                    self.clock_turns(owner)
                } else {
                    Minute::MAX
                },
            };
        }
        holds
    }

    /// Harry's signature if the rule reads where he is, else 0.
    fn harry_read(&self, reads: Reads) -> u32 {
        if reads.buckets & 1 << bucket::HARRY != 0 {
            self.harry_signature()
        } else {
            0
        }
    }

    /// The sum of the versions of `buckets` (Harry's is compared apart).
    fn stamp(&self, buckets: u64) -> u64 {
        let mut bits = buckets & !(1 << bucket::HARRY);
        let mut sum = 0u64;
        while bits != 0 {
            sum += self.versions[bits.trailing_zeros() as usize];
            bits &= bits - 1;
        }
        sum
    }

    /// Where Harry is and whether he is at a place, asleep, or on the way: all a condition
    /// can read of him.
    fn harry_signature(&self) -> u32 {
        let kind = match self.state.activity {
            Activity::Idle | Activity::Busy { .. } | Activity::WaitForSomething { .. } => 0,
            Activity::Travel { .. } => 1,
            Activity::Asleep { .. } => 2,
            Activity::Occupied { .. } => 3,
        };
        u32::from(self.state.harry_at) | kind << 16
    }

    /// The first minute after now at which the clock can turn a condition of `owner`'s (or,
    /// with no owner, one that reads only the time of day).
    fn clock_turns(&self, owner: Option<Entity>) -> Minute {
        let now = self.state.now;
        let day = self.scenario.clock_marks.first_after(now);
        owner
            .and_then(|o| self.own_clock_mark(o))
            .map_or(day, |own| own.min(day))
    }
}
