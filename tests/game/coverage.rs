//! The film's cast is alive: every character has a state machine of two or more states, and
//! each one changes state in at least one of the scripted nights.

use super::{read, root};
use night::Scenario;
use night::analysis::random_player;
use night::scenario::model::Entity;
use night::sim::{Action, EventKind, Sim};
use std::collections::BTreeSet;

fn film() -> Scenario {
    let text = read(&root().join("scenes/miracle_mile.ron"));
    Scenario::from_ron("scenes/miracle_mile.ron", &text)
        .unwrap_or_else(|d| panic!("{}", d.render()))
}

/// Plays a script file through the library and returns the entities whose state changed.
fn changed_in_script(s: &Scenario, path: &std::path::Path) -> BTreeSet<Entity> {
    let text = read(path);
    let header = super::nights::header(&text, &path.display().to_string());
    let start = s.start_index(&header.start).expect("a known start");
    let seed: u64 = header.seed.parse().expect("a numeric seed");
    let mut sim = Sim::with_start(s, seed, start);
    let mut events = sim.take_events();
    for line in super::script_lines(&text) {
        if sim.is_over() {
            break;
        }
        let action = Action::parse(&line, s).expect("a valid action");
        events.extend(sim.apply(&action).expect("an available action"));
        events.extend(sim.run_until_idle());
    }
    events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::StateChanged { entity, .. } => Some(entity),
            _ => None,
        })
        .collect()
}

#[test]
fn every_character_has_states_that_change_in_a_scripted_night() {
    let s = film();
    let mut changed = BTreeSet::new();
    let scripts = super::files_with_extension("tests/nights", "script");
    for path in &scripts {
        changed.extend(changed_in_script(&s, path));
    }
    for (c, ch) in s.characters.iter().enumerate() {
        assert!(
            ch.states.len() >= 2,
            "{} has only {} state",
            ch.id,
            ch.states.len()
        );
        assert!(
            changed.contains(&Entity::Character(c as u16)),
            "{} never changes state in any scripted night",
            ch.id
        );
    }
}

/// Every person of the film lives: three states or more, something to say at more than one
/// moment (talk lines in two states, or lines and narration in two of the night's rules), and
/// at least one reaction to the world (a transition waiting on something other than the clock
/// alone).
#[test]
fn every_person_of_the_film_has_states_words_and_reactions() {
    use night::scenario::model::{Cond, Effect};
    let s = film();
    let says = |c: u16, effects: &[Effect], own: bool| {
        effects.iter().any(|e| match e {
            Effect::Say(who, _) => *who == c,
            Effect::Log(_) => own,
            _ => false,
        })
    };
    for (c, ch) in s.characters.iter().enumerate() {
        let c = c as u16;
        if c == s.player {
            continue;
        }
        assert!(
            ch.states.len() >= 3,
            "{} has {} states",
            ch.id,
            ch.states.len()
        );
        let talking_states = ch.states.iter().filter(|st| !st.talks.is_empty()).count();
        let own = ch
            .transitions
            .iter()
            .filter(|t| says(c, &t.then, true))
            .count();
        let elsewhere = s
            .locations
            .iter()
            .flat_map(|l| &l.transitions)
            .chain(
                s.characters
                    .iter()
                    .filter(|o| o.id != ch.id)
                    .flat_map(|o| &o.transitions),
            )
            .filter(|t| says(c, &t.then, false))
            .count()
            + s.events.iter().filter(|e| says(c, &e.then, false)).count();
        assert!(
            talking_states + own + elsewhere >= 2,
            "{} has something to say at only {} moment(s)",
            ch.id,
            talking_states + own + elsewhere
        );
        let reacts = ch.transitions.iter().any(|t| {
            t.on.is_some() || {
                let mut worldly = false;
                t.when.visit(&mut |cond| {
                    worldly |= !matches!(
                        cond,
                        Cond::All(_)
                            | Cond::Any(_)
                            | Cond::Not(_)
                            | Cond::Always
                            | Cond::Before(_)
                            | Cond::After(_)
                            | Cond::InStateFor(_)
                            | Cond::Deadline
                            | Cond::EndOfDay
                    )
                });
                worldly
            }
        });
        assert!(reacts, "{} only follows the clock", ch.id);
    }
}

#[test]
fn random_nights_reach_several_endings_and_never_stall() {
    let s = film();
    let mut endings = BTreeSet::new();
    for seed in 0..300u64 {
        let start = (seed % s.starts.len() as u64) as usize;
        let night = random_player::play(&s, start, seed, seed * 7 + 1, 5_000);
        endings.insert(format!("{:?}", night.sim.outcome()));
    }
    assert!(endings.len() >= 3, "random play reached only {endings:?}");
}
