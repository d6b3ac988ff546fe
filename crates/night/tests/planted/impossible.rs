//! Endings impossible on purpose, in ways the compiler accepts and a modder might write:
//! each looks like the reachable ones (a talk, an ask, a telling, a place, a window) and
//! each comes with the argument that it can never happen, which the property test holds
//! `check` to (it must never call one reachable).

use super::names::Names;
use super::parts;
use super::rng::Rng;
use super::stays;
use super::world::{Minute, World};

/// An impossible ending: its condition, a short name for its kind, and why it cannot be.
pub struct Impossible {
    pub when: String,
    pub kind: &'static str,
    pub why: String,
}

pub const KINDS: &[&str] = &[
    "late flag",
    "too far",
    "never entered",
    "exclusive items",
    "chance contradiction",
    "never believed",
];

/// A new impossible ending, of a random kind (the first that the world allows).
pub fn impossible(w: &mut World, rng: &mut Rng, names: &mut Names, can_drive: bool) -> Impossible {
    let first = rng.below(KINDS.len());
    for k in 0..KINDS.len() {
        let made = match (first + k) % KINDS.len() {
            0 => late_flag(w, rng, names),
            1 => too_far(w, rng, names, can_drive),
            2 => never_entered(w, rng, names),
            3 => exclusive(w, rng, names),
            4 => chance_contradiction(w, rng, names),
            _ => never_believed(w, rng, names),
        };
        if let Some(made) = made {
            return made;
        }
    }
    unreachable!("`never entered` always fits")
}

/// The number of the ending being made: a person can take part in several impossible
/// endings, and the ids made from their name must stay unique.
fn tag(w: &World) -> usize {
    w.endings.len() + 1
}

/// The impossible ending of `kind`, wanting `atoms` and sometimes a place too, as the
/// reachable endings do: the place changes nothing, but without it an impossible ending
/// would stand out.
fn made(
    w: &World,
    rng: &mut Rng,
    mut atoms: Vec<String>,
    kind: &'static str,
    why: String,
) -> Option<Impossible> {
    if rng.chance(0.4) {
        let z = rng.below(w.map.places.len());
        atoms.push(parts::harry_at(w, z));
    }
    Some(Impossible {
        when: parts::all(&atoms),
        kind,
        why,
    })
}

/// The flag is set by talking to someone at a place they reach at `from` at the earliest
/// (on any night, the chances included), or only once their line is offered later still;
/// the ending wants it before that.
fn late_flag(w: &mut World, rng: &mut Rng, names: &mut Names) -> Option<Impossible> {
    let (p, s) = stays::pick(w, rng, 4, |_, s| s.from.0 >= 12)?;
    let (open, _) = s.sure();
    // The line may be offered only from a later minute within the stay.
    let line_from = rng.chance(0.5).then(|| open + rng.range(1, 3));
    let earliest = line_from.unwrap_or(s.from.0);
    let before = earliest - rng.range(0, 8).min(earliest - 1);
    let flag = w.flag(format!("{}_briefed_{}", w.people[p].id, tag(w)));
    let when = line_from.map(|t| format!("After({})", w.clock(t)));
    let topic = parts::talk_sets(w, names.topic(), p, &s.state, &flag, when);
    let atoms = vec![
        format!("Flag(\"{flag}\")"),
        format!("Before({})", w.clock(before)),
    ];
    let why = format!(
        "`{flag}` is set only by talking to {} about {topic} at {}, offered from {} at the earliest; the ending needs it before {}",
        w.people[p].id,
        w.place_id(s.place),
        w.clock(earliest),
        w.clock(before)
    );
    made(w, rng, atoms, KINDS[0], why)
}

