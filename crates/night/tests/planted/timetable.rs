//! People's timetables: where each person is and when, as states at places, journeys between
//! them (`going`) and level transitions on the clock. A departure may come earlier on nights
//! when a chance comes up, or wait for an event; the stays record the minutes every night
//! has them there, for the plans, and the earliest any night does, for the impossibilities.

use super::rng::Rng;
use super::world::{Minute, PersonState, Stay, Whereabouts, World};

/// The day's length: a stay that nothing ends lasts this long.
pub const DAY: Minute = 1440;

/// One place in a timetable: arriving at `arrive`, leaving at `leave` (if ever).
#[derive(Clone, Debug)]
pub struct Visit {
    pub place: usize,
    pub arrive: Minute,
    pub leave: Option<Minute>,
}

/// What a timetable may vary, for the people no plan shapes.
pub struct Variation {
    /// Chance of each departure coming earlier under a night chance.
    pub hurry: f64,
    /// Chance of each departure waiting for an event instead of the clock.
    pub event: f64,
}

/// Writes `visits` as the person's states and transitions, in order, and records the stays.
/// The person leaves the last place for offstage if it has a `leave`. Between two places
/// they walk (a `going` state) if the time between leaving and arriving allows, else they
/// simply turn up at the next place.
pub fn build(w: &mut World, rng: &mut Rng, person: usize, visits: &[Visit], vary: &Variation) {
    let pid = w.people[person].id.clone();
    let name = w.people[person].name.clone();
    let mut states = Vec::new();
    let mut transitions = Vec::new();
    let mut stays: Vec<Stay> = Vec::new();
    // The earliest arrival at the next place, when a chance can make the departure early.
    let mut early_arrival: Option<Minute> = None;
    for (k, v) in visits.iter().enumerate() {
        let place_name = w.map.places[v.place].name.clone();
        let state = format!("{}_{}", w.place_id(v.place), k + 1);
        states.push(PersonState {
            id: state.clone(),
            whereabouts: Whereabouts::At(v.place),
            description: format!("{name} is here."),
            talks: Vec::new(),
        });
        let from = (early_arrival.take().unwrap_or(v.arrive), v.arrive);
        let Some(leave) = v.leave else {
            stays.push(Stay {
                state,
                place: v.place,
                from,
                until: (DAY, DAY),
            });
            break;
        };
        let next = visits.get(k + 1);
        let (to_state, travel) = match next {
            Some(n) if n.arrive > leave => {
                // On foot: the `going` state lasts until the next arrival.
                let travel = n.arrive - leave;
                let going = format!("to_{}_{}", w.place_id(n.place), k + 2);
                states.push(PersonState {
                    id: going.clone(),
                    whereabouts: Whereabouts::Going {
                        from: v.place,
                        to: n.place,
                        minutes: travel,
                        arrive: format!("{}_{}", w.place_id(n.place), k + 2),
                    },
                    description: format!("{name} heads off."),
                    talks: Vec::new(),
                });
                (going, travel)
            }
            Some(n) => (format!("{}_{}", w.place_id(n.place), k + 2), 0),
            None => {
                let gone = "gone".to_owned();
                states.push(PersonState {
                    id: gone.clone(),
                    whereabouts: Whereabouts::Offstage,
                    description: format!("{name} has left {place_name}."),
                    talks: Vec::new(),
                });
                (gone, 0)
            }
        };
        let mut until = (leave, leave);
        let roll = rng.next_u64() % 1000;
        if (roll as f64) < vary.hurry * 1000.0 && leave >= from.1 + 8 {
            // Some nights they leave early: a night chance of their own, tried first.
            let early = leave - rng.range(3, (leave - from.1 - 4).min(12));
            let chance = format!("{pid}_hurries_{}", k + 1);
            w.chances.push((chance.clone(), 0.5));
            transitions.push(format!(
                "(from: \"{state}\", to: \"{to_state}\", when: All([After({}), Chance(\"{chance}\")]))",
                w.clock(early)
            ));
            until.0 = early;
            early_arrival = Some(early + travel);
        }
        if until.0 == leave && (roll as f64) >= 1000.0 - vary.event * 1000.0 {
            // The departure waits for an event at the same minute (the last bus, a siren):
            // the same timetable, told by the story instead of the clock.
            let event = format!("{pid}_called_away_{}", k + 1);
            w.events.push((
                event.clone(),
                format!(
                    "(when: After({}), text: \"Somewhere a siren starts up; {name} is needed elsewhere.\")",
                    w.clock(leave)
                ),
            ));
            transitions.push(format!(
                "(from: \"{state}\", to: \"{to_state}\", on: Event(\"{event}\"))"
            ));
        } else {
            transitions.push(format!(
                "(from: \"{state}\", to: \"{to_state}\", when: After({}))",
                w.clock(leave)
            ));
        }
        stays.push(Stay {
            state,
            place: v.place,
            from,
            until,
        });
    }
    let p = &mut w.people[person];
    p.start = stays[0].state.clone();
    p.states.extend(states);
    p.transitions.extend(transitions);
    p.stays = stays;
}

/// A timetable for someone no plan shapes: two to four places, an hour or so apart.
pub fn wandering(w: &mut World, rng: &mut Rng, start_near: usize, horizon: Minute) -> Vec<Visit> {
    let n = w.map.places.len();
    let mut visits = Vec::new();
    let mut place = if rng.chance(0.5) {
        start_near
    } else {
        rng.below(n)
    };
    let mut arrive = 0;
    let count = rng.range(2, 4);
    for k in 0..count {
        let last = k + 1 == count;
        let leave = arrive + rng.range(15, 55);
        if last || leave >= horizon {
            // The last stay lasts the night, or ends with them going home.
            let leave = (rng.chance(0.3) && leave < horizon).then_some(leave);
            visits.push(Visit {
                place,
                arrive,
                leave,
            });
            break;
        }
        visits.push(Visit {
            place,
            arrive,
            leave: Some(leave),
        });
        let next = rng.below_except(n, place);
        let travel = if rng.chance(0.75) {
            w.map.walking_minutes(place, next)
        } else {
            0
        };
        place = next;
        arrive = leave + travel;
    }
    visits
}
