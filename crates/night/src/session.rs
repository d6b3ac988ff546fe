//! A play session: one night from its start, as every front end plays it. It keeps what a
//! transcript and a record need (every event, and the player's actions with their minutes),
//! and plays a record back. The terminal, the window, `replay`, `check`'s witnesses and the
//! computer players all play through it, so beginning, acting, advancing and replaying are
//! each written once.

use crate::scenario::Scenario;
use crate::scenario::model::{Ending, Minute};
use crate::sim::{Action, ActionError, Event, Outcome, Sim};

/// One night being played.
pub struct Session {
    sim: Sim,
    start: usize,
    /// Every event since the night began, oldest first.
    events: Vec<Event>,
    /// The player's actions, each with the minute it was taken.
    actions: Vec<(Minute, Action)>,
}

/// A night's record read against its scenario: enough to play the same night again.
#[derive(Clone, Debug, PartialEq)]
pub struct Replay {
    pub seed: u64,
    pub start: usize,
    /// The player's actions, each with the minute it was taken (in order).
    pub actions: Vec<(Minute, Action)>,
    /// The minute the night had reached when it was recorded.
    pub reached: Minute,
    /// The night had ended: playing back runs the clock on until it is over.
    pub ended: bool,
}

impl Session {
    /// The night at `start` with `seed`: the start's events, then on until the player can act
    /// (a start may leave them asleep).
    pub fn begin(scenario: &Scenario, seed: u64, start: usize) -> Session {
        let mut sim = Sim::with_start(scenario, seed, start);
        let mut events = sim.take_events();
        events.extend(sim.run_until_idle());
        Session {
            sim,
            start,
            events,
            actions: Vec::new(),
        }
    }

    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    pub fn scenario(&self) -> &Scenario {
        self.sim.scenario()
    }

    /// Which of the scenario's starts the night began from.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Every event so far, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The player's actions so far, with their minutes: the night's record.
    pub fn actions(&self) -> &[(Minute, Action)] {
        &self.actions
    }

    /// The narrated lines of the whole night so far, as the transcript prints them.
    pub fn transcript(&self) -> Vec<String> {
        narrate(self.scenario(), &self.events)
    }

    /// Does an action now, if the night allows it, and records it; the events it caused. The
    /// clock does not move on (the window's pace does that).
    pub fn act(&mut self, action: &Action) -> Result<&[Event], ActionError> {
        let from = self.events.len();
        let events = self.sim.apply(action)?;
        self.actions.push((self.sim.now(), action.clone()));
        self.events.extend(events);
        Ok(&self.events[from..])
    }

    /// Does an action, then plays on until the player can act again (as `text` plays); every
    /// event that caused.
    pub fn act_and_settle(&mut self, action: &Action) -> Result<&[Event], ActionError> {
        let from = self.events.len();
        self.act(action)?;
        self.events.extend(self.sim.run_until_idle());
        Ok(&self.events[from..])
    }

    /// Moves the clock on one minute (nothing once the night is over).
    pub fn advance_minute(&mut self) -> &[Event] {
        self.advance_to(self.sim.now().saturating_add(1))
    }

    /// Moves the clock on to `minute`, a minute at a time, or until the night is over.
    pub fn advance_to(&mut self, minute: Minute) -> &[Event] {
        let from = self.events.len();
        while self.sim.now() < minute && !self.sim.is_over() {
            self.events.extend(self.sim.advance(1));
        }
        &self.events[from..]
    }

    /// The night's parts, for a caller that keeps them: the simulation, every event, and the
    /// player's actions with their minutes.
    pub fn into_parts(self) -> (Sim, Vec<Event>, Vec<(Minute, Action)>) {
        (self.sim, self.events, self.actions)
    }

    /// Minutes left before the deadline, once the player believes an alarming fact: the
    /// countdown every front end shows.
    pub fn countdown(&self) -> Option<Minute> {
        let s = self.scenario();
        let now = self.sim.now();
        (self.sim.alarmed(s.player) && now < s.deadline).then(|| s.deadline - now)
    }

    /// The ending the night reached, once it is over with one.
    pub fn ending(&self) -> Option<&Ending> {
        match self.sim.outcome() {
            Some(Outcome::Ending(e)) => self.scenario().endings.get(e as usize),
            _ => None,
        }
    }

    /// Plays a record back: the same start, seed and actions at the same minutes give the
    /// same night. The clock runs a minute at a time to each action's minute, then to the
    /// minute the record reached, and for a night that ended, on until it is over (the last
    /// minute may end it without moving the clock). Stops at the first action the night
    /// refuses or never reaches, and says why.
    pub fn replay(scenario: &Scenario, replay: &Replay) -> (Session, Option<String>) {
        let mut session = Session::begin(scenario, replay.seed, replay.start);
        for (i, (at, action)) in replay.actions.iter().enumerate() {
            session.advance_to(*at);
            if session.sim.is_over() {
                let why = format!("the night ended before action {}", i + 1);
                return (session, Some(why));
            }
            if let Err(why) = session.act(action) {
                let why = format!(
                    "action {} (`{}` at {}) does not apply: {}",
                    i + 1,
                    action.text(scenario),
                    scenario.clock(*at),
                    why.message
                );
                return (session, Some(why));
            }
        }
        session.advance_to(replay.reached);
        while replay.ended && !session.sim.is_over() {
            session.advance_minute();
        }
        (session, None)
    }
}

/// The narrated lines of some events.
pub fn narrate(scenario: &Scenario, events: &[Event]) -> Vec<String> {
    events.iter().filter_map(|e| e.narrate(scenario)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::film;

    fn line(s: &Scenario, text: &str) -> Action {
        Action::parse(text, s).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn a_night_played_and_its_replay_are_the_same_night() {
        let s = film();
        let start = s.start_index("the_call").unwrap();
        let mut played = Session::begin(&s, 1, start);
        for text in ["go johnies", "go payphone", "wait", "answer", "go johnies"] {
            played.act_and_settle(&line(&s, text)).unwrap();
        }
        played.advance_to(played.sim().now() + 30);
        assert_eq!(played.actions().len(), 5);
        assert!(played.countdown().is_some(), "Harry heard the call");
        let record = Replay {
            seed: 1,
            start,
            actions: played.actions().to_vec(),
            reached: played.sim().now(),
            ended: false,
        };
        let (again, stopped) = Session::replay(&s, &record);
        assert_eq!(stopped, None);
        assert_eq!(again.transcript(), played.transcript());
        assert_eq!(again.sim().now(), played.sim().now());
        // A record that says the night ended is run on until it is over.
        let (ended, _) = Session::replay(
            &s,
            &Replay {
                ended: true,
                ..record
            },
        );
        assert!(ended.sim().is_over());
        assert!(ended.ending().is_some());
    }

    #[test]
    fn a_replay_says_which_action_no_longer_applies() {
        let s = film();
        let start = s.start_index("the_call").unwrap();
        let record = Replay {
            seed: 1,
            start,
            actions: vec![(0, line(&s, "answer"))],
            reached: 0,
            ended: false,
        };
        let (session, stopped) = Session::replay(&s, &record);
        let why = stopped.expect("answering with no phone ringing is refused");
        assert!(why.starts_with("action 1 (`answer` at "), "{why}");
        assert!(session.actions().is_empty());
    }
}
