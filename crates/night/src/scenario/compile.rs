//! Validation and resolution: from the file as written ([`super::raw`]) to the dense model
//! ([`super::model`]). Every problem becomes a diagnostic at the text at fault; compilation
//! goes on after an error so that one run reports every fault it can.

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

    fn check_id_format(&mut self, id: &Spanned) {
        let ok = !id.text.is_empty()
            && id
                .text
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
        if !ok {
            self.error(
                id,
                format!("`{}` is not a valid id", id.text),
                Some("letters, digits, `_` and `-`".into()),
                Some("ids are short names such as \"park_la_brea\"".into()),
            );
        }
    }

    fn declare(&mut self, kind: Kind, id: &Spanned) {
        self.check_id_format(id);
        // Locations and characters share one namespace: State() and SetState() take either.
        let clash_kind = match kind {
            Kind::Location => Some(Kind::Character),
            Kind::Character => Some(Kind::Location),
            _ => None,
        };
        let start = self.span(id).start;
        let names = self.names.entry(kind).or_default();
        let duplicate = names.index.contains_key(&id.text);
        if !duplicate {
            let n = names.order.len() as u16;
            names.order.push(id.text.clone());
            names.index.insert(id.text.clone(), n);
        }
        if duplicate {
            let first = self.defined_at.get(&(kind, id.text.clone())).copied();
            let help = first.map(|at| {
                let (line, column) = super::diagnostic::line_column(self.source, at);
                format!(
                    "the first definition is at line {line}, column {column}; rename or remove one"
                )
            });
            self.error(
                id,
                format!("duplicate {} id `{}`", kind.noun(), id.text),
                Some(format!("{} id not used before", with_article(kind.noun()))),
                help,
            );
            return;
        }
        self.defined_at.insert((kind, id.text.clone()), start);
        if let Some(other) = clash_kind
            && self
                .names
                .get(&other)
                .is_some_and(|n| n.index.contains_key(&id.text))
        {
            self.error(
                id,
                format!("`{}` is already a {} id", id.text, other.noun()),
                Some("locations and characters need different ids".into()),
                None,
            );
        }
    }

    /// Refuses scenarios too large for the dense u16 indices, at the first entry too many.
    fn check_sizes(&mut self, raw: &ScenarioRaw) -> bool {
        let errors_before = self.diags.items.len();
        let limit = |me: &mut Self, what: &str, ids: Vec<&Spanned>, max: usize| {
            if let Some(at) = ids.get(max) {
                me.error(
                    at,
                    format!("too many {what}: {} (at most {max})", ids.len()),
                    Some(format!("at most {max} {what}")),
                    None,
                );
            }
        };
        fn keys<T>(e: &Entries<T>) -> Vec<&Spanned> {
            e.0.iter().map(|(id, _)| id).collect()
        }
        limit(self, "locations", keys(&raw.locations), MAX_PER_KIND);
        limit(self, "characters", keys(&raw.characters), MAX_PER_KIND);
        limit(self, "streets", keys(&raw.streets), MAX_PER_KIND);
        limit(self, "items", keys(&raw.items), MAX_PER_KIND);
        limit(self, "topics", keys(&raw.topics), MAX_PER_KIND);
        limit(self, "facts", keys(&raw.facts), MAX_PER_KIND);
        limit(self, "calls", keys(&raw.calls), MAX_PER_KIND);
        limit(self, "events", keys(&raw.events), MAX_PER_KIND);
        limit(self, "endings", keys(&raw.endings), MAX_PER_KIND);
        limit(self, "chances", keys(&raw.chances), MAX_PER_KIND);
        limit(self, "starts", keys(&raw.starts), MAX_PER_KIND);
        limit(self, "flags", raw.flags.iter().collect(), MAX_PER_KIND);
        let route_ends: Vec<&Spanned> = raw.routes.iter().map(|r| &r.between.0).collect();
        limit(self, "routes", route_ends, MAX_PER_KIND);
        for (_, l) in &raw.locations.0 {
            limit(self, "states in one location", keys(&l.states), MAX_STATES);
        }
        for (_, c) in &raw.characters.0 {
            limit(self, "states in one character", keys(&c.states), MAX_STATES);
        }
        let transitions = raw
            .locations
            .0
            .iter()
            .map(|(id, l)| (id, l.transitions.len()));
        let transitions = transitions.chain(
            raw.characters
                .0
                .iter()
                .map(|(id, c)| (id, c.transitions.len())),
        );
        let mut chance_draws = raw.chances.0.len();
        for (id, n) in transitions.collect::<Vec<_>>() {
            if n > MAX_STATES {
                self.error(
                    id,
                    format!("`{}` has {n} transitions (at most {MAX_STATES})", id.text),
                    Some(format!("at most {MAX_STATES} transitions")),
                    None,
                );
            }
        }
        chance_draws += raw
            .locations
            .0
            .iter()
            .flat_map(|(_, l)| &l.transitions)
            .filter(|t| t.chance.is_some())
            .count();
        chance_draws += raw
            .characters
            .0
            .iter()
            .flat_map(|(_, c)| &c.transitions)
            .filter(|t| t.chance.is_some())
            .count();
        let beliefs = raw.facts.0.len().saturating_mul(raw.characters.0.len());
        if chance_draws.saturating_add(beliefs) > MAX_DRAWS {
            self.error(
                &raw.id,
                format!("the scenario has {chance_draws} chances and {beliefs} beliefs (facts × characters)"),
                Some(format!("at most {MAX_DRAWS} in all")),
                None,
            );
        }
        self.diags.items.len() == errors_before
    }

    fn declare_entries<T>(&mut self, kind: Kind, entries: &Entries<T>) {
        for (id, _) in &entries.0 {
            self.declare(kind, id);
        }
    }

    fn declare_all(&mut self, raw: &ScenarioRaw) {
        self.declare_entries(Kind::Location, &raw.locations);
        self.declare_entries(Kind::Character, &raw.characters);
        self.declare_entries(Kind::Street, &raw.streets);
        self.declare_entries(Kind::Item, &raw.items);
        self.declare_entries(Kind::Topic, &raw.topics);
        self.declare_entries(Kind::Fact, &raw.facts);
        self.declare_entries(Kind::Call, &raw.calls);
        self.declare_entries(Kind::Event, &raw.events);
        self.declare_entries(Kind::Ending, &raw.endings);
        self.declare_entries(Kind::Chance, &raw.chances);
        self.declare_entries(Kind::Start, &raw.starts);
        for flag in &raw.flags {
            self.declare(Kind::Flag, flag);
        }
        for (_, location) in &raw.locations.0 {
            let states = self.state_names(location.states.0.iter().map(|(id, _)| id));
            self.location_states.push(states);
        }
        for (_, character) in &raw.characters.0 {
            let states = self.state_names(character.states.0.iter().map(|(id, _)| id));
            self.character_states.push(states);
        }
    }

    fn state_names<'s>(&mut self, ids: impl Iterator<Item = &'s Spanned>) -> Names {
        let mut names = Names::default();
        let mut first: HashMap<String, usize> = HashMap::new();
        for id in ids {
            self.check_id_format(id);
            if let Some(&at) = first.get(&id.text) {
                let (line, column) = super::diagnostic::line_column(self.source, at);
                self.error(
                    id,
                    format!("duplicate state id `{}`", id.text),
                    Some("a state id not used before in this state machine".into()),
                    Some(format!(
                        "the first definition is at line {line}, column {column}"
                    )),
                );
                continue;
            }
            first.insert(id.text.clone(), self.span(id).start);
            names
                .index
                .insert(id.text.clone(), names.order.len() as u16);
            names.order.push(id.text.clone());
        }
        names
    }

    /// Resolves a reference; on failure records a diagnostic with the nearest known id and
    /// returns 0 (compilation continues to find more errors, but produces no model).
    fn resolve(&mut self, kind: Kind, at: &Spanned) -> u16 {
        if let Some(&i) = self.names.get(&kind).and_then(|n| n.index.get(&at.text)) {
            return i;
        }
        let known: Vec<String> = self
            .names
            .get(&kind)
            .map(|n| n.order.clone())
            .unwrap_or_default();
        let other_kind = [
            Kind::Location,
            Kind::Character,
            Kind::Item,
            Kind::Fact,
            Kind::Topic,
            Kind::Call,
            Kind::Event,
            Kind::Flag,
        ]
        .into_iter()
        .find(|&k| {
            k != kind
                && self
                    .names
                    .get(&k)
                    .is_some_and(|n| n.index.contains_key(&at.text))
        });
        let help = match (nearest(&at.text, &known), other_kind) {
            (Some(near), _) => Some(format!("did you mean `{near}`?")),
            (None, Some(other)) => Some(format!(
                "`{}` is {}, not {}",
                at.text,
                with_article(other.noun()),
                with_article(kind.noun())
            )),
            (None, None) if kind == Kind::Flag => {
                Some("declare it in the scenario's `flags: [...]` list".into())
            }
            (None, None) => known_list(&known),
        };
        self.error(
            at,
            format!("unknown {} `{}`", kind.noun(), at.text),
            Some(format!("{} id", with_article(kind.noun()))),
            help,
        );
        0
    }

    fn resolve_state(&mut self, owner: Entity, at: &Spanned) -> StateId {
        let names = match owner {
            Entity::Location(l) => self.location_states.get(l as usize),
            Entity::Character(c) => self.character_states.get(c as usize),
        };
        let Some(names) = names else { return 0 };
        if let Some(&i) = names.index.get(&at.text) {
            return i;
        }
        let known = names.order.clone();
        let owner_name = self.entity_id(owner);
        let help = nearest(&at.text, &known)
            .map(|n| format!("did you mean `{n}`?"))
            .or_else(|| known_list(&known));
        self.error(
            at,
            format!("`{owner_name}` has no state `{}`", at.text),
            Some(format!("a state of `{owner_name}`")),
            help,
        );
        0
    }

    fn entity_id(&self, e: Entity) -> String {
        let (kind, i) = match e {
            Entity::Location(l) => (Kind::Location, l),
            Entity::Character(c) => (Kind::Character, c),
        };
        self.names
            .get(&kind)
            .and_then(|n| n.order.get(i as usize))
            .cloned()
            .unwrap_or_default()
    }

    fn entity(&mut self, at: &Spanned) -> Entity {
        if let Some(&c) = self
            .names
            .get(&Kind::Character)
            .and_then(|n| n.index.get(&at.text))
        {
            return Entity::Character(c);
        }
        if let Some(&l) = self
            .names
            .get(&Kind::Location)
            .and_then(|n| n.index.get(&at.text))
        {
            return Entity::Location(l);
        }
        let mut known = self
            .names
            .get(&Kind::Character)
            .map(|n| n.order.clone())
            .unwrap_or_default();
        known.extend(
            self.names
                .get(&Kind::Location)
                .map(|n| n.order.clone())
                .unwrap_or_default(),
        );
        let help = nearest(&at.text, &known).map(|n| format!("did you mean `{n}`?"));
        self.error(
            at,
            format!("unknown character or location `{}`", at.text),
            Some("a character or location id".into()),
            help,
        );
        Entity::Character(0)
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

    fn build(&mut self, raw: &ScenarioRaw) -> Model {
        let start_clock = match parse_clock(&raw.start.text) {
            Ok(c) => c,
            Err(help) => {
                self.error(
                    &raw.start,
                    format!("invalid time `{}`", raw.start.text),
                    Some("a time \"HH:MM\" from 00:00 to 23:59".into()),
                    help,
                );
                0
            }
        };
        let deadline = self.time(&raw.deadline, start_clock);
        let player = self.resolve(Kind::Character, &raw.player);
        let countdown = match &raw.countdown {
            Some(words) if !words.text.contains(COUNTDOWN_MINUTES) => {
                self.error(
                    words,
                    format!(
                        "the countdown `{}` does not say how many minutes",
                        words.text
                    ),
                    Some(format!(
                        "words with `{COUNTDOWN_MINUTES}` where the number goes"
                    )),
                    Some(format!("countdown: \"IMPACT IN {COUNTDOWN_MINUTES} MIN\"")),
                );
                DEFAULT_COUNTDOWN.to_owned()
            }
            Some(words) => words.text.clone(),
            None => DEFAULT_COUNTDOWN.to_owned(),
        };

        // Night chances come first among the draws.
        let mut chances = Vec::new();
        for (id, p) in &raw.chances.0 {
            let probability = self.probability(id, *p);
            let draw = self.new_draw(format!("chance:{}", id.text));
            chances.push(NightChance {
                id: id.text.clone(),
                probability,
                draw,
            });
        }

        let origin = match (&raw.origin, raw.locations.0.first()) {
            (
                Some(PosRaw {
                    lat: Some(lat),
                    lon: Some(lon),
                    ..
                }),
                _,
            ) => (*lat, *lon),
            (Some(_), _) => {
                self.error(
                    &raw.id,
                    "the scenario's `origin` must be a latitude and longitude".into(),
                    Some("origin: (lat: 34.0631, lon: -118.3623)".into()),
                    Some("positions in metres (x, y) are already relative to the origin".into()),
                );
                (0.0, 0.0)
            }
            (_, Some((_, first))) => (first.at.lat.unwrap_or(0.0), first.at.lon.unwrap_or(0.0)),
            _ => (0.0, 0.0),
        };

        if raw.starts.0.is_empty() {
            self.error(
                &raw.id,
                "the scenario has no `starts`".into(),
                Some("at least one start: (name: ..., time: \"HH:MM\", at: \"place\")".into()),
                None,
            );
        }
        if raw.endings.0.is_empty() {
            self.error(
                &raw.id,
                "the scenario has no `endings`".into(),
                Some("at least one ending".into()),
                None,
            );
        }
        if raw.locations.0.is_empty() {
            self.error(
                &raw.id,
                "the scenario has no `locations`".into(),
                Some("at least one location".into()),
                None,
            );
        }
        let streets = raw
            .streets
            .0
            .iter()
            .map(|(id, s)| {
                let points = s
                    .points
                    .iter()
                    .map(|p| self.position(id, p, origin).0)
                    .collect();
                if s.points.len() < 2 {
                    self.error(
                        id,
                        format!("street `{}` needs at least two points", id.text),
                        Some("a polyline of two or more positions".into()),
                        None,
                    );
                }
                Street {
                    id: id.text.clone(),
                    name: s.name.clone(),
                    major: s.major,
                    points,
                }
            })
            .collect();

        let items: Vec<Item> = raw
            .items
            .0
            .iter()
            .map(|(id, i)| Item {
                id: id.text.clone(),
                name: i.name.clone(),
                description: i.description.clone(),
                tags: i.tags.clone(),
                enables: Modes::of(&i.enables),
                usable: i.usable,
                use_on_people: i.use_on_people,
                fixed: i.fixed,
            })
            .collect();
        let mut item_placed: Vec<Option<Spanned>> = vec![None; items.len()];

        let topics = raw
            .topics
            .0
            .iter()
            .map(|(id, name)| Topic {
                id: id.text.clone(),
                name: name.clone(),
            })
            .collect();

        let mut locations = Vec::new();
        for (li, (id, l)) in raw.locations.0.iter().enumerate() {
            let owner = Entity::Location(li as LocId);
            let (xy, lat_lon) = self.position(id, &l.at, origin);
            let mut states: Vec<LocationState> = l
                .states
                .0
                .iter()
                .map(|(sid, s)| LocationState {
                    id: sid.text.clone(),
                    text: s.0.text.clone(),
                    ringing: s.0.ringing,
                    tags: s.0.tags.clone(),
                })
                .collect();
            if states.is_empty() {
                // A place without a state machine has one implicit state.
                states.push(LocationState {
                    id: "default".into(),
                    text: l.description.clone(),
                    ringing: false,
                    tags: vec![],
                });
                self.location_states[li] = Names {
                    order: vec!["default".into()],
                    index: HashMap::from([("default".into(), 0)]),
                };
            }
            let start = match &l.start {
                Some(s) => self.resolve_state(owner, s),
                None if l.states.0.len() > 1 => {
                    self.error(
                        id,
                        format!("location `{}` has several states but no `start`", id.text),
                        Some("start: \"<state id>\"".into()),
                        None,
                    );
                    0
                }
                None => 0,
            };
            let transitions: Vec<Transition> = l
                .transitions
                .iter()
                .enumerate()
                .map(|(n, t)| self.transition(owner, id, n, t, start_clock, deadline))
                .collect();
            let mut location_items = Vec::new();
            for item in &l.items {
                let i = self.resolve(Kind::Item, item);
                self.place_item(&mut item_placed, i, item);
                location_items.push(i);
            }
            let level_by_state = level_by_state(&transitions, states.len());
            locations.push(Location {
                id: id.text.clone(),
                name: l.name.clone(),
                x: xy.0,
                y: xy.1,
                lat_lon,
                tags: l.tags.clone(),
                description: l.description.clone(),
                start,
                states,
                transitions,
                level_by_state,
                items: location_items,
            });
        }

        let mut routes = Vec::new();
        let mut routes_from = vec![Vec::new(); locations.len()];
        for r in &raw.routes {
            let a = self.resolve(Kind::Location, &r.between.0);
            let b = self.resolve(Kind::Location, &r.between.1);
            if r.between.0.text == r.between.1.text {
                self.error(
                    &r.between.1,
                    format!("route from `{}` to itself", r.between.0.text),
                    Some("two different locations".into()),
                    None,
                );
            }
            let street = r.street.as_ref().map(|s| self.resolve(Kind::Street, s));
            if r.metres == 0 || r.metres > 1_000_000 {
                self.error(
                    &r.between.0,
                    format!(
                        "route `{}`–`{}` has length {} m",
                        r.between.0.text, r.between.1.text, r.metres
                    ),
                    Some("metres from 1 to 1000000".into()),
                    None,
                );
            }
            if r.modes.is_empty() {
                self.error(
                    &r.between.0,
                    "a route with no travel modes".into(),
                    Some("modes: [Walk, Run, Drive]".into()),
                    None,
                );
            }
            let id = routes.len() as RouteId;
            if (a as usize) < routes_from.len() && (b as usize) < routes_from.len() {
                routes_from[a as usize].push(id);
                routes_from[b as usize].push(id);
            }
            routes.push(Route {
                a,
                b,
                street,
                metres: r.metres.clamp(1, 1_000_000),
                modes: Modes::of(&r.modes),
            });
        }

        let mut characters = Vec::new();
        for (ci, (id, ch)) in raw.characters.0.iter().enumerate() {
            let owner = Entity::Character(ci as CharId);
            let mut states = Vec::new();
            for (sid, s) in &ch.states.0 {
                let place = match (&s.at, &s.with, &s.going) {
                    (None, None, None) => Place::Offstage,
                    (Some(at), None, None) => Place::At(self.resolve(Kind::Location, at)),
                    (None, Some(WithRaw::Harry), None) => Place::WithHarry,
                    (None, None, Some(g)) => {
                        let from = self.resolve(Kind::Location, &g.from);
                        let to = self.resolve(Kind::Location, &g.to);
                        let arrive = self.resolve_state(owner, &g.arrive);
                        if g.minutes == 0 || g.minutes > u32::from(DAY) {
                            self.error(
                                &g.to,
                                format!("a journey of {} minutes", g.minutes),
                                Some("minutes from 1 to 1440".into()),
                                None,
                            );
                        }
                        Place::Going {
                            from,
                            to,
                            minutes: g.minutes.clamp(1, u32::from(DAY)) as Minute,
                            arrive,
                        }
                    }
                    _ => {
                        self.error(
                            sid,
                            format!(
                                "state `{}` has more than one of `at`, `with` and `going`",
                                sid.text
                            ),
                            Some("one place per state".into()),
                            None,
                        );
                        Place::Offstage
                    }
                };
                if ci as CharId == player && raw.player.text == id.text && place != Place::Offstage
                {
                    self.error(
                        sid,
                        format!("the player's state `{}` cannot have a place", sid.text),
                        Some(
                            "no `at`, `with` or `going`: the player's place is moved by actions"
                                .into(),
                        ),
                        None,
                    );
                }
                self.unique_keys(&s.talks, "topic in these `talks`");
                let talks = s
                    .talks
                    .0
                    .iter()
                    .map(|(topic, line)| {
                        let when = match &line.0.when {
                            Some(c) => self.cond(c, topic, CondContext::Elsewhere, start_clock),
                            None => Cond::Always,
                        };
                        (self.resolve(Kind::Topic, topic), line.0.text.clone(), when)
                    })
                    .collect();
                states.push(CharacterState {
                    id: sid.text.clone(),
                    place,
                    description: s.description.clone(),
                    talks,
                });
            }
            if states.is_empty() {
                self.error(
                    id,
                    format!("character `{}` has no states", id.text),
                    Some("states: { \"some_state\": (at: \"place\") }".into()),
                    None,
                );
            }
            let start = self.resolve_state(owner, &ch.start);
            let mut character_items = Vec::new();
            for item in &ch.items {
                let i = self.resolve(Kind::Item, item);
                self.place_item(&mut item_placed, i, item);
                character_items.push(i);
            }
            let transitions: Vec<Transition> = ch
                .transitions
                .iter()
                .enumerate()
                .map(|(n, t)| self.transition(owner, id, n, t, start_clock, deadline))
                .collect();
            let level_by_state = level_by_state(&transitions, states.len());
            characters.push(Character {
                id: id.text.clone(),
                name: ch.name.clone(),
                description: ch.description.clone(),
                start,
                items: character_items,
                states,
                transitions,
                level_by_state,
                hears_rumours: ch.hears_rumours,
            });
        }

        for (_, f) in &raw.facts.0 {
            self.unique_keys(&f.from, "teller in this `from`");
        }
        let facts = raw
            .facts
            .0
            .iter()
            .map(|(id, f)| Fact {
                id: id.text.clone(),
                name: f.name.clone(),
                text: f.text.clone(),
                credibility: self.probability(id, f.credibility),
                from: f
                    .from
                    .0
                    .iter()
                    .map(|(who, p)| {
                        (
                            self.resolve(Kind::Character, who),
                            self.probability(who, *p),
                        )
                    })
                    .collect(),
                confirmed: f
                    .confirmed
                    .as_ref()
                    .map(|c| self.cond(c, id, CondContext::Elsewhere, start_clock)),
                contagious: f.contagious,
                alarming: f.alarming,
            })
            .collect::<Vec<_>>();

        let calls = raw
            .calls
            .0
            .iter()
            .map(|(id, c)| {
                if c.minutes == 0 || c.minutes > 600 {
                    self.error(
                        id,
                        format!("call `{}` lasts {} minutes", id.text, c.minutes),
                        Some("minutes from 1 to 600".into()),
                        None,
                    );
                }
                Call {
                    id: id.text.clone(),
                    name: c.name.clone(),
                    number: c.number.clone(),
                    when: c
                        .when
                        .as_ref()
                        .map(|w| self.cond(w, id, CondContext::Elsewhere, start_clock)),
                    minutes: c.minutes.clamp(1, 600) as u16,
                    then: self.effects(&c.then, start_clock),
                }
            })
            .collect();

        let events = raw
            .events
            .0
            .iter()
            .map(|(id, e)| {
                let when = self.cond(&e.when, id, CondContext::Elsewhere, start_clock);
                EventDef {
                    id: id.text.clone(),
                    not_before: when.not_before(deadline),
                    when,
                    text: e.text.clone(),
                    then: self.effects(&e.then, start_clock),
                }
            })
            .collect();

        let endings: Vec<Ending> = raw
            .endings
            .0
            .iter()
            .map(|(id, e)| {
                let when = self.cond(&e.when, id, CondContext::Elsewhere, start_clock);
                let parts = e
                    .parts
                    .iter()
                    .map(|part| {
                        let cond = self.cond(&part.when, id, CondContext::Elsewhere, start_clock);
                        (cond, part.text.clone())
                    })
                    .collect();
                Ending {
                    id: id.text.clone(),
                    kind: e.kind,
                    title: e.title.clone(),
                    text: e.text.clone(),
                    not_before: when.not_before(deadline),
                    when,
                    priority: e.priority,
                    parts,
                }
            })
            .collect();
        let mut ending_order: Vec<EndingId> = (0..endings.len() as EndingId).collect();
        ending_order.sort_by_key(|&e| std::cmp::Reverse(endings[e as usize].priority));

        let starts = raw
            .starts
            .0
            .iter()
            .map(|(id, s)| Start {
                id: id.text.clone(),
                name: s.name.clone(),
                description: s.description.clone(),
                time: self.time(&s.time, start_clock),
                at: self.resolve(Kind::Location, &s.at),
                then: self.effects(&s.then, start_clock),
            })
            .collect();

        // Belief draws: one stream per (fact, listener), laid out fact-major.
        let belief_draw_base = self.draws.len() as DrawKey;
        for f in &facts {
            for ch in &characters {
                self.new_draw(format!("belief:{}:{}", f.id, ch.id));
            }
        }
        Model {
            id: raw.id.text.clone(),
            source_hash: fnv1a(self.source),
            title: raw.title.clone(),
            intro: raw.intro.clone(),
            start_clock,
            deadline,
            player,
            countdown,
            chances,
            travel: Travel {
                walk: raw.travel.walk.max(1),
                run: raw.travel.run.max(1),
                drive: raw.travel.drive.max(1),
                drive_start: raw.travel.drive_start.min(u32::from(DAY)),
            },
            panic: PanicRules {
                per_believer: raw.panic.per_believer.min(100),
                spread_percent: raw.panic.spread_percent.min(100),
                decay: raw.panic.decay.min(100),
                drive_slowdown_percent: raw.panic.drive_slowdown_percent.min(1000),
                block_at: raw.panic.block_at.min(101),
            },
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
            lints: self.flag_lints(raw),
            telling_matters: Vec::new(),
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

    fn transition(
        &mut self,
        owner: Entity,
        owner_id: &Spanned,
        n: usize,
        t: &TransitionRaw,
        start_clock: u16,
        deadline: Minute,
    ) -> Transition {
        let from: Vec<StateId> = t
            .from
            .iter()
            .flat_map(|f| f.0.iter())
            .map(|s| self.resolve_state(owner, s))
            .collect();
        let to = t.to.as_ref().map(|s| self.resolve_state(owner, s));
        let on = t.on.as_ref().map(|trigger| self.trigger(trigger));
        if on.is_none() && to.is_none() {
            let at = t
                .from
                .as_ref()
                .and_then(|f| f.0.first())
                .unwrap_or(owner_id);
            self.error(
                at,
                format!(
                    "transition {} of `{}` would fire every minute",
                    n + 1,
                    owner_id.text
                ),
                Some("a `to` state, or an `on:` trigger".into()),
                Some("without `on:`, a transition fires whenever `when` holds".into()),
            );
        }
        if let (None, Some(to_id), [only]) = (&on, &t.to, from.as_slice())
            && Some(*only) == to
        {
            self.error(
                to_id,
                format!(
                    "transition {} of `{}` never fires: it enters the state it leaves",
                    n + 1,
                    owner_id.text
                ),
                Some("a `to` state different from `from`, or an `on:` trigger".into()),
                Some("without `on:`, a transition into the current state is skipped".into()),
            );
        }
        let when = t.when.as_ref().map_or(Cond::Always, |w| {
            self.cond(w, owner_id, CondContext::Transition, start_clock)
        });
        let chance = t.chance.map(|p| {
            let p = self.probability(owner_id, p);
            let key = self.new_draw(format!("transition:{}:{}", owner_id.text, n + 1));
            (p, key)
        });
        Transition {
            from,
            to,
            on,
            not_before: when.not_before(deadline),
            when,
            chance,
            then: self.effects(&t.then, start_clock),
        }
    }

    fn trigger(&mut self, t: &TriggerRaw) -> Trigger {
        match t {
            TriggerRaw::Told(f) => Trigger::Told(self.resolve(Kind::Fact, f)),
            TriggerRaw::Talked(topic) => Trigger::Talked(self.resolve(Kind::Topic, topic)),
            TriggerRaw::Asked(i) => Trigger::Asked(self.resolve(Kind::Item, i)),
            TriggerRaw::Given(i) => Trigger::Given(self.resolve(Kind::Item, i)),
            TriggerRaw::Used(i) => Trigger::Used(self.resolve(Kind::Item, i)),
            TriggerRaw::Called(c) => Trigger::Called(self.resolve(Kind::Call, c)),
            TriggerRaw::Answered => Trigger::Answered,
            TriggerRaw::LetRing => Trigger::LetRing,
            TriggerRaw::Event(e) => Trigger::Event(self.resolve(Kind::Event, e)),
            TriggerRaw::HarryArrives => Trigger::HarryArrives,
            TriggerRaw::HarryLeaves => Trigger::HarryLeaves,
        }
    }

    fn cond(&mut self, c: &CondRaw, ctx_id: &Spanned, ctx: CondContext, start_clock: u16) -> Cond {
        let sub = |me: &mut Self, c: &CondRaw| me.cond(c, ctx_id, ctx, start_clock);
        match c {
            CondRaw::All(cs) => Cond::All(cs.iter().map(|c| sub(self, c)).collect()),
            CondRaw::Any(cs) => Cond::Any(cs.iter().map(|c| sub(self, c)).collect()),
            CondRaw::Not(c) => Cond::Not(Box::new(sub(self, c))),
            CondRaw::Always => Cond::Always,
            CondRaw::Never => Cond::Never,
            CondRaw::Before(t) => Cond::Before(self.time(t, start_clock)),
            CondRaw::After(t) => Cond::After(self.time(t, start_clock)),
            CondRaw::Deadline => Cond::Deadline,
            CondRaw::EndOfDay => Cond::EndOfDay,
            CondRaw::At(who, place) => Cond::At(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Location, place),
            ),
            CondRaw::HarryAt(place) => {
                Cond::At(self.player_id(), self.resolve(Kind::Location, place))
            }
            CondRaw::With(who) => Cond::With(self.resolve(Kind::Character, who)),
            CondRaw::Here(who) => {
                if who.text == self.player {
                    self.error(
                        who,
                        "`Here` of the player is always true".into(),
                        Some("someone other than the player".into()),
                        Some("to test where the player is, use `HarryAt(\"place\")`".into()),
                    );
                }
                Cond::Here(self.resolve(Kind::Character, who))
            }
            CondRaw::State(who, state) => {
                let e = self.entity(who);
                Cond::State(e, self.resolve_state(e, state))
            }
            CondRaw::InStateFor(m) => {
                if ctx != CondContext::Transition {
                    self.error(
                        ctx_id,
                        "`InStateFor` is used outside a transition".into(),
                        Some(
                            "`InStateFor` only inside a location's or character's transitions"
                                .into(),
                        ),
                        Some("use `State(...)` with `After(...)` here".into()),
                    );
                }
                Cond::InStateFor((*m).min(u32::from(DAY)) as Minute)
            }
            CondRaw::Has(item) => Cond::Holds(self.player_id(), self.resolve(Kind::Item, item)),
            CondRaw::Holds(who, item) => Cond::Holds(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Item, item),
            ),
            CondRaw::Flag(f) => {
                let flag = self.resolve(Kind::Flag, f);
                let span = self.span(f);
                self.flag_read_at.entry(flag).or_insert(span);
                Cond::Flag(flag)
            }
            CondRaw::Believes(who, fact) => Cond::Believes(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Fact, fact),
            ),
            CondRaw::Knows(fact) => {
                Cond::Believes(self.player_id(), self.resolve(Kind::Fact, fact))
            }
            CondRaw::Told(who, fact) => Cond::Told(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Fact, fact),
            ),
            CondRaw::PanicAtLeast(place, n) => {
                Cond::PanicAtLeast(self.resolve(Kind::Location, place), (*n).min(255) as u8)
            }
            CondRaw::PanicHere(n) => Cond::PanicHere((*n).min(255) as u8),
            CondRaw::Believers(fact, n) => Cond::Believers(
                self.resolve(Kind::Fact, fact),
                (*n).min(u32::from(u16::MAX)) as u16,
            ),
            CondRaw::Chance(c) => Cond::Chance(self.resolve(Kind::Chance, c)),
            CondRaw::Happened(e) => Cond::Happened(self.resolve(Kind::Event, e)),
            CondRaw::Sleeping => Cond::Sleeping,
            CondRaw::Travelling => Cond::Travelling,
        }
    }

    /// Resolves a flag that an effect writes, noting where it is first written.
    fn written_flag(&mut self, f: &Spanned) -> FlagId {
        let flag = self.resolve(Kind::Flag, f);
        let span = self.span(f);
        self.flag_written_at.entry(flag).or_insert(span);
        flag
    }

    /// Warnings for flags that do nothing: written but never read by any condition (a choice
    /// that matters to nothing), or read but never written (a condition that can never change).
    fn flag_lints(&self, raw: &ScenarioRaw) -> Vec<Lint> {
        let mut lints = Vec::new();
        for (i, declared) in raw.flags.iter().enumerate() {
            let flag = i as u16;
            let (read, written) = (
                self.flag_read_at.get(&flag),
                self.flag_written_at.get(&flag),
            );
            let lint = match (read, written) {
                (None, Some(at)) => Lint {
                    span: at.clone(),
                    message: format!("flag `{}` is set but never read", declared.text),
                    help: Some(
                        "no condition says `Flag(...)` of it: read it where it should matter, or drop it"
                            .into(),
                    ),
                },
                (Some(at), None) => Lint {
                    span: at.clone(),
                    message: format!("flag `{}` is read but never set", declared.text),
                    help: Some(
                        "no effect says `Set(...)` of it, so this condition never changes".into(),
                    ),
                },
                (None, None) => Lint {
                    span: self.span(declared),
                    message: format!("flag `{}` is declared but never used", declared.text),
                    help: Some("remove it from `flags: [...]`".into()),
                },
                (Some(_), Some(_)) => continue,
            };
            lints.push(lint);
        }
        lints
    }

    fn player_id(&self) -> CharId {
        self.names
            .get(&Kind::Character)
            .and_then(|n| n.index.get(self.player_name()))
            .copied()
            .unwrap_or(0)
    }

    fn player_name(&self) -> &str {
        &self.player
    }

    fn effects(&mut self, effects: &[EffectRaw], start_clock: u16) -> Vec<Effect> {
        effects
            .iter()
            .map(|e| self.effect(e, start_clock))
            .collect()
    }

    fn effect(&mut self, e: &EffectRaw, start_clock: u16) -> Effect {
        match e {
            EffectRaw::Set(f) => Effect::Set(self.written_flag(f)),
            EffectRaw::Unset(f) => Effect::Unset(self.written_flag(f)),
            EffectRaw::Give(who, item) => Effect::Give(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Item, item),
            ),
            EffectRaw::Take(item) => Effect::Take(self.resolve(Kind::Item, item)),
            EffectRaw::Place(item, place) => Effect::Place(
                self.resolve(Kind::Item, item),
                self.resolve(Kind::Location, place),
            ),
            EffectRaw::SetState(who, state) => {
                let entity = self.entity(who);
                Effect::SetState(entity, self.resolve_state(entity, state))
            }
            EffectRaw::Move(who, place) => {
                self.resolve(Kind::Character, who);
                if who.text != self.player_name()
                    && self
                        .names
                        .get(&Kind::Character)
                        .is_some_and(|n| n.index.contains_key(&who.text))
                {
                    self.error(
                        who,
                        format!("`Move` applies to the player, not `{}`", who.text),
                        Some(format!("\"{}\"", self.player_name())),
                        Some(
                            "move other characters with `SetState` to a state at the place".into(),
                        ),
                    );
                }
                Effect::Move(self.resolve(Kind::Location, place))
            }
            EffectRaw::Tell(from, to, fact) => Effect::Tell(
                self.resolve(Kind::Character, from),
                self.resolve(Kind::Character, to),
                self.resolve(Kind::Fact, fact),
            ),
            EffectRaw::Believe(who, fact) => Effect::Believe(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Fact, fact),
            ),
            EffectRaw::AddPanic(place, n) => {
                Effect::AddPanic(self.resolve(Kind::Location, place), (*n).clamp(-255, 255))
            }
            EffectRaw::Log(text) => Effect::Log(text.clone()),
            EffectRaw::Say(who, text) => {
                Effect::Say(self.resolve(Kind::Character, who), text.clone())
            }
            EffectRaw::End(ending) => Effect::End(self.resolve(Kind::Ending, ending)),
            EffectRaw::Trigger(event) => Effect::Trigger(self.resolve(Kind::Event, event)),
            EffectRaw::Sleep(t) => Effect::Sleep(self.time(t, start_clock)),
            EffectRaw::Busy(t) => Effect::Busy(self.time(t, start_clock)),
            EffectRaw::Wake => Effect::Wake,
            EffectRaw::Block(s) => Effect::Block(self.resolve(Kind::Street, s)),
            EffectRaw::Unblock(s) => Effect::Unblock(self.resolve(Kind::Street, s)),
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

/// Metres east and north of `origin` (equirectangular, good at city scale).
fn project(origin: (f64, f64), lat: f64, lon: f64) -> (f64, f64) {
    const METRES_PER_DEGREE: f64 = 111_320.0;
    let x = (lon - origin.1) * METRES_PER_DEGREE * origin.0.to_radians().cos();
    let y = (lat - origin.0) * METRES_PER_DEGREE;
    (x, y)
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
