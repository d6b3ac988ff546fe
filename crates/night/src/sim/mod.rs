//! The simulation: `Sim::new(&scenario, seed)`, the actions available now, `apply` an action,
//! `advance` the clock, the events that come out, the outcome. Minute resolution.

pub mod action;
pub mod chance;
mod cond;
mod effect;
pub mod event;
mod memo;
mod offer;
mod quiet;
pub mod rng;
pub mod state;
mod tick;
pub mod travel;

pub use action::{Action, ParseError, parse_script, script_lines};
pub use event::{Event, EventKind};
pub use state::{Activity, Bits, Outcome, Owner, State};

use crate::scenario::Scenario;
use crate::scenario::model::*;
use std::fmt;

/// One night in progress.
#[derive(Clone, Debug)]
pub struct Sim {
    scenario: Scenario,
    seed: u64,
    state: State,
    /// Events produced since the last `apply`/`advance` returned.
    pending: Vec<Event>,
    /// How many events are being fired inside one another right now (0 between calls).
    event_depth: u8,
    /// Set when the caller decides the chances instead of the seed (analysis).
    chosen: Option<Box<chance::ChosenChances>>,
    /// Whether events carry their text (narration, what people say). Analysis explores
    /// millions of steps and reads no text: without it, a step allocates far less.
    narrating: bool,
    /// Where each character is, reused by every minute (rumour and panic read it).
    places: Vec<Option<LocId>>,
    /// How many chances have been drawn: a minute that draws one is not quiet (see `quiet`).
    chances_drawn: u32,
    /// How many minutes were simulated one by one (the quiet ones skipped are not).
    minutes_simulated: u64,
    /// The rules known false (see `memo`).
    rules: memo::RuleMemory,
}

/// Why an action cannot be taken now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError {
    pub message: String,
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ActionError {}

/// Minutes each kind of action takes.
pub mod minutes {
    pub const TALK: u16 = 2;
    pub const TELL: u16 = 2;
    /// Telling a whole room takes longer than telling one person.
    pub const TELL_ALL: u16 = 3;
    pub const ASK: u16 = 1;
    pub const GIVE: u16 = 1;
    pub const TAKE: u16 = 1;
    pub const USE: u16 = 1;
    pub const DIAL: u16 = 1;
    pub const ANSWER: u16 = 1;
}

impl Sim {
    /// A night from the scenario's first start.
    pub fn new(scenario: &Scenario, seed: u64) -> Sim {
        Sim::with_start(scenario, seed, 0)
    }

    /// A night from the given start (index into `scenario.starts`; out of range means the
    /// first).
    pub fn with_start(scenario: &Scenario, seed: u64, start: usize) -> Sim {
        Sim::begin(scenario, seed, start, None)
    }

    /// A night from the given start whose chances the caller decides (see
    /// [`Sim::choose_chances`]), from the night chances drawn at the start on. Its events
    /// carry no text (it is for analysis).
    pub fn with_start_choosing(scenario: &Scenario, start: usize, forced: Vec<bool>) -> Sim {
        let chosen = chance::ChosenChances::forcing(forced);
        Sim::begin(scenario, 0, start, Some(Box::new(chosen)))
    }

