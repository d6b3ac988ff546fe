//! One test per rule of the simulation, each on a tiny scenario written for it.

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

#[test]
fn times_are_minutes_from_the_start_of_the_day() {
    let s = town();
    assert_eq!(s.deadline, 60);
    assert_eq!(s.clock(0), "22:00");
    assert_eq!(s.clock(150), "00:30", "the clock wraps past midnight");
    let sim = Sim::with_start(&s, 1, 1);
    assert_eq!(sim.clock(), "22:40");
}

#[test]
fn walking_running_and_driving_take_metres_over_speed() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    let diner = loc(&s, "diner");
    assert_eq!(sim.route_to(diner, Mode::Walk).map(|r| r.1), Some(10)); // 800 m at 80 m/min
    assert_eq!(sim.route_to(diner, Mode::Run).map(|r| r.1), Some(5));
    assert_eq!(sim.route_to(diner, Mode::Drive), None, "no car yet");
    act(&mut sim, "go diner run");
    assert_eq!(sim.clock(), "22:05");
    assert_eq!(sim.harry_at(), diner);
    act(&mut sim, "take keys");
    let station = loc(&s, "station");
    // 2200 m at 580 m/min = 4 min, + 1 to start and park.
    assert_eq!(sim.route_to(station, Mode::Drive).map(|r| r.1), Some(5));
}

/// Harry at the booth at 22:00 with the car keys in hand.
fn with_keys(s: &Scenario) -> Sim {
    let mut sim = Sim::new(s, 1);
    let mut st = sim.state().clone();
    st.item_owner[s.item_index("keys").unwrap() as usize] = Owner::Held(s.player);
    sim.set_state(st);
    sim
}

#[test]
fn panic_slows_driving_and_then_blocks_it() {
    let s = town_with(
        "then: [AddPanic(\"diner\", 30)]",
        "then: [AddPanic(\"diner\", 50), AddPanic(\"booth\", 50)]",
    );
    let mut sim = with_keys(&s);
    let diner = loc(&s, "diner");
    // 800 m at 580 m/min = 2 min, + 1 to start and park.
    assert_eq!(sim.route_to(diner, Mode::Drive).unwrap().1, 3);
    sim.advance(30); // the lights go out at 22:30: panic 50 at both ends
    assert_eq!(sim.panic(diner), 50);
    // 8% more per point of panic: 3 * (100 + 8 * 50) / 100 = 15.
    assert_eq!(sim.route_to(diner, Mode::Drive).unwrap().1, 15);
    let blocked = town_with(
        "then: [AddPanic(\"diner\", 30)]",
        "then: [AddPanic(\"diner\", 90)]",
    );
    let mut sim = with_keys(&blocked);
    sim.advance(30);
    assert_eq!(
        sim.route_to(diner, Mode::Drive),
        None,
        "panic at block_at blocks driving"
    );
    assert!(
        sim.route_to(diner, Mode::Walk).is_some(),
        "walking is never blocked"
    );
}

#[test]
fn a_blocked_street_forbids_driving_on_it() {
    let s = town_with("then: [AddPanic(\"diner\", 30)]", "then: [Block(\"main\")]");
    let mut sim = with_keys(&s);
    let drive = Action::Go {
        to: loc(&s, "diner"),
        mode: Mode::Drive,
    };
    assert!(sim.actions().contains(&drive));
    sim.advance(30);
    assert!(!sim.actions().contains(&drive), "Main St is blocked");
}

#[test]
fn the_phone_rings_and_answering_teaches_harry() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    assert!(!sim.actions().contains(&Action::Answer));
    let events = act(&mut sim, "wait");
    assert_eq!(
        sim.clock(),
        "22:05",
        "waiting until something happens stops at the ring"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::StateChanged { .. }))
    );
    assert!(sim.actions().contains(&Action::Answer));
    act(&mut sim, "answer");
    assert!(sim.believes(s.player, s.fact_index("danger").unwrap()));
    assert_eq!(
        sim.character_state(s.player).id,
        "alarmed",
        "the player's own machine follows"
    );
}

