//! The streets' life, which follows the simulation without feeding back into it: a crowd that
//! fills the streets around each place as its panic rises, and cars on the major streets that
//! slow where panic runs high and stop bumper to bumper where the streets are blocked.

use crate::game::map::city::build::noise;
use crate::game::map::{MapCamera, MeasureTheMap, OnMap, metres_per_pixel, panic_near, positions};
use crate::game::night::GameSession;
use crate::game::night::pause::Pause;
use crate::game::night::reload::ScenarioReloaded;
use crate::game::screens::Screen;
use bevy::prelude::*;
use night::scenario::model::LocId;

/// One person of the crowd.
#[derive(Component)]
struct CrowdDot(usize);

/// One car.
#[derive(Component)]
struct Car(usize);

/// A car's tail lights, a child of the car: bright red when it stands.
#[derive(Component)]
struct TailLights;

/// The cars' paint.
const CAR_COLOURS: [Color; 6] = [
    Color::srgb(0.82, 0.80, 0.72),
    Color::srgb(0.30, 0.32, 0.36),
    Color::srgb(0.70, 0.18, 0.16),
    Color::srgb(0.88, 0.88, 0.86),
    Color::srgb(0.22, 0.34, 0.55),
    Color::srgb(0.62, 0.55, 0.40),
];

/// The most people the crowd draws, and the most around one place.
const CROWD: usize = 900;
const CROWD_PER_PLACE: usize = 240;
/// How far from a place its crowd spreads along the streets, in metres.
const CROWD_REACH: f32 = 170.0;
/// Metres of a major street per car in each direction, and their cruising speed (metres a
/// second).
const METRES_PER_CAR: f32 = 55.0;
/// The most cars drawn: the sprites made for them.
const CARS: usize = 320;
const CRUISE: f32 = 13.0;
/// Metres from one car's centre to the next in a queue.
const BUMPER: f32 = 6.5;

/// Where the crowd stands around each place: spots along the streets near it.
#[derive(Resource, Default)]
struct CrowdSpots(Vec<(LocId, Vec<Vec2>)>);

/// A car: which street, which way, how far along (metres), how fast.
struct CarState {
    street: usize,
    forward: bool,
    along: f32,
    speed: f32,
}

/// The cars, and the streets they drive (points and length, measured once a night).
#[derive(Resource, Default)]
struct Traffic {
    cars: Vec<CarState>,
    streets: Vec<(Vec<Vec2>, f32)>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<CrowdSpots>()
        .init_resource::<Traffic>()
        .add_systems(Startup, spawn_pools)
        // The crowd stands around the places on the map: measured after the map is.
        .add_systems(
            OnEnter(Screen::Playing),
            (measure_the_crowd.after(MeasureTheMap), start_the_traffic),
        )
        .add_systems(
            Update,
            (measure_the_crowd, start_the_traffic)
                .run_if(on_message::<ScenarioReloaded>)
                .run_if(in_state(Screen::Playing))
                .after(MeasureTheMap),
        )
        .add_systems(
            Update,
            (
                move_the_crowd,
                (move_the_traffic, light_the_tail_lights).chain(),
            )
                .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Ending))),
        )
        .add_systems(OnEnter(Screen::Title), hide_street_life);
}

/// The pools of sprites, hidden until the night needs them.
fn spawn_pools(mut commands: Commands) {
    for i in 0..CROWD {
        commands.spawn((
            CrowdDot(i),
            Sprite::from_color(Color::srgb(0.95, 0.88, 0.75), Vec2::splat(2.4)),
            Transform::from_xyz(0.0, 0.0, 0.5),
            Visibility::Hidden,
        ));
    }
    for i in 0..CARS {
        // Cars of the eighties: mostly pale, some dark, a few red or blue.
        let body = CAR_COLOURS[i * 7 % CAR_COLOURS.len()];
        commands
            .spawn((
                Car(i),
                Sprite::from_color(body, Vec2::new(4.6, 2.0)),
                Transform::from_xyz(0.0, 0.0, 0.4),
                Visibility::Hidden,
            ))
            .with_children(|car| {
                // Headlights throw a pale beam ahead; the tail lights glow red, bright when
                // the car stands.
                car.spawn((
                    Sprite::from_color(Color::srgba(1.0, 0.95, 0.75, 0.28), Vec2::new(6.0, 2.6)),
                    Transform::from_xyz(5.2, 0.0, -0.05),
                ));
                car.spawn((
                    TailLights,
                    Sprite::from_color(Color::srgba(1.0, 0.15, 0.1, 0.6), Vec2::new(0.7, 2.2)),
                    Transform::from_xyz(-2.5, 0.0, 0.05),
                ));
            });
    }
}

