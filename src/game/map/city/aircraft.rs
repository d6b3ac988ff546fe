//! Aircraft over the map (the film's helicopter), from the city map's `aircraft`: each is put
//! where its person's state says (standing at their place, landing there, or flying a
//! course between places), turned to its heading, its rotor spinning and its beacon blinking,
//! with a shadow on the ground below it while it is in the air.

use super::data::{Aircraft, CityMap, Flight, Part, Shape};
use super::landmarks::shapes_of;
use super::mesh::Shapes;
use crate::game::map::{Aboard, MapCamera, metres_per_pixel};
use crate::game::night::GameSession;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use night::Scenario;
use night::scenario::model::{CharId, Place, StateId};

/// A craft on the map, moved by its person's state.
#[derive(Component)]
pub struct Craft {
    person: CharId,
    /// How it moves in each of the person's states that puts it on the map.
    motions: Vec<(StateId, Motion)>,
    /// Metres from nose to tail, to keep it a readable size when the map is zoomed out.
    length: f32,
    /// The way its nose points, in radians anticlockwise from east; kept while it stands.
    heading: f32,
}

/// Where a craft is in one of its person's states, in map metres.
#[derive(Clone, Debug, PartialEq)]
pub enum Motion {
    /// At the person's place; during the state's first minute, coming in from `landing_over`.
    Parked { landing_over: Option<Vec2> },
    /// Over each point at its minute of the state.
    Flying(Vec<(Vec2, f32)>),
}

/// The spinning rotor, a child of its craft.
#[derive(Component)]
pub(super) struct Rotor;

/// A part that blinks (a beacon), a child of its craft: seconds between two flashes.
#[derive(Component)]
pub(super) struct Beacon(f32);

/// The shadow on the ground, a child of its craft, shown while it flies.
#[derive(Component)]
pub(super) struct Shadow;

/// On screen, a craft is never shorter than this many pixels.
const MIN_PIXELS: f32 = 48.0;
/// Above the people and their names.
const DEPTH: f32 = 3.0;
/// Rotor turns a second.
const ROTOR_SPEED: f32 = 3.0;
/// The shadow's colour on the ground.
const SHADOW: Color = Color::srgba(0.0, 0.0, 0.0, 0.4);
/// How high it climbs in its first minute of flight, in metres, for the shadow's offset.
const CLIMB: f32 = 45.0;

/// The aircraft as entities (`piece` marks them for despawning with the city). A craft whose
/// person or places the scenario does not have is reported and left out; a state it does not
/// know is reported and skipped.
pub(super) fn spawn(
    commands: &mut Commands,
    scenario: &Scenario,
    map: &CityMap,
    meshes: &mut Assets<Mesh>,
    material: &Handle<ColorMaterial>,
    piece: impl Component + Clone,
) {
    for craft in &map.aircraft {
        let Some((person, motions)) = resolve(scenario, craft) else {
            continue;
        };
        // Each part's shapes, made once: drawn, shadowed and measured.
        let drawn: Vec<(&Part, Shapes)> = craft
            .parts
            .iter()
            .filter_map(|part| shapes_of(part, 0.0).map(|shapes| (part, shapes)))
            .collect();
        let length = solid_length(&drawn);
        let mut parent = commands.spawn((
            Name::new(format!("Aircraft: {}", craft.name)),
            piece.clone(),
            Craft {
                person,
                motions,
                length,
                heading: 0.0,
            },
            Transform::from_xyz(0.0, 0.0, DEPTH),
            Visibility::Hidden,
        ));
        parent.with_children(|children| {
            let mut shadow = Shapes::default();
            for (_, shapes) in &drawn {
                shadow.append(shapes.silhouette(SHADOW));
            }
            children.spawn((
                Shadow,
                Mesh2d(meshes.add(shadow.into_mesh())),
                MeshMaterial2d(material.clone()),
                Transform::from_xyz(0.0, 0.0, -0.5),
                Visibility::Hidden,
            ));
            for (k, (part, shapes)) in drawn.into_iter().enumerate() {
                let mut child = children.spawn((
                    Mesh2d(meshes.add(shapes.into_mesh())),
                    MeshMaterial2d(material.clone()),
                    Transform::from_xyz(0.0, 0.0, k as f32 * 0.01),
                ));
                if part.blink > 0.0 {
                    child.insert(Beacon(part.blink));
                }
            }
            if craft.rotor > 0.0 {
                let mut rotor = Shapes::default();
                let blur = Color::srgba(0.8, 0.8, 0.8, 0.12);
                rotor.disc(Vec2::ZERO, craft.rotor, 0.0, blur);
                let blade = Color::srgba(0.85, 0.85, 0.82, 0.9);
                let size = Vec2::new(craft.rotor * 2.0, craft.rotor * 0.07);
                rotor.rect(Vec2::ZERO, size, 0.0, 0.01, blade);
                rotor.rect(Vec2::ZERO, size, std::f32::consts::FRAC_PI_2, 0.01, blade);
                children.spawn((
                    Rotor,
                    Mesh2d(meshes.add(rotor.into_mesh())),
                    MeshMaterial2d(material.clone()),
                    Transform::from_xyz(0.0, 0.0, 0.5),
                ));
            }
        });
    }
}

