//! The static city as shapes: the areas, the roads with their lights, and the
//! buildings along the streets. Made once per night (and per reload) from the scenario's
//! streets and places and the city map; deterministic, so every screenshot of a moment is the
//! same.

use super::data::{AreaKind, CityMap};
use super::mesh::Shapes;
use crate::game::map::positions::street_points;
use bevy::prelude::*;
use night::Scenario;

/// Depths of the city's meshes, under the map's markers, names and people (at 0 and above).
/// The city itself is opaque (drawn first, cheaply); its lights and landmarks are blended over
/// it, back to front by these depths.
pub mod depth {
    pub const CITY: f32 = -9.0;
    pub const LIGHT: f32 = -6.0;
    pub const LANDMARK: f32 = -5.0;
}

/// Depths inside the opaque city's mesh, so that roads cover the buildings' edges and
/// windows their roofs whatever order the triangles are drawn in.
mod layer {
    pub const AREA: f32 = 0.0;
    pub const BUILDING: f32 = 0.1;
    pub const WINDOW: f32 = 0.2;
    pub const ROAD: f32 = 0.3;
    pub const ROAD_LINE: f32 = 0.4;
}

/// The lights' own mesh is flat: they are blended in the order made.
const FLAT: f32 = 0.0;

/// The city's colours at night.
mod colour {
    use bevy::prelude::*;
    pub const ROAD: Color = Color::srgb(0.13, 0.13, 0.15);
    pub const ROAD_LINE: Color = Color::srgb(0.55, 0.45, 0.18);
    pub const BUILDING: [Color; 3] = [
        Color::srgb(0.10, 0.11, 0.15),
        Color::srgb(0.12, 0.12, 0.17),
        Color::srgb(0.09, 0.10, 0.13),
    ];
    pub const ROOF_EDGE: Color = Color::srgb(0.16, 0.17, 0.22);
    pub const WINDOW: Color = Color::srgb(0.95, 0.80, 0.45);
    pub const SODIUM: Color = Color::srgba(1.0, 0.62, 0.22, 0.22);
    pub const SODIUM_CORE: Color = Color::srgb(1.0, 0.85, 0.55);
    pub const PARK: Color = Color::srgb(0.06, 0.13, 0.08);
    pub const LAWN: Color = Color::srgb(0.07, 0.15, 0.09);
    pub const TAR: Color = Color::srgb(0.02, 0.02, 0.025);
    pub const LOT: Color = Color::srgb(0.09, 0.09, 0.10);
}

/// A street as the city draws it: its points in metres and its road width.
struct Road {
    points: Vec<Vec2>,
    width: f32,
}

/// The city (areas, buildings, roads) and its lights (drawn over it).
pub struct City {
    pub solid: Shapes,
    pub lights: Shapes,
}

/// Builds the city of `scenario` drawn as `map` says.
pub fn city(scenario: &Scenario, map: &CityMap) -> City {
    let roads: Vec<Road> = scenario
        .streets
        .iter()
        .map(|s| Road {
            points: street_points(s),
            width: map.width_of(s),
        })
        .collect();
    let areas: Vec<(AreaKind, Vec<Vec2>)> = map
        .areas
        .iter()
        .map(|a| {
            let points = a
                .points
                .iter()
                .map(|p| {
                    let (x, y) = scenario.metres_at(p.lat, p.lon);
                    Vec2::new(x as f32, y as f32)
                })
                .collect();
            (a.kind, points)
        })
        .collect();
    let landmarks: Vec<Vec2> = scenario
        .locations
        .iter()
        .filter(|l| map.landmarks.contains_key(&l.id))
        .map(|l| Vec2::new(l.x as f32, l.y as f32))
        .collect();

    // The ground is the clear colour (the night sky's): no shape covers the whole screen,
    // which under software rendering costs a full-screen pass of blending.
    let mut solid = Shapes::default();
    for (kind, points) in &areas {
        let colour = match kind {
            AreaKind::Park => colour::PARK,
            AreaKind::Lawn => colour::LAWN,
            AreaKind::Tar => colour::TAR,
            AreaKind::Lot => colour::LOT,
        };
        solid.polygon(points, layer::AREA, colour);
    }
    buildings(&mut solid, &roads, &areas, &landmarks, map);
    let mut lights = Shapes::default();
    for road in &roads {
        for pair in road.points.windows(2) {
            solid.band(pair[0], pair[1], road.width, layer::ROAD, colour::ROAD);
        }
        for &joint in &road.points {
            solid.disc(joint, road.width / 2.0, layer::ROAD, colour::ROAD);
        }
        if road.width >= 20.0 {
            // A wide boulevard has a painted median.
            for pair in road.points.windows(2) {
                solid.band(pair[0], pair[1], 0.8, layer::ROAD_LINE, colour::ROAD_LINE);
            }
        }
        street_lights(&mut lights, road, map.lamp_spacing);
    }
    City { solid, lights }
}

