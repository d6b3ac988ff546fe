//! What the action panel offers, grouped, and the key of each entry: the one model the panel
//! draws, the keyboard reads and the synthetic pointer clicks by. Actions that concern a
//! person are gathered under that person (one key opens their list, as clicking them on the
//! map does); the ways of going to one place share one entry (its key walks, Shift with it
//! runs, Ctrl with it drives); so a crowded diner fits one page of keys.

use bevy::prelude::*;
use night::Sim;
use night::scenario::model::{CharId, LocId, Mode};
use night::sim::Action;

/// The keys for the panel's entries, in the order they are listed. Arrow keys, Space,
/// Escape, Backspace, `+` and `-` are kept for the map, the clock and the lists.
pub const ACTION_KEYS: [(KeyCode, &str); 36] = [
    (KeyCode::Digit1, "1"),
    (KeyCode::Digit2, "2"),
    (KeyCode::Digit3, "3"),
    (KeyCode::Digit4, "4"),
    (KeyCode::Digit5, "5"),
    (KeyCode::Digit6, "6"),
    (KeyCode::Digit7, "7"),
    (KeyCode::Digit8, "8"),
    (KeyCode::Digit9, "9"),
    (KeyCode::Digit0, "0"),
    (KeyCode::KeyA, "A"),
    (KeyCode::KeyB, "B"),
    (KeyCode::KeyC, "C"),
    (KeyCode::KeyD, "D"),
    (KeyCode::KeyE, "E"),
    (KeyCode::KeyF, "F"),
    (KeyCode::KeyG, "G"),
    (KeyCode::KeyH, "H"),
    (KeyCode::KeyI, "I"),
    (KeyCode::KeyJ, "J"),
    (KeyCode::KeyK, "K"),
    (KeyCode::KeyL, "L"),
    (KeyCode::KeyM, "M"),
    (KeyCode::KeyN, "N"),
    (KeyCode::KeyO, "O"),
    (KeyCode::KeyP, "P"),
    (KeyCode::KeyQ, "Q"),
    (KeyCode::KeyR, "R"),
    (KeyCode::KeyS, "S"),
    (KeyCode::KeyT, "T"),
    (KeyCode::KeyU, "U"),
    (KeyCode::KeyV, "V"),
    (KeyCode::KeyW, "W"),
    (KeyCode::KeyX, "X"),
    (KeyCode::KeyY, "Y"),
    (KeyCode::KeyZ, "Z"),
];

/// Whose actions the panel lists: everyone's, grouped (`None`), or one person's.
#[derive(Resource, Default, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Focus(pub Option<CharId>);

/// One line of the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// One action.
    Act(Action),
    /// A person here: their actions open in a list of their own.
    Person { who: CharId, actions: Vec<Action> },
    /// The ways to one place: the key walks (or takes the first way), Shift runs, Ctrl drives.
    Journey { to: LocId, ways: Vec<Action> },
}

/// What is held with an entry's key: on a journey, how to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    None,
    Shift,
    Ctrl,
}

impl Modifier {
    /// The modifier that chooses `mode` on a journey.
    pub fn for_mode(mode: Mode) -> Modifier {
        match mode {
            Mode::Walk => Modifier::None,
            Mode::Run => Modifier::Shift,
            Mode::Drive => Modifier::Ctrl,
        }
    }

    /// How it is written next to a key.
    pub fn label(self) -> &'static str {
        match self {
            Modifier::None => "",
            Modifier::Shift => "Shift+",
            Modifier::Ctrl => "Ctrl+",
        }
    }
}

impl Entry {
    /// The action the entry's key chooses with `modifier`, if it chooses one at once.
    pub fn chosen(&self, modifier: Modifier) -> Option<&Action> {
        match self {
            Entry::Act(a) => Some(a),
            Entry::Journey { ways, .. } => ways
                .iter()
                .find(|w| matches!(w, Action::Go { mode, .. } if Modifier::for_mode(*mode) == modifier))
                .or_else(|| (modifier == Modifier::None).then(|| ways.first()).flatten()),
            Entry::Person { .. } => None,
        }
    }

    /// Whether choosing `action` starts from this entry.
    pub fn leads_to(&self, action: &Action) -> bool {
        match self {
            Entry::Act(a) => a == action,
            Entry::Person { actions, .. } => actions.contains(action),
            Entry::Journey { ways, .. } => ways.contains(action),
        }
    }
}

/// A titled group of entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub entries: Vec<Entry>,
}

/// The person an action concerns, if any.
pub fn concerns(action: &Action) -> Option<CharId> {
    match action {
        Action::Talk { who, .. }
        | Action::Tell { who, .. }
        | Action::Ask { who, .. }
        | Action::Give { who, .. }
        | Action::Use { on: Some(who), .. } => Some(*who),
        _ => None,
    }
}

