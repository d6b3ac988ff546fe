//! The non-interactive mode of the real windowed game, for tests and screenshots: it opens on
//! the title (screenshot), begins a night, plays a script of actions whenever the player is free,
//! takes screenshots at the named clock times (of the map, or of the notebook opened over it)
//! and at the ending, and exits. With `mouse`, every choice is made by clicking (see
//! [`crate::game::automation::pointer`]); otherwise actions are chosen directly.

use crate::game::automation::measure::{FrameTimes, MeasureOptions, Measuring};
use crate::game::automation::pointer::Pointer;
use crate::game::hud::click_targets::ClickTargets;
use crate::game::menus::notebook::NotebookOpen;
use crate::game::night::pace::Pace;
use crate::game::night::{BeginNight, ChooseAction, GameSession, Hold, Refusal, StopAt};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::{AppSystems, GameOptions};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use night::scenario::model::Minute;
use night::sim::Action;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct CaptureOptions {
    /// Where the PNGs go.
    pub dir: PathBuf,
    /// Actions in script syntax, played one by one whenever the player is free.
    pub script: Vec<String>,
    /// Clock times ("HH:MM", or "HH:MM:SS" for a moment between two minutes) at which to
    /// save a screenshot of the night.
    pub shots_at: Vec<String>,
    /// Clock times at which to open the notebook and save a screenshot of it.
    pub notebook_at: Vec<String>,
    pub pace: Pace,
    /// Choose everything with the synthetic mouse, as a mouse-only player would.
    pub mouse: bool,
    /// The ending the night must reach; another one makes the run exit with an error.
    pub expect: Option<String>,
    /// Measure frame times at a minute of the night (see [`crate::game::automation::measure`]).
    pub measure: Option<MeasureOptions>,
}

/// A screenshot to take during the night.
#[derive(Clone, Debug)]
struct Shot {
    at: Minute,
    /// Seconds into the minute `at` (the clock's fraction, times 60).
    second: f32,
    name: String,
    notebook: bool,
}

