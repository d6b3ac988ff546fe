//! The living night: the city answers what Harry does (whom he tells moves the gridlock and
//! whom it traps), the rumour holds together, only meaningful choices are offered, endings tell
//! the night that reached them, and the film's old text bugs stay fixed.

use super::play::film;
use super::{read, root, run, script_lines, stdout};
use night::Scenario;
use night::scenario::model::{Entity, Place};
use night::sim::{Action, Event, EventKind, Sim};
use std::collections::BTreeSet;

/// Plays script lines from a start and seed through the library, to the end of the night.
fn play(s: &Scenario, start: &str, seed: u64, lines: &[String]) -> (Sim, Vec<Event>) {
    let mut sim = Sim::with_start(s, seed, s.start_index(start).expect("a known start"));
    let mut events = sim.take_events();
    for line in lines {
        if sim.is_over() {
            break;
        }
        let action = Action::parse(line, s).unwrap_or_else(|e| panic!("`{line}`: {e}"));
        events.extend(
            sim.apply(&action)
                .unwrap_or_else(|e| panic!("`{line}`: {e}")),
        );
        events.extend(sim.run_until_idle());
    }
    while !sim.is_over() {
        events.extend(sim.advance(60));
    }
    (sim, events)
}

/// The transcript of a script given as text, played by the command (`--script -`).
fn transcript(start: &str, seed: u64, script: &str) -> String {
    let seed = seed.to_string();
    let out = run(
        &[
            "text",
            "--scenario",
            "scenes/miracle_mile.ron",
            "--start",
            start,
            "--seed",
            &seed,
            "--script",
            "-",
        ],
        script,
    );
    stdout(&out)
}

fn night_script(name: &str) -> String {
    read(&root().join("tests/nights").join(name))
}

/// When the gridlock came, and who was caught in it: the people whose state put them in the
/// jam at Fairfax & 8th from the gridlock's minute on.
fn gridlock_and_trapped(s: &Scenario, events: &[Event]) -> (u16, BTreeSet<String>) {
    let gridlock = s.events.iter().position(|e| e.id == "gridlock").unwrap();
    let jam = s.location_index("fairfax_8th").unwrap();
    let minute = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::EventFired(x) if x as usize == gridlock))
        .map(|e| e.time)
        .expect("the streets lock in both nights");
    let trapped = events
        .iter()
        .filter(|e| e.time >= minute)
        .filter_map(|e| match e.kind {
            EventKind::StateChanged {
                entity: Entity::Character(c),
                to,
                ..
            } if s.characters[c as usize].states[to as usize].place == Place::At(jam) => {
                Some(s.characters[c as usize].id.clone())
            }
            _ => None,
        })
        .collect();
    (minute, trapped)
}

#[test]
fn telling_the_whole_diner_locks_the_streets_sooner_and_traps_other_people() {
    let s = film();
    let quiet = night_script("warn_nobody.script");
    let loud = night_script("warn_the_diner.script");
    // The two nights differ only in whom Harry tells: nobody, or the whole diner at once.
    let mut with_tell = script_lines(&quiet);
    let at = with_tell.iter().position(|a| a == "go johnies").unwrap();
    let at = at
        + 1
        + with_tell[at + 1..]
            .iter()
            .position(|a| a == "go johnies")
            .unwrap();
    with_tell.insert(at + 1, "tell-all missiles".into());
    assert_eq!(
        with_tell,
        script_lines(&loud),
        "the scripts differ by more than the telling"
    );

    let (_, quiet_events) = play(&s, "the_call", 1, &script_lines(&quiet));
    let (_, loud_events) = play(&s, "the_call", 1, &script_lines(&loud));
    let (quiet_minute, quiet_trapped) = gridlock_and_trapped(&s, &quiet_events);
    let (loud_minute, loud_trapped) = gridlock_and_trapped(&s, &loud_events);
    assert!(
        loud_minute + 5 <= quiet_minute,
        "telling the diner should lock the streets well before keeping quiet: {} vs {}",
        s.clock(loud_minute),
        s.clock(quiet_minute)
    );
    assert_eq!(
        s.clock(quiet_minute),
        "05:00",
        "kept quiet, only the sirens lock the streets"
    );
    assert_ne!(
        quiet_trapped, loud_trapped,
        "the gridlock should catch other people"
    );
    assert!(!loud_trapped.is_empty(), "the early gridlock traps someone");
}

