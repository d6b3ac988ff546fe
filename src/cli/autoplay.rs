//! `miracle-mile autoplay`: plays many nights with computer players (half choosing uniformly
//! at random, half greedily, see `night::analysis`) and reports how the nights ended and what
//! never happened in any of them: endings, states, transitions, events, facts nobody came to
//! believe, calls never made. A progress line shows on a terminal during long runs.

use crate::cli::output::outln;
use crate::cli::scenario_file;
use night::analysis::coverage::Coverage;
use night::analysis::{greedy_player, random_player};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AutoplayArgs {
    /// Scenario file (default: the film, scenes/miracle_mile.ron).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// How many nights to play (half random players, half greedy).
    #[arg(long, default_value_t = 200)]
    pub runs: u32,
    /// The first night's seed; night k plays seed SEED + k.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Which of the scenario's starts to begin from (default: its first).
    #[arg(long)]
    pub start: Option<String>,
}

/// Actions a computer player takes at most in one night (then the clock runs to the end).
const MAX_ACTIONS: usize = 400;

pub fn run(args: &AutoplayArgs) -> ExitCode {
    let Some((scenario, start)) =
        scenario_file::load_with_start(args.scenario.as_deref(), args.start.as_deref())
    else {
        return ExitCode::FAILURE;
    };
    let started = std::time::Instant::now();
    let progress = std::io::stderr().is_terminal() && args.runs >= 20;
    let mut coverage = Coverage::default();
    // Per ending: nights reached by random players, by greedy ones.
    let mut by_player: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for k in 0..args.runs {
        let seed = args.seed.wrapping_add(u64::from(k));
        let greedy = k % 2 == 1;
        let night = if greedy {
            greedy_player::play(&scenario, start, seed, seed, MAX_ACTIONS)
        } else {
            random_player::play(&scenario, start, seed, seed, MAX_ACTIONS)
        };
        coverage.add(&night.sim, &night.events);
        let ending = match night.sim.outcome() {
            Some(night::Outcome::Ending(e)) => scenario.endings[e as usize].id.clone(),
            _ => "none".into(),
        };
        let counts = by_player.entry(ending).or_default();
        if greedy {
            counts.1 += 1;
        } else {
            counts.0 += 1;
        }
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
    outln!(
        "autoplay: {} nights of {} from {} (seeds {}..={}; {} random players, {} greedy) in {:.1} s",
        args.runs,
        scenario.title,
        scenario.starts[start].id,
        args.seed,
        args.seed
            .wrapping_add(u64::from(args.runs.saturating_sub(1))),
        args.runs.div_ceil(2),
        args.runs / 2,
        seconds
    );
    outln!();
    outln!("endings                      nights      share   random   greedy");
    let mut rows: Vec<(&String, &(u32, u32))> = by_player.iter().collect();
    rows.sort_by_key(|(id, (r, g))| (std::cmp::Reverse(r + g), (*id).clone()));
    for (id, (random, greedy)) in rows {
        let total = random + greedy;
        outln!(
            "  {id:<26} {total:>6}   {:>6.1} %   {random:>6}   {greedy:>6}",
            100.0 * f64::from(total) / f64::from(args.runs.max(1))
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
