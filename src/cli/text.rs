//! `miracle-mile text`: the night in the terminal. Interactive (numbered actions, or typed in
//! their script form) or from a script, one action per line, printing the transcript and
//! `ending: ID` at the end.

use crate::cli::output::{out, outln};
use crate::cli::scenario_file;
use crate::record::NightRecord;
use night::Scenario;
use night::scenario::model::{Minute, Place};
use night::sim::{Action, Event, Outcome, Owner, Sim};
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
    /// Write the night's record (seed, start, Harry's actions with their times, the ending and
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
    let seed = args.seed.unwrap_or_else(random_seed);
    if let Some(path) = &args.script {
        let Some(text) = read_script(path) else {
            return ExitCode::FAILURE;
        };
        let (mut terminal, played) = play_script(&scenario, seed, start, path, &text, true);
        return match save_record(args, &mut terminal, start) {
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
    let mut terminal = Terminal::begin(&scenario, seed, start, true);
    let code = run_interactive(&mut terminal);
    match save_record(args, &mut terminal, start) {
        Ok(()) => code,
        Err(code) => code,
    }
}

/// Writes the night's record where `--record` says, if it says.
fn save_record(args: &TextArgs, terminal: &mut Terminal, start: usize) -> Result<(), ExitCode> {
    let Some(path) = &args.record else {
        return Ok(());
    };
    let record = NightRecord::of(
        &terminal.sim,
        start,
        &terminal.actions,
        &terminal.transcript,
    );
    match crate::record::write(path, &record) {
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

/// What `text --script` prints for a script (`name` is where it came from, for its messages):
/// the same text on every platform, which is what the golden night compares.
pub fn script_transcript(s: &Scenario, seed: u64, start: usize, name: &str, text: &str) -> String {
    play_script(s, seed, start, name, text, false).0.printed
}

/// The night being played in the terminal, with what its record needs.
struct Terminal {
    sim: Sim,
    /// Every narrated line so far.
    transcript: Vec<String>,
    /// Printed as it comes (the terminal), or kept in `printed` (a transcript for comparing).
    echo: bool,
    printed: String,
    /// Harry's actions with the minute each was taken.
    actions: Vec<(Minute, Action)>,
}

impl Terminal {
    /// The start's events, and on until Harry can act (a start may leave him asleep).
    fn begin(s: &Scenario, seed: u64, start: usize, echo: bool) -> Terminal {
        let mut terminal = Terminal::begin_quietly(s, seed, start, echo);
        terminal.show_beginning();
        terminal
    }

    /// The night at its start, nothing shown yet.
    fn begin_quietly(s: &Scenario, seed: u64, start: usize, echo: bool) -> Terminal {
        Terminal {
            sim: Sim::with_start(s, seed, start),
            transcript: Vec::new(),
            echo,
            printed: String::new(),
            actions: Vec::new(),
        }
    }

    /// The start's events, and on until Harry can act.
    fn show_beginning(&mut self) {
        let events = self.sim.take_events();
        self.show(events);
        let events = self.sim.run_until_idle();
        self.show(events);
    }

    fn show(&mut self, events: Vec<Event>) {
        for e in &events {
            if let Some(line) = e.narrate(self.sim.scenario()) {
                self.say(&line);
                self.transcript.push(line);
            }
        }
    }

    fn say(&mut self, line: &str) {
        if self.echo {
            outln!("{line}");
        } else {
            self.printed.push_str(line);
            self.printed.push('\n');
        }
    }

    /// Does an action and plays on until Harry can act again.
    fn act(&mut self, action: &Action) -> Result<(), String> {
        let events = self.sim.apply(action).map_err(|e| e.message)?;
        self.actions.push((self.sim.now(), action.clone()));
        self.show(events);
        let events = self.sim.run_until_idle();
        self.show(events);
        Ok(())
    }
}

/// A seed for nights the player did not fix: std's randomly keyed hasher (no extra crate).
/// Kept below a million so that it is easy to read back and type.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now()) % 1_000_000
}

fn ending_line(s: &Scenario, sim: &Sim) -> String {
    match sim.outcome() {
        Some(Outcome::Ending(e)) => format!("ending: {}", s.endings[e as usize].id),
        _ => "ending: none".into(),
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

/// Plays a script from the night's beginning: the night, and whether every line played.
fn play_script(
    s: &Scenario,
    seed: u64,
    start: usize,
    path: &str,
    text: &str,
    echo: bool,
) -> (Terminal, bool) {
    let mut terminal = Terminal::begin_quietly(s, seed, start, echo);
    let header = format!("{} — seed {seed}, start {}", s.title, s.starts[start].id);
    terminal.say(&header);
    terminal.show_beginning();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if terminal.sim.is_over() {
            terminal.say(&format!(
                "{path}:{}: the night is already over; `{line}` is not played",
                n + 1
            ));
            break;
        }
        let result = Action::parse(line, s)
            .map_err(|e| e.message)
            .and_then(|a| terminal.act(&a));
        if let Err(message) = result {
            terminal.say(&format!("{path}:{}: cannot `{line}`: {message}", n + 1));
            terminal.say("available now:");
            for a in terminal.sim.actions() {
                terminal.say(&format!("  {}", a.text(s)));
            }
            let ending = ending_line(s, &terminal.sim);
            terminal.say(&ending);
            return (terminal, false);
        }
    }
    let ending = ending_line(s, &terminal.sim);
    terminal.say(&ending);
    (terminal, true)
}

fn run_interactive(terminal: &mut Terminal) -> ExitCode {
    let s = &terminal.sim.scenario().clone();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while !terminal.sim.is_over() {
        let actions = terminal.sim.actions();
        print_scene(s, &terminal.sim, &actions);
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
    outln!("{}", ending_line(s, &terminal.sim));
    ExitCode::SUCCESS
}

/// The time, the place, who is here, what Harry carries, and the numbered actions.
fn print_scene(s: &Scenario, sim: &Sim, actions: &[Action]) {
    let here = sim.harry_at();
    let place = &s.locations[here as usize];
    let knows_alarm = sim.alarmed(s.player);
    let countdown = if knows_alarm && sim.now() < s.deadline {
        format!("   — {} minutes left", s.deadline - sim.now())
    } else {
        String::new()
    };
    outln!("── {} ── {}{countdown}", sim.clock(), place.name);
    let state_text = &sim.location_state(here).text;
    outln!(
        "{}",
        if state_text.is_empty() {
            &place.description
        } else {
            state_text
        }
    );
    for c in sim.present() {
        let ch = &s.characters[c as usize];
        let st = sim.character_state(c);
        let with = if st.place == Place::WithHarry {
            " (with you)"
        } else {
            ""
        };
        match st.description.is_empty() {
            true => outln!("  {} is here{with}.", ch.name),
            false => outln!("  {}{with}: {}", ch.name, st.description),
        }
    }
    let lying: Vec<&str> = (0..s.items.len())
        .filter(|&i| sim.holder(i as u16) == Owner::At(here))
        .map(|i| s.items[i].name.as_str())
        .collect();
    if !lying.is_empty() {
        outln!("  You see: {}.", lying.join(", "));
    }
    let held: Vec<&str> = (0..s.items.len())
        .filter(|&i| sim.holder(i as u16) == Owner::Held(s.player))
        .map(|i| s.items[i].name.as_str())
        .collect();
    if !held.is_empty() {
        outln!("  Harry has: {}.", held.join(", "));
    }
    if sim.panic(here) > 0 {
        outln!("  Panic here: {}/100", sim.panic(here));
    }
    for (k, a) in actions.iter().enumerate() {
        let cost = match a {
            Action::Go { to, mode } => sim
                .route_to(*to, *mode)
                .map(|(_, m): (_, Minute)| format!(" ({m} min)"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        outln!("  {:>2}. {:<34} {}{cost}", k + 1, a.text(s), a.describe(s));
    }
}