#[test]
fn the_diner_hears_harry_at_once_and_landas_call_turns_the_doubters() {
    let s = film();
    let (_, events) = play(
        &s,
        "the_call",
        1,
        &script_lines(&night_script("warn_the_diner.script")),
    );
    let missiles = s.fact_index("missiles").unwrap();
    let doubted: BTreeSet<u16> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Doubted { who, fact } if fact == missiles => Some(who),
            _ => None,
        })
        .collect();
    assert!(doubted.len() >= 2, "somebody in the diner doubts Harry");
    for who in doubted {
        assert!(
            events.iter().any(|e| matches!(e.kind,
                EventKind::Believed { who: w, fact } if w == who && fact == missiles)),
            "{} doubted and never came round after the code was checked",
            s.characters[who as usize].id
        );
    }
    let text = transcript("the_call", 1, &night_script("warn_the_diner.script"));
    assert!(
        text.contains("Tell everyone here: The missiles are coming"),
        "{text}"
    );
}

#[test]
fn nobody_argues_a_prank_or_drives_to_lax_without_believing() {
    let s = film();
    let lines = script_lines(&night_script("warn_the_diner.script"));
    let mut sim = Sim::with_start(&s, 1, s.start_index("the_call").unwrap());
    let roger = s.character_index("roger").unwrap();
    let owner = s.character_index("owner").unwrap();
    let missiles = s.fact_index("missiles").unwrap();
    let prank = s.topic_index("prank").unwrap();
    for line in &lines {
        sim.apply(&Action::parse(line, &s).unwrap()).unwrap();
        while !sim.is_idle() && !sim.is_over() {
            sim.advance(1);
            let st = &s.characters[owner as usize].states
                [sim.state().character_state[owner as usize] as usize];
            if st.id != "behind_the_register" {
                assert!(
                    sim.believes(owner, missiles),
                    "the owner is {} without believing",
                    st.id
                );
            }
            if sim.believes(roger, missiles) {
                let says = sim
                    .character_state(roger)
                    .talks
                    .iter()
                    .find(|t| t.0 == prank);
                assert!(
                    says.is_none_or(|(_, line, _)| !line.contains("it's a prank")),
                    "Roger still says it is a prank after believing"
                );
            }
        }
    }
}

#[test]
fn only_choices_that_do_something_are_offered_at_johnies() {
    let s = film();
    let (sim, _) = {
        let mut sim = Sim::with_start(&s, 1, s.start_index("the_call").unwrap());
        sim.apply(&Action::parse("go johnies", &s).unwrap())
            .unwrap();
        sim.run_until_idle();
        (sim, ())
    };
    assert_eq!(sim.clock(), "03:57");
    let actions = sim.actions();
    for a in &actions {
        match a {
            Action::Give { who, item } => assert!(
                sim.reacts_to(
                    Entity::Character(*who),
                    night::scenario::model::Trigger::Given(*item)
                ),
                "{} offered but changes nothing",
                a.text(&s)
            ),
            Action::Use { item, on: None } => {
                assert_ne!(
                    s.items[*item as usize].id, "alarm_clock",
                    "the alarm only matters at the hotel"
                )
            }
            _ => {}
        }
    }
    let gives = actions
        .iter()
        .filter(|a| matches!(a, Action::Give { .. }))
        .count();
    assert!(gives <= 2, "{gives} gives offered at Johnie's");
    assert!(actions.len() <= 50, "{} actions at Johnie's", actions.len());
    // News that matters to nobody but Harry is not offered to the room: once Harry knows
    // Julie's address, nobody in the diner is offered it.
    let mut later = sim.clone();
    for line in [
        "talk waitress julie",
        "go payphone",
        "wait",
        "answer",
        "go johnies",
    ] {
        later.apply(&Action::parse(line, &s).unwrap()).unwrap();
        later.run_until_idle();
    }
    let address = s.fact_index("julie_address").unwrap();
    assert!(later.believes(s.player, address));
    assert!(
        !later.actions().iter().any(|a| matches!(a,
            Action::Tell { fact, .. } | Action::TellAll { fact } if *fact == address)),
        "{:?}",
        later.actions()
    );
    assert!(
        later
            .actions()
            .contains(&Action::parse("tell-all missiles", &s).unwrap())
    );
    // A give nobody answers is refused with the reason, not silently done.
    let flowers = Action::parse("give roger flowers", &s).unwrap();
    let refused = sim.check(&flowers).unwrap_err();
    assert!(refused.message.contains("no use for"), "{refused}");
}

