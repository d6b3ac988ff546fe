//! A player that behaves like a curious newcomer to a scenario: it answers what rings, talks
//! to whoever is there about whatever they will talk about, passes on what alarms it, and goes
//! where people point it (a place whose name it has just heard or read). It knows nothing of
//! the scenario's ids: it reads only the actions on offer, the names of places and what the
//! night says. Ties are broken by its own seeded generator. For autoplay, as the player a
//! scenario's writer must not lose.

use super::random_player::{RandomNight, play_with};
use crate::scenario::Scenario;
use crate::scenario::model::{CharId, FactId, LocId, Minute, Mode};
use crate::sim::{Action, Event, EventKind, Sim};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet};

/// What the newcomer remembers between its choices.
struct Newcomer {
    /// The ways each place is named (see [`place_names`]).
    names: Vec<(LocId, Vec<String>)>,
    /// Actions already taken (a newcomer does not ask the same thing twice).
    done: HashSet<Action>,
    /// Places it has been to.
    visited: HashSet<LocId>,
    /// Places someone or something pointed it to, not yet visited since; those named in what
    /// it has just read are the news of the moment, and come first.
    pointed: Vec<LocId>,
    just_pointed: Vec<LocId>,
    /// Places where it met people, and places where it has told them what it knows: once
    /// alarmed, it goes back to the people it has not warned.
    met_people_at: HashSet<LocId>,
    warned_at: HashSet<LocId>,
    /// The people it has told something (it does not repeat itself to a doubter).
    told: HashSet<CharId>,
    /// When it last asked for each thing (a refusal can change its mind later).
    asked_at: HashMap<Action, Minute>,
    /// Where it was at its last choice.
    last_place: Option<LocId>,
    /// It came here because it was pointed here: the short waits it will still give it to see
    /// why (someone said to be here; something may come).
    expecting: u8,
}

impl Newcomer {
    /// Takes in what it sees before choosing: where it is, and the places named in what it
    /// reads. A place named in narration points it there if it has not been there yet; a
    /// place someone names to it does, even if it has.
    fn look<'a>(&mut self, sim: &Sim, read: impl Iterator<Item = (&'a str, bool)>) {
        let here = sim.harry_at();
        if !sim.present().is_empty() {
            self.met_people_at.insert(here);
        }
        if self.last_place != Some(here) {
            // Arrived somewhere: was it where it had been told to go?
            self.expecting = if self.pointed.contains(&here) {
                PATIENCE
            } else {
                0
            };
            self.last_place = Some(here);
        }
        self.visited.insert(here);
        self.pointed.retain(|&l| l != here);
        self.just_pointed.clear();
        for (text, said) in read {
            for (place, words) in &self.names {
                if *place != here
                    && (said || !self.visited.contains(place))
                    && words.iter().any(|w| contains_words(text, w))
                {
                    if !self.pointed.contains(place) {
                        self.pointed.push(*place);
                    }
                    if !self.just_pointed.contains(place) {
                        self.just_pointed.push(*place);
                    }
                }
            }
        }
    }

    fn chose(&mut self, sim: &Sim, choice: &Action) {
        let here = sim.harry_at();
        self.expecting = match choice {
            Action::Wait { .. } | Action::WaitForSomething => self.expecting.saturating_sub(1),
            Action::Go { .. } => self.expecting,
            // Doing anything else here: it has found what it came for.
            _ => 0,
        };
        match choice {
            Action::TellAll { fact } => {
                self.warned_at.insert(here);
                self.told.extend(sim.listeners(*fact, &sim.present()));
            }
            Action::Tell { who, .. } => {
                self.warned_at.insert(here);
                self.told.insert(*who);
            }
            Action::Ask { .. } => {
                self.asked_at.insert(choice.clone(), sim.now());
            }
            _ => {}
        }
        self.done.insert(choice.clone());
    }
}

