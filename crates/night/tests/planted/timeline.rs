//! Harry's night as a plan sees it: where he is, the minute, and the script so far. It
//! moves him along the fastest way (running where the route allows), waits for a window to
//! open and says whether he made it before it closed. The minutes follow the simulation's
//! rules: an action happens in the minute Harry is free, then its minutes pass; he arrives
//! at the end of the trip's last minute and can act in that minute.

use super::map::Map;
use super::world::{Minute, Stay, World};

pub struct Timeline<'m> {
    map: &'m Map,
    pub at: usize,
    pub now: Minute,
    pub actions: Vec<String>,
    /// Walk every route instead of running (the slow variant of a plan against the clock).
    walk: bool,
    /// A window was missed (only the slow variant goes on after that).
    pub missed: bool,
}

impl<'m> Timeline<'m> {
    pub fn new(map: &'m Map, at: usize, now: Minute) -> Timeline<'m> {
        Timeline {
            map,
            at,
            now,
            actions: Vec::new(),
            walk: false,
            missed: false,
        }
    }

    pub fn walking(map: &'m Map, at: usize, now: Minute) -> Timeline<'m> {
        Timeline {
            walk: true,
            ..Timeline::new(map, at, now)
        }
    }

    /// Goes to `to` hop by hop, each hop a `go` of its own (as a player would type it).
    pub fn go(&mut self, to: usize) {
        if to == self.at {
            return;
        }
        let hops = if self.walk {
            self.map.walking_way(self.at, to)
        } else {
            self.map.way(self.at, to)
        };
        for h in hops {
            self.actions
                .push(format!("go {} {}", self.map.places[h.to].id, h.mode));
            self.now += h.minutes;
            self.at = h.to;
        }
    }

    /// The minute at which Harry would arrive at `to` from here.
    pub fn arrival(&self, to: usize) -> Minute {
        let m = if self.walk {
            self.map.walking_minutes(self.at, to)
        } else {
            self.map.minutes(self.at, to)
        };
        self.now + m
    }

    pub fn wait_until(&mut self, t: Minute) {
        if t > self.now {
            self.actions.push(format!("wait {}", t - self.now));
            self.now = t;
        }
    }

    /// Goes to `place` and does `action` (which takes `minutes`) at a minute in
    /// `open..close`, waiting for it to open. False when Harry gets there too late.
    pub fn act(
        &mut self,
        place: usize,
        (open, close): (Minute, Minute),
        action: &str,
        minutes: Minute,
    ) -> bool {
        self.go(place);
        self.wait_until(open);
        if self.now >= close {
            self.missed = true;
        }
        self.actions.push(action.to_owned());
        self.now += minutes;
        !self.missed
    }

    /// Goes to `person` in their `stay` and does `verb` to them with `what` (`give ada map`,
    /// `tell ada dam`), in the minutes every night has them there.
    pub fn act_with(
        &mut self,
        w: &World,
        (person, stay): (usize, &Stay),
        verb: &str,
        what: &str,
        minutes: Minute,
    ) -> bool {
        let action = format!("{verb} {} {what}", w.people[person].id);
        self.act(stay.place, stay.sure(), &action, minutes)
    }

    /// Waits here for the phone to ring at `rings` and answers it, which takes a minute.
    pub fn answer(&mut self, rings: Minute) {
        self.wait_until(rings);
        self.actions.push("answer".into());
        self.now += 1;
    }
}