#[test]
fn julie_answers_the_carnations() {
    let text = transcript(
        "the_call",
        1,
        "go johnies\ngo payphone\nwait\nanswer\ngo johnies\ntalk landa the_call\ntalk waitress julie\ngo park_la_brea run\ntalk julie wake_up\ngive julie flowers\n",
    );
    assert!(text.contains("Give Carnations to Julie Peters"), "{text}");
    assert!(text.contains("You really were coming"), "{text}");
}

#[test]
fn endings_tell_the_night_that_reached_them() {
    // Escape together with the grandparents in the Buick: the ending says so.
    let text = transcript("the_call", 1, &night_script("bring_lucy_and_ivan.script"));
    let end = text.lines().find(|l| l.contains("THE END")).unwrap();
    assert!(end.contains("Lucy and Ivan"), "{end}");
    // Ground zero on the way to LAX: he is on the road, not "still on the Mile".
    let late = "go johnies\ngo payphone\nwait\nanswer\ngo johnies\ntalk landa the_call\ntalk waitress julie\ngo park_la_brea run\ntalk julie wake_up\ntell lucy missiles\ntalk julie come_with_me\ntalk lucy ride_along\nwait 10\ngo lax drive\nwait 30\n";
    let text = transcript("the_call", 1, late);
    let end = text.lines().find(|l| l.contains("THE END")).unwrap();
    assert!(
        end.contains("Ground Zero") && end.contains("on his way"),
        "{end}"
    );
    assert!(
        !end.contains("Mid-Wilshire") && !end.contains("Park La Brea"),
        "{end}"
    );
    // Where the night ends is where the ending says it ends: the same ground zero, at LAX.
    let s = film();
    let (mut sim, _) = play(
        &s,
        "the_call",
        1,
        &script_lines(&night_script("warn_nobody.script")),
    );
    let ground_zero = s.ending_index("ground_zero").unwrap();
    assert!(sim.ending_text(ground_zero).contains("Mid-Wilshire"));
    let mut at_lax = sim.state().clone();
    at_lax.harry_at = s.location_index("lax").unwrap();
    sim.set_state(at_lax);
    let text = sim.ending_text(ground_zero);
    assert!(
        text.contains("At LAX") && !text.contains("Mid-Wilshire"),
        "{text}"
    );
    // Never meeting Julie: no date, and an ending that knows it.
    let text = transcript("prologue", 1, &night_script("never_met_julie.script"));
    assert!(!text.contains("On the date they planned"), "{text}");
    assert!(!text.contains("plenty of time for midnight"), "{text}");
    assert!(text.contains("did not talk to at the Tar Pits"), "{text}");
    // A prank night from the helicopter: no walk past the Tar Pits, no sunset at 14:00.
    let prank = night_script("early_helicopter.script") + "wait 600\nwait 600\n";
    let text = transcript("the_call", 4, &prank);
    let end = text.lines().find(|l| l.contains("THE END")).unwrap();
    assert!(end.contains("False Alarm"), "{end}");
    assert!(end.contains("helicopter came down"), "{end}");
    assert!(
        !end.contains("walks past the Tar Pits") && !end.contains("goes down again"),
        "{end}"
    );
}

