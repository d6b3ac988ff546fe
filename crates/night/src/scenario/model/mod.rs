//! The compiled scenario: every id resolved to a dense index, every time to minutes since the
//! start of the scenario's day. The simulation works on this alone.

mod clock_marks;
mod minute_table;
mod reads;
mod rules;

pub use super::raw::{EndingKind, Mode};
pub use clock_marks::ClockMarks;
pub use minute_table::{LevelCandidate, MinuteTable, NO_STATE};
pub use reads::{Reads, RuleReads, bucket};
pub use rules::*;

pub type LocId = u16;
pub type CharId = u16;
pub type ItemId = u16;
pub type FactId = u16;
pub type TopicId = u16;
pub type CallId = u16;
pub type FlagId = u16;
pub type EventId = u16;
pub type EndingId = u16;
pub type StreetId = u16;
pub type RouteId = u16;
pub type StateId = u16;
/// Index of a keyed random draw (a night chance, a transition's chance, a belief).
pub type DrawKey = u16;
/// Minutes since the start of the scenario's day (0..=1440).
pub type Minute = u16;

/// Minutes in a scenario's day.
pub const DAY: Minute = 1440;

/// A set of travel modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Modes(u8);

impl Modes {
    pub fn of(modes: &[Mode]) -> Self {
        Modes(modes.iter().fold(0, |m, &mode| m | Self::bit(mode)))
    }
    fn bit(mode: Mode) -> u8 {
        1 << (mode as u8)
    }
    pub fn contains(self, mode: Mode) -> bool {
        self.0 & Self::bit(mode) != 0
    }
    pub fn union(self, other: Modes) -> Modes {
        Modes(self.0 | other.0)
    }
}

pub const ALL_MODES: [Mode; 3] = [Mode::Walk, Mode::Run, Mode::Drive];

impl Mode {
    pub fn word(self) -> &'static str {
        match self {
            Mode::Walk => "walk",
            Mode::Run => "run",
            Mode::Drive => "drive",
        }
    }
    pub fn parse(word: &str) -> Option<Mode> {
        ALL_MODES.into_iter().find(|m| m.word() == word)
    }
}

/// Something with a state machine: a place or a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Location(LocId),
    Character(CharId),
}

