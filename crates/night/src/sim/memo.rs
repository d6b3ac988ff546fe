//! Rules remembered false. The minute looks at every event's, ending's and level transition's
//! condition; most are false, and stay false until something they read changes. Each thing a
//! rule can read belongs to a bucket (see [`crate::scenario::RuleReads`]), and each bucket
//! knows its readers as a set of bits. A rule found false gets its bit in a set of rules known
//! false; a change to a bucket clears its readers' bits, Harry's moving clears the bits of the
//! rules that read where he is, and the clock clears a rule's bit when it reaches the minute
//! that can turn it. A rule whose bit is set is false without being looked at: one bit test,
//! where comparing what it read cost a few loads for each rule of each minute. Debug builds
//! look anyway and check.

use super::Sim;
use super::state::{Activity, State};
use crate::scenario::Scenario;
use crate::scenario::model::*;

/// The rules known false, and when the clock can turn each.
#[derive(Clone, Debug)]
pub(super) struct RuleMemory {
    /// One bit a rule, by rule id.
    known_false: Vec<u64>,
    /// For each rule known false that the clock can turn, the first minute it can.
    until: Vec<Minute>,
    /// The earliest of those minutes (`Minute::MAX`: none).
    next_wake: Minute,
    /// Where Harry was and what he was doing when the bits were last brought up to date.
    harry: u32,
}

impl RuleMemory {
    pub(super) fn new(rules: usize) -> RuleMemory {
        RuleMemory {
            known_false: vec![0; rules.div_ceil(64)],
            until: vec![Minute::MAX; rules],
            next_wake: Minute::MAX,
            harry: u32::MAX,
        }
    }

    fn is_known_false(&self, rule: usize) -> bool {
        self.known_false
            .get(rule / 64)
            .is_some_and(|w| w >> (rule % 64) & 1 != 0)
    }

    /// Remembers `rule` false until the clock reaches `until`.
    fn remember_false(&mut self, rule: usize, until: Minute) {
        if let Some(word) = self.known_false.get_mut(rule / 64) {
            *word |= 1 << (rule % 64);
            self.until[rule] = until;
            self.next_wake = self.next_wake.min(until);
        }
    }

    /// Forgets the rules in `rules` (bits).
    fn forget(&mut self, rules: &[u64]) {
        for (word, r) in self.known_false.iter_mut().zip(rules) {
            *word &= !r;
        }
    }

    fn forget_all(&mut self) {
        self.known_false.fill(0);
        self.next_wake = Minute::MAX;
    }

    /// Forgets the rules the clock has turned by `now` (those in `clock_rules`).
    fn wake(&mut self, now: Minute, clock_rules: &[u64]) {
        if now < self.next_wake {
            return;
        }
        let mut next = Minute::MAX;
        for (w, (word, clock)) in self.known_false.iter_mut().zip(clock_rules).enumerate() {
            let mut bits = *word & clock;
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let until = self.until[w * 64 + bit];
                if until <= now {
                    *word &= !(1 << bit);
                } else {
                    next = next.min(until);
                }
            }
        }
        self.next_wake = next;
    }
}

impl Sim {
    /// Something in `bucket` changed: the rules reading it are looked at again.
    pub(super) fn touch(&mut self, bucket: u32) {
        self.rules.forget(self.scenario.rule_reads.readers(bucket));
    }

    /// The state was set from outside: every rule is looked at again.
    pub(super) fn forget_rules(&mut self) {
        self.rules.forget_all();
    }