#[test]
fn scenes_happen_only_where_they_happened() {
    // The SWAT team "lowers its rifles" only on nights it was there; never on a night without
    // a manhunt.
    for name in [
        "warn_the_diner.script",
        "made_the_date.script",
        "reconciliation.script",
    ] {
        let h = super::nights::header(&night_script(name), name);
        let text = transcript(&h.start, h.seed.parse().unwrap(), &night_script(name));
        assert!(!text.contains("lowers its rifles"), "{name}: {text}");
    }
    let text = transcript("the_call", 1, &night_script("film_into_the_tar.script"));
    let swat = text
        .find("Floodlights through the broken doors")
        .expect("the standoff");
    let off = text.find("lowers its rifles").expect("called off");
    assert!(swat < off, "{text}");
}

#[test]
fn the_old_text_bugs_stay_fixed() {
    let s = film();
    let source = read(&root().join("scenes/miracle_mile.ron"));
    // Eisenhower serves only Lucy; nobody speaks of "the last hour" (Lucy did at 05:04).
    assert_eq!(source.matches("Eisenhower").count(), 1);
    assert!(!source.contains("the last hour"));
    let film_night = transcript("the_call", 1, &night_script("film_into_the_tar.script"));
    // The jump from the van is told before Harry reaches the kerb, not after.
    let jump = film_night.find("jumps from the back of the van").unwrap();
    let kerb = film_night.find("Harry arrives at Gas station").unwrap();
    assert!(jump < kerb, "the jump is told after the arrival");
    // Wilson does not flag down a patrol car and then fire on it.
    assert!(!film_night.contains("flag down"), "{film_night}");
    // Riding in the van is not sleeping.
    let ride = transcript("the_call", 1, &night_script("stay_in_truck.script"));
    assert!(!ride.contains("Harry sleeps"), "{ride}");
    assert!(!ride.contains("Harry wakes"), "{ride}");
    // Landa asks for the code only from a Harry who heard the call.
    let mut sim = Sim::with_start(&s, 1, s.start_index("the_call").unwrap());
    for line in [
        "go johnies",
        "go payphone",
        "wait",
        "let-ring",
        "go johnies",
    ] {
        sim.apply(&Action::parse(line, &s).unwrap()).unwrap();
        sim.run_until_idle();
    }
    let code = Action::parse("talk landa the_call", &s).unwrap();
    assert!(
        sim.check(&code).is_err(),
        "Landa asks for a code Harry never heard"
    );
    // At LAX nobody is offered the news they acted on: everyone there believes it.
    let mut sim = Sim::with_start(&s, 1, s.start_index("the_call").unwrap());
    for line in script_lines(&night_script("stay_in_truck.script")) {
        if sim.is_over() || s.locations[sim.harry_at() as usize].id == "lax" {
            break;
        }
        sim.apply(&Action::parse(&line, &s).unwrap()).unwrap();
        sim.run_until_idle();
    }
    assert_eq!(s.locations[sim.harry_at() as usize].id, "lax");
    assert!(
        !sim.actions()
            .iter()
            .any(|a| matches!(a, Action::Tell { .. } | Action::TellAll { .. })),
        "somebody at LAX does not believe what they ran from: {:?}",
        sim.actions()
    );
    // Once Julie is awake, she answers the phone herself: no answering machine.
    let after_waking = (0..200u64)
        .find_map(|seed| {
            let text = transcript(
                "the_call",
                seed,
                "go johnies\ngo payphone\nwait\nanswer\ncall julie_home\ncall julie_home\ncall julie_home\n",
            );
            let woke = text.find("I'll wait by the door")?;
            let next_call = text[woke..].find("> Call Julie")?;
            Some(text[woke + next_call..].to_owned())
        })
        .expect("some seed wakes Julie by phone before the last call");
    assert!(
        !after_waking.contains("answering machine"),
        "{after_waking}"
    );
    assert!(
        after_waking.contains("I'm here, I'm dressed"),
        "{after_waking}"
    );
}