/// How many five-minute waits it gives a place it was sent to before it wanders off.
const PATIENCE: u8 = 3;
/// Minutes after a refusal before it asks the same person for the same thing again.
const ASK_AGAIN_AFTER: Minute = 15;
/// Minutes before the deadline from which, alarmed, it stays with whoever is there.
const LAST_MINUTES: Minute = 12;

/// Plays a night from `start` with `seed` for the night and `player_seed` for the tie-breaks,
/// taking at most `max_actions` actions (then letting the clock run to the end).
pub fn play(
    scenario: &Scenario,
    start: usize,
    seed: u64,
    player_seed: u64,
    max_actions: usize,
) -> RandomNight {
    let mut rng = ChaCha8Rng::seed_from_u64(player_seed);
    let mut me = Newcomer {
        names: place_names(scenario),
        done: HashSet::new(),
        visited: HashSet::new(),
        pointed: Vec::new(),
        just_pointed: Vec::new(),
        met_people_at: HashSet::new(),
        warned_at: HashSet::new(),
        told: HashSet::new(),
        asked_at: HashMap::new(),
        last_place: None,
        expecting: 0,
    };
    // Like a player, it reads the scenario's introduction before anything else.
    let mut intro = Some(scenario.intro.as_str());
    play_with(
        scenario,
        start,
        seed,
        max_actions,
        |sim, available, events| {
            let read = intro
                .take()
                .map(|text| (text, false))
                .into_iter()
                .chain(events.iter().filter_map(heard));
            me.look(sim, read);
            let choice = available
                .iter()
                .max_by_key(|a| score(sim, a, &me) * 1024 + rng.next_u64() % 1024)
                .expect("play_with offers at least one action")
                .clone();
            me.chose(sim, &choice);
            choice
        },
    )
}

/// What a player reads in the night's text: narration, and what people say to it (true).
fn heard(event: &Event) -> Option<(&str, bool)> {
    match &event.kind {
        EventKind::Log(text) => Some((text, false)),
        EventKind::Said { text, .. } => Some((text, true)),
        _ => None,
    }
}

/// Each place with the ways a person would name it: "Park La Brea (Lucy's flat, Tower 7)" is
/// "park la brea", "lucy's flat" and "tower 7"; "Payphone outside Johnie's" is that, and
/// "payphone": a first word of five letters or more that is not someone's ("Johnie's Coffee
/// Shop" is not just "johnie's") and names no other place ("Fairfax & 8th" is not "fairfax"
/// while a "Gas station (8th & Fairfax)" is on it too).
fn place_names(s: &Scenario) -> Vec<(LocId, Vec<String>)> {
    let names: Vec<String> = s.locations.iter().map(|l| l.name.to_lowercase()).collect();
    names
        .iter()
        .enumerate()
        .map(|(l, name)| {
            let mut words: Vec<String> = name
                .split(['(', ')', ','])
                .map(|part| part.trim().to_owned())
                .filter(|part| part.len() >= 3)
                .collect();
            if let Some(first) = name.split_whitespace().next()
                && first.len() >= 5
                && !first.ends_with("'s")
                && first.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !words.iter().any(|w| w == first)
                && !names
                    .iter()
                    .enumerate()
                    .any(|(other, n)| other != l && contains_words(n, first))
            {
                words.push(first.to_owned());
            }
            (l as LocId, words)
        })
        .collect()
}

