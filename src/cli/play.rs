//! Playing in a window, the default: the options of the window, of the capture mode (scripted
//! nights photographed and measured, for tests and the browser test) and of playing a record
//! back, checked and turned into the game's options.

use crate::files::scenario_file;
use crate::game::automation::{capture::CaptureOptions, measure::MeasureOptions};
use crate::game::night::pace::Pace;
use crate::game::{self, GameOptions};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Playing in a window (the default).
#[derive(Args, Default)]
pub struct PlayArgs {
    /// Scenario file to play (default: the film, scenes/miracle_mile.ron).
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// Seed of the night's chances (default: a new one each night).
    #[arg(long)]
    seed: Option<u64>,
    /// Start used by --capture (default: the scenario's first).
    #[arg(long)]
    start: Option<String>,
    /// Non-interactive: play --script, save screenshots into DIR (title, --shot-at times, the
    /// ending), then exit.
    #[arg(long, value_name = "DIR")]
    capture: Option<PathBuf>,
    /// With --capture: the actions to play, one per line (the `text --script` syntax).
    #[arg(long, requires = "capture")]
    script: Option<PathBuf>,
    /// With --capture: a clock time "HH:MM" at which to save a screenshot (repeatable);
    /// "HH:MM:SS" for a moment between two minutes (a flight in the air).
    #[arg(long = "shot-at", requires = "capture")]
    shot_at: Vec<String>,
    /// Folder for the player's settings, notebook, gallery and unfinished night (default:
    /// $MIRACLE_MILE_DATA, else the platform's data folder, ~/.local/share/miracle-mile on Linux).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// With --capture: a clock time at which to open the notebook and save a screenshot of it.
    #[arg(long = "notebook-at", requires = "capture")]
    notebook_at: Vec<String>,
    /// With --capture: make every choice by clicking, as a mouse-only player (the title's
    /// button, places on the map and their route cards, the panel's buttons).
    #[arg(long, requires = "capture")]
    mouse: bool,
    /// With --capture: the ending the night must reach (its id); any other ending exits with
    /// an error, so scripts and tests can rely on the run.
    #[arg(long, value_name = "ENDING", requires = "capture")]
    expect: Option<String>,
    /// With --capture: measure frame times from this clock time "HH:MM" (the night runs at the
    /// film's pace meanwhile, not held to the display's refresh) and log them.
    #[arg(long = "measure-at", value_name = "HH:MM", requires = "capture")]
    measure_at: Option<String>,
    /// With --measure-at: for how many seconds.
    #[arg(
        long = "measure-seconds",
        default_value_t = 20.0,
        requires = "measure_at"
    )]
    measure_seconds: f32,
    /// Play a night's record back in the window (from the game's ending screen or `text
    /// --record`); choosing any action takes over.
    #[arg(long, value_name = "FILE", conflicts_with = "capture")]
    replay: Option<PathBuf>,
    /// With --capture: the pace.
    #[arg(long, value_enum, default_value_t = Pace::TurnBased, requires = "capture")]
    pace: Pace,
}

/// Opens the window on the night the options ask for.
pub fn run(args: PlayArgs, launched: bevy::platform::time::Instant) -> ExitCode {
    let scenario = scenario_file::load(args.scenario.as_deref()).map_err(|e| e.render());
    let start = match &scenario {
        Ok(s) => match scenario_file::start_index(s, args.start.as_deref()) {
            Ok(i) => i,
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::FAILURE;
            }
        },
        Err(_) => 0,
    };
    let playback = match (&args.replay, &scenario) {
        (Some(path), Ok(s)) => {
            match crate::files::record::read(path)
                .and_then(|r| r.resolve(s).map_err(|e| format!("{}: {e}", path.display())))
            {
                Ok(resolved) => Some(resolved),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        _ => None,
    };
    let capture = match args.capture {
        None => None,
        Some(dir) => {
            let script = match &args.script {
                None => Vec::new(),
                Some(path) => match read_script(path) {
                    Ok(text) => night::sim::script_lines(&text)
                        .map(|(_, line)| line.to_owned())
                        .collect(),
                    Err(e) => {
                        eprintln!("{}: cannot read: {e}", path.display());
                        return ExitCode::FAILURE;
                    }
                },
            };
            let mut clocks = args.notebook_at.iter().chain(&args.measure_at);
            if let Some(bad) = clocks.find(|at| night::scenario::parse_clock(at).is_err()) {
                eprintln!("`{bad}` is not a clock time: write it as HH:MM, e.g. 04:30");
                return ExitCode::FAILURE;
            }
            if let Some(why) = args
                .shot_at
                .iter()
                .find_map(|at| crate::game::automation::capture::split_seconds(at).err())
            {
                eprintln!("{why}");
                return ExitCode::FAILURE;
            }
            if cfg!(not(target_arch = "wasm32"))
                && let Err(e) = std::fs::create_dir_all(&dir)
            {
                eprintln!("{}: cannot create: {e}", dir.display());
                return ExitCode::FAILURE;
            }
            Some(CaptureOptions {
                dir,
                script,
                shots_at: args.shot_at,
                notebook_at: args.notebook_at,
                pace: args.pace,
                mouse: args.mouse,
                expect: args.expect,
                measure: args.measure_at.map(|at| MeasureOptions {
                    at,
                    seconds: args.measure_seconds,
                }),
            })
        }
    };
    let exit = game::run(GameOptions {
        scenario_path: args.scenario.clone(),
        scenario,
        seed: args.seed,
        start,
        capture,
        store: crate::files::store::Store::locate(args.data_dir),
        playback,
        launched,
    });
    if exit.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A script of actions: a file; in the browser, `film` (the film's night, built in).
fn read_script(path: &std::path::Path) -> std::io::Result<String> {
    #[cfg(target_arch = "wasm32")]
    if path == std::path::Path::new("film") {
        return Ok(crate::web::FILM_SCRIPT.to_owned());
    }
    std::fs::read_to_string(path)
}

/// In the browser, what the page's address asks for: `?seed=1&start=the_call` fixes the
/// night; `&script=film` plays the film's night by itself (at `&pace=`, turn by default) and
/// stays on its ending, for the browser test.
#[cfg(target_arch = "wasm32")]
pub fn page_args() -> PlayArgs {
    let mut args = PlayArgs {
        pace: Pace::TurnBased,
        ..PlayArgs::default()
    };
    use crate::web::query;
    args.seed = query("seed").and_then(|v| v.parse().ok());
    args.start = query("start");
    if let Some(script) = query("script") {
        args.capture = Some(PathBuf::from("page"));
        args.script = Some(PathBuf::from(script));
    }
    if let Some(pace) = query("pace").and_then(|p| clap::ValueEnum::from_str(&p, true).ok()) {
        args.pace = pace;
    }
    args.expect = query("expect");
    // `&shots=04:02,04:10`: moments the page holds still and announces, for the browser test.
    if let Some(shots) = query("shots") {
        args.shot_at = shots.split(',').map(str::to_owned).collect();
    }
    args
}