/// A person of the crowd or a car.
type StreetSprite = Or<(With<CrowdDot>, With<Car>)>;

fn hide_street_life(mut sprites: Query<&mut Visibility, StreetSprite>) {
    for mut visibility in &mut sprites {
        *visibility = Visibility::Hidden;
    }
}

/// A fixed pseudo-random number in -1..1 (the same crowd on every machine).
fn jitter(a: usize, b: usize) -> f32 {
    2.0 * noise(a as u32, b as u32) - 1.0
}

/// Spots along the streets near each place, every few metres, spread across the road.
fn measure_the_crowd(night: Res<GameSession>, on_map: Res<OnMap>, mut spots: ResMut<CrowdSpots>) {
    let sim = night.sim();
    let s = sim.scenario();
    spots.0.clear();
    for l in 0..s.locations.len() as LocId {
        if !on_map.contains(l) {
            continue;
        }
        let here = positions::location(sim, l);
        let mut near = Vec::new();
        for (k, street) in s.streets.iter().enumerate() {
            let half = if street.major { 11.0 } else { 5.5 };
            let points = positions::street_points(street);
            for pair in points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let Some(along) = (b - a).try_normalize() else {
                    continue;
                };
                let steps = (a.distance(b) / 5.0) as usize;
                for i in 0..steps {
                    let p = a + along * (i as f32 * 5.0);
                    if p.distance(here) < CROWD_REACH {
                        let n = near.len();
                        near.push(
                            p + along.perp() * half * jitter(n, k) + along * 2.0 * jitter(k, n),
                        );
                    }
                }
            }
        }
        // Nearest first, so a small crowd gathers at the place and a large one spreads out.
        near.sort_by(|a, b| a.distance(here).total_cmp(&b.distance(here)));
        spots.0.push((l, near));
    }
}

