//! Rules of the story: events, chances, endings, sleep and the night's end.

use super::*;

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
fn entity_states_are_visible_through_conditions() {
    let s = town();
    let sim = Sim::new(&s, 1);
    let booth = night::scenario::model::Cond::State(Entity::Location(0), 0);
    assert!(sim.eval(&booth, None));
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