/// The panel for `actions` (the sim's, in its order) with `focus`: sections in the order a
/// player looks for them, each keeping the sim's order inside.
pub fn sections(sim: &Sim, actions: &[Action], focus: Option<CharId>) -> Vec<Section> {
    let s = sim.scenario();
    if let Some(who) = focus {
        let theirs: Vec<Entry> = actions
            .iter()
            .filter(|a| concerns(a) == Some(who))
            .cloned()
            .map(Entry::Act)
            .collect();
        return vec![Section {
            title: s.characters[who as usize].name.clone(),
            entries: theirs,
        }];
    }
    let mut everyone = Vec::new();
    let mut people: Vec<Entry> = Vec::new();
    let mut phone = Vec::new();
    let mut things = Vec::new();
    let mut going: Vec<Entry> = Vec::new();
    let mut waiting = Vec::new();
    for action in actions {
        if let Some(who) = concerns(action) {
            match people
                .iter_mut()
                .find(|e| matches!(e, Entry::Person { who: w, .. } if *w == who))
            {
                Some(Entry::Person { actions, .. }) => actions.push(action.clone()),
                _ => people.push(Entry::Person {
                    who,
                    actions: vec![action.clone()],
                }),
            }
            continue;
        }
        let act = Entry::Act(action.clone());
        match action {
            Action::TellAll { .. } => everyone.push(act),
            Action::Answer | Action::LetRing | Action::Call { .. } | Action::Dial { .. } => {
                phone.push(act)
            }
            Action::Go { to, .. } => match going
                .iter_mut()
                .find(|e| matches!(e, Entry::Journey { to: t, .. } if t == to))
            {
                Some(Entry::Journey { ways, .. }) => ways.push(action.clone()),
                _ => going.push(Entry::Journey {
                    to: *to,
                    ways: vec![action.clone()],
                }),
            },
            Action::Wait { .. } | Action::WaitForSomething | Action::Sleep { .. } => {
                waiting.push(act)
            }
            // Taking, using: the player's things.
            _ => things.push(act),
        }
    }
    let player = s.player_word();
    [
        ("Everyone here".to_owned(), everyone),
        ("People here".to_owned(), people),
        ("The phone".to_owned(), phone),
        (format!("{player}'s things"), things),
        ("Go".to_owned(), going),
        ("Wait".to_owned(), waiting),
    ]
    .into_iter()
    .filter(|(_, entries)| !entries.is_empty())
    .map(|(title, entries)| Section { title, entries })
    .collect()
}

/// The entries in the order their keys are given.
pub fn entries(sections: &[Section]) -> impl Iterator<Item = &Entry> {
    sections.iter().flat_map(|s| &s.entries)
}

/// The key label of the entry at `index` (in key order) while `page` is shown, if it has one.
pub fn key_label(index: usize, page: usize) -> Option<&'static str> {
    (index / ACTION_KEYS.len() == page).then(|| ACTION_KEYS[index % ACTION_KEYS.len()].1)
}

/// How many pages of keys the entries need.
pub fn pages(sections: &[Section]) -> usize {
    entries(sections).count().div_ceil(ACTION_KEYS.len()).max(1)
}

/// The keys a player presses to choose `action` from the overview: the page's turns, then
/// the entry's key (with the journey's modifier), then, for a person's action, the key in
/// their list. `None` if the panel does not offer it.
pub fn keys_for(
    sim: &Sim,
    actions: &[Action],
    action: &Action,
) -> Option<Vec<(KeyCode, Modifier)>> {
    let turn = (KeyCode::BracketRight, Modifier::None);
    let overview = sections(sim, actions, None);
    let index = entries(&overview).position(|e| e.leads_to(action))?;
    let mut keys = vec![turn; index / ACTION_KEYS.len()];
    let key = ACTION_KEYS[index % ACTION_KEYS.len()].0;
    let entry = entries(&overview).nth(index)?;
    match entry {
        Entry::Act(_) => keys.push((key, Modifier::None)),
        Entry::Journey { .. } => {
            let modifier = [Modifier::None, Modifier::Shift, Modifier::Ctrl]
                .into_iter()
                .find(|m| entry.chosen(*m) == Some(action))?;
            keys.push((key, modifier));
        }
        Entry::Person { who, .. } => {
            keys.push((key, Modifier::None));
            let theirs = sections(sim, actions, Some(*who));
            let inner = entries(&theirs).position(|e| e.leads_to(action))?;
            keys.extend(vec![turn; inner / ACTION_KEYS.len()]);
            keys.push((ACTION_KEYS[inner % ACTION_KEYS.len()].0, Modifier::None));
        }
    }
    Some(keys)
}
