//! The to-scale night map: the drawn city ([`city`]), its people ([`people`]), its crowd and
//! traffic ([`street_life`]) and its light ([`sky`]) under the markers drawn here (each place's
//! ring, the player, the routes from where they stand, the panic), with the names placed by
//! [`labels`]. Pan with the arrow keys or by dragging with the right mouse button, zoom with
//! the wheel or `+`/`-`; click a place to see what it costs to get there now, and go; click a
//! person to see what the player can do with them.

pub mod city;
pub mod labels;
pub mod people;
pub mod positions;
pub mod sky;
pub mod street_life;
pub mod view;

use crate::game::AppSystems;
use crate::game::hud::panel::{Focus, concerns};
use crate::game::night::{ChooseAction, GameSession};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::palette::Palette;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::input::egui_wants_any_pointer_input;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use night::scenario::model::{ALL_MODES, CharId, LocId};
use night::sim::Action;

/// The camera that looks at the map.
#[derive(Component)]
pub struct MapCamera;

/// The place the player clicked, whose routes and costs are shown.
#[derive(Resource, Default)]
pub struct SelectedPlace(pub Option<LocId>);

/// The camera keeps the player in view until the player pans; Home brings it back to them.
#[derive(Resource)]
pub struct FollowPlayer(pub bool);

impl Default for FollowPlayer {
    fn default() -> Self {
        FollowPlayer(true)
    }
}

/// Where the player is in the air, while an aircraft carries them (its person is with the
/// player and it flies): the map draws them, follows them and hears with them there, and
/// the people with them ride along out of sight. `None` on the ground.
#[derive(Resource, Default)]
pub struct Aboard(pub Option<Vec2>);

impl Aboard {
    /// The player's position on the map this frame: aboard, or where the night puts them.
    pub fn player(&self, night: &GameSession) -> Vec2 {
        self.0
            .unwrap_or_else(|| positions::player(night.sim(), night.clock.fraction))
    }
}

/// The tag by which a scenario leaves a place off the map: a far-off destination (the film's
/// LAX and Santa Monica Pier) that the map would have to zoom out of its district to show.
const OFF_MAP_TAG: &str = "offmap";

/// Which places are drawn: every place of the scenario, however wide it spans, but those it
/// tags `offmap`. Geography does not change during a night, so this is measured once when it
/// begins.
#[derive(Resource, Default)]
pub struct OnMap(Vec<bool>);

impl OnMap {
    pub fn measure(sim: &night::Sim) -> OnMap {
        let places = &sim.scenario().locations;
        OnMap(places.iter().map(|l| !l.has_tag(OFF_MAP_TAG)).collect())
    }

    pub fn contains(&self, l: LocId) -> bool {
        self.0.get(l as usize).copied().unwrap_or(false)
    }
}

/// The map's systems that later ones wait for: measuring the district for a scenario.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MeasureTheMap;

pub fn plugin(app: &mut App) {
    app.add_plugins((
        city::plugin,
        labels::plugin,
        people::plugin,
        sky::plugin,
        street_life::plugin,
        view::plugin,
    ));
    app.init_resource::<SelectedPlace>()
        .init_resource::<OnMap>()
        .init_resource::<FollowPlayer>()
        .init_resource::<Aboard>()
        .add_systems(
            OnEnter(Screen::Playing),
            (measure_the_map.in_set(MeasureTheMap), frame_the_night),
        )
        .add_systems(
            Update,
            measure_the_map
                .in_set(MeasureTheMap)
                .run_if(on_message::<crate::game::night::reload::ScenarioReloaded>)
                .after(AppSystems::ReadFiles),
        )
        .add_systems(OnEnter(Screen::Ending), frame_the_path)
        .add_systems(
            Update,
            (draw_map, ring_the_phones, mark_the_player)
                .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Ending))),
        )
        .add_systems(
            Update,
            (pan_and_zoom, select_place)
                .run_if(in_state(Screen::Playing))
                .run_if(not(egui_wants_any_pointer_input)),
        )
        .add_systems(
            Update,
            (keyboard_pan_and_zoom, follow_player)
                .chain()
                .run_if(in_state(Screen::Playing)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            route_card.run_if(in_state(Screen::Playing)),
        );
}

