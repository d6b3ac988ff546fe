//! The light over the city, which follows the clock and the ending: the night until the
//! first grey of dawn (from 05:15 by the clock, full by 06:15), and at an ending that is a
//! loss, the missiles' streaks across the sky, the white flash, and an orange pall after it.
//! A tint over the city and under the map's markers and names, so they stay readable.

use crate::game::night::GameSession;
use crate::game::screens::Screen;
use bevy::prelude::*;
use night::scenario::model::EndingKind;

/// The tint over the city.
#[derive(Component)]
struct Sky;

/// When the ending's picture appeared (seconds of the app's clock), for the flash.
#[derive(Resource, Default)]
struct EndingSince(f32);

/// Over the city's meshes (at -9 to -5), under the markers, people and names (0 and above).
const DEPTH: f32 = -4.5;
/// Minutes after midnight at which dawn begins to grey the sky, and is full.
const DAWN: (f32, f32) = (5.0 * 60.0 + 15.0, 6.0 * 60.0 + 15.0);
/// Seconds of the streaks before the flash, and of the flash fading.
const STREAKS: f32 = 1.6;
const FLASH: f32 = 2.5;

pub fn plugin(app: &mut App) {
    app.init_resource::<EndingSince>()
        .add_systems(Startup, spawn_sky)
        .add_systems(
            OnEnter(Screen::Ending),
            |time: Res<Time>, mut since: ResMut<EndingSince>| {
                since.0 = time.elapsed_secs();
            },
        )
        .add_systems(
            Update,
            (light_the_sky, streaks)
                .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Ending))),
        )
        .add_systems(
            OnEnter(Screen::Title),
            |mut sky: Query<&mut Visibility, With<Sky>>| {
                for mut visibility in &mut sky {
                    *visibility = Visibility::Hidden;
                }
            },
        );
}

fn spawn_sky(mut commands: Commands) {
    commands.spawn((
        Name::new("Sky"),
        Sky,
        // Far larger than any city: the tint covers whatever the camera shows.
        Sprite::from_color(Color::NONE, Vec2::splat(200_000.0)),
        Transform::from_xyz(0.0, 0.0, DEPTH),
        Visibility::Hidden,
    ));
}

/// How far into the dawn the clock is, 0 to 1.
fn dawn(minute_of_day: f32) -> f32 {
    ((minute_of_day - DAWN.0) / (DAWN.1 - DAWN.0)).clamp(0.0, 1.0)
}

/// Whether the night ended in a loss (the missiles fell on it).
fn lost(night: &GameSession) -> bool {
    night
        .session
        .ending()
        .is_some_and(|e| e.kind == EndingKind::Loss)
}

fn light_the_sky(
    night: Res<GameSession>,
    screen: Res<State<Screen>>,
    time: Res<Time>,
    since: Res<EndingSince>,
    mut sky: Query<(&mut Sprite, &mut Visibility), With<Sky>>,
) {
    let sim = night.sim();
    let minute = f32::from((sim.scenario().start_clock + sim.now()) % 1440);
    let grey = dawn(minute);
    let mut colour = Color::srgba(0.55, 0.62, 0.80, 0.22 * grey);
    if *screen.get() == Screen::Ending && lost(&night) {
        let after = time.elapsed_secs() - since.0 - STREAKS;
        colour = if after < 0.0 {
            Color::NONE
        } else if after < FLASH {
            // White, then fading into the pall.
            let t = after / FLASH;
            Color::srgba(1.0, 1.0 - 0.4 * t, 1.0 - 0.75 * t, 1.0 - 0.78 * t)
        } else {
            Color::srgba(1.0, 0.6, 0.25, 0.22)
        };
    }
    // A clear sky is not drawn at all: a full-screen tint costs a pass of blending.
    let clear = colour.alpha() <= 0.0;
    for (mut sprite, mut visibility) in &mut sky {
        sprite.color = colour;
        visibility.set_if_neq(if clear {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
    }
}

/// At a loss, the warheads' streaks: bright lines falling across the view before the flash.
fn streaks(
    night: Res<GameSession>,
    screen: Res<State<Screen>>,
    time: Res<Time>,
    since: Res<EndingSince>,
    camera: Single<(&Transform, &Projection), With<crate::game::map::MapCamera>>,
    mut gizmos: Gizmos,
) {
    if *screen.get() != Screen::Ending || !lost(&night) {
        return;
    }
    let t = (time.elapsed_secs() - since.0) / STREAKS;
    if !(0.0..1.0).contains(&t) {
        return;
    }
    let (eye, projection) = camera.into_inner();
    let pixel = crate::game::map::metres_per_pixel(projection);
    let centre = eye.translation.truncate();
    for k in 0..3 {
        let lane = (k as f32 - 1.0) * 260.0 * pixel;
        let start = centre + Vec2::new(-500.0 * pixel + lane, 420.0 * pixel);
        let end = centre + Vec2::new(120.0 * pixel + lane * 0.4, -60.0 * pixel);
        let head = start.lerp(end, (t * (1.0 + 0.15 * k as f32)).min(1.0));
        gizmos.line_2d(start, head, Color::srgba(1.0, 0.95, 0.85, 0.85));
        gizmos.line_2d(
            start + Vec2::Y * pixel,
            head + Vec2::Y * pixel,
            Color::srgba(1.0, 0.7, 0.4, 0.5),
        );
    }
}
