//! A random scenario from a seed: a town, people with timetables, and three to six endings,
//! each planted reachable (with the plan that reaches it), planted against the clock, or
//! impossible on purpose (with the argument why), plus the deadline's loss. The world is
//! written as RON and loaded with `Scenario::from_ron`, as a modder's file would be; a
//! file that does not load fails the test with its text. Then each plan is played to find
//! a seed under which it reaches its ending (any seed, for a plan that needs no chance).

use super::clock;
use super::impossible::{self, Impossible};
use super::map::Map;
use super::names::Names;
use super::plan::{self, Frame, Kind, Planted, Way};
use super::replay;
use super::rng::Rng;
use super::timetable::{self, Variation};
use super::world::{Ending, Item, Person, Start, World};
use night::Scenario;

/// Seeds tried when looking for one under which a plan's chances come out right (each
/// plan needs at most three coin tosses).
const PLAN_SEEDS: u64 = 256;

pub struct Generated {
    pub seed: u64,
    pub ron: String,
    pub scenario: Scenario,
    pub planted: Vec<Planted>,
    /// Each impossible ending's id and the argument.
    pub impossible: Vec<(String, Impossible)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Plant {
    Clock,
    Simple,
    Impossible,
}

const TITLES: &[&str] = &[
    "Out before the water",
    "The last ferry",
    "A quiet word",
    "Square with the world",
    "All accounts settled",
    "Across the river",
    "Dawn in good company",
    "The deal goes through",
    "Nobody gets hurt",
    "A clean getaway",
    "The long way home",
    "Lights on the hill",
];

pub fn generate(seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut names = Names::new(&mut rng);
    let places = rng.range(4, 8) as usize;
    let map = Map::generate(&mut rng, places);
    // Long enough to cross the town and back a few times, short enough that `check`'s
    // searches go deep relative to the night.
    let horizon = rng.range(100, 150);
    let home = rng.below(places);
    let frame = Frame { home, horizon };
    let mut w = World {
        id: format!("planted_{seed}"),
        clock0: rng.range(20 * 12, 23 * 12) * 5,
        deadline: horizon,
        map,
        chances: Vec::new(),
        starts: vec![Start {
            id: "evening".into(),
            name: "The evening".into(),
            time: 0,
            at: home,
            then: Vec::new(),
        }],
        flags: Vec::new(),
        lying: vec![Vec::new(); places],
        phones: (0..places).map(|_| None).collect(),
        items: Vec::new(),
        topics: Vec::new(),
        facts: Vec::new(),
        people: Vec::new(),
        events: Vec::new(),
        endings: Vec::new(),
    };
    if rng.chance(0.3) {
        // A later start somewhere else: `check` explores every start.
        let at = rng.below(places);
        w.starts.push(Start {
            id: "later".into(),
            name: "Later on".into(),
            time: rng.range(10, horizon / 2),
            at,
            then: Vec::new(),
        });
    }
    for _ in 0..rng.range(3, 6) {
        let (id, name) = names.person();
        w.people.push(Person {
            id,
            name,
            items: Vec::new(),
            start: String::new(),
            states: Vec::new(),
            transitions: Vec::new(),
            stays: Vec::new(),
            companion_of: None,
        });
    }

    // Which endings: the deadline's loss, and two to five others.
    let mut plants: Vec<Plant> = (0..rng.range(2, 5))
        .map(|_| match rng.below(10) {
            0..=2 => Plant::Clock,
            3..=5 => Plant::Simple,
            _ => Plant::Impossible,
        })
        .collect();
    let mut planted = Vec::new();
    let mut impossible = Vec::new();

    // Plans against the clock first: each shapes the timetables of two people of its own.
    let mut free: Vec<usize> = (0..w.people.len()).collect();
    rng.shuffle(&mut free);
    for plant in plants.iter_mut().filter(|p| **p == Plant::Clock) {
        let way = if free.len() >= 2 {
            let pq = (free[free.len() - 1], free[free.len() - 2]);
            clock::against_the_clock(&mut w, &mut rng, &mut names, frame, pq)
        } else {
            None
        };
        match way {
            Some(way) => {
                free.truncate(free.len() - 2);
                planted.push(add_reachable(&mut w, &mut rng, way, Kind::Clock));
            }
            None => *plant = Plant::Simple,
        }
    }
    // Everyone else wanders the town on a timetable of their own.
    let vary = Variation {
        hurry: 0.2,
        event: 0.15,
    };
    for &p in &free {
        let visits = timetable::wandering(&mut w, &mut rng, home, horizon);
        timetable::build(&mut w, &mut rng, p, &visits, &vary);
    }
    chatter(&mut w, &mut rng);
    // Sometimes car keys lie about: driving is one more way to travel (and the impossible
    // endings' travel bounds must allow for it).
    let can_drive = rng.chance(0.3);
    if can_drive {
        w.items.push(Item {
            id: "car_keys".into(),
            name: "somebody's car keys".into(),
            drive: true,
        });
        let at = rng.below(places);
        w.lying[at].push("car_keys".into());
    }
    for plant in &plants {
        match plant {
            Plant::Clock => {}
            Plant::Simple => {
                let way = plan::simple(&mut w, &mut rng, &mut names, frame);
                planted.push(add_reachable(&mut w, &mut rng, way, Kind::Simple));
            }
            Plant::Impossible => {
                let made = impossible::impossible(&mut w, &mut rng, &mut names, can_drive);
                let id = add_ending(&mut w, &mut rng, made.when.clone(), true);
                impossible.push((id, made));
            }
        }
    }

    // The deadline's loss, checked last: waiting for it from either start reaches it.
    let start = rng.below(w.starts.len());
    let wait = w.deadline - w.starts[start].time;
    w.endings.push(Ending {
        id: "dawn".into(),
        kind: "Loss",
        title: "Dawn".into(),
        text: "The night is over, and nothing came of it.".into(),
        when: "Deadline".into(),
        priority: 0,
    });
    planted.push(Planted {
        ending: "dawn".into(),
        kind: Kind::Dawn,
        start: w.starts[start].id.clone(),
        actions: vec![format!("wait {wait}")],
        slow: None,
        chancy: false,
        story: "wait for the deadline".into(),
        seed: None,
    });

    let ron = w.to_ron();
    let scenario = Scenario::from_ron(&format!("planted-{seed}.ron"), &ron).unwrap_or_else(|d| {
        panic!(
            "seed {seed}: the generated scenario does not load:\n{}\n{ron}",
            d.render()
        )
    });
    for p in &mut planted {
        p.seed = replay::find_seed(&scenario, &p.start, &p.actions, &p.ending, 0..PLAN_SEEDS);
    }
    Generated {
        seed,
        ron,
        scenario,
        planted,
        impossible,
    }
}

/// Adds a reachable ending for `way`, and the plan that reaches it from the first start.
fn add_reachable(w: &mut World, rng: &mut Rng, way: Way, kind: Kind) -> Planted {
    let id = add_ending(w, rng, way.when, false);
    Planted {
        ending: id,
        kind,
        start: "evening".into(),
        actions: way.actions,
        slow: way.slow,
        chancy: way.chancy,
        story: way.story,
        seed: None,
    }
}

/// A new ending with `when`, after the others in priority (the deadline's loss comes last).
fn add_ending(w: &mut World, rng: &mut Rng, when: String, impossible: bool) -> String {
    let k = w.endings.len() + 1;
    let kinds: &[&'static str] = if impossible {
        &["Escape", "Other", "Loss"]
    } else {
        &["Escape", "Other"]
    };
    let id = format!("ending_{k}");
    w.endings.push(Ending {
        id: id.clone(),
        kind: kinds[rng.below(kinds.len())],
        title: TITLES[rng.below(TITLES.len())].into(),
        text: "And so the night ends.".into(),
        when,
        priority: 10 - k as u32,
    });
    id
}

/// Small talk that changes nothing: what a real night has most of, and what the searches
/// must learn to pass over.
fn chatter(w: &mut World, rng: &mut Rng) {
    let topic = "the_weather".to_owned();
    let mut used = false;
    for p in &mut w.people {
        for s in &mut p.states {
            if matches!(s.whereabouts, super::world::Whereabouts::At(_)) && rng.chance(0.3) {
                s.talks
                    .push((topic.clone(), "\"Rain later, they say.\"".into(), None));
                used = true;
            }
        }
    }
    if used {
        w.topics.push((topic, "the weather".into()));
    }
}
