//! What a night looked like, minute by minute, kept as it is played: the player's path, whom they saw
//! where and when, what they learned and whom they told (the notebook: the player's memory), and
//! for the ending's picture, when the rumour reached each person and how the panic grew.
//! It only watches the sim and never feeds back into it, so every record replays the same.
//! Ids, not indices, so a notebook saved on one version of a scenario reads on the next.

use night::Sim;
use night::scenario::model::{CharId, FactId, Minute};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Chronicle {
    /// The scenario's id and title.
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    /// Minutes since the scenario's clock start (`Model::clock` turns them into times).
    pub began: Minute,
    pub until: Minute,
    /// Where the player was, each time it changed: (minute, place id).
    pub path: Vec<(Minute, String)>,
    /// Per person (id), the stretches of time the player saw them, and where.
    pub seen: BTreeMap<String, Vec<Sighting>>,
    /// The facts the player came to believe, when.
    pub learned: Vec<(Minute, String)>,
    /// Whom the player told what: (minute, fact id, person id).
    pub told: Vec<(Minute, String, String)>,
    /// When each person first believed an alarming fact (the ending's picture of the rumour).
    pub rumour: BTreeMap<String, Minute>,
    /// The highest panic anywhere, minute by minute from `began`.
    pub panic: Vec<u8>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Sighting {
    pub place: String,
    pub from: Minute,
    pub to: Minute,
}

/// A night's minutes run from 0 to a day's length: a chronicle read from a file is held to it.
const DAY_MINUTES: Minute = 24 * 60;

impl Chronicle {
    /// The chronicle with every minute within a day and its end not before its beginning (a
    /// hand-edited notebook can say anything), and whether anything had to change.
    pub fn clamped(mut self) -> (Chronicle, bool) {
        let before = self.clone();
        let day = |m: &mut Minute| *m = (*m).min(DAY_MINUTES);
        day(&mut self.began);
        day(&mut self.until);
        self.until = self.until.max(self.began);
        self.path.iter_mut().for_each(|(m, _)| day(m));
        self.learned.iter_mut().for_each(|(m, _)| day(m));
        self.told.iter_mut().for_each(|(m, _, _)| day(m));
        self.rumour.values_mut().for_each(day);
        for sighting in self.seen.values_mut().flatten() {
            day(&mut sighting.from);
            day(&mut sighting.to);
            sighting.to = sighting.to.max(sighting.from);
        }
        self.panic.truncate(usize::from(DAY_MINUTES) + 1);
        self.panic.iter_mut().for_each(|p| *p = (*p).min(100));
        let changed = self != before;
        (self, changed)
    }

    /// Begins the chronicle of a night and notes its first minute.
    pub fn begin(sim: &Sim) -> Chronicle {
        let s = sim.scenario();
        let mut chronicle = Chronicle {
            scenario: s.id.clone(),
            title: s.title.clone(),
            seed: sim.seed(),
            began: sim.now(),
            until: sim.now(),
            ..Chronicle::default()
        };
        chronicle.observe(sim);
        chronicle
    }

    /// Notes the minute the sim is at. Called once per simulated minute and after each action.
    pub fn observe(&mut self, sim: &Sim) {
        let s = sim.scenario();
        let now = sim.now();
        self.until = self.until.max(now);
        let here = &s.locations[sim.harry_at() as usize].id;
        if self.path.last().is_none_or(|(_, at)| at != here) {
            self.path.push((now, here.clone()));
        }
        for c in sim.present() {
            let person = &s.characters[c as usize].id;
            let stretches = self.seen.entry(person.clone()).or_default();
            match stretches.last_mut() {
                // Seen without a break at the same place: the stretch grows.
                Some(last) if last.place == *here && last.to + 1 >= now => last.to = now,
                _ => stretches.push(Sighting {
                    place: here.clone(),
                    from: now,
                    to: now,
                }),
            }
        }
        for f in 0..s.facts.len() as FactId {
            let fact = &s.facts[f as usize].id;
            if sim.believes(s.player, f) && !self.learned.iter().any(|(_, id)| id == fact) {
                self.learned.push((now, fact.clone()));
            }
        }
        for c in 0..s.characters.len() as CharId {
            if c != s.player && sim.alarmed(c) {
                self.rumour
                    .entry(s.characters[c as usize].id.clone())
                    .or_insert(now);
            }
        }
        let panic = (0..s.locations.len() as u16)
            .map(|l| sim.panic(l))
            .max()
            .unwrap_or(0);
        let index = usize::from(now.saturating_sub(self.began));
        if self.panic.len() <= index {
            let last = self.panic.last().copied().unwrap_or(0);
            self.panic.resize(index + 1, last);
        }
        self.panic[index] = self.panic[index].max(panic);
    }

    /// The player told someone something.
    pub fn told(&mut self, sim: &Sim, who: CharId, fact: FactId) {
        let s = sim.scenario();
        self.told.push((
            sim.now(),
            s.facts[fact as usize].id.clone(),
            s.characters[who as usize].id.clone(),
        ));
    }

    /// The people the player saw, in the order they first saw them.
    pub fn people_in_order(&self) -> Vec<(&String, &Vec<Sighting>)> {
        let mut people: Vec<_> = self.seen.iter().collect();
        people.sort_by_key(|(id, stretches)| (stretches.first().map(|s| s.from), *id));
        people
    }
}