#[test]
fn an_unanswered_phone_stops_ringing_after_its_time() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    sim.advance(5);
    assert_eq!(sim.location_state(0).id, "ringing");
    sim.advance(2);
    assert_eq!(sim.location_state(0).id, "ringing");
    sim.advance(1);
    assert_eq!(
        sim.location_state(0).id,
        "dead",
        "InStateFor(3) fires three minutes in"
    );
}

#[test]
fn belief_depends_on_the_teller_and_on_confirmation() {
    let s = town();
    let danger = s.fact_index("danger").unwrap();
    let friend = ch(&s, "friend");
    // Harry's word alone (credibility 0) never convinces.
    let mut sim = Sim::new(&s, 1);
    act(&mut sim, "wait");
    act(&mut sim, "answer");
    act(&mut sim, "go diner run");
    act(&mut sim, "tell friend danger");
    assert!(!sim.believes(friend, danger));
    // Once confirmed (the flag), everyone believes.
    let mut sim = Sim::new(&s, 1);
    act(&mut sim, "wait");
    act(&mut sim, "let-ring");
    assert!(!sim.believes(s.player, danger));
    let mut confirmed = Sim::new(&s, 1);
    act(&mut confirmed, "wait");
    act(&mut confirmed, "answer");
    act(&mut confirmed, "go diner run");
    let mut st = confirmed.state().clone();
    st.flags
        .set(s.flags.iter().position(|f| f == "signal").unwrap(), true);
    confirmed.set_state(st);
    act(&mut confirmed, "tell friend danger");
    assert!(confirmed.believes(friend, danger));
    assert_eq!(
        confirmed.character_state(friend).id,
        "with",
        "Told() fired after the belief"
    );
}

#[test]
fn contagious_facts_spread_among_people_in_one_place() {
    let s = town_with(
        "starts: {",
        "starts: {\n\"gossip\": (name: \"G\", time: \"22:00\", at: \"booth\", then: [Believe(\"friend\", \"gossip\")]),",
    );
    let mut sim = Sim::new(&s, 1);
    let gossip = s.fact_index("gossip").unwrap();
    assert!(!sim.believes(ch(&s, "stranger"), gossip));
    sim.advance(1);
    assert!(
        sim.believes(ch(&s, "stranger"), gossip),
        "the friend told the stranger at the diner"
    );
    assert!(
        !sim.believes(s.player, gossip),
        "Harry is elsewhere and hears nothing"
    );
}

/// A start at which the friend at the diner already believes the gossip.
const GOSSIP_START: &str = "starts: {\n\"gossip\": (name: \"G\", time: \"22:00\", at: \"booth\", then: [Believe(\"friend\", \"gossip\")]),";

#[test]
fn characters_deaf_to_rumours_only_learn_when_told() {
    let stranger = "\"stranger\": (name: \"Stranger\", start: \"sitting\",";
    let deaf = "\"stranger\": (name: \"Stranger\", start: \"sitting\", hears_rumours: false,";
    let s = town_edits(&[(stranger, deaf), ("starts: {", GOSSIP_START)]);
    let mut sim = Sim::new(&s, 1);
    sim.advance(5);
    assert!(!sim.believes(ch(&s, "stranger"), s.fact_index("gossip").unwrap()));
}

#[test]
fn companions_travel_with_harry() {
    let s = town_with("credibility: 0.0, from", "credibility: 1.0, from");
    let mut sim = Sim::new(&s, 1);
    act(&mut sim, "wait");
    act(&mut sim, "answer");
    act(&mut sim, "go diner run");
    act(&mut sim, "tell friend danger");
    let friend = ch(&s, "friend");
    assert_eq!(sim.place_of(friend), Some(loc(&s, "diner")));
    act(&mut sim, "go booth walk");
    assert_eq!(
        sim.place_of(friend),
        Some(loc(&s, "booth")),
        "the friend came along"
    );
}

