//! Trust in `check` on scenarios nobody tuned it for. A generator makes random nights from a
//! seed, each with a planted way to every reachable ending (some of them plans against the
//! clock) and some endings impossible on purpose; `check`, run with small bounds, must find
//! every planted ending, give witnesses that replay, and never call an impossible ending
//! reachable. The generator lives in `planted/`, one concern a file.
//!
//! Settings, all optional:
//! - `PLANTED_SEEDS=a..b`: the seeds (0..200 by default);
//! - `PLANTED_BOUNDS=MAX,SEARCH,TOWARD,LOCAL`: `check`'s bounds (see [`options`]), to see
//!   whether a miss is the bound's;
//! - `PLANTED_THREADS=n`: nights analysed at a time (2), each on one thread;
//! - `PLANTED_VERBOSE=1`: the time of each phase of each analysis.
//!
//! A failure names the seed and saves the night as `planted-fail-SEED.ron` in the
//! temporary directory (`std::env::temp_dir()`: /tmp unless `TMPDIR` says otherwise), so that
//! `miracle-mile check` and `text --script` can take it from there; `print_a_night`
//! (ignored) prints a night with its plans.

#[path = "planted/clock.rs"]
mod clock;
#[path = "planted/generator.rs"]
mod generator;
#[path = "planted/impossible.rs"]
mod impossible;
#[path = "planted/judge.rs"]
mod judge;
#[path = "planted/learn.rs"]
mod learn;
#[path = "planted/map.rs"]
mod map;
#[path = "planted/names.rs"]
mod names;
#[path = "planted/parts.rs"]
mod parts;
#[path = "planted/plan.rs"]
mod plan;
#[path = "planted/replay.rs"]
mod replay;
#[path = "planted/rng.rs"]
mod rng;
#[path = "planted/stays.rs"]
mod stays;
#[path = "planted/timeline.rs"]
mod timeline;
#[path = "planted/timetable.rs"]
mod timetable;
#[path = "planted/timing.rs"]
mod timing;
#[path = "planted/world.rs"]
mod world;

use generator::{Generated, generate};
use judge::{Counts, describe, judge};
use night::analysis::check::{self, CheckOptions};
use plan::Kind;
use std::ops::{ControlFlow, Range};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use timing::Phases;

/// The seeds to test: `PLANTED_SEEDS=a..b`, or 0..200.
fn seeds() -> Range<u64> {
    let Ok(text) = std::env::var("PLANTED_SEEDS") else {
        return 0..200;
    };
    let parsed = text
        .split_once("..")
        .and_then(|(a, b)| Some(a.trim().parse().ok()?..b.trim().parse().ok()?));
    parsed.unwrap_or_else(|| panic!("PLANTED_SEEDS must look like `0..200`, not `{text}`"))
}

/// Small bounds, so that 200 nights take well under a minute on two cores: a planted ending
/// must be found by the searches' sense of direction, not by brute force. Most of the time
/// goes to the endings never found (the impossible ones), whose searches all run: the
/// explorations around the nearest situations (`local_states`) cost the most, hence the
/// smallest bound there.
fn options() -> CheckOptions {
    let bounds: Vec<usize> = match std::env::var("PLANTED_BOUNDS") {
        Err(_) => vec![5_000, 5_000, 20_000, 500],
        Ok(text) => text
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect(),
    };
    let [max_states, search_states, toward_states, local_states] = bounds[..] else {
        panic!("PLANTED_BOUNDS must look like `5000,5000,20000,500`");
    };
    CheckOptions {
        max_states,
        search_states,
        toward_states,
        local_states,
        jobs: Some(1),
        ..CheckOptions::default()
    }
}

/// Seeds under which a plan that needs no chance is played again: it must work on every
/// night (the timetables' own chances included).
const ANY_NIGHT: Range<u64> = 0..6;

/// Saves a failing night in the temporary directory, for `miracle-mile check` to take up:
/// its path.
fn save(g: &Generated) -> String {
    let path = std::env::temp_dir().join(format!("planted-fail-{}.ron", g.seed));
    let shown = path.display().to_string();
    std::fs::write(&path, &g.ron).unwrap_or_else(|e| panic!("cannot write {shown}: {e}"));
    shown
}

