//! `miracle-mile autoplay`: plays many nights with kinds of computer player in turn (one
//! choosing uniformly at random, one greedy for events, one a curious newcomer, and with
//! `--walkthrough` one who follows a script but strays; see `night::analysis`) and reports how
//! the nights ended, by kind of player, and what never happened in any of them: endings,
//! states, transitions, events, facts nobody came to believe, calls never made. A progress
//! line shows on a terminal during long runs.

use crate::files::scenario_file;
use crate::output::outln;
use night::analysis::coverage::Coverage;
use night::analysis::{greedy_player, newcomer_player, random_player, walkthrough_player};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AutoplayArgs {
    /// Scenario file (default: the film, scenes/miracle_mile.ron).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// How many nights to play (random, greedy and newcomer players in turn).
    #[arg(long, default_value_t = 200)]
    pub runs: u32,
    /// The first night's seed; night k plays seed SEED + k.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Which of the scenario's starts to begin from (default: its first).
    #[arg(long)]
    pub start: Option<String>,
    /// A script of actions (as for `text --script`) that a fourth kind of player follows from
    /// the start, straying from it now and then: how forgiving is that path?
    #[arg(long, value_name = "SCRIPT")]
    pub walkthrough: Option<PathBuf>,
}

/// Actions a computer player takes at most in one night (then the clock runs to the end).
const MAX_ACTIONS: usize = 400;

/// The kinds of computer player, in the order they take turns (the last only with a
/// walkthrough), and how the first line of the report counts each.
const KINDS: [&str; 4] = ["random", "greedy", "newcomer", "walkthrough"];
const KIND_COUNTS: [(&str, &str); 4] = [
    ("random player", "random players"),
    ("greedy", "greedy"),
    ("newcomer", "newcomers"),
    ("walkthrough player", "walkthrough players"),
];

pub fn run(args: &AutoplayArgs) -> ExitCode {
    let Some((scenario, start)) =
        scenario_file::load_with_start(args.scenario.as_deref(), args.start.as_deref())
    else {
        return ExitCode::FAILURE;
    };
    let walkthrough = match &args.walkthrough {
        None => None,
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => match night::sim::parse_script(&text, &scenario) {
                Ok(actions) if actions.is_empty() => {
                    eprintln!("{}: the walkthrough has no actions", path.display());
                    return ExitCode::FAILURE;
                }
                Ok(actions) => Some(actions),
                Err((line, e)) => {
                    eprintln!("{}:{line}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            },
            Err(e) => {
                eprintln!("{}: cannot read: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
    };
    let kinds = if walkthrough.is_some() { 4 } else { 3 };
    let started = std::time::Instant::now();
    let progress = std::io::stderr().is_terminal() && args.runs >= 20;
    let mut coverage = Coverage::default();
    // Per ending: nights reached by each kind of player.
    let mut by_player: BTreeMap<String, [u32; KINDS.len()]> = BTreeMap::new();
    for k in 0..args.runs {
        let seed = args.seed.wrapping_add(u64::from(k));
        let kind = k as usize % kinds;
        let night = match (kind, &walkthrough) {
            (0, _) => random_player::play(&scenario, start, seed, seed, MAX_ACTIONS),
            (1, _) => greedy_player::play(&scenario, start, seed, seed, MAX_ACTIONS),
            (3, Some(script)) => {
                walkthrough_player::play(&scenario, start, seed, seed, MAX_ACTIONS, script)
            }
            _ => newcomer_player::play(&scenario, start, seed, seed, MAX_ACTIONS),
        };
        coverage.add(&night.sim, &night.events);
        let ending = match night.sim.outcome() {
            Some(night::Outcome::Ending(e)) => scenario.endings[e as usize].id.clone(),
            _ => "none".into(),
        };
        by_player.entry(ending).or_default()[kind] += 1;
        if progress && (k % 10 == 9 || k + 1 == args.runs) {
            let done = (k + 1) as usize * 30 / args.runs as usize;
            eprint!(
                "\r[{}{}] {}/{} nights",
                "#".repeat(done),
                ".".repeat(30 - done),
                k + 1,
                args.runs
            );
            let _ = std::io::stderr().flush();
        }
    }
    if progress {
        eprintln!();
    }
    let seconds = started.elapsed().as_secs_f64();
    // Nights played by each kind: kind i plays nights i, i + kinds, ...
    let played: Vec<u32> = (0..kinds as u32)
        .map(|i| args.runs.saturating_sub(i).div_ceil(kinds as u32))
        .collect();
    let counts: Vec<String> = played
        .iter()
        .zip(KIND_COUNTS)
        .map(|(&n, (one, many))| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    outln!(
        "autoplay: {} nights of {} from {} (seeds {}..={}; {}) in {:.1} s",
        args.runs,
        scenario.title,
        scenario.starts[start].id,
        args.seed,
        args.seed
            .wrapping_add(u64::from(args.runs.saturating_sub(1))),
        counts.join(", "),
        seconds
    );
    outln!();
    let kind_columns: String = KINDS[..kinds].iter().map(|k| format!("{k:>16}")).collect();
    outln!("endings                      nights      share{kind_columns}");
    let share = |n: u32, of: u32| 100.0 * f64::from(n) / f64::from(of.max(1));
    let mut rows: Vec<(&String, &[u32; KINDS.len()])> = by_player.iter().collect();
    rows.sort_by_key(|(id, counts)| (std::cmp::Reverse(counts.iter().sum::<u32>()), (*id).clone()));
    for (id, counts) in rows {
        let total: u32 = counts.iter().sum();
        let columns: Vec<String> = counts[..kinds]
            .iter()
            .zip(&played)
            .map(|(&n, &of)| format!("{n:>6} {:>5.1} %", share(n, of)))
            .collect();
        outln!(
            "  {id:<26} {total:>6}   {:>6.1} %   {}",
            share(total, args.runs),
            columns.join("   ")
        );
    }
    let never = coverage.never(&scenario);
    outln!();
    if never.is_empty() {
        outln!("Everything in the scenario happened in at least one night.");
        return ExitCode::SUCCESS;
    }
    outln!("never happened in these nights (they may still happen in others):");
    for (what, list) in [
        ("endings", &never.endings),
        ("states", &never.states),
        ("transitions", &never.transitions),
        ("events", &never.events),
        ("facts nobody believed", &never.facts),
        ("calls never made", &never.calls),
        ("places the player never reached", &never.places),
    ] {
        if list.is_empty() {
            continue;
        }
        outln!("  {what} ({}):", list.len());
        for item in list {
            outln!("    {item}");
        }
    }
    ExitCode::SUCCESS
}