/// The craft's person and motions by the scenario's ids, or `None` (reported) if the
/// scenario has no such person or one of the places is unknown.
fn resolve(scenario: &Scenario, craft: &Aircraft) -> Option<(CharId, Vec<(StateId, Motion)>)> {
    let Some(person) = scenario.character_index(&craft.person) else {
        warn!(
            "city map: aircraft `{}` follows `{}`, who is not in this scenario",
            craft.name, craft.person
        );
        return None;
    };
    let place = |id: &str| {
        let found = scenario.location_index(id).map(|l| {
            let loc = &scenario.locations[l as usize];
            Vec2::new(loc.x as f32, loc.y as f32)
        });
        if found.is_none() {
            warn!(
                "city map: aircraft `{}` flies over `{id}`, which is not a place of this scenario",
                craft.name
            );
        }
        found
    };
    let states = &scenario.characters[person as usize].states;
    let mut motions = Vec::new();
    for (name, flight) in &craft.states {
        let Some(state) = states.iter().position(|s| &s.id == name) else {
            warn!(
                "city map: aircraft `{}`: `{}` has no state `{name}`",
                craft.name, craft.person
            );
            continue;
        };
        let motion = match flight {
            Flight::Parked { landing_over } if landing_over.is_empty() => {
                Motion::Parked { landing_over: None }
            }
            Flight::Parked { landing_over } => Motion::Parked {
                landing_over: Some(place(landing_over)?),
            },
            Flight::Flying(course) => Motion::Flying(
                course
                    .iter()
                    .map(|(id, minute)| place(id).map(|p| (p, *minute)))
                    .collect::<Option<Vec<_>>>()?,
            ),
        };
        motions.push((state as StateId, motion));
    }
    Some((person, motions))
}

/// Nose to tail (or side to side, if wider), from the drawing's solid parts: its lights'
/// glows left out, at least a few metres.
fn solid_length(drawn: &[(&Part, Shapes)]) -> f32 {
    let size = drawn
        .iter()
        .filter(|(part, _)| !matches!(part.shape, Shape::Glow(_)))
        .map(|(_, shapes)| shapes.bounds())
        .reduce(|a, b| a.union(b))
        .unwrap_or_default()
        .size();
    size.x.max(size.y).max(4.0)
}

impl Craft {
    /// How long it is on screen at a zoom of `metres_per_pixel`, in pixels.
    pub fn length_on_screen(&self, metres_per_pixel: f32) -> f32 {
        (self.length / metres_per_pixel).max(MIN_PIXELS)
    }
}

/// Where a craft on a course is `minutes` into its state, and which way it flies: between
/// two points it goes straight at an even speed; before the first it is over the first;
/// after the last it flies on the way it came at the last leg's speed.
pub fn on_course(course: &[(Vec2, f32)], minutes: f32) -> Option<(Vec2, Vec2)> {
    let &(first, start) = course.first()?;
    let Some(&(second, _)) = course.get(1) else {
        return Some((first, Vec2::X));
    };
    if minutes <= start {
        return Some((first, (second - first).normalize_or(Vec2::X)));
    }
    // The leg being flown: the first whose end is not reached yet, else the last, flown on.
    let leg = course
        .windows(2)
        .find(|leg| minutes <= leg[1].1)
        .unwrap_or(&course[course.len() - 2..]);
    let ((from, from_minute), (to, to_minute)) = (leg[0], leg[1]);
    let t = (minutes - from_minute) / (to_minute - from_minute).max(1e-3);
    Some((from.lerp(to, t), (to - from).normalize_or(Vec2::X)))
}

/// Where a parked craft is `minutes` into its state: coming in from `landing_over` (if any)
/// over the first minute, slowing as it settles, then standing on its place.
fn landing(place: Vec2, landing_over: Option<Vec2>, minutes: f32) -> (Vec2, Option<Vec2>) {
    match landing_over {
        Some(from) if minutes < 1.0 => {
            let t = minutes.clamp(0.0, 1.0);
            let eased = 1.0 - (1.0 - t) * (1.0 - t);
            (
                from.lerp(place, eased),
                Some((place - from).normalize_or(Vec2::X)),
            )
        }
        _ => (place, None),
    }
}

/// The parts of a craft that move on their own: its rotor, its shadow, its beacons.
#[derive(SystemParam)]
pub(super) struct MovingParts<'w, 's> {
    rotors: Query<'w, 's, &'static mut Transform, (With<Rotor>, Without<Craft>)>,
    shadows: Query<'w, 's, ShadowPart<'static>, OnlyShadows>,
    beacons: Query<'w, 's, BeaconPart<'static>, (Without<Craft>, Without<Shadow>)>,
}