/// The crowd: around each place, people in proportion to its panic, milling about.
fn move_the_crowd(
    night: Res<GameSession>,
    spots: Res<CrowdSpots>,
    time: Res<Time>,
    camera: Single<&Projection, With<MapCamera>>,
    mut dots: Query<(&CrowdDot, &mut Transform, &mut Visibility)>,
) {
    // At least two pixels across, whatever the zoom.
    let grow = (2.0 * metres_per_pixel(&camera) / 2.4).max(1.0);
    let sim = night.sim();
    let t = time.elapsed_secs();
    let mut placed: Vec<Vec2> = Vec::with_capacity(CROWD);
    for (l, near) in &spots.0 {
        let count = (usize::from(sim.panic(*l)) * 3)
            .min(CROWD_PER_PLACE)
            .min(near.len());
        for (i, spot) in near.iter().take(count).enumerate() {
            if placed.len() == CROWD {
                break;
            }
            let sway = Vec2::new((t * 0.7 + i as f32).sin(), (t * 0.5 + i as f32 * 1.3).cos());
            placed.push(*spot + sway * 1.5);
        }
    }
    for (dot, mut transform, mut visibility) in &mut dots {
        match placed.get(dot.0) {
            Some(at) => {
                transform.translation = at.extend(0.5);
                transform.scale = Vec3::splat(grow);
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
}

/// Cars spread along both directions of every major street.
fn start_the_traffic(night: Res<GameSession>, mut traffic: ResMut<Traffic>) {
    let streets: Vec<(Vec<Vec2>, f32)> = night
        .sim()
        .scenario()
        .streets
        .iter()
        .map(|street| {
            let points = positions::street_points(street);
            let length = positions::length(&points);
            (points, length)
        })
        .collect();
    traffic.cars.clear();
    let majors: Vec<usize> = (0..streets.len())
        .filter(|&k| night.sim().scenario().streets[k].major)
        .collect();
    // Every major street gets its share of the cars: one every `METRES_PER_CAR` each way,
    // further apart where the streets are too long for the cars there are.
    let lane_metres: f32 = majors.iter().map(|&k| 2.0 * streets[k].1).sum();
    let spacing = METRES_PER_CAR.max(lane_metres / CARS as f32);
    for &k in &majors {
        let length = streets[k].1;
        let per_lane = (length / spacing).floor().max(1.0) as usize;
        for forward in [true, false] {
            for i in 0..per_lane {
                if traffic.cars.len() >= CARS {
                    break;
                }
                let spread = (i as f32 + 0.5 + 0.3 * jitter(k, i)) / per_lane as f32;
                traffic.cars.push(CarState {
                    street: k,
                    forward,
                    along: spread * length,
                    speed: CRUISE,
                });
            }
        }
    }
    traffic.streets = streets;
}

/// Each car drives on at a speed that falls with the panic around it, stops where driving is
/// blocked (the street closed, or panic past the scenario's `block_at`), and keeps a car's
/// length behind the one ahead, so that stopped cars queue bumper to bumper.
fn move_the_traffic(
    night: Res<GameSession>,
    on_map: Res<OnMap>,
    pause: Option<Res<State<Pause>>>,
    time: Res<Time>,
    camera: Single<&Projection, With<MapCamera>>,
    mut traffic: ResMut<Traffic>,
    mut cars: Query<(&Car, &mut Transform, &mut Visibility)>,
) {
    // At least seven pixels long, whatever the zoom.
    let grow = (7.0 * metres_per_pixel(&camera) / 4.6).max(1.0);
    let sim = night.sim();
    let s = sim.scenario();
    let paused = pause.is_some_and(|p| *p.get() == Pause::Paused);
    let dt = if paused {
        0.0
    } else {
        time.delta_secs().min(0.1)
    };
    let traffic = &mut *traffic;
    let block_at = s.panic.block_at.min(255) as u8;
    // Where each car is, and whether it may move on there.
    let cars_now: Vec<(Vec2, Vec2)> = traffic
        .cars
        .iter()
        .map(|car| {
            let (points, length) = &traffic.streets[car.street];
            let length = *length;
            let along = if car.forward {
                car.along
            } else {
                length - car.along
            };
            let at = positions::along(points, (along / length.max(1.0)).clamp(0.0, 1.0));
            let ahead = positions::along(points, ((along + 1.0) / length.max(1.0)).clamp(0.0, 1.0));
            let direction = (ahead - at).try_normalize().unwrap_or(Vec2::X);
            let direction = if car.forward { direction } else { -direction };
            (at, direction)
        })
        .collect();
    for (i, car) in traffic.cars.iter_mut().enumerate() {
        let (at, _) = cars_now[i];
        let panic_here = panic_near(sim, &on_map, at);
        let blocked = sim.state().blocked_streets.get(car.street) || panic_here >= block_at;
        let panic = f32::from(panic_here);
        let wanted = if blocked {
            0.0
        } else {
            CRUISE * (1.0 - panic / 120.0).max(0.15)
        };
        car.speed += (wanted - car.speed) * (dt * 2.0).min(1.0);
    }
    // Keep the gap to the car ahead in the same lane: a car's length and a little, as drawn
    // (cars are drawn larger when the map is zoomed out, and must not overlap in a queue).
    let gap = BUMPER * grow;
    let mut order: Vec<usize> = (0..traffic.cars.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&traffic.cars[a], &traffic.cars[b]);
        (ca.street, ca.forward)
            .cmp(&(cb.street, cb.forward))
            .then(cb.along.total_cmp(&ca.along))
    });
    let mut ahead: Option<(usize, bool, f32)> = None;
    for &i in &order {
        let length = traffic.streets[traffic.cars[i].street].1;
        let car = &mut traffic.cars[i];
        let mut next = car.along + car.speed * dt;
        match ahead {
            Some((street, forward, limit)) if street == car.street && forward == car.forward => {
                // Never backwards: a car already too close waits where it is (pushing it back
                // would push every car behind it back, and off the start of the street).
                next = next.min(limit - gap).max(car.along);
            }
            _ => {}
        }
        if next > length {
            // Off the end of the street: round again from its start.
            next -= length;
        }
        car.along = next;
        ahead = Some((car.street, car.forward, car.along));
    }
    for (car, mut transform, mut visibility) in &mut cars {
        let Some(&(at, direction)) = cars_now.get(car.0) else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        let lane = direction.perp() * -4.0;
        transform.translation = (at + lane).extend(0.4);
        transform.rotation = Quat::from_rotation_z(direction.to_angle());
        transform.scale = Vec3::splat(grow);
        visibility.set_if_neq(Visibility::Inherited);
    }
}

/// A standing car's tail lights burn bright red; a moving one's glow.
fn light_the_tail_lights(
    traffic: Res<Traffic>,
    cars: Query<(&Car, &Children)>,
    mut lights: Query<&mut Sprite, With<TailLights>>,
) {
    for (car, children) in &cars {
        let Some(state) = traffic.cars.get(car.0) else {
            continue;
        };
        let alpha = if state.speed < 1.0 { 1.0 } else { 0.6 };
        for child in children.iter() {
            if let Ok(mut sprite) = lights.get_mut(child)
                && sprite.color.alpha() != alpha
            {
                sprite.color.set_alpha(alpha);
            }
        }
    }
}
