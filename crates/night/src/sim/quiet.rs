//! Quiet stretches of the clock, skipped in one step. A minute in which nothing happened (no
//! event came out, no chance was drawn, panic and Harry's activity stayed as they were) left
//! the state as it found it, so every minute after it goes the same way until the clock alone
//! can turn a condition: a time a rule names, someone's `in_state_for` or journey, the end of
//! what Harry is doing (see [`crate::scenario::ClockMarks`]). Skipping to the minute before
//! that changes nothing that happens, only how many minutes are simulated: most of a wait, a
//! journey or a sleep.

use super::Sim;
use super::state::Activity;
#[cfg(debug_assertions)]
use super::state::State;
use crate::scenario::model::*;

/// Panic at each location, on the stack.
pub(super) type PanicLevels = smallvec::SmallVec<[u8; 32]>;

/// What a minute may change without an event, looked at before it and compared after it.
pub(super) struct Before {
    events: usize,
    chances_drawn: u32,
    activity: Activity,
    panic: PanicLevels,
    /// The whole state, where debug assertions check that a minute called quiet (or in which
    /// only panic moved) changed nothing else.
    #[cfg(debug_assertions)]
    state: State,
}

/// What happened in a minute, for what may be skipped after it.
pub(super) enum MinuteWas {
    /// Nothing: the state is as it was, but for the clock.
    Quiet,
    /// Only panic moved (from these levels): people alarmed where they are, spreading and
    /// fading, and nothing else.
    Drifting(PanicLevels),
    /// Something happened (or the night ended).
    Eventful,
}

impl Before {
    /// Where the minute's own events begin among the pending ones.
    pub(super) fn first_event(&self) -> usize {
        self.events
    }
}

impl Sim {
    /// Notes what a minute about to be simulated may change quietly.
    pub(super) fn before_minute(&self) -> Before {
        Before {
            events: self.pending.len(),
            chances_drawn: self.chances_drawn,
            activity: self.state.activity,
            panic: self.state.panic.iter().copied().collect(),
            #[cfg(debug_assertions)]
            state: self.state.clone(),
        }
    }

    /// What the minute just simulated (begun at `before`) did. `panic_moved`: whether panic
    /// changed anywhere.
    pub(super) fn what_minute_was(&self, before: Before, panic_moved: bool) -> MinuteWas {
        let still = !self.is_over()
            && self.pending.len() == before.events
            && self.chances_drawn == before.chances_drawn
            && self.state.activity == before.activity;
        if !still {
            return MinuteWas::Eventful;
        }
        #[cfg(debug_assertions)]
        {
            let mut then = before.state.clone();
            then.now = self.state.now;
            then.panic = self.state.panic.clone();
            debug_assert!(
                then == self.state,
                "a minute in which nothing happened changed the night"
            );
        }
        if panic_moved {
            MinuteWas::Drifting(before.panic)
        } else {
            MinuteWas::Quiet
        }
    }

    /// After a minute, skips what can be skipped (never past `limit`).
    pub(super) fn after_minute(&mut self, minute: MinuteWas, limit: Minute) {
        match minute {
            MinuteWas::Quiet => self.skip_quiet_minutes(limit),
            MinuteWas::Drifting(before) => self.drift(&before, limit),
            MinuteWas::Eventful => {}
        }
    }

    /// After a quiet minute, moves the clock on to the last minute before anything can turn
    /// (never past `limit`): the next minute simulated is the first that may differ.
    pub(super) fn skip_quiet_minutes(&mut self, limit: Minute) {
        let to = self.next_clock_mark().saturating_sub(1).min(limit);
        if to > self.state.now {
            self.state.now = to;
        }
    }

