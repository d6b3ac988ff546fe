//! Validation and resolution: from the file as written ([`super::raw`]) to the dense model
//! ([`super::model`]). Every problem becomes a diagnostic at the text at fault; compilation
//! goes on after an error so that one run reports every fault it can; what still compiles but
//! is not what was written (a rate brought back into range, a flag that does nothing) becomes
//! a warning in the model's lints.

mod header;
mod knowledge;
mod names;
mod people;
mod places;
mod rates;
mod rules;
mod story;

use super::diagnostic::{Diagnostics, Severity};
use super::model::*;
use super::raw::*;
use super::spanned::{Entries, Spanned};
use std::collections::HashMap;

/// Ids of each kind in one scenario (indices are u16, with room to spare).
const MAX_PER_KIND: usize = 10_000;
/// States, and transitions, of one location or character.
const MAX_STATES: usize = 1_000;
/// Keyed draws: night chances, transitions with a chance, and facts × characters.
const MAX_DRAWS: usize = 60_000;

/// The kinds of ids, for messages and for keeping namespaces apart.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    Location,
    Character,
    Street,
    Item,
    Topic,
    Fact,
    Call,
    Event,
    Ending,
    Flag,
    Chance,
    Start,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Location => "location",
            Kind::Character => "character",
            Kind::Street => "street",
            Kind::Item => "item",
            Kind::Topic => "topic",
            Kind::Fact => "fact",
            Kind::Call => "call",
            Kind::Event => "event",
            Kind::Ending => "ending",
            Kind::Flag => "flag",
            Kind::Chance => "chance",
            Kind::Start => "start",
        }
    }
}

/// Known ids of one kind, in file order.
#[derive(Default)]
struct Names {
    order: Vec<String>,
    index: HashMap<String, u16>,
}

struct Compiler<'a> {
    source: &'a str,
    diags: &'a mut Diagnostics,
    names: HashMap<Kind, Names>,
    /// Where each id was first defined, for "first defined here" hints.
    defined_at: HashMap<(Kind, String), usize>,
    /// Draws discovered while compiling transitions.
    draws: Vec<DrawDef>,
    /// States of each location and character, for resolving state references.
    location_states: Vec<Names>,
    character_states: Vec<Names>,
    /// The player character's id.
    player: String,
    /// Where each flag is first read (a `Flag` condition) and first written (`Set`, `Unset`),
    /// by flag index: for the warnings about flags set but never read, or read but never set.
    flag_read_at: HashMap<u16, std::ops::Range<usize>>,
    flag_written_at: HashMap<u16, std::ops::Range<usize>>,
}

/// Where a condition is evaluated, to reject `InStateFor` where no state machine owns it.
#[derive(Clone, Copy, PartialEq)]
enum CondContext {
    Transition,
    Elsewhere,
}

/// `source` must be the very text `raw` was parsed from: spans are found by address.
pub(crate) fn compile(raw: &ScenarioRaw, source: &str, diags: &mut Diagnostics) -> Option<Model> {
    let mut c = Compiler {
        source,
        diags,
        names: HashMap::new(),
        defined_at: HashMap::new(),
        draws: Vec::new(),
        location_states: Vec::new(),
        character_states: Vec::new(),
        player: raw.player.text.clone(),
        flag_read_at: HashMap::new(),
        flag_written_at: HashMap::new(),
    };
    c.check_id_format(&raw.id);
    if !c.check_sizes(raw) {
        // Indices are u16: a scenario beyond the limits is refused before anything is built.
        return None;
    }
    c.declare_all(raw);
    let model = c.build(raw);
    if c.diags.has_errors() {
        None
    } else {
        Some(model)
    }
}

impl<'a> Compiler<'a> {
    fn span(&self, at: &Spanned) -> std::ops::Range<usize> {
        at.span(self.source).unwrap_or(0..0)
    }

    fn error(
        &mut self,
        at: &Spanned,
        message: String,
        expected: Option<String>,
        help: Option<String>,
    ) {
        let span = self.span(at);
        self.diags
            .push(Severity::Error, span, message, expected, help);
    }