/// Metres per screen pixel when a night begins: the Miracle Mile from Fairfax to the pits,
/// close enough for the city to read.
const START_SCALE: f32 = 1.25;
/// Radius of a landmark's marker, in metres.
pub const LANDMARK_RADIUS: f32 = 14.0;

pub(super) fn measure_the_map(mut on_map: ResMut<OnMap>, night: Res<GameSession>) {
    *on_map = OnMap::measure(night.sim());
}

fn frame_the_night(
    mut follow: ResMut<FollowPlayer>,
    camera: Single<&mut Projection, With<MapCamera>>,
) {
    follow.0 = true;
    if let Projection::Orthographic(ortho) = &mut *camera.into_inner() {
        ortho.scale = START_SCALE;
    }
}

fn follow_player(
    mut follow: ResMut<FollowPlayer>,
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<GameSession>,
    aboard: Res<Aboard>,
    time: Res<Time>,
    camera: Single<&mut Transform, With<MapCamera>>,
) {
    if keys.just_pressed(KeyCode::Home) {
        follow.0 = true;
    }
    if !follow.0 {
        return;
    }
    // The camera's viewport is the map's free area: its middle is the camera's.
    let mut transform = camera.into_inner();
    let target = aboard.player(&night);
    let current = transform.translation.truncate();
    // Ease towards the player: close the gap by most of it each second.
    let eased = current.lerp(target, (time.delta_secs() * 4.0).min(1.0));
    transform.translation = eased.extend(transform.translation.z);
}

/// The places of the player's path through the night, as the chronicle kept it (on the map
/// only).
fn path_places(night: &GameSession, on_map: &OnMap) -> Vec<LocId> {
    let s = night.sim().scenario();
    night
        .chronicle
        .path
        .iter()
        .filter_map(|(_, id)| s.location_index(id))
        .filter(|&l| on_map.contains(l))
        .collect()
}

/// The player's path through the night, place to place (on the map only).
fn path_points(night: &GameSession, on_map: &OnMap) -> Vec<Vec2> {
    path_places(night, on_map)
        .into_iter()
        .map(|l| positions::location(night.sim(), l))
        .collect()
}

/// At the ending the camera frames the player's whole path in the part of the window the picture
/// of the night leaves free (the left 45 %, which becomes the camera's viewport).
fn frame_the_path(
    night: Res<GameSession>,
    on_map: Res<OnMap>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    let points = path_points(&night, &on_map);
    let Some(first) = points.first() else { return };
    let (min, max) = points
        .iter()
        .fold((*first, *first), |(lo, hi), p| (lo.min(*p), hi.max(*p)));
    let size = (max - min).max(Vec2::splat(400.0)) * 1.1;
    // Room at the sides and top for the places' names.
    let free =
        Vec2::new(window.width() * 0.45 - 160.0, window.height() - 80.0).max(Vec2::splat(100.0));
    let (mut transform, mut projection) = camera.into_inner();
    if let Projection::Orthographic(ortho) = &mut *projection {
        ortho.scale = (size.x / free.x).max(size.y / free.y).clamp(0.2, 20.0);
        transform.translation = ((min + max) / 2.0).extend(transform.translation.z);
    }
}

