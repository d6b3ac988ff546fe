//! Sound: an ambient synth bed through the night, a ringing phone's bell from where it rings
//! (louder as the player comes near, left or right of them), and a ticking clock once the
//! player knows, quickening as the deadline nears.
//! A machine with no audio device plays nothing: Bevy finds no output and skips playback.

pub mod synth;

use crate::game::map::{Aboard, positions};
use crate::game::night::GameSession;
use crate::game::night::pause::Pause;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use bevy::audio::{AudioSource, GlobalVolume, SpatialListener, SpatialScale, Volume};
use bevy::prelude::*;
use night::scenario::model::LocId;

#[derive(Resource)]
struct Sounds {
    tick: Handle<AudioSource>,
    ring: Handle<AudioSource>,
    pad: Handle<AudioSource>,
}

/// The looping ring of a phone at a place, while the player can hear it.
#[derive(Component)]
struct Ringing(LocId);

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, make_sounds)
        .add_systems(OnEnter(Screen::Playing), start_pad)
        .add_systems(
            Update,
            (
                follow_volume,
                (
                    (follow_the_player_with_ears, ring_within_earshot).chain(),
                    tick_the_countdown,
                )
                    .run_if(in_state(Screen::Playing)),
            ),
        );
}

fn make_sounds(mut commands: Commands, mut sources: ResMut<Assets<AudioSource>>) {
    let mut add = |samples: Vec<f32>| {
        sources.add(AudioSource {
            bytes: synth::wav(&samples).into(),
        })
    };
    commands.insert_resource(Sounds {
        tick: add(synth::tick()),
        ring: add(synth::ring()),
        pad: add(synth::pad()),
    });
}

fn start_pad(mut commands: Commands, sounds: Res<Sounds>) {
    commands.spawn((
        Name::new("Ambient pad"),
        AudioPlayer::new(sounds.pad.clone()),
        PlaybackSettings::LOOP.with_volume(Volume::Linear(0.35)),
        DespawnOnExit(Screen::Playing),
    ));
}

fn follow_volume(settings: Res<Settings>, mut global: ResMut<GlobalVolume>) {
    if settings.is_changed() {
        global.volume = Volume::Linear(settings.volume.clamp(0.0, 1.0));
    }
}

/// How far a ringing phone can be heard, in metres.
const EARSHOT: f32 = 220.0;
/// Sound units per metre: the ring is full within about 25 m of the player and falls with
/// the square of the distance beyond (the way spatial sound falls off).
const METRES_TO_SOUND: f32 = 0.04;
/// Metres between the player's ears: enough to hear which side a phone is on.
const EAR_GAP: f32 = 12.0;

/// The player's ears, where their figure is on the map.
fn follow_the_player_with_ears(
    mut commands: Commands,
    night: Res<GameSession>,
    aboard: Res<Aboard>,
    mut ears: Query<&mut Transform, With<SpatialListener>>,
) {
    let at = aboard.player(&night).extend(0.0);
    match ears.iter_mut().next() {
        Some(mut transform) => transform.translation = at,
        None => {
            commands.spawn((
                Name::new("The player's ears"),
                SpatialListener::new(EAR_GAP),
                Transform::from_translation(at),
                DespawnOnExit(Screen::Playing),
            ));
        }
    }
}

/// The places whose phone rings within earshot of a listener at `at` (map metres).
pub fn phones_in_earshot(sim: &night::Sim, at: Vec2) -> Vec<LocId> {
    (0..sim.scenario().locations.len() as LocId)
        .filter(|&l| {
            sim.location_state(l).ringing && positions::location(sim, l).distance(at) <= EARSHOT
        })
        .collect()
}

/// Every phone ringing within earshot of the player rings from where it is: louder as the
/// player comes closer, from the left or the right. A phone that stops, or falls out of
/// earshot, goes quiet.
fn ring_within_earshot(
    mut commands: Commands,
    night: Res<GameSession>,
    sounds: Res<Sounds>,
    aboard: Res<Aboard>,
    ringing: Query<(Entity, &Ringing)>,
) {
    let sim = night.sim();
    let heard = phones_in_earshot(sim, aboard.player(&night));
    for (entity, ring) in &ringing {
        if !heard.contains(&ring.0) {
            commands.entity(entity).despawn();
        }
    }
    for l in heard {
        if ringing.iter().any(|(_, ring)| ring.0 == l) {
            continue;
        }
        commands.spawn((
            Name::new(format!(
                "Ringing: {}",
                sim.scenario().locations[l as usize].name
            )),
            Ringing(l),
            AudioPlayer::new(sounds.ring.clone()),
            PlaybackSettings::LOOP
                .with_spatial(true)
                .with_spatial_scale(SpatialScale::new_2d(METRES_TO_SOUND)),
            Transform::from_translation(positions::location(sim, l).extend(0.0)),
            DespawnOnExit(Screen::Playing),
        ));
    }
}

/// Seconds between ticks: one a second with an hour to go, four a second at the end.
pub fn tick_interval(minutes_left: u16) -> f32 {
    (f32::from(minutes_left) / 60.0).clamp(0.25, 1.0)
}

fn tick_the_countdown(
    mut commands: Commands,
    night: Res<GameSession>,
    sounds: Res<Sounds>,
    pause: Option<Res<State<Pause>>>,
    time: Res<Time>,
    mut since: Local<f32>,
) {
    let Some(left) = night.session.countdown() else {
        return;
    };
    if pause.is_some_and(|p| *p.get() == Pause::Paused) {
        return;
    }
    *since += time.delta_secs();
    if *since >= tick_interval(left) {
        *since = 0.0;
        commands.spawn((
            Name::new("Tick"),
            AudioPlayer::new(sounds.tick.clone()),
            PlaybackSettings::DESPAWN.with_volume(Volume::Linear(0.5)),
        ));
    }
}
