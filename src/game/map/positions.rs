//! Where things are on the map at a given moment, between the simulation's whole minutes:
//! The player along their route, people on their way, companions at their side. Map units are metres
//! east and north of the scenario's origin.

use bevy::math::Vec2;
use night::scenario::model::{CharId, LocId, Place, RouteId, Street};
use night::sim::{Activity, Sim};

pub fn location(sim: &Sim, l: LocId) -> Vec2 {
    let loc = &sim.scenario().locations[l as usize];
    Vec2::new(loc.x as f32, loc.y as f32)
}

/// The player's position, `fraction` of the way into the current minute.
pub fn player(sim: &Sim, fraction: f32) -> Vec2 {
    let here = location(sim, sim.harry_at());
    match sim.state().activity {
        Activity::Travel {
            route,
            to,
            depart,
            arrive,
            ..
        } if arrive > depart => {
            let elapsed = (sim.now() - depart) as f32 + fraction;
            let t = (elapsed / (arrive - depart) as f32).clamp(0.0, 1.0);
            let path = route_path(sim, route, sim.harry_at());
            if path.len() < 2 {
                return here.lerp(location(sim, to), t);
            }
            along(&path, t)
        }
        _ => here,
    }
}

/// The way a route goes on the map, from `from` to its other end: along its street where it
/// has one (from the street's point nearest one end to the point nearest the other), else
/// straight.
pub fn route_path(sim: &Sim, route: RouteId, from: LocId) -> Vec<Vec2> {
    let s = sim.scenario();
    let r = &s.routes[route as usize];
    let (a, b) = (location(sim, from), location(sim, r.other(from)));
    let Some(street) = r.street.map(|st| &s.streets[st as usize]) else {
        return vec![a, b];
    };
    let points = street_points(street);
    let (Some(on_a), Some(on_b)) = (nearest_on(&points, a), nearest_on(&points, b)) else {
        return vec![a, b];
    };
    let mut path = vec![a, on_a.1];
    // The street's own corners between the two, in the direction of travel.
    if on_a.0 <= on_b.0 {
        path.extend(points.iter().enumerate().filter_map(|(i, &p)| {
            let at = distance_along(&points, i);
            (at > on_a.0 && at < on_b.0).then_some(p)
        }));
    } else {
        path.extend(points.iter().enumerate().rev().filter_map(|(i, &p)| {
            let at = distance_along(&points, i);
            (at < on_a.0 && at > on_b.0).then_some(p)
        }));
    }
    path.extend([on_b.1, b]);
    path
}

/// How far along a polyline its corner `i` is, in metres.
fn distance_along(points: &[Vec2], i: usize) -> f32 {
    points[..=i].windows(2).map(|w| w[0].distance(w[1])).sum()
}

/// The point of a polyline nearest `p`, with how far along the polyline it is.
fn nearest_on(points: &[Vec2], p: Vec2) -> Option<(f32, Vec2)> {
    let mut walked = 0.0;
    let mut best: Option<(f32, f32, Vec2)> = None;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let ab = b - a;
        let t = ((p - a).dot(ab) / ab.length_squared().max(1e-6)).clamp(0.0, 1.0);
        let on = a + ab * t;
        let d = p.distance(on);
        if best.is_none_or(|(bd, _, _)| d < bd) {
            best = Some((d, walked + ab.length() * t, on));
        }
        walked += ab.length();
    }
    best.map(|(_, at, on)| (at, on))
}

/// A street's points, in metres.
pub fn street_points(street: &Street) -> Vec<Vec2> {
    street
        .points
        .iter()
        .map(|&(x, y)| Vec2::new(x as f32, y as f32))
        .collect()
}

/// A path's length, in metres.
pub fn length(path: &[Vec2]) -> f32 {
    path.windows(2).map(|w| w[0].distance(w[1])).sum()
}

/// The point `t` (0 to 1) of the way along a path.
pub fn along(path: &[Vec2], t: f32) -> Vec2 {
    let total = length(path);
    let mut left = total * t.clamp(0.0, 1.0);
    for pair in path.windows(2) {
        let step = pair[0].distance(pair[1]);
        if left <= step && step > 0.0 {
            return pair[0].lerp(pair[1], left / step);
        }
        left -= step;
    }
    path.last().copied().unwrap_or_default()
}

/// The route a character going from one place to another takes: the first that joins them.
pub fn route_between(sim: &Sim, from: LocId, to: LocId) -> Option<RouteId> {
    let s = sim.scenario();
    s.routes_from
        .get(from as usize)?
        .iter()
        .copied()
        .find(|&r| s.routes[r as usize].other(from) == to)
}

/// A character's position, if they are on the map (not offstage).
pub fn character(sim: &Sim, c: CharId, fraction: f32) -> Option<Vec2> {
    if c == sim.scenario().player {
        return Some(player(sim, fraction));
    }
    let since = sim.state().character_since[c as usize];
    match sim.character_state(c).place {
        Place::At(l) => Some(location(sim, l) + fan_out(sim, c, l)),
        Place::WithHarry => Some(player(sim, fraction) + companion_offset(c)),
        Place::Going {
            from, to, minutes, ..
        } => {
            let t =
                (((sim.now() - since) as f32 + fraction) / minutes.max(1) as f32).clamp(0.0, 1.0);
            Some(match route_between(sim, from, to) {
                Some(route) => along(&route_path(sim, route, from), t),
                None => location(sim, from).lerp(location(sim, to), t),
            })
        }
        Place::Offstage => None,
    }
}

/// People at one place stand in a small ring around it, so that each can be seen.
fn fan_out(sim: &Sim, c: CharId, l: LocId) -> Vec2 {
    let here: Vec<CharId> = (0..sim.scenario().characters.len() as CharId)
        .filter(|&o| o != sim.scenario().player && sim.character_state(o).place == Place::At(l))
        .collect();
    let index = here.iter().position(|&o| o == c).unwrap_or(0);
    let angle = index as f32 / here.len().max(1) as f32 * std::f32::consts::TAU;
    Vec2::from_angle(angle) * RING_METRES
}

fn companion_offset(c: CharId) -> Vec2 {
    Vec2::from_angle(c as f32 * 2.4) * (RING_METRES * 0.6)
}

/// How far from a place's centre its people stand, in metres.
const RING_METRES: f32 = 22.0;