fn draw_map(
    mut gizmos: Gizmos,
    night: Option<Res<GameSession>>,
    settings: Res<Settings>,
    selected: Res<SelectedPlace>,
    on_map: Res<OnMap>,
    screen: Res<State<Screen>>,
) {
    let Some(night) = night else { return };
    let sim = night.sim();
    let s = sim.scenario();
    let palette = Palette::get(settings.high_contrast);
    if *screen.get() == Screen::Ending {
        // The picture of the night: the player's path along the streets they took, bright
        // where it ended.
        let stops = path_places(&night, &on_map);
        let n = stops.len().max(2) as f32;
        for (i, pair) in stops.windows(2).enumerate() {
            let strength = 0.35 + 0.65 * (i + 1) as f32 / (n - 1.0);
            let way = match positions::route_between(sim, pair[0], pair[1]) {
                Some(route) => positions::route_path(sim, route, pair[0]),
                None => vec![
                    positions::location(sim, pair[0]),
                    positions::location(sim, pair[1]),
                ],
            };
            let colour = palette.player.with_alpha(strength);
            gizmos.linestrip_2d(way.iter().copied(), colour);
            gizmos.linestrip_2d(way.iter().map(|p| *p + Vec2::splat(2.0)), colour);
        }
    }
    let places: Vec<(LocId, Vec2)> = (0..s.locations.len() as LocId)
        .filter(|&l| on_map.contains(l))
        .map(|l| (l, positions::location(sim, l)))
        .collect();
    // The roads are drawn by the city; where panic runs high they glow with it.
    for street in &s.streets {
        let points = positions::street_points(street);
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            // Long segments are cut so that the glow follows the panic along them.
            let pieces = (a.distance(b) / 100.0).ceil().max(1.0) as usize;
            for k in 0..pieces {
                let p = a.lerp(b, k as f32 / pieces as f32);
                let q = a.lerp(b, (k + 1) as f32 / pieces as f32);
                let panic = panic_near(sim, &on_map, (p + q) / 2.0);
                if panic == 0 {
                    continue;
                }
                // Faint: the crowd on the street shows the panic; the line tints the road.
                let color = palette
                    .panic(panic)
                    .with_alpha(0.12 + f32::from(panic) / 400.0);
                gizmos.line_2d(p, q, color);
            }
        }
    }
    for &(l, at) in &places {
        let panic = sim.panic(l);
        if panic > 0 {
            let glow = palette.panic(panic);
            for ring in 1..=2 {
                let radius = LANDMARK_RADIUS + f32::from(panic) * 0.5 * ring as f32 / 2.0;
                gizmos
                    .circle_2d(
                        at,
                        radius,
                        glow.with_alpha(glow.alpha() * 0.6 / ring as f32),
                    )
                    .resolution(32);
            }
        }
    }
    // The routes from the player's place, and from the selected one, with their panic.
    let here = sim.harry_at();
    for (r, route) in s.routes.iter().enumerate() {
        let touches = |l: LocId| route.a == l || route.b == l;
        if !(touches(here) || selected.0.is_some_and(touches))
            || !on_map.contains(route.a)
            || !on_map.contains(route.b)
        {
            continue;
        }
        gizmos.linestrip_2d(
            positions::route_path(sim, r as night::scenario::model::RouteId, route.a),
            palette.route,
        );
    }
    for &(l, at) in &places {
        // The city draws each place; its ring marks where to click, bright where the player is.
        let color = if l == here {
            palette.landmark_here
        } else {
            palette.landmark.with_alpha(0.45)
        };
        gizmos.circle_2d(at, LANDMARK_RADIUS, color).resolution(24);
        if selected.0 == Some(l) {
            gizmos
                .circle_2d(at, LANDMARK_RADIUS + 8.0, palette.player)
                .resolution(32);
        }
    }
}

/// A ringing phone sends rings out from its place, three at a time, fading as they widen.
fn ring_the_phones(
    mut gizmos: Gizmos,
    night: Res<GameSession>,
    settings: Res<Settings>,
    on_map: Res<OnMap>,
    time: Res<Time>,
) {
    let sim = night.sim();
    let palette = Palette::get(settings.high_contrast);
    let seconds = time.elapsed_secs();
    for l in 0..sim.scenario().locations.len() as LocId {
        if !on_map.contains(l) || !sim.location_state(l).ringing {
            continue;
        }
        let at = positions::location(sim, l);
        for wave in 0..3 {
            let age = (seconds * 0.9 + wave as f32 / 3.0).fract();
            let radius = LANDMARK_RADIUS + age * RING_REACH;
            gizmos
                .circle_2d(at, radius, palette.player.with_alpha(0.9 * (1.0 - age)))
                .resolution(32);
        }
    }
}