    /// Brings the rules known false up to the minute and to where Harry is: called before
    /// the rules are looked at, and after anything that can move him.
    pub(super) fn wake_rules(&mut self) {
        let harry = self.harry_signature();
        if harry != self.rules.harry {
            self.rules.harry = harry;
            self.touch(bucket::HARRY);
        }
        let now = self.state.now;
        self.rules.wake(now, self.scenario.rule_reads.clock_rules());
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
        // Back in time, the clock's rules may hold again that had stopped.
        if new.now < old.now {
            self.rules.forget(self.scenario.rule_reads.clock_rules());
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

    /// Whether rule `rule`'s condition (of `owner`, see [`Sim::eval`]; `cond` finds it in the
    /// scenario) holds now, looking at it only if it is not known false. Call
    /// [`Sim::wake_rules`] first.
    pub(super) fn rule_holds(
        &mut self,
        rule: usize,
        owner: Option<Entity>,
        cond: impl Fn(&Scenario) -> &Cond,
    ) -> bool {
        if self.rules.is_known_false(rule) {
            debug_assert!(
                !self.eval(cond(&self.scenario), owner),
                "a rule remembered false holds: {:?}",
                cond(&self.scenario)
            );
            return false;
        }
        let holds = self.eval(cond(&self.scenario), owner);
        if !holds {
            let until = if self.scenario.rule_reads.reads(rule).clock {
                self.clock_turns(owner)
            } else {
                Minute::MAX
            };
            self.rules.remember_false(rule, until);
        }
        holds
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

#[cfg(test)]
mod tests {
    use crate::Scenario;
    use crate::analysis::random_player;
    use crate::sim::{Sim, State};

    /// A square whose lamps are lit only between 22:10 and 22:30.
    const LAMPS: &str = r#"Scenario(
        id: "lamps", title: "Lamps", intro: "", start: "22:00", deadline: "23:59",
        player: "harry",
        starts: { "square": (name: "In the square", time: "22:00", at: "square") },
        locations: {
            "square": (name: "Square", at: (x: 0.0, y: 0.0), start: "dark",
                states: { "dark": "Dark.", "lit": "Lit." },
                transitions: [
                    (from: "dark", to: "lit", when: All([After("22:10"), Before("22:30")])),
                ]),
        },
        characters: { "harry": (name: "Harry", start: "here", states: { "here": () }) },
        endings: { "dawn": (kind: Other, title: "Dawn", text: "", when: EndOfDay) },
    )"#;

    #[test]
    fn a_rule_found_false_late_in_the_night_is_looked_at_again_earlier() {
        let s = Scenario::from_ron("lamps.ron", LAMPS).unwrap_or_else(|d| panic!("{}", d.render()));
        let mut sim = Sim::with_start(&s, 1, 0);
        let dark = sim.state().clone();
        // Minutes after the night's start, 22:00.
        let at = |minutes: u16| State {
            now: minutes,
            ..dark.clone()
        };
        // Too late: the lamps stay dark, and the rule is remembered false.
        sim.set_state(at(40));
        sim.advance(1);
        assert_eq!(sim.state().location_state, dark.location_state);
        assert!(known(&sim) > 0);
        // Back in their hours, the same square lights up.
        sim.set_state(at(15));
        sim.advance(1);
        assert_ne!(sim.state().location_state, dark.location_state);
    }

    /// How many rules `sim` knows false.
    fn known(sim: &Sim) -> u32 {
        sim.rules.known_false.iter().map(|w| w.count_ones()).sum()
    }

    #[test]
    fn rules_known_false_give_the_night_that_looking_at_every_rule_gives() {
        // Random nights of every shipped scenario, each minute played from a situation set
        // from outside, as the explorer does: in an order that jumps back and forth in time
        // and across the night's changes, by a simulation that remembers its rules from one
        // situation to the next, and by one that forgets them all before each minute.
        let mut remembered = 0u32;
        for s in crate::shipped::nights() {
            for start in 0..s.starts.len() {
                for seed in 0..12u64 {
                    let night = random_player::play(&s, start, seed, seed + 5, 30);
                    let mut sim = Sim::with_start(&s, seed, start);
                    let mut situations: Vec<State> = Vec::new();
                    let mut actions = night.actions.iter();
                    while !sim.is_over() {
                        situations.push(sim.state().clone());
                        if sim.is_idle()
                            && let Some(a) = actions.next()
                            && sim.apply(a).is_ok()
                        {
                            continue;
                        }
                        sim.advance(1);
                    }
                    // In a shuffled order: about every other step goes back in time.
                    let mut order: Vec<usize> = (0..situations.len()).collect();
                    let mut draw = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
                    for k in (1..order.len()).rev() {
                        draw ^= draw << 13;
                        draw ^= draw >> 7;
                        draw ^= draw << 17;
                        order.swap(k, (draw % (k as u64 + 1)) as usize);
                    }
                    let mut keeping = Sim::with_start(&s, seed, start);
                    let mut forgetting = Sim::with_start(&s, seed, start);
                    for k in order {
                        keeping.set_state(situations[k].clone());
                        forgetting.set_state(situations[k].clone());
                        forgetting.forget_rules();
                        let kept = keeping.advance(1);
                        remembered = remembered.max(known(&keeping));
                        assert_eq!(
                            kept,
                            forgetting.advance(1),
                            "{} from {}, seed {seed}, situation {k}",
                            s.id,
                            s.starts[start].id
                        );
                        assert_eq!(keeping.state(), forgetting.state());
                    }
                }
            }
        }
        // Or the test proves nothing.
        assert!(remembered > 20, "at most {remembered} rules known false");
    }
}
