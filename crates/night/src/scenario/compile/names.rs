//! The scenario's ids: their format, their sizes, each declared once, and every use resolved to
//! an index, with the nearest known id suggested for a misspelt one.

use super::{
    Compiler, Kind, MAX_DRAWS, MAX_PER_KIND, MAX_STATES, Names, known_list, nearest, with_article,
};
use crate::scenario::model::*;
use crate::scenario::raw::*;
use crate::scenario::spanned::{Entries, Spanned};
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn check_id_format(&mut self, id: &Spanned) {
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

    pub(super) fn declare(&mut self, kind: Kind, id: &Spanned) {
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
                let (line, column) = crate::scenario::diagnostic::line_column(self.source, at);
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
    pub(super) fn check_sizes(&mut self, raw: &ScenarioRaw) -> bool {
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

    pub(super) fn declare_entries<T>(&mut self, kind: Kind, entries: &Entries<T>) {
        for (id, _) in &entries.0 {
            self.declare(kind, id);
        }
    }

    pub(super) fn declare_all(&mut self, raw: &ScenarioRaw) {
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

    pub(super) fn state_names<'s>(&mut self, ids: impl Iterator<Item = &'s Spanned>) -> Names {
        let mut names = Names::default();
        let mut first: HashMap<String, usize> = HashMap::new();
        for id in ids {
            self.check_id_format(id);
            if let Some(&at) = first.get(&id.text) {
                let (line, column) = crate::scenario::diagnostic::line_column(self.source, at);
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
    pub(super) fn resolve(&mut self, kind: Kind, at: &Spanned) -> u16 {
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

    pub(super) fn resolve_state(&mut self, owner: Entity, at: &Spanned) -> StateId {
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

    pub(super) fn entity_id(&self, e: Entity) -> String {
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

    pub(super) fn entity(&mut self, at: &Spanned) -> Entity {
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
}