    fn begin(
        scenario: &Scenario,
        seed: u64,
        start: usize,
        chosen: Option<Box<chance::ChosenChances>>,
    ) -> Sim {
        let start = if start < scenario.starts.len() {
            start
        } else {
            0
        };
        let mut sim = Sim {
            scenario: scenario.clone(),
            seed,
            state: State::new(scenario),
            pending: Vec::new(),
            event_depth: 0,
            narrating: chosen.is_none(),
            chosen,
            places: Vec::new(),
            chances_drawn: 0,
            minutes_simulated: 0,
            rules: memo::RuleMemory::new(scenario.rule_reads.len()),
        };
        // The night's open chances are drawn once, before anything else.
        for (i, chance) in scenario.chances.iter().enumerate() {
            let hit = sim.chance(chance.draw, chance.probability);
            sim.state.night_chances.set(i, hit);
        }
        if let Some(st) = scenario.starts.get(start) {
            sim.state.now = st.time;
            sim.state.harry_at = st.at;
            for c in 0..scenario.characters.len() {
                sim.state.character_since[c] = st.time;
            }
            for l in 0..scenario.locations.len() {
                sim.state.location_since[l] = st.time;
            }
            sim.emit(EventKind::Began { start }, true);
            let effects = st.then.clone();
            sim.run_effects(&effects);
            // Let clock-based chains catch up with a late start before the first action.
            sim.settle();
            sim.check_endings();
        }
        sim
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn state(&self) -> &State {
        &self.state
    }
    /// Replaces the state wholesale (for solvers that restore explored states).
    pub fn set_state(&mut self, state: State) {
        let old = std::mem::replace(&mut self.state, state);
        // What changed, the rules reading it look at again; the others keep their memos.
        self.note_changes_from(&old);
    }
    /// Of the people `present` (see [`Sim::present`]), those who do not believe `fact` yet and
    /// for whom hearing it can matter: whom `tell-all` speaks to.
    pub fn listeners(&self, fact: FactId, present: &[CharId]) -> Vec<CharId> {
        present
            .iter()
            .copied()
            .filter(|&c| !self.believes(c, fact) && self.telling_matters(c, fact))
            .collect()
    }

    /// Whether telling `who` the fact can change anything (see `Model::telling_matters`).
    pub fn telling_matters(&self, who: CharId, fact: FactId) -> bool {
        self.scenario.telling_matters[self.fact_bit(fact, who)]
    }

    /// A line of text for an event: the text itself, or nothing when not narrating.
    pub(super) fn line(&self, text: &str) -> String {
        if self.narrating {
            text.to_owned()
        } else {
            String::new()
        }
    }
    /// Minutes since the start of the scenario's day.
    pub fn now(&self) -> Minute {
        self.state.now
    }
    /// "HH:MM" now.
    pub fn clock(&self) -> String {
        self.scenario.clock(self.state.now)
    }
    pub fn outcome(&self) -> Option<Outcome> {
        self.state.outcome
    }
    pub fn is_over(&self) -> bool {
        self.state.outcome.is_some()
    }
    /// Harry can act now (he is not travelling, busy or asleep, and the night is not over).
    pub fn is_idle(&self) -> bool {
        self.state.activity == Activity::Idle && !self.is_over()
    }
    pub fn harry_at(&self) -> LocId {
        self.state.harry_at
    }
    pub fn night_chance(&self, i: usize) -> bool {
        self.state.night_chances.get(i)
    }
    /// Forces a night chance's outcome (for analysis that explores both).
    pub fn set_night_chance(&mut self, i: usize, value: bool) {
        self.state.night_chances.set(i, value);
        self.forget_rules();
    }

    /// The current state id of a character.
    pub fn character_state(&self, c: CharId) -> &CharacterState {
        let ch = &self.scenario.characters[c as usize];
        &ch.states[self.state.character_state[c as usize] as usize]
    }
    pub fn location_state(&self, l: LocId) -> &LocationState {
        let loc = &self.scenario.locations[l as usize];
        &loc.states[self.state.location_state[l as usize] as usize]
    }

    /// Where a character is now (`None`: in transit or offstage). The player is where Harry is.
    pub fn place_of(&self, c: CharId) -> Option<LocId> {
        let state = self.state.character_state[c as usize];
        let place = self.scenario.minute_table.place(c as usize, state);
        if c == self.scenario.player || *place == Place::WithHarry {
            // On the way, or carried by the story (riding in a van): at no place.
            return match self.state.activity {
                Activity::Travel { .. } | Activity::Occupied { .. } => None,
                _ => Some(self.state.harry_at),
            };
        }
        match *place {
            Place::At(l) => Some(l),
            _ => None,
        }
    }

    /// The people Harry can see and talk to now.
    pub fn present(&self) -> Vec<CharId> {
        let Some(here) = self.place_of(self.scenario.player) else {
            return Vec::new();
        };
        (0..self.scenario.characters.len() as CharId)
            .filter(|&c| c != self.scenario.player && self.place_of(c) == Some(here))
            .collect()
    }

    pub fn holder(&self, item: ItemId) -> Owner {
        self.state.item_owner[item as usize]
    }
    pub fn believes(&self, c: CharId, f: FactId) -> bool {
        self.state.believes.get(self.fact_bit(f, c))
    }
    /// How many characters other than the player believe the fact.
    pub fn believers(&self, f: FactId) -> usize {
        let player = self.scenario.player;
        (0..self.scenario.characters.len() as CharId)
            .filter(|&c| c != player && self.believes(c, f))
            .count()
    }

    /// An ending's text as this night tells it: its `text`, then each of its `parts` whose
    /// condition holds now (at the end, the state the night ended in), in file order.
    pub fn ending_text(&self, e: EndingId) -> String {
        let ending = &self.scenario.endings[e as usize];
        let mut text = ending.text.trim().to_owned();
        for (cond, part) in &ending.parts {
            if self.eval(cond, None) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(part.trim());
            }
        }
        text
    }