/// `text` mentions `name` (lower case) as whole words.
fn contains_words(text: &str, name: &str) -> bool {
    let text = text.to_lowercase();
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// How much the newcomer wants to do this now.
fn score(sim: &Sim, action: &Action, memory: &Newcomer) -> u64 {
    let fresh = !memory.done.contains(action);
    let alarmed = sim.alarmed(sim.scenario().player);
    let alarming = |fact: FactId| sim.scenario().facts[fact as usize].alarming;
    let near_the_end = sim.now() + LAST_MINUTES >= sim.scenario().deadline;
    match action {
        // Something rings: a newcomer picks it up.
        Action::Answer => 12,
        // What alarms it, it passes on, to the room first.
        Action::TellAll { fact } if fresh && alarming(*fact) => 10,
        Action::Tell { who, fact }
            if alarming(*fact) && !sim.believes(*who, *fact) && !memory.told.contains(who) =>
        {
            9
        }
        // A place named just now is the news of the moment: it goes at once.
        Action::Go { to, mode } if memory.just_pointed.contains(to) => match mode {
            Mode::Walk if !alarmed => 9,
            Mode::Run if alarmed => 9,
            _ => 8,
        },
        // Where it was pointed before, it goes, running once it is alarmed.
        Action::Go { to, mode } if memory.pointed.contains(to) => match (alarmed, mode) {
            (_, Mode::Drive) => 8,
            (true, Mode::Run) => 7,
            (false, Mode::Walk) => 7,
            _ => 5,
        },
        // Alarmed, it goes back to the people it met and has not warned.
        Action::Go { to, mode }
            if alarmed && memory.met_people_at.contains(to) && !memory.warned_at.contains(to) =>
        {
            match mode {
                Mode::Walk => 5,
                _ => 6,
            }
        }
        // With the end in sight, it says what it has to say to whoever is there.
        Action::Talk { .. } if fresh && alarmed && near_the_end => 10,
        Action::Talk { .. } if fresh => 8,
        // With the end in sight and people around, it stays with them (the countdown shows).
        Action::WaitForSomething
            if alarmed && near_the_end && (memory.expecting > 0 || !sim.present().is_empty()) =>
        {
            9
        }
        // Alarmed, it asks for what people hold and uses what it has: it is desperate.
        Action::Ask { .. }
            if memory
                .asked_at
                .get(action)
                .is_none_or(|&at| sim.now() >= at + ASK_AGAIN_AFTER) =>
        {
            if alarmed {
                8
            } else {
                6
            }
        }
        Action::Use { on: Some(_), .. } if fresh && alarmed => 10,
        Action::Use { on: Some(_), .. } | Action::Give { .. } if fresh => 6,
        Action::Call { .. } | Action::Take { .. } if fresh => 4,
        Action::Go { to, mode } if !memory.visited.contains(to) => match mode {
            Mode::Walk => 3,
            _ => 2,
        },
        // It was told to come here: it waits a little to see why.
        Action::Wait { minutes: 5 } if memory.expecting > 0 => 7,
        Action::WaitForSomething => 2,
        Action::Use { on: None, .. } if fresh => 2,
        Action::Wait { .. } | Action::Go { .. } => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::film;

    #[test]
    fn names_are_found_as_whole_words() {
        assert!(contains_words(
            "she lives at Park La Brea, Tower 7.",
            "park la brea"
        ));
        assert!(!contains_words("the parkland", "park"));
    }

    #[test]
    fn the_newcomer_answers_the_phone_and_follows_where_it_is_pointed() {
        let s = film();
        let start = s.start_index("the_call").unwrap();
        let nights: Vec<RandomNight> = (0..6).map(|p| play(&s, start, 1, p, 300)).collect();
        let a = play(&s, start, 1, 3, 300);
        assert_eq!(
            a.actions, nights[3].actions,
            "the same seeds, the same night"
        );
        // With no knowledge of the film, some newcomers hear the call and pass it on...
        assert!(
            nights.iter().any(|n| n.actions.contains(&Action::Answer)),
            "no newcomer answered the payphone"
        );
        // ...and some go where they were pointed: the flat the waitress names.
        let flat = s.location_index("park_la_brea").unwrap();
        assert!(
            nights.iter().any(|n| n
                .actions
                .iter()
                .any(|a| matches!(a, Action::Go { to, .. } if *to == flat))),
            "no newcomer went to Park La Brea"
        );
    }
}