impl CaptureOptions {
    /// The night's screenshots in the order of their times.
    fn shots(&self, scenario: &night::Scenario) -> Vec<Shot> {
        let moment = |at: &str| moment_of(at, scenario);
        let mut shots: Vec<Shot> = self
            .shots_at
            .iter()
            .map(|at| (at, false))
            .chain(self.notebook_at.iter().map(|at| (at, true)))
            .filter_map(|(at, notebook)| {
                let kind = if notebook { "notebook" } else { "night" };
                moment(at).map(|(m, second)| Shot {
                    at: m,
                    second,
                    name: format!("{kind}-{}", at.replace(':', "")),
                    notebook,
                })
            })
            .collect();
        shots.sort_by(|a, b| {
            (a.at, a.second, a.notebook)
                .partial_cmp(&(b.at, b.second, b.notebook))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        shots
    }
}

/// A shot's clock time split into "HH:MM" and its seconds (0 unless written "HH:MM:SS"), or
/// why it cannot be read.
pub fn split_seconds(at: &str) -> Result<(&str, f32), String> {
    let bad = || format!("`{at}` is not a clock time: write it as HH:MM or HH:MM:SS, e.g. 04:30");
    let (clock, second) = match at.match_indices(':').nth(1) {
        Some((i, _)) => {
            let second: u8 = at[i + 1..].parse().map_err(|_| bad())?;
            if second >= 60 {
                return Err(bad());
            }
            (&at[..i], f32::from(second))
        }
        None => (at, 0.0),
    };
    night::scenario::parse_clock(clock).map_err(|_| bad())?;
    Ok((clock, second))
}

/// The night's minute and the second inside it at a shot's time.
fn moment_of(at: &str, scenario: &night::Scenario) -> Option<(Minute, f32)> {
    let (clock, second) = split_seconds(at).ok()?;
    Some((minute_of(clock, scenario)?, second))
}

/// The night's minute at a clock time "HH:MM".
fn minute_of(at: &str, scenario: &night::Scenario) -> Option<Minute> {
    night::scenario::parse_clock(at)
        .ok()
        .map(|c| scenario.minute_at(c))
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
    /// The notebook was opened for a screenshot and must be closed after it.
    notebook_shown: bool,
    /// One-minute waits still to click for a longer wait the panel does not offer.
    minutes_to_wait: u16,
    /// The frame times were measured and the script's pace is back.
    measured: bool,
    /// The ending was reported (in the page, which stays on it rather than exiting).
    finished: bool,
    /// In the page: frames left to hold a moment still while the browser test photographs it.
    page_hold: u32,
}

/// Frames the page holds a moment for its photograph (about three seconds).
const PAGE_HOLD_FRAMES: u32 = 180;

pub fn plugin(app: &mut App) {
    app.init_resource::<Capture>().add_systems(
        Update,
        (
            release_the_page_hold,
            capture_title.run_if(in_state(Screen::Title)),
            // Its choice is applied in the same frame, so that the next frame sees the player busy
            // and the script never runs ahead of the night.
            capture_night
                .run_if(in_state(Screen::Playing))
                .in_set(AppSystems::Choose),
            capture_ending.run_if(in_state(Screen::Ending)),
            capture_error.run_if(in_state(Screen::Error)),
        )
            .run_if(|options: Res<GameOptions>| options.capture.is_some()),
    );
}

/// Frames to let a screen settle (egui lays out over two frames) before it is photographed.
const SETTLE_FRAMES: u32 = 20;

fn shoot(commands: &mut Commands, capture: &mut Capture, options: &CaptureOptions, name: &str) {
    capture.taken += 1;
    // The page has no folder to save into: the browser test photographs the page itself
    // when it reads this line in the console, while the moment is held still.
    if cfg!(target_arch = "wasm32") {
        info!("capture: the {name} is on screen");
        capture.waiting = true;
        capture.page_hold = PAGE_HOLD_FRAMES;
        return;
    }
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

/// In the page, a photographed moment is let go after a while (on the desktop the screenshot's
/// arrival lets it go).
fn release_the_page_hold(mut capture: ResMut<Capture>) {
    if capture.page_hold > 0 {
        capture.page_hold -= 1;
        if capture.page_hold == 0 {
            capture.waiting = false;
        }
    }
}

fn capture_title(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut settings: ResMut<Settings>,
    mut pointer: ResMut<Pointer>,
    targets: Res<ClickTargets>,
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
    if opts.mouse {
        // The title's own button for the start (its seed is the one on the command line).
        if let Some(rect) = targets.named(&format!("start:{}", options.start))
            && !pointer.is_busy()
        {
            pointer.click_rect(rect);
        }
        return;
    }
    begin.write(BeginNight {
        start: options.start,
        seed: options.seed.unwrap_or(1),
    });
}

/// A scenario that cannot be read: the error screen is photographed and the run fails, instead
/// of waiting forever for a title that never comes.
fn capture_error(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    options: Res<GameOptions>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(opts) = options.capture.as_ref() else {
        return;
    };
    capture.frames += 1;
    if capture.waiting || capture.frames < SETTLE_FRAMES {
        return;
    }
    if capture.taken == 0 {
        shoot(&mut commands, &mut capture, opts, "error");
        return;
    }
    error!("capture: the scenario cannot be played (see the error screen)");
    exit.write(AppExit::error());
}

/// What the capture watches: its options, the night, a refusal, where the buttons are.
#[derive(SystemParam)]
struct Watched<'w> {
    options: Res<'w, GameOptions>,
    night: Res<'w, GameSession>,
    refusal: Res<'w, Refusal>,
    targets: Res<'w, ClickTargets>,
}

/// What the capture drives: the clock's hold, the player's choices (by message or by the
/// synthetic pointer), the notebook, the pace, the frame timer, and the exit.
#[derive(SystemParam)]
struct Driven<'w> {
    hold: ResMut<'w, Hold>,
    stop_at: ResMut<'w, StopAt>,
    choose: MessageWriter<'w, ChooseAction>,
    pointer: ResMut<'w, Pointer>,
    notebook: ResMut<'w, NotebookOpen>,
    settings: ResMut<'w, Settings>,
    frame_times: ResMut<'w, FrameTimes>,
    exit: MessageWriter<'w, AppExit>,
}

fn capture_night(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    watched: Watched,
    driven: Driven,
) {
    let Watched {
        options,
        night,
        refusal,
        targets,
    } = watched;
    let Driven {
        mut hold,
        mut stop_at,
        mut choose,
        mut pointer,
        mut notebook,
        mut settings,
        mut frame_times,
        mut exit,
    } = driven;
    let Some(opts) = options.capture.clone() else {
        return;
    };
    capture.frames += 1;
    // The clock stops at the next photograph's moment, however slow a frame (in the page a
    // frame can run more than a minute of turn-based time, and a flight lasts one).
    stop_at.0 = opts
        .shots(night.sim().scenario())
        .get(capture.shots_done)
        .map(|shot| (shot.at, shot.second / 60.0));
    if let Some(why) = pointer.failure.take() {
        error!(
            "capture: the mouse could not play script line {}: {why}",
            capture.next_line
        );
        exit.write(AppExit::from_code(3));
        return;
    }
    if refusal.is_changed()
        && let Some(why) = &refusal.0
    {
        warn!(
            "capture: at {} the game refused script line {}: {why}",
            night.sim().clock(),
            capture.next_line
        );
    }
    // The clock stands still while a photograph is being taken or a screen settles.
    hold.0 = capture.waiting || capture.frames < SETTLE_FRAMES;
    if hold.0 {
        return;
    }
    if pointer.is_busy() {
        return;
    }
    if let Some(measure) = &opts.measure
        && !capture.measured
        && night.sim().now()
            >= minute_of(&measure.at, night.sim().scenario()).unwrap_or(Minute::MAX)
    {
        // The night runs on at the film's pace, untouched, while its frames are timed.
        match frame_times.state {
            Measuring::NotYet => {
                info!(
                    "capture: measuring frame times from {}",
                    night.sim().clock()
                );
                settings.pace = Pace::Film;
                frame_times.start();
            }
            Measuring::Running => {}
            Measuring::Done => {
                settings.pace = opts.pace;
                capture.measured = true;
            }
        }
        return;
    }
    if capture.notebook_shown {
        // The notebook's photograph is taken: close it as it was opened.
        capture.notebook_shown = false;
        match targets.named("notebook").filter(|_| opts.mouse) {
            Some(rect) => pointer.click_rect(rect),
            None => notebook.0 = false,
        }
        return;
    }
    let s = night.sim().scenario();
    if let Some(shot) = opts.shots(s).get(capture.shots_done).cloned()
        && (night.sim().now(), night.clock.fraction * 60.0) >= (shot.at, shot.second)
    {
        if shot.notebook && !notebook.0 {
            // Open the notebook first, and let it settle.
            match targets.named("notebook").filter(|_| opts.mouse) {
                Some(rect) => pointer.click_rect(rect),
                None => notebook.0 = true,
            }
            capture.frames = 0;
            return;
        }
        capture.shots_done += 1;
        capture.frames = 0;
        capture.notebook_shown = shot.notebook;
        hold.0 = true;
        shoot(&mut commands, &mut capture, &opts, &shot.name);
        return;
    }
    if !night.sim().is_idle() {
        return;
    }
    let action = if capture.minutes_to_wait > 0 {
        capture.minutes_to_wait -= 1;
        Action::Wait { minutes: 1 }
    } else if capture.next_line >= opts.script.len() {
        // The script is over: let the night run on to its ending.
        Action::WaitForSomething
    } else {
        let line = opts.script[capture.next_line].clone();
        capture.next_line += 1;
        match Action::parse(&line, s) {
            Ok(action) => action,
            Err(e) => {
                error!("capture: script line {}: `{line}`: {e}", capture.next_line);
                exit.write(AppExit::from_code(2));
                return;
            }
        }
    };
    if opts.mouse {
        // A wait the panel does not offer is clicked as that many one-minute waits.
        let action = match action {
            Action::Wait { minutes } if minutes > 1 && !night.actions.contains(&action) => {
                capture.minutes_to_wait = minutes - 1;
                Action::Wait { minutes: 1 }
            }
            other => other,
        };
        pointer.choose(action, night.actions_taken());
    } else {
        choose.write(ChooseAction(action));
    }
}

fn capture_ending(
    mut commands: Commands,
    mut capture: ResMut<Capture>,
    options: Res<GameOptions>,
    mut exit: MessageWriter<AppExit>,
    pointer: Res<Pointer>,
    night: Res<GameSession>,
) {
    let Some(opts) = options.capture.clone() else {
        return;
    };
    if capture.finished {
        return;
    }
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
    let ending = night.session.ending().map_or("none", |e| e.id.as_str());
    info!(
        "capture: done, ending: {ending}, {} screenshots in {}, {} mouse clicks \
         ({} on people and {} on places on the map)",
        capture.taken,
        opts.dir.display(),
        pointer.clicks,
        pointer.on_people,
        pointer.on_places
    );
    if cfg!(target_arch = "wasm32") {
        // The page stays on the ending (an app that exits leaves the canvas dead).
        capture.finished = true;
        return;
    }
    match &opts.expect {
        Some(expected) if expected != ending => {
            error!("capture: expected the ending {expected}, the night reached {ending}");
            exit.write(AppExit::error());
        }
        _ => {
            exit.write(AppExit::Success);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_seconds;

    #[test]
    fn a_shot_time_may_name_a_second_inside_its_minute() {
        assert_eq!(split_seconds("04:02"), Ok(("04:02", 0.0)));
        assert_eq!(split_seconds("05:08:30"), Ok(("05:08", 30.0)));
        for bad in ["05:08:60", "05:08:xx", "5 past 8", "25:00"] {
            let why = split_seconds(bad).unwrap_err();
            assert!(why.contains(&format!("`{bad}`")), "{why}");
        }
    }
}
