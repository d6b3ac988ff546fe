//! How Harry comes to believe a fact a plan needs him to tell: chosen at random, laid on
//! his timeline, and written into the world only once the whole plan fits. The phone and
//! the start are shared with the plans against the clock, which choose them their own way.

use super::parts;
use super::rng::Rng;
use super::stays;
use super::timeline::Timeline;
use super::world::{Minute, Stay, World};

/// How Harry comes to believe the fact.
pub enum Learn {
    /// Someone tells him when he asks about a topic.
    Talk(usize, Stay),
    /// A phone rings once where he is going, a few minutes after he gets there.
    Phone {
        place: usize,
        delay: Minute,
        minutes: Minute,
    },
    /// He knows it from the start.
    Start,
}

impl Learn {
    /// The person who tells him, who must not be the one he tells in turn.
    pub fn teacher(&self) -> Option<usize> {
        match self {
            Learn::Talk(p, _) => Some(*p),
            _ => None,
        }
    }
}

pub fn choose(w: &World, rng: &mut Rng) -> Learn {
    match rng.below(3) {
        0 => match stays::pick_any(w, rng, 10) {
            Some((p, s)) => Learn::Talk(p, s),
            None => Learn::Start,
        },
        1 => {
            let free: Vec<usize> = (0..w.phones.len())
                .filter(|&p| w.phones[p].is_none())
                .collect();
            if free.is_empty() {
                return Learn::Start;
            }
            Learn::Phone {
                place: *rng.pick(&free),
                delay: rng.range(0, 3),
                minutes: rng.range(3, 6),
            }
        }
        _ => Learn::Start,
    }
}

/// Lays the learning on the timeline: the minute the phone rings (0 when there is none),
/// or `None` when Harry is too late for the talk.
pub fn lay(tl: &mut Timeline, w: &World, learn: &Learn, topic: &str) -> Option<Minute> {
    match learn {
        Learn::Talk(p, s) => tl.act_with(w, (*p, s), "talk", topic, 2).then_some(0),
        Learn::Phone { place, delay, .. } => {
            tl.go(*place);
            let rings = tl.now.max(1) + delay;
            tl.answer(rings);
            Some(rings)
        }
        Learn::Start => Some(0),
    }
}

/// Writes the learning into the world, once the plan fits: what Harry does, in words.
pub fn commit(
    w: &mut World,
    learn: &Learn,
    topic: (String, String),
    fact: &str,
    rings: Minute,
) -> String {
    match learn {
        Learn::Talk(p, s) => {
            parts::teaches(w, topic, *p, &s.state, fact, None);
            format!(
                "learn it from {} at {}",
                w.people[*p].id,
                w.place_id(s.place)
            )
        }
        Learn::Phone { place, minutes, .. } => by_phone(w, *place, rings, *minutes, fact),
        Learn::Start => from_the_start(w, fact),
    }
}

/// The phone at `place` rings at `rings` for `minutes`, and answering it teaches `fact`.
pub fn by_phone(w: &mut World, place: usize, rings: Minute, minutes: Minute, fact: &str) -> String {
    parts::phone(w, place, rings, minutes, fact);
    format!(
        "answer the phone at {} at {}",
        w.place_id(place),
        w.clock(rings)
    )
}

/// Harry knows `fact` from the start.
pub fn from_the_start(w: &mut World, fact: &str) -> String {
    parts::known(w, fact);
    "know it from the start".into()
}