#[test]
fn asking_is_answered_only_when_the_transition_allows() {
    let s = town();
    let mut sim = Sim::with_start(&s, 1, 1);
    let events = act(&mut sim, "ask friend badge");
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Refused { .. }))
    );
    let mut st = sim.state().clone();
    st.flags
        .set(s.flags.iter().position(|f| f == "signal").unwrap(), true);
    sim.set_state(st);
    act(&mut sim, "ask friend badge");
    assert_eq!(
        sim.holder(s.item_index("badge").unwrap()),
        Owner::Held(s.player)
    );
}

#[test]
fn giving_taking_and_using_items() {
    let s = town();
    let mut sim = Sim::with_start(&s, 1, 1);
    let coin = s.item_index("coin").unwrap();
    assert!(
        sim.check(&Action::Use {
            item: coin,
            on: None
        })
        .is_err(),
        "not held yet"
    );
    act(&mut sim, "take coin");
    assert_eq!(sim.holder(coin), Owner::Held(s.player));
    // The friend's state machine does not answer a coin given: the give would change nothing,
    // so it is neither offered nor allowed, and says why.
    let give = Action::parse("give friend coin", &s).unwrap();
    assert!(!sim.actions().contains(&give));
    let refused = sim.check(&give).unwrap_err();
    assert!(refused.message.contains("no use for"), "{refused}");
    // Once her state machine answers a gift, it is offered, and the coin changes hands.
    let s = town_edits(&[(
        r#"(on: Used("coin"), then: [Say("friend", "Thanks for the coin.")]),"#,
        r#"(on: Used("coin"), then: [Say("friend", "Thanks for the coin.")]),
                (on: Given("coin"), then: [Say("friend", "A coin! For me?")]),"#,
    )]);
    let mut sim = Sim::with_start(&s, 1, 1);
    act(&mut sim, "take coin");
    assert!(sim.actions().contains(&give));
    act(&mut sim, "give friend coin");
    assert_eq!(sim.holder(coin), Owner::Held(ch(&s, "friend")));
    // A fixed item cannot be picked up.
    let mut sim = Sim::with_start(&s, 1, 1);
    let mut st = sim.state().clone();
    st.item_owner[s.item_index("badge").unwrap() as usize] = Owner::At(loc(&s, "diner"));
    sim.set_state(st);
    assert!(
        sim.check(&Action::Take {
            item: s.item_index("badge").unwrap()
        })
        .is_err()
    );
}

#[test]
fn calls_need_a_phone_and_unknown_numbers_are_not_in_service() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    let events = act(&mut sim, "call 555-0100");
    assert!(
        events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Log(t) if t == "Nobody home."))
    );
    assert_eq!(sim.clock(), "22:03", "the call takes its minutes");
    let events = act(&mut sim, "call 555-9999");
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::NotInService(_)))
    );
    act(&mut sim, "go diner walk");
    assert!(
        sim.check(&Action::parse("call home", &s).unwrap()).is_err(),
        "no phone at the diner"
    );
}

#[test]
fn events_fire_once_and_trigger_transitions() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    let events = sim.advance(40);
    let fired = events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Log(t) if t == "The lights go out."))
        .count();
    assert_eq!(fired, 1);
    assert_eq!(
        sim.character_state(ch(&s, "voice")).id,
        "off",
        "on: Event(...) fired"
    );
    assert_eq!(sim.panic(loc(&s, "diner")), 30);
    assert!(
        sim.panic(loc(&s, "booth")) > 0,
        "panic spreads along the routes"
    );
}

#[test]
fn a_late_start_catches_up_on_the_clock() {
    let s = town();
    let mut sim = Sim::with_start(&s, 1, 1);
    assert_eq!(
        sim.location_state(0).id,
        "ringing",
        "clock transitions catch up at once"
    );
    assert_eq!(
        sim.character_state(ch(&s, "voice")).id,
        "off",
        "the lights went out at 22:30"
    );
    assert_eq!(
        sim.panic(loc(&s, "diner")),
        30,
        "and the event's effects ran"
    );
    sim.advance(3);
    assert_eq!(
        sim.location_state(0).id,
        "dead",
        "time in a state counts from the start"
    );
}

