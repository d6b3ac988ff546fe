//! The pieces endings are made of, each written into the world as a modder would write it:
//! a talk that teaches Harry a fact, an ask that hands an item over, a gift or a telling
//! that sets an ending's own flag, someone who follows Harry once they believe him, a phone
//! that rings once. Each piece reacts only in the one state it is given, so it works only
//! while the timetable has that person there.

use super::world::{Fact, Item, Minute, PersonState, Phone, Whereabouts, World};

pub fn item(w: &mut World, (id, name): (String, String)) -> String {
    w.items.push(Item {
        id: id.clone(),
        name,
        drive: false,
    });
    id
}

/// A fact of one ending's own. Contagion is off: a fact that spread by itself would
/// reach people no plan tells, and the endings' reasons would not be the plan's.
pub fn fact(w: &mut World, (id, name): (String, String), from_harry: Option<f64>) -> String {
    w.facts.push(Fact {
        id: id.clone(),
        name,
        credibility: 0.5,
        from_harry,
        contagious: false,
        alarming: false,
    });
    id
}

pub fn topic(w: &mut World, (id, name): (String, String)) -> String {
    w.topics.push((id.clone(), name));
    id
}

fn transition(w: &mut World, person: usize, text: String) {
    w.people[person].transitions.push(text);
}

fn name(w: &World, person: usize) -> String {
    w.people[person].name.clone()
}

/// Talking to `person` about `topic` (declared here) while they are in `state` teaches
/// Harry `fact`. `when` narrows the minutes the line is offered. Returns the topic's id.
pub fn teaches(
    w: &mut World,
    topic: (String, String),
    person: usize,
    state: &str,
    fact: &str,
    when: Option<String>,
) -> String {
    let topic = self::topic(w, topic);
    let who = name(w, person);
    w.person_state(person, state).talks.push((
        topic.clone(),
        format!("{who} leans in and tells you what they know."),
        when,
    ));
    transition(
        w,
        person,
        format!(
            "(from: \"{state}\", on: Talked(\"{topic}\"), then: [{}])",
            harry_believes(fact)
        ),
    );
    topic
}

/// Talking to `person` about `topic` (declared here) while they are in `state` sets `flag`.
pub fn talk_sets(
    w: &mut World,
    topic: (String, String),
    person: usize,
    state: &str,
    flag: &str,
    when: Option<String>,
) -> String {
    let topic = self::topic(w, topic);
    w.person_state(person, state).talks.push((
        topic.clone(),
        "\"All right. I'll see to it.\"".into(),
        when,
    ));
    transition(
        w,
        person,
        format!("(from: \"{state}\", on: Talked(\"{topic}\"), then: [Set(\"{flag}\")])"),
    );
    topic
}

/// `person` holds `item` and hands it over when asked in `state`: always, or on a
/// coin toss with a refusal to fall back on (`chance`). `extra` effects run with the gift.
pub fn hands_over(
    w: &mut World,
    person: usize,
    state: &str,
    item: &str,
    chance: bool,
    extra: &[String],
) {
    w.people[person].items.push(item.to_owned());
    let mut then = vec![format!("Give(\"harry\", \"{item}\")")];
    then.extend(extra.iter().cloned());
    let p = if chance { ", chance: 0.5" } else { "" };
    transition(
        w,
        person,
        format!(
            "(from: \"{state}\", on: Asked(\"{item}\"){p}, then: [{}])",
            then.join(", ")
        ),
    );
    if chance {
        let pid = w.people[person].id.clone();
        transition(
            w,
            person,
            format!(
                "(from: \"{state}\", on: Asked(\"{item}\"), then: [Say(\"{pid}\", \"Not tonight.\")])"
            ),
        );
    }
}

/// Given `item` in `state`, `person` sets `flag`.
pub fn takes_gift(w: &mut World, person: usize, state: &str, item: &str, flag: &str) {
    transition(
        w,
        person,
        format!("(from: \"{state}\", on: Given(\"{item}\"), then: [Set(\"{flag}\")])"),
    );
}

/// Told `fact` in `state`, `person` sets `flag` if they believe it (`Told` fires either way).
pub fn heeds(w: &mut World, person: usize, state: &str, fact: &str, flag: &str) {
    let pid = w.people[person].id.clone();
    transition(
        w,
        person,
        format!(
            "(from: \"{state}\", on: Told(\"{fact}\"), when: Believes(\"{pid}\", \"{fact}\"), then: [Set(\"{flag}\")])"
        ),
    );
}

/// Told `fact` in `state`, `person` comes along with Harry if they believe it: a state
/// nothing leaves, so the timetable lets go of them.
pub fn follows(w: &mut World, person: usize, state: &str, fact: &str) {
    let pid = w.people[person].id.clone();
    let who = name(w, person);
    w.people[person].states.push(PersonState {
        id: "with_harry".into(),
        whereabouts: Whereabouts::WithHarry,
        description: format!("{who} is with you."),
        talks: Vec::new(),
    });
    transition(
        w,
        person,
        format!(
            "(from: \"{state}\", to: \"with_harry\", on: Told(\"{fact}\"), when: Believes(\"{pid}\", \"{fact}\"), then: [Say(\"{pid}\", \"Then I'm coming with you.\")])"
        ),
    );
}

/// The effect by which Harry comes to believe `fact`.
fn harry_believes(fact: &str) -> String {
    format!("Believe(\"harry\", \"{fact}\")")
}

/// The phone at `place` rings once, at `rings`, for `minutes`; answering it teaches Harry
/// `fact`.
pub fn phone(w: &mut World, place: usize, rings: Minute, minutes: Minute, fact: &str) {
    assert!(w.phones[place].is_none(), "one phone a place");
    w.phones[place] = Some(Phone {
        rings,
        minutes,
        answered: vec![harry_believes(fact)],
    });
}

/// Harry believes `fact` from the start, whichever start he takes.
pub fn known(w: &mut World, fact: &str) {
    for s in &mut w.starts {
        s.then.push(harry_believes(fact));
    }
}

/// The condition that Harry is at `place`.
pub fn harry_at(w: &World, place: usize) -> String {
    format!("HarryAt(\"{}\")", w.place_id(place))
}

/// `All([..])` of several conditions, or the one.
pub fn all(atoms: &[String]) -> String {
    match atoms {
        [one] => one.clone(),
        _ => format!("All([{}])", atoms.join(", ")),
    }
}