/// The flag is set at X no earlier than someone's earliest arrival there, the action takes
/// its minutes, and no way of travelling (driving included, when anything enables it)
/// reaches Z before the ending's window closes.
fn too_far(w: &mut World, rng: &mut Rng, names: &mut Names, can_drive: bool) -> Option<Impossible> {
    let (p, s) = stays::pick_any(w, rng, 3)?;
    let elsewhere: Vec<usize> = (0..w.map.places.len()).filter(|&c| c != s.place).collect();
    let z = *rng.pick(&elsewhere);
    let least = w.map.least_minutes(s.place, z, can_drive);
    let pid = w.people[p].id.clone();
    let flag = w.flag(format!("{pid}_squared_{}", tag(w)));
    let (how, minutes): (String, Minute) = if rng.chance(0.5) {
        let topic = parts::talk_sets(w, names.topic(), p, &s.state, &flag, None);
        (format!("talking to {pid} about {topic}"), 2)
    } else {
        let item = parts::item(w, names.item());
        parts::hands_over(w, p, &s.state, &item, false, &[format!("Set(\"{flag}\")")]);
        (format!("asking {pid} for the {item}"), 1)
    };
    // Arriving at the earliest minute any plan could: the window closes then, or a minute
    // before.
    let earliest = s.from.0 + minutes + least;
    let closes = earliest - rng.range(0, 1);
    let mut atoms = vec![
        format!("Flag(\"{flag}\")"),
        parts::harry_at(w, z),
        format!("Before({})", w.clock(closes)),
    ];
    if rng.chance(0.5) {
        atoms.push(format!("After({})", w.clock(closes.saturating_sub(15))));
    }
    Some(Impossible {
        when: parts::all(&atoms),
        kind: KINDS[1],
        why: format!(
            "`{flag}` comes from {how} at {} ({} minutes), where {pid} is from {} at the earliest; {} is at least {least} minutes on from there, so Harry is there at {} at the earliest, and the ending needs him there before {}",
            w.place_id(s.place),
            minutes,
            w.clock(s.from.0),
            w.place_id(z),
            w.clock(earliest),
            w.clock(closes)
        ),
    })
}

/// The ending needs an item nobody has (an ask that can never be made, since nobody holds
/// it), or a flag set only in a state nothing leads into.
fn never_entered(w: &mut World, rng: &mut Rng, names: &mut Names) -> Option<Impossible> {
    // Everyone has a stay of a minute at least, so this always fits.
    let (p, s) = stays::pick_any(w, rng, 1)?;
    let pid = w.people[p].id.clone();
    let mut atoms = Vec::new();
    let why = if rng.chance(0.5) {
        let item = parts::item(w, names.item());
        w.people[p].transitions.push(format!(
            "(from: \"{}\", on: Asked(\"{item}\"), then: [Give(\"harry\", \"{item}\")])",
            s.state
        ));
        atoms.push(format!("Has(\"{item}\")"));
        format!(
            "the {item} starts nowhere and no effect brings it into play, so nobody ever holds it and {pid} can never be asked for it"
        )
    } else {
        // A state with a way out but no way in: the start is elsewhere and no transition
        // (and no SetState) enters it.
        let (dozing, ready) = (
            format!("{pid}_dozing_{}", tag(w)),
            format!("{pid}_ready_{}", tag(w)),
        );
        let flag = w.flag(format!("{pid}_on_board_{}", tag(w)));
        for id in [&dozing, &ready] {
            w.people[p].states.push(super::world::PersonState {
                id: id.clone(),
                whereabouts: super::world::Whereabouts::At(s.place),
                description: String::new(),
                talks: Vec::new(),
            });
        }
        let wakes = w.clock(s.sure().0);
        w.people[p].transitions.push(format!(
            "(from: \"{dozing}\", to: \"{ready}\", when: After({wakes}))"
        ));
        let topic = parts::talk_sets(w, names.topic(), p, &ready, &flag, None);
        atoms.push(format!("Flag(\"{flag}\")"));
        format!(
            "`{flag}` is set only by talking to {pid} about {topic} in `{ready}`, entered only from `{dozing}`, which {pid} never enters"
        )
    };
    made(w, rng, atoms, KINDS[2], why)
}