    /// Whether a person or place has a use for a trigger now: a transition of theirs waits for
    /// it from the state they are in. A `give`, an `ask` or a `use` that no state machine
    /// answers would change nothing (but an item's place), so it is neither offered nor
    /// allowed: the list of actions holds only choices that do something.
    pub fn reacts_to(&self, entity: Entity, trigger: Trigger) -> bool {
        let current = self.current_state(entity);
        effect::transitions_in(&self.scenario, entity)
            .iter()
            .any(|t| t.on == Some(trigger) && t.leaves(current))
    }

    /// This character believes a fact the scenario marks as alarming (the missiles): they add
    /// to panic, and for the player it starts the countdown.
    pub fn alarmed(&self, c: CharId) -> bool {
        self.scenario
            .alarming_facts
            .iter()
            .any(|&f| self.believes(c, f))
    }

    pub fn panic(&self, l: LocId) -> u8 {
        self.state.panic[l as usize]
    }

    fn fact_bit(&self, f: FactId, c: CharId) -> usize {
        f as usize * self.scenario.characters.len() + c as usize
    }

    fn emit(&mut self, kind: EventKind, visible: bool) {
        self.pending.push(Event {
            time: self.state.now,
            visible,
            kind,
        });
    }

    /// Advances the clock by `minutes` (stopping early if the night ends).
    pub fn advance(&mut self, minutes: Minute) -> Vec<Event> {
        let until = self.state.now.saturating_add(minutes);
        while !self.is_over() && self.state.now < until {
            let minute = self.tick();
            self.after_minute(minute, until);
        }
        std::mem::take(&mut self.pending)
    }

    /// Advances until Harry can act again or the night is over.
    pub fn run_until_idle(&mut self) -> Vec<Event> {
        while !self.is_over() && self.state.activity != Activity::Idle {
            let minute = self.tick();
            self.after_minute(minute, DAY);
        }
        std::mem::take(&mut self.pending)
    }

    /// How many minutes this night simulated one by one: the quiet stretches it skipped are
    /// not counted (for measuring the analysis).
    pub fn minutes_simulated(&self) -> u64 {
        self.minutes_simulated
    }