type ShadowPart<'a> = (&'a mut Transform, &'a mut Visibility);
type OnlyShadows = (With<Shadow>, Without<Craft>, Without<Rotor>);
type BeaconPart<'a> = (&'a Beacon, &'a mut Visibility);

/// Puts each craft where its person's state says, this frame; hides it in other states and
/// before a night.
pub(super) fn fly(
    night: Option<Res<GameSession>>,
    time: Res<Time>,
    camera: Single<&Projection, With<MapCamera>>,
    mut crafts: Query<(&mut Craft, &mut Transform, &mut Visibility, &Children)>,
    mut parts: MovingParts,
    mut aboard: ResMut<Aboard>,
) {
    let pixel = metres_per_pixel(&camera);
    let seconds = time.elapsed_secs();
    let mut carrying = None;
    for (mut craft, mut transform, mut visibility, children) in &mut crafts {
        let placed = night.as_ref().and_then(|night| {
            let sim = night.sim();
            let state = *sim.state().character_state.get(craft.person as usize)?;
            let since = sim.state().character_since[craft.person as usize];
            let minutes = (sim.now() - since) as f32 + night.clock.fraction;
            let motion = &craft.motions.iter().find(|(s, _)| *s == state)?.1;
            match motion {
                Motion::Parked { landing_over } => {
                    let place = sim.place_of(craft.person)?;
                    let at = crate::game::map::positions::location(sim, place);
                    let (at, way) = landing(at, *landing_over, minutes);
                    Some((
                        at,
                        way,
                        (1.0 - minutes).clamp(0.0, 1.0) * f32::from(way.is_some()),
                    ))
                }
                Motion::Flying(course) => {
                    let (at, way) = on_course(course, minutes)?;
                    // Its person beside the player: the player is aboard.
                    if sim.character_state(craft.person).place == Place::WithHarry {
                        carrying = Some(at);
                    }
                    Some((at, Some(way), minutes.clamp(0.0, 1.0)))
                }
            }
        });
        let Some((at, way, height)) = placed else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        visibility.set_if_neq(Visibility::Inherited);
        if let Some(way) = way {
            craft.heading = way.to_angle();
        }
        let grow = (MIN_PIXELS * pixel / craft.length).max(1.0);
        transform.translation = at.extend(DEPTH);
        transform.rotation = Quat::from_rotation_z(craft.heading);
        transform.scale = Vec3::splat(grow);
        // The shadow falls south-east of it by its height, in the world's directions.
        let fall = Vec2::new(0.5, -0.8) * height * CLIMB;
        let local = Vec2::from_angle(-craft.heading).rotate(fall) / grow;
        for child in children.iter() {
            if let Ok(mut rotor) = parts.rotors.get_mut(child) {
                rotor.rotation =
                    Quat::from_rotation_z(seconds * ROTOR_SPEED * std::f32::consts::TAU);
            }
            if let Ok((mut shadow, mut shown)) = parts.shadows.get_mut(child) {
                shadow.translation = local.extend(-0.5);
                shown.set_if_neq(if height > 0.0 {
                    Visibility::Inherited
                } else {
                    Visibility::Hidden
                });
            }
            if let Ok((beacon, mut shown)) = parts.beacons.get_mut(child) {
                let lit = (seconds / beacon.0).fract() < 0.3;
                shown.set_if_neq(if lit {
                    Visibility::Inherited
                } else {
                    Visibility::Hidden
                });
            }
        }
    }
    if aboard.0 != carrying {
        aboard.0 = carrying;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_is_flown_leg_by_leg_and_on_past_its_end() {
        let course = [
            (Vec2::ZERO, 0.0),
            (Vec2::new(100.0, 0.0), 1.0),
            (Vec2::new(100.0, 200.0), 3.0),
        ];
        assert_eq!(on_course(&course, 0.0), Some((Vec2::ZERO, Vec2::X)));
        assert_eq!(
            on_course(&course, 0.5),
            Some((Vec2::new(50.0, 0.0), Vec2::X))
        );
        assert_eq!(
            on_course(&course, 2.0),
            Some((Vec2::new(100.0, 100.0), Vec2::Y))
        );
        // A minute past the last point: on the same way at the same speed.
        assert_eq!(
            on_course(&course, 4.0),
            Some((Vec2::new(100.0, 300.0), Vec2::Y))
        );
        assert_eq!(on_course(&[], 1.0), None);
    }

    #[test]
    fn a_landing_comes_in_over_its_first_minute_and_then_stands() {
        let pad = Vec2::new(10.0, 0.0);
        let (start, way) = landing(pad, Some(Vec2::ZERO), 0.0);
        assert_eq!((start, way), (Vec2::ZERO, Some(Vec2::X)));
        let (half, _) = landing(pad, Some(Vec2::ZERO), 0.5);
        assert!(
            half.x > 5.0 && half.x < 10.0,
            "slowing as it settles: {half}"
        );
        assert_eq!(landing(pad, Some(Vec2::ZERO), 1.5), (pad, None));
        assert_eq!(landing(pad, None, 0.0), (pad, None));
    }
}
