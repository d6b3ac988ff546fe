//! How alive a scenario's cast and choices are, in four numbers: characters with three or
//! more states, talk lines, flags set but never read, and the actions offered at one moment.
//!
//! `cargo run -p night --example cast_counts -- FILE [START] [SCRIPT_LINE...]` plays START's
//! night (seed 1) through the script lines, then counts the actions offered. For the film:
//! `cargo run -p night --example cast_counts -- scenes/miracle_mile.ron the_call "go johnies"`
//! gives the actions at Johnie's at 03:57.

use night::Scenario;
use night::sim::{Action, Sim};
use std::collections::BTreeSet;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cast_counts FILE [START] [SCRIPT_LINE...]");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let s = match Scenario::from_ron(path, &text) {
        Ok(s) => s,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::FAILURE;
        }
    };
    let player = s.player as usize;
    let cast: Vec<_> = s
        .characters
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != player)
        .map(|(_, ch)| ch)
        .collect();
    let three_states = cast.iter().filter(|ch| ch.states.len() >= 3).count();
    let talk_lines: usize = cast
        .iter()
        .flat_map(|ch| &ch.states)
        .map(|st| st.talks.len())
        .sum();
    // From the text, so that it counts the same in any version of the format: a flag written
    // by `Set("x")` that no `Flag("x")` reads.
    let ids_after = |prefix: &str| -> BTreeSet<String> {
        text.match_indices(prefix)
            .filter_map(|(at, _)| {
                let rest = &text[at + prefix.len()..];
                rest.find('"').map(|end| rest[..end].to_owned())
            })
            .collect()
    };
    let read = ids_after("Flag(\"");
    let never_read: Vec<String> = ids_after("Set(\"")
        .into_iter()
        .filter(|f| !read.contains(f))
        .collect();
    println!("{path}");
    println!(
        "  characters with 3+ states: {three_states} of {}",
        cast.len()
    );
    println!("  talk lines: {talk_lines}");
    println!(
        "  flags set but never read: {} {never_read:?}",
        never_read.len()
    );
    if let Some(start) = args.get(1) {
        let Some(index) = s.start_index(start) else {
            eprintln!("unknown start `{start}`");
            return ExitCode::FAILURE;
        };
        let mut sim = Sim::with_start(&s, 1, index);
        for line in &args[2..] {
            let applied = Action::parse(line, &s)
                .map_err(|e| e.to_string())
                .and_then(|a| sim.apply(&a).map_err(|e| e.to_string()));
            if let Err(e) = applied {
                eprintln!("`{line}`: {e}");
                return ExitCode::FAILURE;
            }
            sim.run_until_idle();
        }
        let actions = sim.actions();
        let gives = actions
            .iter()
            .filter(|a| matches!(a, Action::Give { .. } | Action::Use { on: Some(_), .. }))
            .count();
        println!(
            "  actions offered at {} after {:?}: {} ({} of them give or use-on)",
            sim.clock(),
            &args[2..],
            actions.len(),
            gives
        );
    }
    ExitCode::SUCCESS
}
