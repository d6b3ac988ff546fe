//! Sound: an ambient synth bed through the night, the payphone's ring while a phone rings
//! where the player is, and a ticking clock once the player knows, quickening as the deadline nears.
//! A machine with no audio device plays nothing: Bevy finds no output and skips playback.

pub mod synth;

use crate::game::night::GameSession;
use crate::game::night::pause::Pause;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use bevy::audio::{AudioSource, GlobalVolume, Volume};
use bevy::prelude::*;

#[derive(Resource)]
struct Sounds {
    tick: Handle<AudioSource>,
    ring: Handle<AudioSource>,
    pad: Handle<AudioSource>,
}

/// The looping ring, while it plays.
#[derive(Component)]
struct Ringing;

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, make_sounds)
        .add_systems(OnEnter(Screen::Playing), start_pad)
        .add_systems(
            Update,
            (
                follow_volume,
                (ring_where_the_player_is, tick_the_countdown).run_if(in_state(Screen::Playing)),
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

fn ring_where_the_player_is(
    mut commands: Commands,
    night: Res<GameSession>,
    sounds: Res<Sounds>,
    ringing: Query<Entity, With<Ringing>>,
) {
    let rings = night.sim().location_state(night.sim().harry_at()).ringing && night.sim().is_idle();
    match (rings, ringing.iter().next()) {
        (true, None) => {
            commands.spawn((
                Name::new("Payphone ring"),
                Ringing,
                AudioPlayer::new(sounds.ring.clone()),
                PlaybackSettings::LOOP,
                DespawnOnExit(Screen::Playing),
            ));
        }
        (false, Some(entity)) => commands.entity(entity).despawn(),
        _ => {}
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