    /// After a minute in which only panic moved (from `before`), moves panic and the clock on
    /// together, a minute at a time, for as long as no condition can tell: no clock mark comes
    /// and panic crosses no level a condition names, neither the level the minute just
    /// simulated left (its rules read the panic before it) nor the next. Nobody moves, so the
    /// people alarmed stay where they are. Stops where panic settles, and skips on from there
    /// as after a quiet minute.
    fn drift(&mut self, before: &[u8], limit: Minute) {
        let harry_at = self.state.harry_at;
        let marks = &self.scenario.clock_marks;
        if marks.panic_crosses(harry_at, before, &self.state.panic) {
            return;
        }
        let places = std::mem::take(&mut self.places);
        // The last minute the clock allows, looked for only once a minute can be drifted (in
        // the busiest minutes panic crosses a level at once).
        let mut until = None;
        loop {
            let after = self.next_panic(&places);
            if let Some(after) = &after
                && (*after != self.state.panic)
                && self
                    .scenario
                    .clock_marks
                    .panic_crosses(harry_at, &self.state.panic, after)
            {
                break;
            }
            let until =
                *until.get_or_insert_with(|| self.next_clock_mark().saturating_sub(1).min(limit));
            if self.state.now >= until {
                break;
            }
            match after {
                // Settled, or gone: nothing moves any more until the clock says so.
                None => self.state.now = until,
                Some(after) if after == self.state.panic => self.state.now = until,
                Some(after) => {
                    self.state.panic = after;
                    self.state.now += 1;
                    self.touch(bucket::PANIC);
                    continue;
                }
            }
            break;
        }
        self.places = places;
    }

    /// The first minute after now at which the clock alone can change what a rule says.
    fn next_clock_mark(&self) -> Minute {
        let (st, marks) = (&self.state, &self.scenario.clock_marks);
        let now = st.now;
        let mut next = marks.first_after(now);
        match st.activity {
            Activity::Idle => {}
            Activity::Travel { arrive: until, .. }
            | Activity::Busy { until }
            | Activity::WaitForSomething { until }
            | Activity::Asleep { until }
            | Activity::Occupied { until } => {
                if until > now {
                    next = next.min(until);
                }
            }
        }
        let people = (0..st.character_state.len()).map(|c| Entity::Character(c as CharId));
        let places = (0..st.location_state.len()).map(|l| Entity::Location(l as LocId));
        for entity in people.chain(places) {
            if let Some(t) = self.own_clock_mark(entity) {
                next = next.min(t);
            }
        }
        next
    }

    /// The first minute after now at which `entity`'s time in its state turns one of its
    /// level transitions' `in_state_for`, or its journey arrives.
    pub(super) fn own_clock_mark(&self, entity: Entity) -> Option<Minute> {
        let (st, marks) = (&self.state, &self.scenario.clock_marks);
        let (since, relative) = match entity {
            Entity::Character(c) => {
                let c = c as usize;
                let state = st.character_state[c] as usize;
                (st.character_since[c], marks.of_character(c, state))
            }
            Entity::Location(l) => {
                let l = l as usize;
                let state = st.location_state[l] as usize;
                (st.location_since[l], marks.of_location(l, state))
            }
        };
        // The marks are ascending: the first still ahead is the next.
        relative
            .iter()
            .map(|&m| since.saturating_add(m))
            .find(|&t| t > st.now)
    }
}

#[cfg(test)]
mod tests {
    use crate::Scenario;
    use crate::analysis::random_player;
    use crate::sim::{Action, Event, Sim};

    /// A night played with `actions`, every wait run either a minute at a time (which skips
    /// nothing) or in one call (which skips the quiet minutes): its events, its last state,
    /// and how many minutes were simulated.
    fn play(
        s: &Scenario,
        start: usize,
        seed: u64,
        actions: &[Action],
        by_the_minute: bool,
    ) -> (Vec<Event>, Sim) {
        let mut sim = Sim::with_start(s, seed, start);
        let mut events = sim.take_events();
        let run_out = |sim: &mut Sim, events: &mut Vec<Event>, until_idle: bool| {
            let going = |sim: &Sim| !sim.is_over() && (!until_idle || !sim.is_idle());
            if by_the_minute {
                while going(sim) {
                    events.extend(sim.advance(1));
                }
            } else if until_idle {
                events.extend(sim.run_until_idle());
            } else {
                while going(sim) {
                    events.extend(sim.advance(90));
                }
            }
        };
        run_out(&mut sim, &mut events, true);
        for a in actions {
            if sim.is_over() {
                break;
            }
            match sim.apply(a) {
                Ok(e) => events.extend(e),
                Err(_) => break,
            }
            run_out(&mut sim, &mut events, true);
        }
        run_out(&mut sim, &mut events, false);
        (events, sim)
    }