#[test]
fn journeys_arrive_after_their_minutes() {
    let s = town_with(
        "(from: \"eating\", to: \"leaving\", when: After(\"23:30\"))",
        "(from: \"eating\", to: \"leaving\", when: After(\"22:10\"))",
    );
    let mut sim = Sim::new(&s, 1);
    let friend = ch(&s, "friend");
    sim.advance(10);
    assert_eq!(sim.character_state(friend).id, "leaving");
    assert_eq!(sim.place_of(friend), None, "in transit");
    sim.advance(9);
    assert_eq!(sim.character_state(friend).id, "leaving");
    sim.advance(1);
    assert_eq!(sim.character_state(friend).id, "gone");
    assert_eq!(sim.place_of(friend), Some(loc(&s, "station")));
}

#[test]
fn transition_chances_are_keyed_draws() {
    let s = town();
    let stranger = ch(&s, "stranger");
    let mut up_minutes = Vec::new();
    for seed in 0..40 {
        let mut sim = Sim::new(&s, seed);
        let mut minute = None;
        for _ in 0..30 {
            sim.advance(1);
            if minute.is_none() && sim.character_state(stranger).id == "up" {
                minute = Some(sim.now());
            }
        }
        up_minutes.push(minute.expect("at p = 0.5 a minute, the stranger gets up within 20"));
    }
    assert!(up_minutes.iter().all(|&m| m >= 10), "not before 22:10");
    assert!(
        up_minutes.iter().any(|&m| m > 10),
        "sometimes a later minute"
    );
    assert!(up_minutes.contains(&10), "sometimes at once");
}

#[test]
fn endings_are_checked_by_priority() {
    let s = town_with("credibility: 0.0, from", "credibility: 1.0, from");
    // Both "station" (priority 5) and "caught" (1) could hold at the deadline; the escape wins.
    let mut sim = Sim::new(&s, 3);
    act(&mut sim, "wait");
    act(&mut sim, "answer");
    act(&mut sim, "go diner run");
    act(&mut sim, "tell friend danger");
    act(&mut sim, "go station walk");
    assert_eq!(
        sim.outcome(),
        Some(Outcome::Ending(s.ending_index("station").unwrap()))
    );
}

#[test]
fn the_deadline_ending_depends_on_the_night_chance() {
    let s = town();
    let caught = s.ending_index("caught").unwrap();
    let dawn = s.ending_index("dawn").unwrap();
    let mut seen = (false, false);
    for seed in 0..20 {
        let mut sim = Sim::new(&s, seed);
        while !sim.is_over() {
            sim.advance(60);
        }
        match sim.outcome() {
            Some(Outcome::Ending(e)) if e == caught => {
                assert!(!sim.night_chance(0));
                assert_eq!(sim.clock(), "23:00");
                seen.0 = true;
            }
            Some(Outcome::Ending(e)) if e == dawn => {
                assert!(sim.night_chance(0));
                assert_eq!(sim.now(), 1440);
                seen.1 = true;
            }
            other => panic!("unexpected outcome {other:?}"),
        }
    }
    assert!(
        seen.0 && seen.1,
        "both outcomes of a 50% night chance appear in 20 seeds"
    );
}

#[test]
fn sleeping_passes_time_until_the_hour() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    let events = act(&mut sim, "sleep 22:45");
    assert_eq!(sim.clock(), "22:45");
    assert!(events.iter().any(|e| e.kind == EventKind::Woke));
    assert!(
        sim.check(&Action::parse("sleep 22:00", &s).unwrap())
            .is_err(),
        "the past"
    );
    act(&mut sim, "go diner walk");
    assert!(
        sim.check(&Action::parse("sleep 22:59", &s).unwrap())
            .is_err(),
        "no bed at the diner"
    );
}

