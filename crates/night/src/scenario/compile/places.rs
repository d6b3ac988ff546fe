//! Compiling the places: streets, things, topics, locations and the routes between them.

use super::{Compiler, Kind, Names};
use crate::scenario::model::*;
use crate::scenario::raw::*;
use crate::scenario::spanned::Spanned;
use std::collections::HashMap;

impl Compiler<'_> {
    /// The streets, drawn as polylines.
    pub(super) fn streets(&mut self, raw: &ScenarioRaw, origin: (f64, f64)) -> Vec<Street> {
        raw.streets
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
            .collect()
    }

    /// The things to carry.
    pub(super) fn items(raw: &ScenarioRaw) -> Vec<Item> {
        raw.items
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
            .collect()
    }

    /// The things to talk about.
    pub(super) fn topics(raw: &ScenarioRaw) -> Vec<Topic> {
        raw.topics
            .0
            .iter()
            .map(|(id, name)| Topic {
                id: id.text.clone(),
                name: name.clone(),
            })
            .collect()
    }

    /// The places, each a state machine, with the things that lie in them.
    pub(super) fn locations(
        &mut self,
        raw: &ScenarioRaw,
        origin: (f64, f64),
        (start_clock, deadline): (u16, Minute),
        item_placed: &mut [Option<Spanned>],
    ) -> Vec<Location> {
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
                self.place_item(item_placed, i, item);
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
        locations
    }

    /// The ways between places, and each place's routes.
    pub(super) fn routes(
        &mut self,
        raw: &ScenarioRaw,
        places: usize,
    ) -> (Vec<Route>, Vec<Vec<RouteId>>) {
        let mut routes = Vec::new();
        let mut routes_from = vec![Vec::new(); places];
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
        (routes, routes_from)
    }
}
