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

/// What a minute may change without an event, looked at before it and compared after it.
pub(super) struct Before {
    events: usize,
    chances_drawn: u32,
    activity: Activity,
    /// The whole state, where debug assertions check that a minute called quiet changed
    /// nothing.
    #[cfg(debug_assertions)]
    state: State,
}

impl Sim {
    /// Notes what a minute about to be simulated may change quietly.
    pub(super) fn before_minute(&self) -> Before {
        Before {
            events: self.pending.len(),
            chances_drawn: self.chances_drawn,
            activity: self.state.activity,
            #[cfg(debug_assertions)]
            state: self.state.clone(),
        }
    }

    /// Whether the minute just simulated (begun at `before`) left the night as it was, but
    /// for the clock. `panic_moved`: whether the minute's panic changed anywhere.
    pub(super) fn was_quiet(&self, before: &Before, panic_moved: bool) -> bool {
        let quiet = !panic_moved
            && !self.is_over()
            && self.pending.len() == before.events
            && self.chances_drawn == before.chances_drawn
            && self.state.activity == before.activity;
        #[cfg(debug_assertions)]
        if quiet {
            let mut then = before.state.clone();
            then.now = self.state.now;
            debug_assert!(
                then == self.state,
                "a minute called quiet changed the night"
            );
        }
        quiet
    }

    /// After a quiet minute, moves the clock on to the last minute before anything can turn
    /// (never past `limit`): the next minute simulated is the first that may differ.
    pub(super) fn skip_quiet_minutes(&mut self, limit: Minute) {
        let to = self.next_clock_mark().saturating_sub(1).min(limit);
        if to > self.state.now {
            self.state.now = to;
        }
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

    fn nights() -> Vec<Scenario> {
        [
            include_str!("../../../../scenes/miracle_mile.ron"),
            include_str!("../../../../scenes/examples/first_night.ron"),
            include_str!("../../../../scenes/examples/last_ferry.ron"),
            include_str!("../../../../scenes/examples/fog_over_edinburgh.ron"),
            include_str!("../../../../scenes/examples/last_train_shinjuku.ron"),
        ]
        .iter()
        .map(|text| {
            Scenario::from_ron("night.ron", text).unwrap_or_else(|d| panic!("{}", d.render()))
        })
        .collect()
    }

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

    #[test]
    fn skipping_quiet_minutes_changes_no_night() {
        // Random nights of every shipped scenario, played a minute at a time and with the
        // quiet minutes skipped, go the same event for event; and the skipping must skip
        // something, or this proves nothing.
        let (mut one_by_one, mut skipping) = (0u64, 0u64);
        for s in nights() {
            for start in 0..s.starts.len() {
                for seed in 0..8u64 {
                    let night = random_player::play(&s, start, seed, seed + 5, 30);
                    let (slow_events, slow) = play(&s, start, seed, &night.actions, true);
                    let (fast_events, fast) = play(&s, start, seed, &night.actions, false);
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