#[test]
fn talking_says_the_state_line_and_triggers() {
    let s = town();
    let mut sim = Sim::with_start(&s, 1, 1);
    let events = act(&mut sim, "talk friend weather");
    assert!(
        events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Said { text, .. } if text == "Cold tonight."))
    );
    assert_eq!(sim.clock(), "22:42");
}

#[test]
fn actions_listed_are_exactly_those_accepted() {
    let s = town();
    for seed in 0..30 {
        let night = night::analysis::random_player::play(&s, (seed % 2) as usize, seed, seed, 200);
        assert!(night.sim.is_over());
        let _ = night.actions;
    }
    let sim = Sim::new(&s, 1);
    for a in sim.actions() {
        assert!(sim.check(&a).is_ok(), "{a:?}");
    }
    assert!(sim.check(&Action::Answer).is_err(), "not ringing yet");
}

#[test]
fn the_same_seed_and_actions_give_the_same_events() {
    let s = town();
    let run = |seed| {
        let n = night::analysis::random_player::play(&s, 0, seed, 99, 100);
        n.events
            .iter()
            .filter_map(|e| e.narrate(&s))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(run(5), run(5));
    let outcomes: std::collections::HashSet<_> = (0..20u64)
        .map(|seed| {
            night::analysis::random_player::play(&s, 0, seed, seed, 100)
                .sim
                .outcome()
        })
        .collect();
    assert!(outcomes.len() > 1, "different seeds give different nights");
}

#[test]
fn entity_states_are_visible_through_conditions() {
    let s = town();
    let sim = Sim::new(&s, 1);
    let booth = night::scenario::model::Cond::State(Entity::Location(0), 0);
    assert!(sim.eval(&booth, None));
}

/// A bare scenario for the edge cases below: one place, Harry, and whatever `extra` adds.
fn bare(extra_characters: &str, extra: &str) -> Scenario {
    let text = format!(
        r#"Scenario(id: "t", title: "T", start: "04:00", deadline: "05:00", player: "harry",
            starts: {{ "s": (name: "S", time: "04:00", at: "a") }},
            locations: {{ "a": (name: "A", at: (x: 0.0, y: 0.0)), "b": (name: "B", at: (x: 900.0, y: 0.0)) }},
            routes: [(between: ("a", "b"), metres: 1000000)],
            items: {{ "car": (name: "a car", enables: [Drive]) }},
            characters: {{ "harry": (name: "Harry", start: "h", items: ["car"], states: {{ "h": () }}) {extra_characters} }},
            endings: {{ "late": (kind: Loss, title: "Late", when: Deadline) }},
            {extra})"#
    );
    Scenario::from_ron("t.ron", &text).unwrap_or_else(|d| panic!("{}", d.render()))
}

#[test]
fn chains_of_events_are_cut_not_overflowed() {
    // Event e_n fires e_(n+1) through a transition waiting for it: 900 deep.
    let n = 900;
    let transitions: Vec<String> = (0..n)
        .map(|i| format!("(on: Event(\"e{i}\"), then: [Trigger(\"e{}\")])", i + 1))
        .collect();
    let events: Vec<String> = (0..=n)
        .map(|i| format!("\"e{i}\": (when: Never, text: \"e{i}\")"))
        .collect();
    let extra_characters = format!(
        ", \"relay\": (name: \"Relay\", start: \"r\", states: {{ \"r\": () }}, transitions: [{}])",
        transitions.join(", ")
    );
    let start = "\"go\": (when: After(\"04:01\"), then: [Trigger(\"e0\")])";
    let s = bare(
        &extra_characters,
        &format!("events: {{ {start}, {} }}", events.join(", ")),
    );
    let mut sim = Sim::new(&s, 1);
    let events = sim.advance(2);
    let fired = events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Log(t) if t.starts_with('e')))
        .count();
    assert!((1..=16).contains(&fired), "{fired} nested events fired");
}

