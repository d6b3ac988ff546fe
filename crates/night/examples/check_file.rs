//! `check`'s analysis without the game: loads a scenario and prints, per start, the situations
//! explored and whether exhaustively, each ending's answer, and the time taken. For profiling
//! and measuring the core (`perf record`) without building Bevy:
//! `cargo run -p night --release --example check_file -- scenes/miracle_mile.ron`.

use night::Scenario;
use night::analysis::check::{CheckOptions, check};
use std::ops::ControlFlow;
use std::time::Instant;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_file FILE.ron");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let s = match Scenario::from_ron(&path, &text) {
        Ok(s) => s,
        Err(d) => {
            eprint!("{}", d.render());
            return std::process::ExitCode::FAILURE;
        }
    };
    let began = Instant::now();
    // Each phase's last report: its states, and when it was last heard from.
    let mut phases: Vec<(String, usize, f64)> = Vec::new();
    let report = check(&s, options(), |p: &night::analysis::check::Progress| {
        let at = began.elapsed().as_secs_f64();
        match phases.iter_mut().find(|(phase, _, _)| phase == p.phase) {
            Some(seen) => (seen.1, seen.2) = (seen.1.max(p.states), at),
            None => phases.push((p.phase.to_owned(), p.states, at)),
        }
        ControlFlow::Continue(())
    });
    let took = began.elapsed().as_secs_f64();
    for st in &report.starts {
        println!(
            "start {}: {} situations exactly ({}), {} in all, {} steps",
            st.id,
            st.states,
            if st.exhaustive {
                "exhaustive"
            } else {
                "cut off"
            },
            st.states_searched,
            st.steps
        );
    }
    if std::env::var_os("PHASES").is_some() {
        for (phase, states, at) in &phases {
            println!("  {phase}: {states} situations, last heard at {at:.2} s");
        }
    }
    for e in &report.endings {
        println!("  {}: {:?}", e.id, e.reachable);
    }
    for d in &report.dead_ends {
        println!(
            "  dead end at {} in {} after {:?}: only {}",
            d.at,
            d.place,
            d.after,
            d.remaining.join(", ")
        );
    }
    let n = &report.never;
    println!(
        "never seen: {} states, {} transitions, {} events, {} places, {} facts, {} calls",
        n.states.len(),
        n.transitions.len(),
        n.events.len(),
        n.places.len(),
        n.facts.len(),
        n.calls.len()
    );
    let situations: usize = report.starts.iter().map(|st| st.states_searched).sum();
    println!(
        "{took:.2} s, {situations} situations, {:.0} situations/s",
        situations as f64 / took
    );
    std::process::ExitCode::SUCCESS
}

/// The default options, with any of `MAX_STATES`, `SEARCH_STATES`, `TOWARD_STATES` and
/// `LOCAL_STATES` from the environment (to try other bounds without building the game).
fn options() -> CheckOptions {
    let read = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let d = CheckOptions::default();
    CheckOptions {
        max_states: read("MAX_STATES", d.max_states),
        search_states: read("SEARCH_STATES", d.search_states),
        toward_states: read("TOWARD_STATES", d.toward_states),
        local_states: read("LOCAL_STATES", d.local_states),
        ..d
    }
}