    fn time(&mut self, at: &Spanned, start_clock: u16) -> Minute {
        match parse_clock(&at.text) {
            Ok(clock) => ((clock + 1440 - start_clock) % 1440) as Minute,
            Err(help) => {
                self.error(
                    at,
                    format!("invalid time `{}`", at.text),
                    Some("a time \"HH:MM\" from 00:00 to 23:59".into()),
                    help,
                );
                0
            }
        }
    }

    fn probability(&mut self, at: &Spanned, p: f64) -> f64 {
        if !(0.0..=1.0).contains(&p) {
            self.error(
                at,
                format!("probability {p} is out of range"),
                Some("a number from 0.0 to 1.0".into()),
                None,
            );
            return 0.0;
        }
        p
    }

    fn position(
        &mut self,
        at: &Spanned,
        pos: &PosRaw,
        origin: (f64, f64),
    ) -> ((f64, f64), Option<(f64, f64)>) {
        match *pos {
            PosRaw {
                lat: Some(lat),
                lon: Some(lon),
                x: None,
                y: None,
            } => {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    self.error(
                        at,
                        format!("`{}` lies off the globe (lat {lat}, lon {lon})", at.text),
                        Some("latitude -90..90, longitude -180..180".into()),
                        None,
                    );
                }
                (project(origin, lat, lon), Some((lat, lon)))
            }
            PosRaw {
                lat: None,
                lon: None,
                x: Some(x),
                y: Some(y),
            } => {
                if !x.is_finite() || !y.is_finite() || x.abs() > 1e7 || y.abs() > 1e7 {
                    self.error(
                        at,
                        format!("`{}` lies too far away (x {x}, y {y})", at.text),
                        Some("metres from -10000000 to 10000000".into()),
                        None,
                    );
                }
                ((x, y), None)
            }
            _ => {
                self.error(
                    at,
                    format!(
                        "the position of `{}` needs `lat` and `lon`, or `x` and `y`",
                        at.text
                    ),
                    Some("(lat: 34.0631, lon: -118.3623) or (x: 120.0, y: -40.0)".into()),
                    None,
                );
                ((0.0, 0.0), None)
            }
        }
    }

    fn new_draw(&mut self, name: String) -> DrawKey {
        let stream = fnv1a(&name);
        self.draws.push(DrawDef { name, stream });
        (self.draws.len() - 1) as DrawKey
    }

    /// The model, section by section in the file's order (the order of the draws and of
    /// the diagnostics follows it).
    fn build(&mut self, raw: &ScenarioRaw) -> Model {
        let (start_clock, deadline, player, countdown) = self.header(raw);
        let chances = self.night_chances(raw);
        let origin = self.origin(raw);
        self.required_sections(raw);
        let streets = self.streets(raw, origin);
        let items = Self::items(raw);
        let mut item_placed: Vec<Option<Spanned>> = vec![None; items.len()];
        let topics = Self::topics(raw);
        let clock = (start_clock, deadline);
        let locations = self.locations(raw, origin, clock, &mut item_placed);
        let (routes, routes_from) = self.routes(raw, locations.len());
        let characters = self.characters(raw, player, clock, &mut item_placed);
        let facts = self.facts(raw, start_clock);
        let calls = self.calls(raw, start_clock);
        let events = self.events(raw, clock);
        let (endings, ending_order) = self.endings(raw, clock);
        let starts = self.starts(raw, start_clock);
        let belief_draw_base = self.belief_draws(&facts, &characters);
        let mut lints = self.flag_lints(raw);
        let travel = self.travel(raw, &mut lints);
        let panic = self.panic_rules(raw, &mut lints);
        Model {
            id: raw.id.text.clone(),
            source_hash: fnv1a(self.source),
            title: raw.title.clone(),
            intro: raw.intro.clone(),
            start_clock,
            deadline,
            origin,
            player,
            countdown,
            map: self.map_name(raw),
            chances,
            travel,
            panic,
            starts,
            flags: raw.flags.iter().map(|f| f.text.clone()).collect(),
            locations,
            streets,
            routes,
            routes_from,
            items,
            topics,
            facts,
            calls,
            characters,
            events,
            endings,
            ending_order,
            draws: std::mem::take(&mut self.draws),
            belief_draw_base,
            spans: super::spans::SourceSpans::of(raw, self.source),
            lints,
            telling_matters: Vec::new(),
            alarming_facts: Vec::new(),
            clock_marks: Default::default(),
            rule_reads: Default::default(),
            minute_table: Default::default(),
        }
        .finish()
    }

    /// Reports a key written twice in a map that is not a list of definitions (serde maps
    /// would keep the last silently).
    fn unique_keys<T>(&mut self, entries: &Entries<T>, what: &str) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (key, _) in &entries.0 {
            let start = self.span(key).start;
            if let Some(&first) = seen.get(key.text.as_str()) {
                let (line, column) = super::diagnostic::line_column(self.source, first);
                self.error(
                    key,
                    format!("`{}` is written twice", key.text),
                    Some(format!("each {what} once")),
                    Some(format!("the first is at line {line}, column {column}")),
                );
            } else {
                seen.insert(&key.text, start);
            }
        }
    }

    fn place_item(&mut self, placed: &mut [Option<Spanned>], item: ItemId, at: &Spanned) {
        let Some(slot) = placed.get_mut(item as usize) else {
            return;
        };
        if let Some(first) = slot.clone() {
            let (line, column) =
                super::diagnostic::line_column(self.source, self.span(&first).start);
            self.error(
                at,
                format!("item `{}` is already placed elsewhere", at.text),
                Some("each item starts in one place".into()),
                Some(format!(
                    "it is first placed at line {line}, column {column}"
                )),
            );
        } else {
            *slot = Some(at.clone());
        }
    }
}