#[test]
fn nothing_happens_after_the_end() {
    let s = bare(
        "",
        r#"events: {
        "boom": (when: After("04:02"), then: [End("late")]),
        "later": (when: After("04:02"), text: "after the end"),
    }"#,
    );
    let mut sim = Sim::new(&s, 1);
    let events = sim.advance(10);
    assert!(sim.is_over());
    assert_eq!(sim.clock(), "04:02");
    assert!(
        !events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Log(t) if t == "after the end"))
    );
    assert!(
        matches!(events.last().unwrap().kind, EventKind::Ended { .. }),
        "the end is the last event"
    );
}

#[test]
fn extreme_travel_settings_saturate_instead_of_overflowing() {
    let s = bare(
        "",
        r#"travel: (walk: 1, run: 1, drive: 1, drive_start: 4000000000),
        panic: (per_believer: 100, drive_slowdown_percent: 1000, block_at: 101),
        events: { "panic": (when: Always, then: [AddPanic("a", 99)]) }"#,
    );
    let sim = Sim::new(&s, 1);
    assert_eq!(sim.route_to(1, Mode::Drive).map(|r| r.1), Some(1440));
    assert_eq!(sim.route_to(1, Mode::Walk).map(|r| r.1), Some(1440));
}

#[test]
fn speech_is_heard_only_nearby_or_on_the_line() {
    let s = bare(
        r#", "far": (name: "Far", start: "at_b", states: { "at_b": (at: "b"), "leaving": (going: (from: "b", to: "a", minutes: 30, arrive: "at_b")) },
              transitions: [(from: "at_b", to: "leaving", when: After("04:01"), then: [Say("far", "You can't hear me.")])]),
            "voice": (name: "Voice", start: "line", states: { "line": (), "gone": () },
              transitions: [(from: "line", to: "gone", when: After("04:01"), then: [Say("voice", "On the phone.")])])"#,
        "",
    );
    let mut sim = Sim::new(&s, 1);
    let lines: Vec<String> = sim
        .advance(2)
        .iter()
        .filter_map(|e| e.narrate(&s))
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("On the phone.")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("can't hear")), "{lines:?}");
}

#[test]
fn narration_does_not_end_a_wait() {
    let s = bare(
        r#", "bob": (name: "Bob", start: "out", states: { "out": (at: "b"), "in": (at: "a") },
            transitions: [(from: "out", to: "in", when: After("04:10"))])"#,
        r#"events: { "news": (when: After("04:03"), text: "Sirens, far away.") }"#,
    );
    let mut sim = Sim::new(&s, 1);
    act(&mut sim, "wait");
    assert_eq!(
        sim.clock(),
        "04:10",
        "the wait ends when Bob arrives, not at the news"
    );
}

#[test]
fn a_script_skips_comments_and_blank_lines_and_names_the_line_it_cannot_read() {
    let s = town();
    let script = "# the evening\n\ngo diner   # walk over\n  take coin\n";
    let actions = night::sim::parse_script(script, &s).unwrap_or_else(|(n, e)| panic!("{n}: {e}"));
    assert_eq!(
        actions,
        vec![
            Action::parse("go diner", &s).unwrap(),
            Action::parse("take coin", &s).unwrap()
        ]
    );
    let lines: Vec<(usize, &str)> = night::sim::script_lines(script).collect();
    assert_eq!(lines, vec![(3, "go diner"), (4, "take coin")]);
    let (line, error) = night::sim::parse_script("go diner\n\nfly away\n", &s).unwrap_err();
    assert_eq!(line, 3);
    assert!(error.message.contains("fly"), "{error}");
}

#[test]
fn the_countdown_has_the_scenarios_words_and_the_player_a_first_name() {
    let s = town();
    assert_eq!(
        s.countdown_words(12),
        "12 minutes left",
        "the default words"
    );
    let s = town_edits(&[
        (
            r#"player: "harry","#,
            r#"player: "harry", countdown: "The bridge goes in {minutes} min","#,
        ),
        (
            r#""harry": (name: "Harry","#,
            r#""harry": (name: "Harry Lime","#,
        ),
    ]);
    assert_eq!(s.countdown_words(3), "The bridge goes in 3 min");
    assert_eq!(
        s.player_word(),
        "Harry",
        "the first word of the player's name"
    );
}