/// Where a scenario's `countdown` puts the number of minutes.
pub const COUNTDOWN_MINUTES: &str = "{minutes}";
/// The countdown's words when a scenario does not choose its own.
pub const DEFAULT_COUNTDOWN: &str = "{minutes} minutes left";

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub id: String,
    /// FNV-1a of the scenario's text: a night's record names the exact file it was played on.
    pub source_hash: u64,
    pub title: String,
    pub intro: String,
    /// The clock time (minutes after midnight) at which the day starts.
    pub start_clock: u16,
    pub deadline: Minute,
    /// The latitude and longitude of the map's (0, 0): positions are metres east and north
    /// of it (see [`Model::metres_at`]).
    pub origin: (f64, f64),
    pub player: CharId,
    /// The countdown's words, with `{minutes}` where the number goes (see `countdown_words`).
    pub countdown: String,
    /// The name of the city map the window draws the night on (`assets/maps/NAME.city.ron`).
    pub map: Option<String>,
    pub chances: Vec<NightChance>,
    pub travel: Travel,
    pub panic: PanicRules,
    pub starts: Vec<Start>,
    pub flags: Vec<String>,
    pub locations: Vec<Location>,
    pub streets: Vec<Street>,
    pub routes: Vec<Route>,
    /// Routes touching each location.
    pub routes_from: Vec<Vec<RouteId>>,
    pub items: Vec<Item>,
    pub topics: Vec<Topic>,
    pub facts: Vec<Fact>,
    pub calls: Vec<Call>,
    pub characters: Vec<Character>,
    pub events: Vec<EventDef>,
    pub endings: Vec<Ending>,
    /// Endings in the order they are checked: priority, then file order.
    pub ending_order: Vec<EndingId>,
    /// Every keyed draw: its name (`belief:missiles:julie`) and stream number.
    pub draws: Vec<DrawDef>,
    /// The first belief draw; beliefs are laid out fact-major after it.
    pub belief_draw_base: DrawKey,
    /// Where each part was written, for diagnostics about parts.
    pub spans: super::spans::SourceSpans,
    /// Whether telling a character a fact can matter, by `fact * characters + character`: the
    /// fact spreads or alarms, or some condition reads what that character believes or was
    /// told of it (see [`Model::telling_matters`]).
    pub telling_matters: Vec<bool>,
    /// The facts marked `alarming`, for the minute's panic (which asks of each person).
    pub alarming_facts: Vec<FactId>,
    /// When the clock alone can change what a rule says: quiet minutes between are skipped.
    pub clock_marks: ClockMarks,
    /// What each rule reads: the minute looks again only at rules whose reads changed.
    pub rule_reads: RuleReads,
    /// The minute's tables, flat (see [`MinuteTable`]).
    pub minute_table: MinuteTable,
    /// Warnings found while compiling (the scenario plays, but a part of it does nothing).
    pub lints: Vec<Lint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NightChance {
    pub id: String,
    pub probability: f64,
    pub draw: DrawKey,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DrawDef {
    pub name: String,
    pub stream: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Travel {
    /// Metres per minute.
    pub walk: u32,
    pub run: u32,
    pub drive: u32,
    /// Minutes to start and park a car.
    pub drive_start: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PanicRules {
    pub per_believer: u32,
    pub spread_percent: u32,
    pub decay: u32,
    pub drive_slowdown_percent: u32,
    pub block_at: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    pub id: String,
    pub name: String,
    pub description: String,
    pub time: Minute,
    pub at: LocId,
    pub then: Vec<Effect>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub id: String,
    pub name: String,
    /// Metres east and north of the scenario's origin.
    pub x: f64,
    pub y: f64,
    pub lat_lon: Option<(f64, f64)>,
    pub tags: Vec<String>,
    pub description: String,
    pub start: StateId,
    pub states: Vec<LocationState>,
    pub transitions: Vec<Transition>,
    /// For each state, the level transitions (no `on:`) that may leave it, in file order.
    pub level_by_state: Vec<Vec<u16>>,
    pub items: Vec<ItemId>,
}

impl Location {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LocationState {
    pub id: String,
    pub text: String,
    pub ringing: bool,
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Street {
    pub id: String,
    pub name: String,
    pub major: bool,
    /// Metres east and north of the origin.
    pub points: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub a: LocId,
    pub b: LocId,
    pub street: Option<StreetId>,
    pub metres: u32,
    pub modes: Modes,
}

impl Route {
    /// The other end of the route, seen from `from`.
    pub fn other(&self, from: LocId) -> LocId {
        if self.a == from { self.b } else { self.a }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    pub enables: Modes,
    pub usable: bool,
    pub use_on_people: bool,
    pub fixed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub id: String,
    pub name: String,
    pub text: String,
    pub credibility: f64,
    pub from: Vec<(CharId, f64)>,
    pub confirmed: Option<Cond>,
    pub contagious: bool,
    pub alarming: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub id: String,
    pub name: String,
    pub number: Option<String>,
    /// `None`: wherever there is a phone.
    pub when: Option<Cond>,
    pub minutes: u16,
    pub then: Vec<Effect>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Character {
    pub id: String,
    pub name: String,
    pub description: String,
    pub start: StateId,
    pub items: Vec<ItemId>,
    pub states: Vec<CharacterState>,
    pub transitions: Vec<Transition>,
    /// For each state, the level transitions (no `on:`) that may leave it, in file order.
    pub level_by_state: Vec<Vec<u16>>,
    /// Others pass contagious facts to this character.
    pub hears_rumours: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CharacterState {
    pub id: String,
    pub place: Place,
    pub description: String,
    /// Lines by topic, each offered while its condition holds (`Always` when none).
    pub talks: Vec<(TopicId, String, Cond)>,
}

/// Where a character in a given state is.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    At(LocId),
    WithHarry,
    Going {
        from: LocId,
        to: LocId,
        minutes: Minute,
        arrive: StateId,
    },
    Offstage,
}

/// Metres east and north of `origin` (equirectangular, good at city scale).
pub fn project(origin: (f64, f64), lat: f64, lon: f64) -> (f64, f64) {
    const METRES_PER_DEGREE: f64 = 111_320.0;
    let x = (lon - origin.1) * METRES_PER_DEGREE * origin.0.to_radians().cos();
    let y = (lat - origin.0) * METRES_PER_DEGREE;
    (x, y)
}

impl Model {
    /// Where a latitude and longitude is on this scenario's map, in metres east and north of
    /// its origin: for a map drawn from other data (a city's blocks and parks) to line up.
    pub fn metres_at(&self, lat: f64, lon: f64) -> (f64, f64) {
        project(self.origin, lat, lon)
    }

    /// A machine's place in [`Model::machines`]' order (locations first).
    pub fn machine_index(&self, entity: Entity) -> usize {
        match entity {
            Entity::Location(l) => l as usize,
            Entity::Character(c) => self.locations.len() + c as usize,
        }
    }

    /// Every state machine, the locations' first: who it is, its transitions, and for each
    /// of its states the level transitions that may leave it.
    pub fn machines(&self) -> impl Iterator<Item = (Entity, &[Transition], &[Vec<u16>])> {
        let places = self.locations.iter().enumerate().map(|(l, m)| {
            let who = Entity::Location(l as LocId);
            (who, &m.transitions[..], &m.level_by_state[..])
        });
        let people = self.characters.iter().enumerate().map(|(c, m)| {
            let who = Entity::Character(c as CharId);
            (who, &m.transitions[..], &m.level_by_state[..])
        });
        places.chain(people)
    }

    /// Every condition the scenario holds, each with the conditions inside it: transitions,
    /// talk lines, calls, facts' confirmations, events and endings with their parts.
    pub fn visit_conditions(&self, f: &mut impl FnMut(&Cond)) {
        let machines = self
            .locations
            .iter()
            .map(|l| &l.transitions)
            .chain(self.characters.iter().map(|c| &c.transitions));
        for t in machines.flatten() {
            t.when.visit(f);
        }
        for st in self.characters.iter().flat_map(|c| &c.states) {
            st.talks.iter().for_each(|(_, _, when)| when.visit(f));
        }
        self.calls
            .iter()
            .filter_map(|c| c.when.as_ref())
            .for_each(|c| c.visit(f));
        self.facts
            .iter()
            .filter_map(|x| x.confirmed.as_ref())
            .for_each(|c| c.visit(f));
        self.events.iter().for_each(|e| e.when.visit(f));
        for e in &self.endings {
            e.when.visit(f);
            e.parts.iter().for_each(|(c, _)| c.visit(f));
        }
    }

    /// Whether telling `who` the fact can change anything: it spreads (contagious) or raises
    /// panic (alarming), or a condition reads `who`'s belief of it (`Believes`, `Told`,
    /// `Believers`), or `who` has a transition waiting for being told it. Computed once when
    /// the scenario is compiled.
    fn compute_telling_matters(&self) -> Vec<bool> {
        let people = self.characters.len();
        let mut matters: Vec<bool> = self
            .facts
            .iter()
            .flat_map(|f| std::iter::repeat_n(f.contagious || f.alarming, people))
            .collect();
        self.visit_conditions(&mut |c| match *c {
            Cond::Believes(who, fact) | Cond::Told(who, fact) => {
                matters[fact as usize * people + who as usize] = true;
            }
            Cond::Believers(fact, _) => {
                matters[fact as usize * people..(fact as usize + 1) * people].fill(true);
            }
            _ => {}
        });
        for (who, ch) in self.characters.iter().enumerate() {
            for t in &ch.transitions {
                if let Some(Trigger::Told(fact)) = t.on {
                    matters[fact as usize * people + who] = true;
                }
            }
        }
        matters
    }

    /// Fills in what is computed from the whole model once it is built.
    pub(crate) fn finish(mut self) -> Self {
        self.telling_matters = self.compute_telling_matters();
        self.alarming_facts = (0..self.facts.len() as FactId)
            .filter(|&f| self.facts[f as usize].alarming)
            .collect();
        self.clock_marks = ClockMarks::of(&self);
        self.rule_reads = RuleReads::of(&self);
        self.minute_table = MinuteTable::of(&self);
        self
    }

    /// What the transcript calls the player: the first word of their name ("Harry" for
    /// "Harry Washello", "Mara" for "Mara").
    pub fn player_word(&self) -> &str {
        self.characters
            .get(self.player as usize)
            .and_then(|c| c.name.split_whitespace().next())
            .unwrap_or("Harry")
    }

    /// The minute of the day at a clock time (minutes past midnight, as `parse_clock` gives):
    /// the inverse of [`Model::clock`].
    pub fn minute_at(&self, clock: u16) -> Minute {
        ((clock + 1440 - self.start_clock) % 1440) as Minute
    }

    /// The countdown's words for so many minutes left: the scenario's `countdown` with the
    /// number in place of `{minutes}`.
    pub fn countdown_words(&self, minutes: Minute) -> String {
        self.countdown
            .replace(COUNTDOWN_MINUTES, &minutes.to_string())
    }

    /// "HH:MM" of a minute of the day.
    pub fn clock(&self, minute: Minute) -> String {
        let t = (u32::from(self.start_clock) + u32::from(minute)) % 1440;
        format!("{:02}:{:02}", t / 60, t % 60)
    }

    pub fn location_index(&self, id: &str) -> Option<LocId> {
        self.locations
            .iter()
            .position(|l| l.id == id)
            .map(|i| i as LocId)
    }
    pub fn character_index(&self, id: &str) -> Option<CharId> {
        self.characters
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as CharId)
    }
    pub fn item_index(&self, id: &str) -> Option<ItemId> {
        self.items
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as ItemId)
    }
    pub fn fact_index(&self, id: &str) -> Option<FactId> {
        self.facts
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as FactId)
    }
    pub fn topic_index(&self, id: &str) -> Option<TopicId> {
        self.topics
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as TopicId)
    }
    pub fn call_index(&self, id: &str) -> Option<CallId> {
        self.calls
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as CallId)
    }
    pub fn start_index(&self, id: &str) -> Option<usize> {
        self.starts.iter().position(|c| c.id == id)
    }
    pub fn ending_index(&self, id: &str) -> Option<EndingId> {
        self.endings
            .iter()
            .position(|c| c.id == id)
            .map(|i| i as EndingId)
    }
    /// The draw key of a belief of `fact` by `listener`.
    pub fn belief_draw(&self, fact: FactId, listener: CharId) -> DrawKey {
        self.belief_draw_base + fact * self.characters.len() as u16 + listener
    }
}
