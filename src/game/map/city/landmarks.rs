//! Each landmark's drawing from the city map: its parts as shapes at its place, each shown
//! while the place is in the states the part names (Johnie's sign lit while it is open).

use super::build::depth;
use super::data::{CityMap, Part, Shape, colour};
use super::mesh::Shapes;
use bevy::prelude::*;
use night::Scenario;
use night::scenario::model::{LocId, StateId};

/// A part of a landmark's drawing, shown only in some of its place's states (none: always).
#[derive(Component)]
pub struct LandmarkPart {
    pub place: LocId,
    pub states: Vec<StateId>,
    /// The place's state before the night begins.
    pub first_state: StateId,
    /// Seconds between two flashes (0: steady).
    pub blink: f32,
}

/// A part as shapes around its place, or `None` if its colour cannot be read (the loader
/// has already refused such a map).
pub(super) fn shapes_of(part: &Part, z: f32) -> Option<Shapes> {
    let colour = colour(&part.colour).ok()?;
    let mut shapes = Shapes::default();
    let at = Vec2::new(part.at.0, part.at.1);
    let angle = part.angle.to_radians();
    match &part.shape {
        Shape::Rect(w, h) => shapes.rect(at, Vec2::new(*w, *h), angle, z, colour),
        Shape::Disc(r) => shapes.disc(at, *r, z, colour),
        Shape::Ring(r, w) => shapes.ring(at, *r, *w, z, colour),
        Shape::Glow(r) => shapes.glow(at, *r, z, colour, colour.with_alpha(0.0)),
        Shape::Polygon(corners) => {
            let turn = Vec2::from_angle(angle);
            let corners: Vec<Vec2> = corners
                .iter()
                .map(|&(x, y)| at + turn.rotate(Vec2::new(x, y)))
                .collect();
            shapes.polygon(&corners, z, colour);
        }
    }
    Some(shapes)
}

/// The landmarks' parts as entities (`piece` marks them for despawning with the city). A
/// landmark of a place the scenario does not have, or a state it does not know, is reported
/// and left out.
pub fn spawn(
    commands: &mut Commands,
    scenario: &Scenario,
    map: &CityMap,
    meshes: &mut Assets<Mesh>,
    material: &Handle<ColorMaterial>,
    piece: impl Component + Clone,
) {
    for (id, landmark) in &map.landmarks {
        let Some(place) = scenario.location_index(id) else {
            warn!("city map: a landmark for `{id}`, which is not a place of this scenario");
            continue;
        };
        let location = &scenario.locations[place as usize];
        let origin = Vec2::new(location.x as f32, location.y as f32);
        for (k, part) in landmark.parts.iter().enumerate() {
            let states: Vec<StateId> = part
                .states
                .iter()
                .filter_map(|name| {
                    let found = location.states.iter().position(|s| &s.id == name);
                    if found.is_none() {
                        warn!("city map: `{id}` has no state `{name}`");
                    }
                    found.map(|i| i as StateId)
                })
                .collect();
            // Later parts over earlier ones.
            let Some(shapes) = shapes_of(part, 0.0) else {
                continue;
            };
            commands.spawn((
                Name::new(format!("Landmark {id} part {k}")),
                piece.clone(),
                LandmarkPart {
                    place,
                    states,
                    first_state: location.start,
                    blink: part.blink,
                },
                Mesh2d(meshes.add(shapes.into_mesh())),
                MeshMaterial2d(material.clone()),
                Transform::from_translation(origin.extend(depth::LANDMARK + k as f32 * 0.01)),
            ));
        }
    }
}

/// Shows each part while its place is in one of its states.
/// Before a night (behind the title), each place is in its first state.
pub fn follow_states(
    night: Option<Res<crate::game::night::GameSession>>,
    time: Res<Time>,
    mut parts: Query<(&LandmarkPart, &mut Visibility)>,
) {
    let now = time.elapsed_secs();
    for (part, mut visibility) in &mut parts {
        // A part of another scenario's city (the scenario was just replaced, and its own
        // city is still being read) is hidden, not looked up.
        let state = match &night {
            Some(night) => night
                .sim()
                .state()
                .location_state
                .get(part.place as usize)
                .copied(),
            None => Some(part.first_state),
        };
        let Some(state) = state else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        let in_state = part.states.is_empty() || part.states.contains(&state);
        // On for the first half of each period.
        let lit = part.blink <= 0.0 || (now / part.blink).fract() < 0.5;
        let shown = in_state && lit;
        visibility.set_if_neq(if shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
}
