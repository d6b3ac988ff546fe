//! How fast the night's clock runs: the film's real time, brisk, or only while the player acts.
//! Pure arithmetic over real seconds, so tests can drive it without a window.

use night::Sim;
use night::scenario::model::Minute;

/// The player's choice of pace (Settings).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
pub enum Pace {
    /// One game minute per real minute, as in the film.
    Film,
    /// One game minute every two real seconds.
    #[default]
    Brisk,
    /// The clock stands still until the player acts; their action's minutes then pass quickly.
    #[value(name = "turn")]
    TurnBased,
}

impl Pace {
    pub const ALL: [Pace; 3] = [Pace::Film, Pace::Brisk, Pace::TurnBased];

    pub fn label(self) -> &'static str {
        match self {
            Pace::Film => "Film (1 min = 1 min)",
            Pace::Brisk => "Brisk (1 min = 2 s)",
            Pace::TurnBased => "Turn-based",
        }
    }

    /// Game minutes per real second, given whether the player is busy (travelling, waiting...).
    pub fn minutes_per_second(self, player_busy: bool) -> f32 {
        // While the player is busy in turn-based play the minutes still have to pass, quickly
        // enough not to bore and slowly enough to watch them walk.
        const FAST_FORWARD: f32 = 6.0;
        match (self, player_busy) {
            (Pace::Film, _) => 1.0 / 60.0,
            (Pace::Brisk, _) => 0.5,
            (Pace::TurnBased, true) => FAST_FORWARD,
            (Pace::TurnBased, false) => 0.0,
        }
    }
}

/// The clock between minutes: the simulation moves in whole minutes, the screen in between.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Clock {
    /// Fraction of the next minute already shown, in [0, 1).
    pub fraction: f32,
}

impl Clock {
    /// Moves time on by `seconds` of real time at `pace` and returns how many whole minutes
    /// the simulation must advance now.
    pub fn tick(&mut self, pace: Pace, seconds: f32, sim: &Sim) -> u16 {
        let busy = !sim.is_idle() && !sim.is_over();
        let rate = pace.minutes_per_second(busy);
        if rate == 0.0 || sim.is_over() {
            self.fraction = 0.0;
            return 0;
        }
        // A long frame (a stall, a breakpoint) must not skip half the night.
        let seconds = seconds.min(0.25);
        self.fraction += rate * seconds;
        let whole = self.fraction.floor();
        self.fraction -= whole;
        whole as u16
    }

    /// Keeps a tick from carrying the clock past a moment (`stop`: a minute and a fraction
    /// of it) that must be seen: given the whole minutes the tick wants to run from `now`,
    /// returns those it may, with the fraction set to the moment if it was reached. A slow
    /// frame at a fast pace runs more than a minute at once, and would skip it.
    pub fn stop_at(&mut self, minutes: u16, now: Minute, stop: (Minute, f32)) -> u16 {
        let (minute, fraction) = stop;
        let reached = (now.saturating_add(minutes), self.fraction);
        if now > minute || reached <= (minute, fraction) {
            return minutes;
        }
        self.fraction = fraction;
        minute - now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turn_based_time_stands_still_until_the_player_acts() {
        assert_eq!(Pace::TurnBased.minutes_per_second(false), 0.0);
        assert!(Pace::TurnBased.minutes_per_second(true) > Pace::Brisk.minutes_per_second(true));
        assert!(Pace::Film.minutes_per_second(false) < Pace::Brisk.minutes_per_second(false));
    }

    #[test]
    fn a_slow_frame_stops_at_the_moment_to_be_seen() {
        // From 05:08 + 0.3, a frame that would run to 05:09 + 0.8 stops at 05:08 + 0.5.
        let mut clock = Clock { fraction: 0.8 };
        assert_eq!(clock.stop_at(1, 308, (308, 0.5)), 0);
        assert_eq!(clock.fraction, 0.5);
        // A frame that does not reach it runs on untouched, and so does one past it.
        let mut clock = Clock { fraction: 0.2 };
        assert_eq!(clock.stop_at(0, 308, (308, 0.5)), 0);
        assert_eq!(clock.fraction, 0.2);
        assert_eq!(clock.stop_at(2, 309, (308, 0.5)), 2);
        // Several minutes short of it: it stops on its minute.
        let mut clock = Clock { fraction: 0.9 };
        assert_eq!(clock.stop_at(5, 300, (303, 0.0)), 3);
        assert_eq!(clock.fraction, 0.0);
    }
}