/// The other people are figures (see `people`); the player is ringed, to be found at once.
/// Aboard an aircraft, the aircraft is the player's marker.
fn mark_the_player(
    mut gizmos: Gizmos,
    night: Res<GameSession>,
    settings: Res<Settings>,
    camera: Single<&Projection, With<MapCamera>>,
    aboard: Res<Aboard>,
) {
    if aboard.0.is_some() {
        return;
    }
    let palette = Palette::get(settings.high_contrast);
    let pixel = metres_per_pixel(&camera);
    let player = aboard.player(&night);
    let radius = (9.0f32).max(6.0 * pixel);
    gizmos
        .circle_2d(player, radius, palette.player)
        .resolution(20);
    gizmos
        .circle_2d(player, radius * 0.45, palette.player)
        .resolution(12);
}

/// How far a ringing phone's rings spread on the map, in metres.
const RING_REACH: f32 = 45.0;

fn keyboard_pan_and_zoom(
    keys: Res<ButtonInput<KeyCode>>,
    time: Res<Time>,
    mut follow: ResMut<FollowPlayer>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    let (mut transform, mut projection) = camera.into_inner();
    let Projection::Orthographic(ortho) = &mut *projection else {
        return;
    };
    let mut direction = Vec2::ZERO;
    for (key, d) in [
        (KeyCode::ArrowLeft, -Vec2::X),
        (KeyCode::ArrowRight, Vec2::X),
        (KeyCode::ArrowUp, Vec2::Y),
        (KeyCode::ArrowDown, -Vec2::Y),
    ] {
        if keys.pressed(key) {
            direction += d;
        }
    }
    // 600 screen pixels a second, whatever the zoom.
    if direction != Vec2::ZERO {
        follow.0 = false;
        transform.translation += (direction * 600.0 * ortho.scale * time.delta_secs()).extend(0.0);
    }
    if keys.pressed(KeyCode::Equal) || keys.pressed(KeyCode::NumpadAdd) {
        ortho.scale = (ortho.scale * (1.0 - time.delta_secs())).max(0.2);
    }
    if keys.pressed(KeyCode::Minus) || keys.pressed(KeyCode::NumpadSubtract) {
        ortho.scale = (ortho.scale * (1.0 + time.delta_secs())).min(20.0);
    }
}

fn pan_and_zoom(
    mut follow: ResMut<FollowPlayer>,
    scroll: Res<AccumulatedMouseScroll>,
    motion: Res<AccumulatedMouseMotion>,
    buttons: Res<ButtonInput<MouseButton>>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    let (mut transform, mut projection) = camera.into_inner();
    let Projection::Orthographic(ortho) = &mut *projection else {
        return;
    };
    if scroll.delta.y != 0.0 {
        ortho.scale =
            (ortho.scale * (1.0 - 0.1 * scroll.delta.y.clamp(-3.0, 3.0))).clamp(0.2, 20.0);
    }
    if (buttons.pressed(MouseButton::Right) || buttons.pressed(MouseButton::Middle))
        && motion.delta != Vec2::ZERO
    {
        follow.0 = false;
        transform.translation += Vec3::new(-motion.delta.x, motion.delta.y, 0.0) * ortho.scale;
    }
}

