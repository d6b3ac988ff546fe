//! The scenario file as written: serde types that mirror the RON format one to one.
//!
//! Nothing here is checked beyond its shape: ids are still strings with spans, times are
//! still "HH:MM" text. [`super::compile`] resolves and validates them. Every struct denies
//! unknown fields so that a typo in a field name is an error, not a silently ignored line.

use super::spanned::{Entries, OneOrMany, Spanned, string_or_struct};
use serde::{Deserialize, Deserializer};

/// An id or reference as written.
pub type Id = Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioRaw {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    /// "HH:MM": the scenario's day runs for 24 hours from here.
    pub start: Id,
    /// "HH:MM": from this minute on, the condition `Deadline` holds (impact, in the film).
    pub deadline: Id,
    /// The open chances of the night, each drawn once per night: id -> probability.
    #[serde(default)]
    pub chances: Entries<f64>,
    /// The character the player controls.
    pub player: Id,
    /// The countdown's words once the player is alarmed, with `{minutes}` where the number goes
    /// (default "{minutes} minutes left").
    #[serde(default)]
    pub countdown: Option<Id>,
    /// The city map the window draws the night on: `assets/maps/<map>.city.ron` (none: the
    /// plain city made from the streets).
    #[serde(default)]
    pub map: Option<Id>,
    #[serde(default)]
    pub origin: Option<PosRaw>,
    #[serde(default)]
    pub travel: TravelRaw,
    #[serde(default)]
    pub panic: PanicRaw,
    /// Ways to begin the night; the first is the default.
    pub starts: Entries<StartRaw>,
    #[serde(default)]
    pub flags: Vec<Id>,
    pub locations: Entries<LocationRaw>,
    #[serde(default)]
    pub streets: Entries<StreetRaw>,
    #[serde(default)]
    pub routes: Vec<RouteRaw>,
    #[serde(default)]
    pub items: Entries<ItemRaw>,
    #[serde(default)]
    pub topics: Entries<String>,
    #[serde(default)]
    pub facts: Entries<FactRaw>,
    #[serde(default)]
    pub calls: Entries<CallRaw>,
    pub characters: Entries<CharacterRaw>,
    #[serde(default)]
    pub events: Entries<EventRaw>,
    pub endings: Entries<EndingRaw>,
}

/// A position: latitude/longitude in degrees, or x/y in metres east/north of the origin.
#[derive(Debug, Deserialize, Clone, Copy, Default)]
#[serde(deny_unknown_fields, rename = "Position")]
pub struct PosRaw {
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub x: Option<f64>,
    pub y: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "Travel")]
pub struct TravelRaw {
    pub walk: u32,
    pub run: u32,
    pub drive: u32,
    pub drive_start: u32,
}