/// Fails the test with every failure, one a line, rather than only the first.
fn assert_none(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_generator_is_deterministic() {
    for seed in 0..20 {
        assert_eq!(generate(seed).ron, generate(seed).ron, "seed {seed}");
    }
    assert_ne!(generate(1).ron, generate(2).ron);
}

#[test]
fn the_generator_plants_plans_against_the_clock_and_impossible_endings() {
    let (mut clock, mut impossible, mut kinds) = (0, 0, std::collections::BTreeMap::new());
    for seed in seeds() {
        let g = generate(seed);
        clock += g.planted.iter().filter(|p| p.kind == Kind::Clock).count();
        impossible += g.impossible.len();
        for (_, i) in &g.impossible {
            *kinds.entry(i.kind).or_insert(0) += 1;
        }
    }
    println!(
        "over seeds {:?}: {clock} plans against the clock, {impossible} impossible endings {kinds:?}",
        seeds()
    );
    assert!(clock >= 1, "no plan against the clock");
    assert!(impossible >= 1, "no impossible ending");
}

/// The generator itself: every planted plan plays to its ending, a plan that needs no
/// chance does on every night, and a plan against the clock walked instead of run misses.
#[test]
fn every_planted_plan_plays_to_its_ending() {
    let mut failures = Vec::new();
    for seed in seeds() {
        let g = generate(seed);
        let s = &g.scenario;
        for p in &g.planted {
            let fail = |why: &str| format!("seed {seed}: {why}: {}", describe(p));
            let Some(at) = p.seed else {
                failures.push(fail("no seed plays the plan to its ending"));
                continue;
            };
            if !replay::reaches(s, &p.start, at, &p.actions, &p.ending) {
                failures.push(fail("the plan does not replay"));
            }
            if !p.chancy
                && let Some(bad) = ANY_NIGHT
                    .clone()
                    .find(|&n| !replay::reaches(s, &p.start, n, &p.actions, &p.ending))
            {
                failures.push(fail(&format!("needs no chance but fails under seed {bad}")));
            }
            if let Some(slow) = &p.slow
                && replay::reaches(s, &p.start, at, slow, &p.ending)
            {
                failures.push(fail(&format!(
                    "walked instead of run it still arrives in time ({})",
                    slow.join(" / ")
                )));
            }
        }
        if failures
            .iter()
            .any(|f| f.starts_with(&format!("seed {seed}:")))
        {
            save(&g);
        }
    }
    assert_none(&failures);
}

/// The property: with small bounds, `check` finds every planted ending, each witness it
/// gives replays to its ending, and no impossible ending is ever called reachable.
#[test]
fn check_finds_every_planted_ending_and_never_an_impossible_one() {
    let options = options();
    let verbose = std::env::var("PLANTED_VERBOSE").is_ok();
    let threads: u64 = std::env::var("PLANTED_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    let range = seeds();
    let next = AtomicU64::new(range.start);
    let nights = Mutex::new(Vec::new());
    let began = Instant::now();
    // A few nights at a time, each analysed on one thread: the same reports as one at a
    // time, in a fraction of the wall time.
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                loop {
                    let seed = next.fetch_add(1, Ordering::Relaxed);
                    if seed >= range.end {
                        break;
                    }
                    let night = analyse(seed, options, verbose);
                    println!("{}", night.line);
                    nights.lock().unwrap().push(night);
                }
            });
        }
    });
    let mut nights = nights.into_inner().unwrap();
    nights.sort_by_key(|n| n.seed);
    let mut counts = Counts::default();
    let (mut wall, mut cpu) = (Duration::ZERO, Duration::ZERO);
    let mut failures = Vec::new();
    for n in &nights {
        counts += n.counts;
        (wall, cpu) = (wall + n.wall, cpu + n.cpu);
        failures.extend(
            n.bad
                .iter()
                .map(|b| format!("seed {} ({}): {b}", n.seed, n.saved)),
        );
    }
    let slowest = nights.iter().max_by_key(|n| n.cpu).unwrap();
    println!(
        "check on {} nights, {threads} at a time, with {options:?}:\n  {} planted endings ({} against the clock), {} impossible, {} witnesses replayed\n  check took {:.1} s summed over the nights ({:.1} s CPU; at most {:.2} s CPU, seed {}); {:.1} s wall clock in all, generating included",
        nights.len(),
        counts.planted,
        counts.clock,
        counts.impossible,
        counts.witnesses,
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        slowest.cpu.as_secs_f64(),
        slowest.seed,
        began.elapsed().as_secs_f64(),
    );
    assert_none(&failures);
}

/// One night analysed: its line for the log, what failed, what was judged, and the time.
struct Night {
    seed: u64,
    line: String,
    bad: Vec<String>,
    saved: String,
    counts: Counts,
    wall: Duration,
    cpu: Duration,
}

fn analyse(seed: u64, options: CheckOptions, verbose: bool) -> Night {
    let g = generate(seed);
    let s = &g.scenario;
    let (began, cpu_began) = (Instant::now(), timing::cpu_time());
    let mut phases = Phases::default();
    let report = check::check(s, options, |p| {
        phases.hear(p);
        ControlFlow::Continue(())
    });
    let wall = began.elapsed();
    let cpu = timing::cpu_time()
        .zip(cpu_began)
        .map_or(wall, |(now, then)| now - then);
    let (bad, counts) = judge(&g, &report);
    let mut line = format!(
        "seed {seed:>4}: {} places, {} people, {} endings ({} planted, {} impossible), {:>6} states{}, {:.2} s ({:.2} s CPU){}",
        s.locations.len(),
        s.characters.len() - 1,
        s.endings.len(),
        g.planted.len(),
        g.impossible.len(),
        report
            .starts
            .iter()
            .map(|r| r.states_searched)
            .sum::<usize>(),
        if report.exhaustive {
            " (exhaustive)"
        } else {
            ""
        },
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        if bad.is_empty() { "" } else { "  FAILED" }
    );
    if verbose {
        for phase in phases.lines(began + wall) {
            line += &format!("\n    {phase}");
        }
    }
    let saved = if bad.is_empty() {
        String::new()
    } else {
        save(&g)
    };
    Night {
        seed,
        line,
        bad,
        saved,
        counts,
        wall,
        cpu,
    }
}

/// Prints the night of `PLANTED_SEED`, its plans and its impossible endings' reasons:
/// `PLANTED_SEED=70 cargo test -p night --profile ci --test planted -- --ignored --nocapture print_a_night`.
#[test]
#[ignore]
fn print_a_night() {
    let seed = std::env::var("PLANTED_SEED").map_or(0, |s| s.parse().expect("a seed"));
    let g = generate(seed);
    println!("{}", g.ron);
    for p in &g.planted {
        println!("{}", describe(p));
    }
    for (id, i) in &g.impossible {
        println!("`{id}` impossible ({}): {}", i.kind, i.why);
    }
}