/// A click on the map: on a person the player can do something with, their list opens in
/// the panel; on a place, its route card.
fn select_place(
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<MapCamera>>,
    night: Res<GameSession>,
    mut selected: ResMut<SelectedPlace>,
    on_map: Res<OnMap>,
    mut focus: ResMut<Focus>,
) {
    if !buttons.just_pressed(MouseButton::Left) {
        return;
    }
    let (camera, camera_transform, projection) = *camera;
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let Ok(world) = camera.viewport_to_world_2d(camera_transform, cursor) else {
        return;
    };
    let scale = metres_per_pixel(projection);
    // Within 24 screen pixels of a marker counts as a click on it.
    let reach = 24.0 * scale;
    let s = night.sim().scenario();
    let place = (0..s.locations.len() as LocId)
        .filter(|&l| on_map.contains(l))
        .map(|l| (l, positions::location(night.sim(), l).distance(world)))
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    // A person is clicked only if their figure is nearer the click than any place's marker.
    if let Some(who) = person_at(&night, world, PERSON_REACH * scale) {
        let at = positions::character(night.sim(), who, night.clock.fraction);
        let nearer = at.is_some_and(|p| place.is_none_or(|(_, d)| p.distance(world) < d));
        if nearer {
            focus.0 = Some(who);
            selected.0 = None;
            return;
        }
    }
    selected.0 = place.map(|(l, _)| l);
}

/// Metres per screen pixel through the map's camera.
pub fn metres_per_pixel(projection: &Projection) -> f32 {
    match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    }
}

/// The highest panic among the places on the map within 250 m of a point: how the streets
/// between places show it.
pub fn panic_near(sim: &night::Sim, on_map: &OnMap, p: Vec2) -> u8 {
    (0..sim.scenario().locations.len() as LocId)
        .filter(|&l| on_map.contains(l) && positions::location(sim, l).distance(p) < 250.0)
        .map(|l| sim.panic(l))
        .max()
        .unwrap_or(0)
}

/// Screen pixels around a person's figure that count as a click on them.
pub const PERSON_REACH: f32 = 9.0;

/// The person with something to do with them whose figure is nearest `world`, within `reach`.
pub fn person_at(night: &GameSession, world: Vec2, reach: f32) -> Option<CharId> {
    let sim = night.sim();
    sim.present()
        .into_iter()
        .filter(|&c| night.actions.iter().any(|a| concerns(a) == Some(c)))
        .filter_map(|c| {
            let at = positions::character(sim, c, night.clock.fraction)?;
            Some((c, at.distance(world)))
        })
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// A card by the selected place: what it is, and the minutes each way of going costs now.
fn route_card(
    mut contexts: EguiContexts,
    night: Res<GameSession>,
    mut selected: ResMut<SelectedPlace>,
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    mut choose: MessageWriter<ChooseAction>,
    mut targets: ResMut<crate::game::hud::click_targets::ClickTargets>,
) -> Result {
    targets.card.clear();
    let Some(place) = selected.0 else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let sim = night.sim();
    let s = sim.scenario();
    let (camera, camera_transform) = *camera;
    let at = positions::location(sim, place).extend(0.0);
    let screen = camera
        .world_to_viewport(camera_transform, at)
        .unwrap_or(Vec2::new(640.0, 360.0));
    let mut open = true;
    egui::Window::new(s.locations[place as usize].name.clone())
        .id("route_card".into())
        .fixed_pos([screen.x + 20.0, screen.y - 20.0])
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(&sim.location_state(place).text);
            if place == sim.harry_at() {
                ui.label(format!("{} is here.", s.player_word()));
                return;
            }
            let mut any = false;
            for mode in ALL_MODES {
                if let Some((_, minutes)) = sim.route_to(place, mode) {
                    any = true;
                    let action = Action::Go { to: place, mode };
                    let label = format!("{} — {minutes} min", action.describe(s));
                    let enabled = sim.check(&action).is_ok();
                    let button = ui.add_enabled(enabled, egui::Button::new(label));
                    if button.clicked() {
                        choose.write(ChooseAction(action.clone()));
                    }
                    if enabled {
                        targets.card.push((action, button.rect));
                    }
                }
            }
            if !any {
                ui.label(format!(
                    "No direct route from where {} is.",
                    s.player_word()
                ));
            }
        });
    if !open {
        selected.0 = None;
    }
    Ok(())
}