/// Sodium lamps on alternate sides of the road, every `spacing` metres along it.
fn street_lights(shapes: &mut Shapes, road: &Road, spacing: f32) {
    if spacing <= 0.0 {
        return;
    }
    let mut next = spacing / 2.0;
    let mut walked = 0.0;
    let mut side = 1.0;
    for pair in road.points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = a.distance(b);
        let Some(along) = (b - a).try_normalize() else {
            continue;
        };
        let across = along.perp() * (road.width / 2.0 + 1.5);
        while next <= walked + length {
            let at = a + along * (next - walked) + across * side;
            // Eight sides and no separate bulb: the glow's bright middle is the lamp.
            let bulb = colour::SODIUM_CORE.with_alpha(0.5);
            let fade = colour::SODIUM.with_alpha(0.0);
            shapes.glow_in(8, at, 11.0, FLAT, bulb, fade);
            side = -side;
            next += spacing;
        }
        walked += length;
    }
}

/// A small, fixed pseudo-random number in `0.0..1.0` from two integers (the same on every
/// machine, so that the city is the same everywhere).
pub fn noise(a: u32, b: u32) -> f32 {
    let mut h = a.wrapping_mul(0x9E37_79B9) ^ b.wrapping_mul(0x85EB_CA6B);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xFFFF) as f32 / 65_536.0
}

/// Buildings on both sides of every street, where they fit: not on another road, not in a
/// park or pit, not on a landmark (it has its own drawing), not on each other.
fn buildings(
    shapes: &mut Shapes,
    roads: &[Road],
    areas: &[(AreaKind, Vec<Vec2>)],
    landmarks: &[Vec2],
    map: &CityMap,
) {
    let f = &map.frontage;
    let mut placed: Vec<(Vec2, f32)> = Vec::new();
    for (r, road) in roads.iter().enumerate() {
        let mut count = 0u32;
        for pair in road.points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let Some(along) = (b - a).try_normalize() else {
                continue;
            };
            let length = a.distance(b);
            for side in [1.0f32, -1.0] {
                let mut t = f.gap;
                loop {
                    count += 1;
                    let width = f.width.0 + (f.width.1 - f.width.0) * noise(r as u32, count);
                    let depth_m = f.depth.0 + (f.depth.1 - f.depth.0) * noise(count, r as u32 + 7);
                    if t + width > length - f.gap {
                        break;
                    }
                    let out = road.width / 2.0 + f.setback + depth_m / 2.0;
                    let centre = a + along * (t + width / 2.0) + along.perp() * side * out;
                    let radius = width.max(depth_m) / 2.0;
                    let free = roads.iter().enumerate().all(|(o, other)| {
                        o == r || distance_to(centre, &other.points) > other.width / 2.0 + radius
                    }) && !areas
                        .iter()
                        .any(|(_, poly)| contains(poly, centre) || near_edge(poly, centre, radius))
                        && landmarks
                            .iter()
                            .all(|l| l.distance(centre) > f.clear_around_landmarks + radius)
                        && placed
                            .iter()
                            .all(|(c, r2)| c.distance(centre) > (radius + r2) * 0.8);
                    if free {
                        placed.push((centre, radius));
                        let size = Vec2::new(width, depth_m);
                        let shade = colour::BUILDING[(count % 3) as usize];
                        let angle = along.to_angle();
                        shapes.rect(centre, size, angle, layer::BUILDING, colour::ROOF_EDGE);
                        shapes.rect(centre, size - 3.0, angle, layer::BUILDING + 0.01, shade);
                        windows(shapes, centre, size, angle, count, f.lit_windows);
                    }
                    t += width + f.gap;
                }
            }
        }
    }
}

/// A few lit windows (seen from above: small warm squares on the roof's edge) in a building.
fn windows(shapes: &mut Shapes, centre: Vec2, size: Vec2, angle: f32, seed: u32, lit: u8) {
    let turn = Vec2::from_angle(angle);
    let across = (size.x / 6.0).floor().max(1.0) as u32;
    for k in 0..across {
        if noise(seed, k + 100) * 100.0 >= f32::from(lit) {
            continue;
        }
        let x = -size.x / 2.0 + 3.0 + k as f32 * 6.0;
        for y in [-size.y / 2.0 + 2.5, size.y / 2.0 - 2.5] {
            if noise(seed + k, y.to_bits()) < 0.5 {
                let at = centre + turn.rotate(Vec2::new(x, y));
                shapes.rect(at, Vec2::splat(1.6), angle, layer::WINDOW, colour::WINDOW);
            }
        }
    }
}

/// The distance from `p` to the nearest point of a polyline.
pub fn distance_to(p: Vec2, points: &[Vec2]) -> f32 {
    points
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_squared().max(1e-6)).clamp(0.0, 1.0);
            p.distance(a + ab * t)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Whether `p` is inside the polygon (even-odd rule).
fn contains(polygon: &[Vec2], p: Vec2) -> bool {
    let mut inside = false;
    for i in 0..polygon.len() {
        let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
            inside = !inside;
        }
    }
    inside
}

/// Whether `p` is within `radius` of the polygon's edge.
fn near_edge(polygon: &[Vec2], p: Vec2, radius: f32) -> bool {
    let mut closed = polygon.to_vec();
    closed.extend(polygon.first());
    distance_to(p, &closed) < radius
}
