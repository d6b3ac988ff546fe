//! Rules of people: phones and calls, belief and rumour, asking, talking and who hears
//! speech.

use super::*;

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
