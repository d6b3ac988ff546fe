//! Playing a night's record back in the window (`miracle-mile --replay FILE`): the record's
//! night begins at once and its actions are taken at their minutes while the clock moves a
//! minute every quarter second, exactly as `replay` plays it headless, so the same night
//! unfolds on the map. Choosing any action takes over: the playback stops and the night is the
//! player's from there.

use crate::game::night::{BeginNight, ChooseAction, GameSession, Hold, Refusal};
use crate::game::screens::Screen;
use crate::game::{AppSystems, GameOptions};
use bevy::prelude::*;
use night::scenario::model::Minute;
use night::session::Replay;

/// The record being played back, and how far it has got.
#[derive(Resource)]
pub struct Playback {
    record: Replay,
    /// Actions taken so far.
    next: usize,
    /// Real seconds since the clock last moved.
    since_minute: f32,
}

impl Playback {
    /// For the top bar: "Playing back: 12 of 48 actions — choose any action to take over".
    pub fn status(&self) -> String {
        format!(
            "Playing back: {} of {} actions — choose any to take over",
            self.next,
            self.record.actions.len()
        )
    }
}

/// Real seconds per game minute while playing back.
const SECONDS_PER_MINUTE: f32 = 0.25;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), begin_playback)
        .add_systems(
            Update,
            play_back
                .run_if(resource_exists::<Playback>)
                .run_if(in_state(Screen::Playing))
                .in_set(AppSystems::Choose),
        );
}

fn begin_playback(
    mut commands: Commands,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut done: Local<bool>,
) {
    // Only the first time the title shows: after the ending the title is the player's.
    let Some(record) = options.playback.clone().filter(|_| !*done) else {
        return;
    };
    *done = true;
    start_playback(&mut commands, &mut begin, record.replay);
}

/// Begins the record's night (its start and seed) and plays its actions back from the first.
pub fn start_playback(
    commands: &mut Commands,
    begin: &mut MessageWriter<BeginNight>,
    record: Replay,
) {
    begin.write(BeginNight {
        start: record.start,
        seed: record.seed,
    });
    commands.insert_resource(Playback {
        record,
        next: 0,
        since_minute: 0.0,
    });
}

fn play_back(
    mut commands: Commands,
    mut playback: ResMut<Playback>,
    mut night: ResMut<GameSession>,
    mut hold: ResMut<Hold>,
    mut refusal: ResMut<Refusal>,
    mut chosen: MessageReader<ChooseAction>,
    time: Res<Time>,
) {
    // The log stays the night's own transcript (the record's hash is taken of it): what the
    // playback says goes to the top bar (see `status`) and the refusal line.
    let p = &mut *playback;
    // The player chose something of their own (or is choosing it this frame): the night is
    // theirs now.
    if chosen.read().count() > 0 || night.actions_taken() != p.next {
        info!("playback: the player took over after {} actions", p.next);
        finish(&mut commands, &mut hold);
        return;
    }
    hold.0 = true;
    if night.sim().is_over() {
        finish(&mut commands, &mut hold);
        return;
    }
    let next_minute: Option<Minute> = p.record.actions.get(p.next).map(|(at, _)| *at);
    if let Some(at) = next_minute
        && night.sim().now() >= at
    {
        let action = p.record.actions[p.next].1.clone();
        if let Err(why) = night.act(&action) {
            refusal.0 = Some(format!(
                "The record's action {} no longer applies: {why}",
                p.next + 1
            ));
            finish(&mut commands, &mut hold);
            return;
        }
        p.next += 1;
        return;
    }
    // The clock moves on, a whole minute at a time, to the next action or the record's end
    // (and, for a night that ended, on until it is over).
    let last = next_minute.unwrap_or(p.record.reached);
    if night.sim().now() >= last && !(p.record.ended && next_minute.is_none()) {
        info!("playback: the record ends at {}", night.sim().clock());
        finish(&mut commands, &mut hold);
        return;
    }
    p.since_minute += time.delta_secs();
    if p.since_minute >= SECONDS_PER_MINUTE {
        p.since_minute -= SECONDS_PER_MINUTE;
        night.advance(1);
    }
}

fn finish(commands: &mut Commands, hold: &mut Hold) {
    hold.0 = false;
    commands.remove_resource::<Playback>();
}