/// Minutes after midnight of "HH:MM", or a suggestion for what was probably meant.
pub fn parse_clock(text: &str) -> Result<u16, Option<String>> {
    let bytes = text.as_bytes();
    let digits = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
    if bytes.len() == 5 && bytes[2] == b':' && digits(&bytes[..2]) && digits(&bytes[3..]) {
        let h = u16::from(bytes[0] - b'0') * 10 + u16::from(bytes[1] - b'0');
        let m = u16::from(bytes[3] - b'0') * 10 + u16::from(bytes[4] - b'0');
        if h < 24 && m < 60 {
            return Ok(h * 60 + m);
        }
        if h >= 24 {
            return Err(Some(format!(
                "hours run from 00 to 23; {h}:00 is past the end of a day"
            )));
        }
        return Err(Some("minutes run from 00 to 59".into()));
    }
    // Friendly guesses: "4:05" -> "04:05", "4pm" -> "16:00".
    if bytes.len() == 4 && bytes[1] == b':' && digits(&bytes[..1]) && digits(&bytes[2..]) {
        return Err(Some(format!("write two-digit hours: \"0{text}\"")));
    }
    let lower = text.to_ascii_lowercase();
    for (suffix, add) in [("am", 0u16), ("pm", 12)] {
        if let Some(h) = lower
            .strip_suffix(suffix)
            .and_then(|h| h.trim().parse::<u16>().ok())
            && (1..=12).contains(&h)
        {
            return Err(Some(format!(
                "use the 24-hour clock: \"{:02}:00\"",
                h % 12 + add
            )));
        }
    }
    Err(Some(
        "write times as \"HH:MM\", for example \"04:05\"".into(),
    ))
}

/// A stable 64-bit hash of a draw's name (FNV-1a): the same on every platform and build.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The known id closest to `id`, if it is close enough to be a likely typo.
fn nearest(id: &str, known: &[String]) -> Option<String> {
    super::nearest_id(id, known.iter().map(String::as_str)).map(str::to_owned)
}

fn known_list(known: &[String]) -> Option<String> {
    if known.is_empty() {
        return Some("none are defined".into());
    }
    let shown: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
    let more = if known.len() > 8 { ", ..." } else { "" };
    Some(format!("known: {}{more}", shown.join(", ")))
}

/// "a location", "an item", "an ending".
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