impl Default for TravelRaw {
    fn default() -> Self {
        // Metres per minute: 4.8 km/h walking, twice that running, 35 km/h driving at night.
        TravelRaw {
            walk: 80,
            run: 160,
            drive: 580,
            drive_start: 1,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "Panic")]
pub struct PanicRaw {
    pub per_believer: u32,
    pub spread_percent: u32,
    pub decay: u32,
    pub drive_slowdown_percent: u32,
    pub block_at: u32,
}

impl Default for PanicRaw {
    fn default() -> Self {
        PanicRaw {
            per_believer: 2,
            spread_percent: 20,
            decay: 0,
            drive_slowdown_percent: 8,
            block_at: 80,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Start")]
pub struct StartRaw {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub time: Id,
    pub at: Id,
    #[serde(default)]
    pub then: Vec<EffectRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Location")]
pub struct LocationRaw {
    pub name: String,
    pub at: PosRaw,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub description: String,
    pub start: Option<Id>,
    #[serde(default)]
    pub states: Entries<LocationStateRawEntry>,
    #[serde(default)]
    pub transitions: Vec<TransitionRaw>,
    #[serde(default)]
    pub items: Vec<Id>,
}

/// A location state: a description string, or `(text: "...", ringing: true)`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename = "LocationState")]
pub struct LocationStateRaw {
    #[serde(default)]
    pub text: String,
    /// A phone here is ringing: Harry can answer it or let it ring.
    #[serde(default)]
    pub ringing: bool,
    /// Tags added while in this state (for example "closed").
    #[serde(default)]
    pub tags: Vec<String>,
}

impl From<String> for LocationStateRaw {
    fn from(text: String) -> Self {
        LocationStateRaw {
            text,
            ..Default::default()
        }
    }
}

impl<'de> Deserialize<'de> for LocationStateRawEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_struct(d).map(LocationStateRawEntry)
    }
}

/// Wrapper that lets a location state be written as a bare string.
#[derive(Debug)]
pub struct LocationStateRawEntry(pub LocationStateRaw);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Street")]
pub struct StreetRaw {
    pub name: String,
    /// Major streets are drawn wider.
    #[serde(default)]
    pub major: bool,
    pub points: Vec<PosRaw>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Walk,
    Run,
    Drive,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Route")]
pub struct RouteRaw {
    pub between: (Id, Id),
    pub street: Option<Id>,
    pub metres: u32,
    #[serde(default = "all_modes")]
    pub modes: Vec<Mode>,
}

fn all_modes() -> Vec<Mode> {
    vec![Mode::Walk, Mode::Run, Mode::Drive]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Item")]
pub struct ItemRaw {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Travel modes that holding this item allows (car keys: `[Drive]`).
    #[serde(default)]
    pub enables: Vec<Mode>,
    /// `use ITEM` is offered (it triggers `Used(ITEM)` on the place and on the player).
    #[serde(default)]
    pub usable: bool,
    /// `use ITEM on PERSON` is offered for everyone present.
    #[serde(default)]
    pub use_on_people: bool,
    /// Cannot be picked up where it lies.
    #[serde(default)]
    pub fixed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Fact")]
pub struct FactRaw {
    pub name: String,
    #[serde(default)]
    pub text: String,
    /// Probability that a listener believes it, unless `from` names the teller.
    #[serde(default = "half")]
    pub credibility: f64,
    /// Credibility by teller.
    #[serde(default)]
    pub from: Entries<f64>,
    /// While this holds, every listener believes it.
    pub confirmed: Option<CondRaw>,
    /// Believers pass it on to the people around them.
    #[serde(default = "yes")]
    pub contagious: bool,
    /// Believers raise the panic where they are.
    #[serde(default)]
    pub alarming: bool,
}

fn half() -> f64 {
    0.5
}
fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Call")]
pub struct CallRaw {
    pub name: String,
    pub number: Option<String>,
    /// When this call can be made; by default, where there is a phone (a place tagged
    /// "phone", or an item tagged "phone" in hand).
    pub when: Option<CondRaw>,
    #[serde(default = "two")]
    pub minutes: u32,
    #[serde(default)]
    pub then: Vec<EffectRaw>,
}

fn two() -> u32 {
    2
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Character")]
pub struct CharacterRaw {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub start: Id,
    #[serde(default)]
    pub items: Vec<Id>,
    pub states: Entries<CharacterStateRaw>,
    #[serde(default)]
    pub transitions: Vec<TransitionRaw>,
    /// Others pass contagious facts to this character (false for animals, the deaf, a voice
    /// on a phone). Harry's `tell` and `Tell` effects still reach them.
    #[serde(default = "yes")]
    pub hears_rumours: bool,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename = "With")]
pub enum WithRaw {
    Harry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "CharacterState")]
pub struct CharacterStateRaw {
    pub at: Option<Id>,
    pub with: Option<WithRaw>,
    pub going: Option<GoingRaw>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub talks: Entries<TalkRawEntry>,
}

/// What a character says about a topic: a line, or `(text: "...", when: CONDITION)` for a
/// line that is offered only while the condition holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Talk")]
pub struct TalkRaw {
    pub text: String,
    pub when: Option<CondRaw>,
}

impl From<String> for TalkRaw {
    fn from(text: String) -> Self {
        TalkRaw { text, when: None }
    }
}

/// Wrapper that lets a talk line be written as a bare string.
#[derive(Debug)]
pub struct TalkRawEntry(pub TalkRaw);

impl<'de> Deserialize<'de> for TalkRawEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_struct(d).map(TalkRawEntry)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Going")]
pub struct GoingRaw {
    pub from: Id,
    pub to: Id,
    pub minutes: u32,
    /// The state to enter on arrival.
    pub arrive: Id,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Transition")]
pub struct TransitionRaw {
    /// The states this transition leaves; any state when omitted.
    #[serde(default)]
    pub from: Option<OneOrMany>,
    /// The state it enters; stays put (effects only) when omitted.
    pub to: Option<Id>,
    /// Fire at the moment of this trigger instead of whenever `when` holds.
    pub on: Option<TriggerRaw>,
    pub when: Option<CondRaw>,
    /// Probability that it fires when it could.
    pub chance: Option<f64>,
    #[serde(default)]
    pub then: Vec<EffectRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Trigger")]
pub enum TriggerRaw {
    Told(Id),
    Talked(Id),
    Asked(Id),
    Given(Id),
    Used(Id),
    Called(Id),
    Answered,
    LetRing,
    Event(Id),
    HarryArrives,
    /// The player sets off from here (fired on the place and the people there).
    HarryLeaves,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct EventRaw {
    pub when: CondRaw,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub then: Vec<EffectRaw>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndingKind {
    Escape,
    Loss,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Ending")]
pub struct EndingRaw {
    pub kind: EndingKind,
    pub title: String,
    #[serde(default)]
    pub text: String,
    pub when: CondRaw,
    #[serde(default)]
    pub priority: i32,
    /// Sentences added to `text` when their condition holds at the end, in file order: the
    /// ending tells the night that reached it (where the player is, who is with them).
    #[serde(default)]
    pub parts: Vec<EndingPartRaw>,
}

/// One conditional sentence of an ending's text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Part")]
pub struct EndingPartRaw {
    pub when: CondRaw,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Condition")]
pub enum CondRaw {
    All(Vec<CondRaw>),
    Any(Vec<CondRaw>),
    Not(Box<CondRaw>),
    Always,
    Never,
    Before(Id),
    After(Id),
    Deadline,
    EndOfDay,
    At(Id, Id),
    HarryAt(Id),
    With(Id),
    Here(Id),
    State(Id, Id),
    InStateFor(u32),
    Has(Id),
    Holds(Id, Id),
    Flag(Id),
    Believes(Id, Id),
    Knows(Id),
    Told(Id, Id),
    PanicAtLeast(Id, u32),
    PanicHere(u32),
    /// At least this many characters other than the player believe the fact.
    Believers(Id, u32),
    Chance(Id),
    Happened(Id),
    Sleeping,
    /// The player is on the way somewhere (a `go` not yet arrived).
    Travelling,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Effect")]
pub enum EffectRaw {
    Set(Id),
    Unset(Id),
    Give(Id, Id),
    Take(Id),
    Place(Id, Id),
    SetState(Id, Id),
    Move(Id, Id),
    Tell(Id, Id, Id),
    Believe(Id, Id),
    AddPanic(Id, i32),
    Log(String),
    Say(Id, String),
    End(Id),
    Trigger(Id),
    Sleep(Id),
    /// The player is occupied (riding, held) until this time or a `Wake`; unlike `Sleep`,
    /// nothing is narrated and `Sleeping` does not hold.
    Busy(Id),
    Wake,
    Block(Id),
    Unblock(Id),
}