    /// A night whose panic drifts for an hour past levels that rules name: a crier alarms
    /// the square from the start, panic spreads down the lane to the market and fades, and
    /// the square and the market turn at given levels (the square's second turn reads the
    /// lane's panic). Nothing but panic moves between those turns.
    const DRIFTING: &str = r#"Scenario(
        id: "drift", title: "Drift", intro: "", start: "22:00", deadline: "23:59",
        player: "harry",
        panic: (per_believer: 2, spread_percent: 30, decay: 1, drive_slowdown_percent: 1, block_at: 75),
        starts: { "square": (name: "In the square", time: "22:00", at: "square",
                             then: [Believe("crier", "fire")]) },
        locations: {
            "square": (name: "Square", at: (x: 0.0, y: 0.0), start: "calm",
                states: { "calm": "Calm.", "uneasy": "Uneasy.", "uproar": "Uproar." },
                transitions: [
                    (from: "calm", to: "uneasy", when: PanicAtLeast("square", 7)),
                    (from: "uneasy", to: "uproar", when: PanicAtLeast("lane", 9)),
                ]),
            "lane": (name: "Lane", at: (x: 300.0, y: 0.0)),
            "market": (name: "Market", at: (x: 600.0, y: 0.0), start: "open",
                states: { "open": "Open.", "shut": "Shut." },
                transitions: [ (from: "open", to: "shut", when: PanicAtLeast("market", 4)) ]),
        },
        routes: [ (between: ("square", "lane"), metres: 300), (between: ("lane", "market"), metres: 300) ],
        facts: { "fire": (name: "a fire", credibility: 1.0, alarming: true) },
        characters: {
            "harry": (name: "Harry", start: "here", states: { "here": () }),
            "crier": (name: "The crier", start: "shouting",
                      states: { "shouting": (at: "square"), "hoarse": () },
                      transitions: [ (from: "shouting", to: "hoarse", when: After("22:50")) ]),
        },
        endings: { "dawn": (kind: Other, title: "Dawn", text: "", when: EndOfDay) },
    )"#;

    #[test]
    fn drifting_panic_turns_the_rules_at_the_same_minutes() {
        let s =
            Scenario::from_ron("drift.ron", DRIFTING).unwrap_or_else(|d| panic!("{}", d.render()));
        let (slow_events, slow) = play(&s, 0, 1, &[], true);
        let (fast_events, fast) = play(&s, 0, 1, &[], false);
        let turns = |events: &[Event]| -> Vec<(u16, String)> {
            events
                .iter()
                .filter(|e| matches!(e.kind, crate::sim::EventKind::StateChanged { .. }))
                .map(|e| (e.time, format!("{:?}", e.kind)))
                .collect()
        };
        assert_eq!(turns(&fast_events), turns(&slow_events));
        assert!(turns(&slow_events).len() >= 4, "{:?}", turns(&slow_events));
        assert_eq!(slow_events, fast_events);
        assert_eq!(slow.state(), fast.state());
        assert!(
            fast.minutes_simulated() * 4 < slow.minutes_simulated(),
            "{} minutes simulated when skipping, {} one by one",
            fast.minutes_simulated(),
            slow.minutes_simulated()
        );
    }

    #[test]
    fn skipping_quiet_minutes_changes_no_night() {
        // Random nights of every shipped scenario, played a minute at a time and with the
        // quiet minutes skipped, go the same event for event; and the skipping must skip
        // something, or this proves nothing.
        let (mut one_by_one, mut skipping) = (0u64, 0u64);
        for s in crate::shipped::nights() {
            for start in 0..s.starts.len() {
                for seed in 0..16u64 {
                    // Half the nights with random actions, half left to run on their own (where
                    // the film's story spreads the news and the city's panic rises).
                    let night = random_player::play(&s, start, seed, seed + 5, 30);
                    let actions = if seed % 2 == 0 {
                        &night.actions[..]
                    } else {
                        &[]
                    };
                    let (slow_events, slow) = play(&s, start, seed, actions, true);
                    let (fast_events, fast) = play(&s, start, seed, actions, false);
                    let first_difference = slow_events
                        .iter()
                        .zip(&fast_events)
                        .position(|(a, b)| a != b)
                        .map(|i| (&slow_events[i], &fast_events[i]));
                    assert!(
                        slow_events.len() == fast_events.len()
                            && first_difference.is_none()
                            && slow.state() == fast.state(),
                        "{} from {}, seed {seed}: {} events minute by minute, {} skipping; \
                         first difference {first_difference:?}",
                        s.id,
                        s.starts[start].id,
                        slow_events.len(),
                        fast_events.len()
                    );
                    one_by_one += slow.minutes_simulated();
                    skipping += fast.minutes_simulated();
                }
            }
        }
        assert!(
            skipping * 2 < one_by_one,
            "{skipping} minutes simulated when skipping, {one_by_one} one by one"
        );
    }
}
