//! The non-interactive mode of the real windowed game, for tests and screenshots: it opens on
//! the title (screenshot), begins a night, plays a script of actions whenever Harry is free,
//! takes screenshots at the named clock times and at the ending, and exits.

use super::GameOptions;
use super::night_state::{BeginNight, ChooseAction, Hold, Night, Refusal, Settings};
use super::pace::Pace;
use super::screens::Screen;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use night::sim::Action;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct CaptureOptions {
    /// Where the PNGs go.
    pub dir: PathBuf,
    /// Actions in script syntax, played one by one whenever Harry is free.
    pub script: Vec<String>,
    /// Clock times ("HH:MM") at which to save a screenshot of the night.
    pub shots_at: Vec<String>,
    pub pace: Pace,
}

/// Progress through the capture.
#[derive(Resource, Default)]
struct Capture {
    next_line: usize,
    shots_done: usize,
    frames: u32,
    /// A screenshot was requested and has not arrived yet.
    waiting: bool,
    taken: u32,
    title_done: bool,
    ending_done: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Capture>().add_systems(
        Update,
        (
            capture_title.run_if(in_state(Screen::Title)),
            capture_night.run_if(in_state(Screen::Night)),
            capture_ending.run_if(in_state(Screen::Ending)),
        )
            .run_if(|options: Res<GameOptions>| options.capture.is_some()),
    );
}

/// Frames to let a screen settle (egui lays out over two frames) before it is photographed.
const SETTLE_FRAMES: u32 = 20;

fn shoot(commands: &mut Commands, capture: &mut Capture, options: &CaptureOptions, name: &str) {
    capture.taken += 1;
    capture.waiting = true;
    let path = options.dir.join(format!("{:02}-{name}.png", capture.taken));
    info!("capture: saving {}", path.display());
    commands
        .spawn((Name::new("Screenshot"), Screenshot::primary_window()))
        .observe(save_to_disk(path))
        .observe(|_: On<ScreenshotCaptured>, mut capture: ResMut<Capture>| {
            capture.waiting = false;
        });
}

fn capture_title(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut settings: ResMut<Settings>,
) {
    let Some(opts) = options.capture.clone() else {
        return;
    };
    capture.frames += 1;
    if capture.waiting || capture.frames < SETTLE_FRAMES {
        return;
    }
    if !capture.title_done {
        capture.title_done = true;
        shoot(&mut commands, &mut capture, &opts, "title");
        return;
    }
    settings.pace = opts.pace;
    capture.frames = 0;
    begin.write(BeginNight {
        start: options.start,
        seed: options.seed.unwrap_or(1),
    });
}

fn capture_night(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    options: Res<GameOptions>,
    night: Res<Night>,
    mut hold: ResMut<Hold>,
    refusal: Res<Refusal>,
    mut choose: MessageWriter<ChooseAction>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(opts) = options.capture.clone() else {
        return;
    };
    capture.frames += 1;
    if refusal.is_changed()
        && let Some(why) = &refusal.0
    {
        warn!(
            "capture: at {} the game refused script line {}: {why}",
            night.sim.clock(),
            capture.next_line
        );
    }
    // The clock stands still while a photograph is being taken or a screen settles.
    hold.0 = capture.waiting || capture.frames < SETTLE_FRAMES;
    if hold.0 {
        return;
    }
    let s = night.sim.scenario();
    if let Some(at) = opts.shots_at.get(capture.shots_done)
        && let Ok(clock) = night::scenario::parse_clock(at)
        && night.sim.now() >= (clock + 1440 - s.start_clock) % 1440
    {
        capture.shots_done += 1;
        capture.frames = 0;
        hold.0 = true;
        let name = format!("night-{}", at.replace(':', ""));
        shoot(&mut commands, &mut capture, &opts, &name);
        return;
    }
    if night.sim.is_idle() && capture.next_line >= opts.script.len() {
        // The script is over: let the night run on to its ending.
        choose.write(ChooseAction(Action::WaitForSomething));
        return;
    }
    if night.sim.is_idle() && capture.next_line < opts.script.len() {
        let line = opts.script[capture.next_line].clone();
        capture.next_line += 1;
        match Action::parse(&line, s) {
            Ok(action) => {
                choose.write(ChooseAction(action));
            }
            Err(e) => {
                error!("capture: script line {}: `{line}`: {e}", capture.next_line);
                exit.write(AppExit::from_code(2));
            }
        }
    }
}

fn capture_ending(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    options: Res<GameOptions>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(opts) = options.capture.clone() else {
        return;
    };
    if !capture.ending_done {
        capture.ending_done = true;
        capture.frames = 0;
    }
    capture.frames += 1;
    if capture.waiting || capture.frames < SETTLE_FRAMES {
        return;
    }
    if capture.frames == SETTLE_FRAMES {
        shoot(&mut commands, &mut capture, &opts, "ending");
        return;
    }
    info!(
        "capture: done, {} screenshots in {}",
        capture.taken,
        opts.dir.display()
    );
    exit.write(AppExit::Success);
}