/// Two items Harry can never hold together: one person gives either, and the other leaves
/// play with it; or one is traded for the other and cannot be had back.
fn exclusive(w: &mut World, rng: &mut Rng, names: &mut Names) -> Option<Impossible> {
    let (p, s) = stays::pick_any(w, rng, 4)?;
    let pid = w.people[p].id.clone();
    let (a, b) = (parts::item(w, names.item()), parts::item(w, names.item()));
    let why = if rng.chance(0.5) {
        parts::hands_over(w, p, &s.state, &a, false, &[format!("Take(\"{b}\")")]);
        parts::hands_over(w, p, &s.state, &b, false, &[format!("Take(\"{a}\")")]);
        format!(
            "{pid} holds the {a} and the {b}; asked for either, they give it and the other leaves play"
        )
    } else {
        let place = rng.below(w.map.places.len());
        w.lying[place].push(a.clone());
        w.people[p].items.push(b.clone());
        w.people[p].transitions.push(format!(
            "(from: \"{}\", on: Given(\"{a}\"), then: [Give(\"harry\", \"{b}\")])",
            s.state
        ));
        let lies = w.place_id(place).to_owned();
        format!(
            "the {b} comes only from {pid} in exchange for the {a} (lying at {lies}), which {pid} then keeps: nothing gives it back"
        )
    };
    let atoms = vec![format!("Has(\"{a}\")"), format!("Has(\"{b}\")")];
    made(w, rng, atoms, KINDS[3], why)
}

/// A flag set only on nights when a chance did not come up, wanted on nights when it did.
fn chance_contradiction(w: &mut World, rng: &mut Rng, names: &mut Names) -> Option<Impossible> {
    let (p, s) = stays::pick_any(w, rng, 4)?;
    let pid = w.people[p].id.clone();
    let chance = format!("{pid}_in_a_mood_{}", tag(w));
    w.chances.push((chance.clone(), 0.5));
    let flag = w.flag(format!("{pid}_persuaded_{}", tag(w)));
    let topic = names.topic();
    let (guard, wanted) = if rng.chance(0.5) {
        (
            format!("Not(Chance(\"{chance}\"))"),
            format!("Chance(\"{chance}\")"),
        )
    } else {
        (
            format!("Chance(\"{chance}\")"),
            format!("Not(Chance(\"{chance}\"))"),
        )
    };
    let topic = parts::topic(w, topic);
    w.person_state(p, &s.state)
        .talks
        .push((topic.clone(), "\"Depends on my mood.\"".into(), None));
    w.people[p].transitions.push(format!(
        "(from: \"{}\", on: Talked(\"{topic}\"), when: {guard}, then: [Set(\"{flag}\")])",
        s.state
    ));
    let why = format!(
        "`{flag}` is set only when {guard}, and the ending needs {wanted}: a night chance is drawn once"
    );
    let atoms = vec![format!("Flag(\"{flag}\")"), wanted];
    made(w, rng, atoms, KINDS[4], why)
}

/// Someone who would act if they believed Harry, told a fact nobody ever believes from him
/// (credibility 0, not contagious, never confirmed).
fn never_believed(w: &mut World, rng: &mut Rng, names: &mut Names) -> Option<Impossible> {
    let (q, s) = stays::pick_any(w, rng, 4)?;
    let qid = w.people[q].id.clone();
    let fact = parts::fact(w, names.fact(), Some(0.0));
    w.facts.last_mut().unwrap().credibility = 0.0;
    // Harry learns it from someone else, or knows it from the start.
    let teachers: Vec<_> = stays::at_least(w, 6)
        .into_iter()
        .filter(|(p, _)| *p != q)
        .collect();
    if teachers.is_empty() || rng.chance(0.3) {
        parts::known(w, &fact);
    } else {
        let (r, rs) = teachers[rng.below(teachers.len())].clone();
        parts::teaches(w, names.topic(), r, &rs.state, &fact, None);
    }
    let flag = w.flag(format!("{qid}_convinced_{}", tag(w)));
    parts::heeds(w, q, &s.state, &fact, &flag);
    let why = format!(
        "`{flag}` needs {qid} to believe {fact}, which has credibility 0 from anyone (Harry included), does not spread and is never confirmed"
    );
    let atoms = vec![format!("Flag(\"{flag}\")")];
    made(w, rng, atoms, KINDS[5], why)
}
