//! `miracle-mile text`: the night in the terminal. Interactive (numbered actions, or typed in
//! their script form) or from a script, one action per line, printing the transcript and
//! `ending: ID` at the end.

use crate::files::record::NightRecord;
use crate::files::scenario_file;
use crate::output::{out, outln};
use crate::transcript::{Terminal, ending_line, play_script};
use night::Session;
use night::scene::{Scene, trip_minutes};
use night::sim::Action;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Default)]
pub struct TextArgs {
    /// Scenario file to play (default: the film, scenes/miracle_mile.ron).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Seed of the night's chances (default: chosen at random and printed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Which of the scenario's starts to begin from (default: its first).
    #[arg(long)]
    pub start: Option<String>,
    /// Read actions from this file (`-` for standard input), one per line; `#` starts a comment.
    #[arg(long)]
    pub script: Option<String>,
    /// Write the night's record (seed, start, the player's actions with their times, the ending and
    /// a hash of the transcript) to this file, for `miracle-mile replay`.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
}

pub fn run(args: &TextArgs) -> ExitCode {
    let Some((scenario, start)) =
        scenario_file::load_with_start(args.scenario.as_deref(), args.start.as_deref())
    else {
        return ExitCode::FAILURE;
    };
    let seed = args.seed.unwrap_or_else(crate::seed::fresh);
    if let Some(path) = &args.script {
        let Some(text) = read_script(path) else {
            return ExitCode::FAILURE;
        };
        let (terminal, played) = play_script(&scenario, seed, start, path, &text, true);
        return match save_record(args, &terminal) {
            Err(code) => code,
            Ok(()) if played => ExitCode::SUCCESS,
            Ok(()) => ExitCode::FAILURE,
        };
    }
    outln!("{}\n", scenario.title);
    if !scenario.intro.is_empty() {
        outln!("{}\n", scenario.intro);
    }
    outln!("(seed {seed}; type a number or an action such as `wait 10`; `help` or `quit`)\n");
    let mut terminal = Terminal::begin_quietly(&scenario, seed, start, true);
    terminal.show_beginning();
    let code = run_interactive(&mut terminal);
    match save_record(args, &terminal) {
        Ok(()) => code,
        Err(code) => code,
    }
}

/// Writes the night's record where `--record` says, if it says.
fn save_record(args: &TextArgs, terminal: &Terminal) -> Result<(), ExitCode> {
    let Some(path) = &args.record else {
        return Ok(());
    };
    let record = NightRecord::of(&terminal.session, &terminal.session.transcript());
    match crate::files::record::write(path, &record) {
        Ok(()) => {
            eprintln!("the night's record is in {}", path.display());
            Ok(())
        }
        Err(e) => {
            eprintln!("{e}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// A script's text: a file, or standard input for `-`.
fn read_script(path: &str) -> Option<String> {
    if path == "-" {
        let mut buf = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf) {
            eprintln!("cannot read the script from standard input: {e}");
            return None;
        }
        return Some(buf);
    }
    match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            None
        }
    }
}

fn run_interactive(terminal: &mut Terminal) -> ExitCode {
    let s = &terminal.session.scenario().clone();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while !terminal.session.sim().is_over() {
        let actions = terminal.session.sim().actions();
        print_scene(&terminal.session, &actions);
        out!("> ");
        let _ = std::io::stdout().flush();
        let input = match lines.next() {
            Some(Ok(input)) => input,
            None => {
                outln!();
                return ExitCode::SUCCESS;
            }
            Some(Err(e)) => {
                eprintln!("cannot read your input: {e}");
                return ExitCode::FAILURE;
            }
        };
        let input = input.trim();
        let action = match input {
            "" => continue,
            "quit" | "q" | "exit" => return ExitCode::SUCCESS,
            "help" | "?" => {
                outln!(
                    "Type the number of an action, or its text: go PLACE [walk|run|drive], wait [N], sleep HH:MM,"
                );
                outln!(
                    "talk PERSON TOPIC, tell PERSON FACT, ask PERSON ITEM, give PERSON ITEM, take ITEM,"
                );
                outln!(
                    "use ITEM [on PERSON], call NAME|NUMBER, answer, let-ring. `quit` leaves.\n"
                );
                continue;
            }
            _ => match input.parse::<usize>() {
                Ok(k) if (1..=actions.len()).contains(&k) => actions[k - 1].clone(),
                Ok(_) => {
                    outln!(
                        "There is no action {input}; choose 1 to {}.\n",
                        actions.len()
                    );
                    continue;
                }
                Err(_) => match Action::parse(input, s) {
                    Ok(a) => a,
                    Err(e) => {
                        outln!("{e}\n");
                        continue;
                    }
                },
            },
        };
        match terminal.act(&action) {
            Ok(()) => outln!(),
            Err(e) => outln!("You can't: {e}.\n"),
        }
    }
    outln!("{}", ending_line(&terminal.session));
    ExitCode::SUCCESS
}

/// The time, the place, who is here, what the player carries, and the numbered actions.
fn print_scene(session: &Session, actions: &[Action]) {
    let (s, sim) = (session.scenario(), session.sim());
    let scene = Scene::of(sim);
    let countdown = session
        .countdown()
        .map(|left| format!("   — {}", s.countdown_words(left)))
        .unwrap_or_default();
    outln!("── {} ── {}{countdown}", sim.clock(), scene.place);
    outln!("{}", scene.text);
    for person in &scene.people {
        let with = if person.with_player {
            " (with you)"
        } else {
            ""
        };
        match person.doing.is_empty() {
            true => outln!("  {} is here{with}.", person.name),
            false => outln!("  {}{with}: {}", person.name, person.doing),
        }
    }
    if !scene.lying_here.is_empty() {
        outln!("  You see: {}.", scene.lying_here.join(", "));
    }
    if !scene.carried.is_empty() {
        outln!("  {} has: {}.", s.player_word(), scene.carried.join(", "));
    }
    if scene.panic > 0 {
        outln!("  Panic here: {}/100", scene.panic);
    }
    for (k, a) in actions.iter().enumerate() {
        let cost = trip_minutes(sim, a)
            .map(|m| format!(" ({m} min)"))
            .unwrap_or_default();
        outln!("  {:>2}. {:<34} {}{cost}", k + 1, a.text(s), a.describe(s));
    }
}
