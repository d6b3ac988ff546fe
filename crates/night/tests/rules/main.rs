//! One test per rule of the simulation, each on a tiny scenario written for it: the town and
//! the helpers here, the rules by subject in the modules.

mod movement;
mod people;
mod session;
mod story;
mod things;

use night::Scenario;
use night::scenario::model::{Entity, Mode};
use night::sim::{Action, EventKind, Outcome, Owner, Sim};

/// A small town: a booth with a phone, a diner, a far station; a friend, a stranger, a voice.
const TOWN: &str = r#"
Scenario(
    id: "town", title: "Town", start: "22:00", deadline: "23:00", player: "harry",
    chances: { "is_prank": 0.5 },
    starts: {
        "evening": (name: "Evening", time: "22:00", at: "booth"),
        "late": (name: "Late", time: "22:40", at: "diner", then: [Set("late_start")]),
    },
    flags: ["late_start", "signal"],
    locations: {
        "booth": (name: "Booth", at: (x: 0.0, y: 0.0), tags: ["phone", "bed"], start: "silent",
            states: { "silent": "Quiet.", "ringing": (text: "Ring!", ringing: true), "dead": "Dead line." },
            transitions: [
                (from: "silent", to: "ringing", when: After("22:05")),
                (from: "ringing", to: "dead", on: Answered, then: [Believe("harry", "danger")]),
                (from: "ringing", to: "dead", on: LetRing, then: [Set("signal")]),
                (from: "ringing", to: "dead", when: InStateFor(3)),
            ]),
        "diner": (name: "Diner", at: (x: 800.0, y: 0.0), items: ["keys", "coin"]),
        "station": (name: "Station", at: (x: 3000.0, y: 0.0)),
    },
    streets: { "main": (name: "Main St", points: [(x: 0.0, y: 0.0), (x: 3000.0, y: 0.0)]) },
    routes: [
        (between: ("booth", "diner"), street: "main", metres: 800),
        (between: ("diner", "station"), street: "main", metres: 2200),
        (between: ("booth", "station"), metres: 5000, modes: [Walk]),
    ],
    items: {
        "keys": (name: "car keys", enables: [Drive]),
        "coin": (name: "a coin", usable: true),
        "badge": (name: "a badge", fixed: true),
    },
    topics: { "weather": "the weather" },
    facts: {
        "danger": (name: "danger", credibility: 0.0, from: { "voice": 1.0 }, confirmed: Flag("signal"), alarming: true),
        "gossip": (name: "gossip", credibility: 1.0, contagious: true),
    },
    calls: { "home": (name: "Home", number: "555-0100", minutes: 3, then: [Log("Nobody home.")]) },
    characters: {
        "harry": (name: "Harry", start: "calm", states: { "calm": (), "alarmed": () },
            transitions: [(from: "calm", to: "alarmed", when: Knows("danger"))]),
        "friend": (name: "Friend", start: "eating", items: ["badge"],
            states: {
                "eating": (at: "diner", talks: { "weather": "Cold tonight." }),
                "with": (with: Harry),
                "leaving": (going: (from: "diner", to: "station", minutes: 10, arrive: "gone")),
                "gone": (at: "station"),
            },
            transitions: [
                (from: "eating", to: "with", on: Told("danger"), when: Believes("friend", "danger")),
                (from: "eating", on: Asked("badge"), when: Flag("signal"), then: [Give("harry", "badge")]),
                (from: "eating", to: "leaving", when: After("23:30")),
                (on: Used("coin"), then: [Say("friend", "Thanks for the coin.")]),
            ]),
        "stranger": (name: "Stranger", start: "sitting", states: { "sitting": (at: "diner"), "up": (at: "diner") },
            transitions: [(from: "sitting", to: "up", chance: 0.5, when: After("22:10"))]),
        "voice": (name: "Voice", start: "line", states: { "line": (), "off": () },
            transitions: [(from: "line", to: "off", on: Event("lights_out"))]),
    },
    events: {
        "lights_out": (when: After("22:30"), text: "The lights go out.", then: [AddPanic("diner", 30)]),
    },
    endings: {
        "caught": (kind: Loss, title: "Caught", when: All([Deadline, Not(Chance("is_prank"))]), priority: 1),
        "station": (kind: Escape, title: "Away", when: All([HarryAt("station"), With("friend")]), priority: 5),
        "dawn": (kind: Other, title: "Dawn", when: EndOfDay),
    },
)
"#;

fn town() -> Scenario {
    Scenario::from_ron("town.ron", TOWN).unwrap_or_else(|d| panic!("{}", d.render()))
}

fn town_with(from: &str, to: &str) -> Scenario {
    town_edits(&[(from, to)])
}

/// The town with each `(from, to)` text replaced once.
fn town_edits(edits: &[(&str, &str)]) -> Scenario {
    let mut text = TOWN.to_owned();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "the edit target `{from}` is not in the town"
        );
        text = text.replacen(from, to, 1);
    }
    Scenario::from_ron("town.ron", &text).unwrap_or_else(|d| panic!("{}", d.render()))
}

fn act(sim: &mut Sim, text: &str) -> Vec<night::Event> {
    let action = Action::parse(text, sim.scenario()).unwrap_or_else(|e| panic!("{text}: {e}"));
    let mut events = sim.apply(&action).unwrap_or_else(|e| panic!("{text}: {e}"));
    events.extend(sim.run_until_idle());
    events
}

fn loc(s: &Scenario, id: &str) -> u16 {
    s.location_index(id).unwrap()
}

fn ch(s: &Scenario, id: &str) -> u16 {
    s.character_index(id).unwrap()
}

/// A bare scenario for the edge cases below: one place, Harry, and whatever `extra` adds.
fn bare(extra_characters: &str, extra: &str) -> Scenario {
    let text = bare_text(extra_characters, extra);
    Scenario::from_ron("t.ron", &text).unwrap_or_else(|d| panic!("{}", d.render()))
}

/// The text of [`bare`]'s scenario.
fn bare_text(extra_characters: &str, extra: &str) -> String {
    format!(
        r#"Scenario(id: "t", title: "T", start: "04:00", deadline: "05:00", player: "harry",
            starts: {{ "s": (name: "S", time: "04:00", at: "a") }},
            locations: {{ "a": (name: "A", at: (x: 0.0, y: 0.0)), "b": (name: "B", at: (x: 900.0, y: 0.0)) }},
            routes: [(between: ("a", "b"), metres: 1000000)],
            items: {{ "car": (name: "a car", enables: [Drive]) }},
            characters: {{ "harry": (name: "Harry", start: "h", items: ["car"], states: {{ "h": () }}) {extra_characters} }},
            endings: {{ "late": (kind: Loss, title: "Late", when: Deadline) }},
            {extra})"#
    )
}