    /// Takes the events produced so far (for example at the start of the night).
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.pending)
    }

    /// Does an action now. Its immediate consequences are in the returned events; the time
    /// it takes passes with `advance` or `run_until_idle`.
    pub fn apply(&mut self, action: &Action) -> Result<Vec<Event>, ActionError> {
        self.check(action)?;
        self.emit(EventKind::Acted(action.clone()), true);
        let now = self.state.now;
        let busy = |m: Minute| Activity::Busy {
            until: now.saturating_add(m).min(DAY),
        };
        match action {
            Action::Go { to, mode } => {
                let present_before = self.present();
                let (route, minutes) = self.route_to(*to, *mode).ok_or_else(|| ActionError {
                    message: "no route".into(),
                })?;
                self.state.activity = Activity::Travel {
                    route,
                    to: *to,
                    mode: *mode,
                    depart: now,
                    arrive: now.saturating_add(minutes).min(DAY),
                };
                self.emit(
                    EventKind::Departed {
                        to: *to,
                        mode: *mode,
                        minutes,
                    },
                    true,
                );
                // Leaving is a moment too: the people left behind may react (the van's
                // driver sees Harry jump out) before the journey's first minute.
                let from = self.state.harry_at;
                self.fire_trigger(Entity::Location(from), Trigger::HarryLeaves);
                for c in present_before {
                    self.fire_trigger(Entity::Character(c), Trigger::HarryLeaves);
                }
            }
            Action::Wait { minutes } => self.state.activity = busy(*minutes),
            Action::WaitForSomething => {
                self.state.activity = Activity::WaitForSomething {
                    until: now
                        .saturating_add(action::WAIT_FOR_SOMETHING_LIMIT)
                        .min(DAY),
                }
            }
            Action::Sleep { until } => {
                self.state.activity = Activity::Asleep { until: *until };
                self.emit(EventKind::FellAsleep { until: *until }, true);
            }
            Action::Talk { who, topic } => {
                let line = self
                    .character_state(*who)
                    .talks
                    .iter()
                    .find(|(t, _, _)| t == topic)
                    .map(|(_, line, _)| self.line(line))
                    .unwrap_or_default();
                self.emit(
                    EventKind::Said {
                        who: *who,
                        text: line,
                    },
                    true,
                );
                self.state.activity = busy(minutes::TALK);
                self.fire_trigger(Entity::Character(*who), Trigger::Talked(*topic));
            }
            Action::Tell { who, fact } => {
                let bit = self.fact_bit(*fact, *who);
                self.state.told.set(bit, true);
                self.touch(bucket::fact(*fact));
                self.tell(self.scenario.player, *who, *fact);
                self.state.activity = busy(minutes::TELL);
                self.fire_trigger(Entity::Character(*who), Trigger::Told(*fact));
            }
            Action::TellAll { fact } => {
                // Each listener decides for themselves, in the scenario's order; then each
                // reacts (a doubter may mock, a believer may act), in the same order.
                let listeners = self.listeners(*fact, &self.present());
                for &who in &listeners {
                    let bit = self.fact_bit(*fact, who);
                    self.state.told.set(bit, true);
                    self.touch(bucket::fact(*fact));
                    self.tell(self.scenario.player, who, *fact);
                }
                self.state.activity = busy(minutes::TELL_ALL);
                for who in listeners {
                    self.fire_trigger(Entity::Character(who), Trigger::Told(*fact));
                }
            }
            Action::Ask { who, item } => {
                self.state.activity = busy(minutes::ASK);
                let fired = self.fire_trigger(Entity::Character(*who), Trigger::Asked(*item));
                if !fired {
                    self.emit(
                        EventKind::Refused {
                            who: *who,
                            item: *item,
                        },
                        true,
                    );
                }
            }
            Action::Give { who, item } => {
                self.move_item(*item, Owner::Held(*who));
                self.state.activity = busy(minutes::GIVE);
                self.fire_trigger(Entity::Character(*who), Trigger::Given(*item));
            }
            Action::Take { item } => {
                self.move_item(*item, Owner::Held(self.scenario.player));
                self.state.activity = busy(minutes::TAKE);
            }
            Action::Use { item, on } => {
                self.state.activity = busy(minutes::USE);
                match on {
                    Some(who) => {
                        self.fire_trigger(Entity::Character(*who), Trigger::Used(*item));
                    }
                    None => {
                        let here = self.state.harry_at;
                        self.fire_trigger(Entity::Location(here), Trigger::Used(*item));
                        self.fire_trigger(
                            Entity::Character(self.scenario.player),
                            Trigger::Used(*item),
                        );
                    }
                }
            }
            Action::Call { call } => {
                let def = self.scenario.calls[*call as usize].clone();
                self.state.activity = busy(def.minutes);
                self.emit(EventKind::Called(*call), true);
                self.run_effects(&def.then);
                self.fire_trigger_everywhere(Trigger::Called(*call));
            }
            Action::Dial { number } => {
                self.state.activity = busy(minutes::DIAL);
                self.emit(EventKind::NotInService(number.clone()), true);
            }
            Action::Answer | Action::LetRing => {
                self.state.activity = busy(minutes::ANSWER);
                let trigger = if *action == Action::Answer {
                    Trigger::Answered
                } else {
                    Trigger::LetRing
                };
                self.fire_trigger(Entity::Location(self.state.harry_at), trigger);
            }
        }
        self.check_endings();
        Ok(std::mem::take(&mut self.pending))
    }

    /// A location's own tags and those of its current state.
    pub fn location_has_tag(&self, l: LocId, tag: &str) -> bool {
        self.scenario.locations[l as usize].has_tag(tag)
            || self.location_state(l).tags.iter().any(|t| t == tag)
    }

    /// Harry can use a phone: a place tagged "phone", or a phone in hand.
    pub fn has_phone(&self) -> bool {
        let s = &self.scenario;
        self.location_has_tag(self.state.harry_at, "phone")
            || (0..s.items.len()).any(|i| {
                self.holder(i as ItemId) == Owner::Held(s.player)
                    && s.items[i].tags.iter().any(|t| t == "phone")
            })
    }
}
