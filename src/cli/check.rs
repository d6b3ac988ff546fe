//! `miracle-mile check FILE...`: validates scenarios, then analyses each one's night (see
//! `night::analysis::check`): which endings can happen, with the earliest time and a way
//! there that `text --seed SEED --script` replays; what never happens; dead ends; and
//! warnings at `FILE:LINE:COLUMN` for the parts at fault. `--json` prints the same as one
//! JSON object per file, for tools and CI.

use super::check_progress::ProgressLine;
use crate::files::scenario_file::{self, LoadError};
use crate::output::{out, outln};
use night::Scenario;
use night::analysis::check::{self, CheckOptions, Reach, Report};
use night::scenario::{Diagnostics, Severity};
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Scenario files (.ron).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON object per file (diagnostics, counts, endings, never-happens, dead ends).
    #[arg(long)]
    pub json: bool,
    /// Only validate: do not explore the night.
    #[arg(long)]
    pub no_analysis: bool,
    /// A short analysis that answers in under a second on the shipped scenarios (for editors
    /// and reloads): small bounds, and its searches stopped at 0.75 s unless --time-limit says
    /// otherwise. Bounds given with it override its own.
    #[arg(long)]
    pub quick: bool,
    /// Stop the analysis after this many seconds (a decimal number): what was found by then
    /// stands, and what was not is "not found within the bound". The answer may then differ
    /// from machine to machine; the bounds alone give the same answer everywhere.
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub time_limit: Option<std::time::Duration>,
    /// States of the exact exploration of each start; beyond it, what is not found is "not
    /// found within the bound" rather than "never".
    #[arg(long, value_name = "N")]
    pub max_states: Option<usize>,
    /// States of the broader search when the exact exploration was cut off.
    #[arg(long, value_name = "N")]
    pub search_states: Option<usize>,
    /// States of each search toward an ending not found by the others.
    #[arg(long, value_name = "N")]
    pub toward_states: Option<usize>,
    /// States of each exact exploration around a way found (at most --toward-states).
    #[arg(long, value_name = "N")]
    pub local_states: Option<usize>,
    /// Threads to spread the analysis over (default: one per core). The report is the same
    /// whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let mut failed = false;
    for path in &args.files {
        let name = path.display().to_string();
        match scenario_file::load_with_text(path) {
            Ok((s, source)) => {
                let report = (!args.no_analysis).then(|| analyse(&s, args));
                let warnings = warnings(&name, &source, &s, report.as_ref());
                if args.json {
                    outln!("{}", as_json(&name, &s, report.as_ref(), &warnings));
                } else {
                    print_text(&name, &s, report.as_ref());
                    print_warnings(&name, &warnings);
                }
            }
            Err(e) => {
                failed = true;
                if args.json {
                    let diagnostics = match &e {
                        LoadError::Invalid(d) => Some(d),
                        LoadError::Io(_) => None,
                    };
                    let message = match &e {
                        LoadError::Io(m) => Some(m.as_str()),
                        LoadError::Invalid(_) => None,
                    };
                    outln!(
                        "{}",
                        json!({
                            "file": name,
                            "ok": false,
                            "error": message,
                            "diagnostics": diagnostics.map(diagnostics_json).unwrap_or_default(),
                        })
                    );
                } else {
                    out!("{}", e.render());
                    if let LoadError::Invalid(d) = &e {
                        let n = d.items.len();
                        outln!("{name}: {n} error{}", if n == 1 { "" } else { "s" });
                    }
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The analysis's bounds: `--quick`'s or the full analysis's, with those given on the
/// command line instead.
fn options(args: &CheckArgs) -> CheckOptions {
    let base = if args.quick {
        CheckOptions::quick()
    } else {
        CheckOptions::default()
    };
    CheckOptions {
        max_states: args.max_states.unwrap_or(base.max_states),
        search_states: args.search_states.unwrap_or(base.search_states),
        toward_states: args.toward_states.unwrap_or(base.toward_states),
        local_states: args.local_states.unwrap_or(base.local_states),
        jobs: args.jobs.map(usize::from),
        ..base
    }
}

/// Runs the analysis, with a progress line on a terminal, within the time limit.
fn analyse(s: &Scenario, args: &CheckArgs) -> Report {
    let limit = args
        .time_limit
        .or(args.quick.then_some(check::QUICK_TIME_LIMIT));
    let mut line = ProgressLine::new(std::io::stderr().is_terminal(), limit);
    let report = check::check(s, options(args), |p| line.hear(p));
    line.finish();
    report
}

/// A time limit in seconds: a positive decimal number.
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(format!(
            "the time limit must be more than 0 seconds, not {text}"
        ));
    }
    std::time::Duration::try_from_secs_f64(seconds).map_err(|e| e.to_string())
}

/// The compiler's lints (flags that do nothing) and the analysis's findings, as warnings at
/// their place in the file.
fn warnings(name: &str, source: &str, s: &Scenario, report: Option<&Report>) -> Diagnostics {
    let mut d = Diagnostics::new(name, source);
    for w in s
        .lints
        .iter()
        .chain(report.iter().flat_map(|r| &r.findings))
    {
        d.push(
            Severity::Warning,
            w.span.clone(),
            w.message.clone(),
            None,
            w.help.clone(),
        );
    }
    d
}

fn print_text(name: &str, s: &Scenario, report: Option<&Report>) {
    outln!(
        "{name}: ok — {} locations, {} characters, {} endings, {} facts, {} routes, {} events",
        s.locations.len(),
        s.characters.len(),
        s.endings.len(),
        s.facts.len(),
        s.routes.len(),
        s.events.len()
    );
    let Some(r) = report else { return };
    for st in &r.starts {
        let how = if st.exhaustive {
            "exhaustive".to_owned()
        } else {
            format!(
                "cut off by the bound; {} states in all with the deeper searches",
                st.states_searched
            )
        };
        outln!(
            "start `{}`: {} states explored exactly ({how})",
            st.id,
            st.states
        );
    }
    if r.stopped_early {
        outln!(
            "stopped at the time limit: what was not found by then is \"not found within the bound\""
        );
    }
    outln!("\nendings:");
    for e in &r.endings {
        match (&e.reachable, &e.witness) {
            (Reach::Yes, Some(w)) => {
                let earliest = e.earliest.as_deref().unwrap_or("?");
                let exact = if e.earliest_exact { "" } else { " found" };
                outln!(
                    "  {} ({}): reachable, earliest{exact} {earliest}, in {} actions",
                    e.id,
                    e.kind,
                    w.actions.len()
                );
                match w.seed {
                    Some(seed) => outln!(
                        "    miracle-mile text --start {} --seed {seed} --script FILE, with FILE:",
                        w.start
                    ),
                    None => outln!(
                        "    (no seed among those tried gives its {} chances) start {}:",
                        w.chances,
                        w.start
                    ),
                }
                for a in &w.actions {
                    outln!("      {a}");
                }
            }
            (Reach::Never, _) => outln!("  {} ({}): can never happen", e.id, e.kind),
            _ => outln!("  {} ({}): not found within the bound", e.id, e.kind),
        }
    }
    let never = &r.never;
    let heading = if r.exhaustive {
        "never happens"
    } else {
        "not found within the bound"
    };
    let lists = [
        ("states", &never.states),
        ("transitions", &never.transitions),
        ("events", &never.events),
        ("places the player never reaches", &never.places),
        ("facts no one believes", &never.facts),
        ("calls never made", &never.calls),
    ];
    if lists.iter().all(|(_, l)| l.is_empty()) {
        outln!(
            "\n{heading}: nothing — every state, transition, event, place, fact and call comes into play"
        );
    } else {
        outln!("\n{heading}:");
        for (what, list) in lists {
            if !list.is_empty() {
                outln!("  {what}: {}", list.join(", "));
            }
        }
    }
    if r.dead_ends.is_empty() {
        outln!("\ndead ends: none found on the ways to the losses");
    } else {
        outln!("\ndead ends (only losses remain from there):");
        for d in &r.dead_ends {
            let after = d
                .after
                .as_deref()
                .map(|a| format!(" after `{a}`"))
                .unwrap_or_default();
            let seed = d
                .witness
                .seed
                .map(|s| format!(", seed {s}"))
                .unwrap_or_default();
            outln!(
                "  {} at {}{after}: only {} (start {}{seed}: {})",
                d.at,
                d.place,
                d.remaining.join(", "),
                d.witness.start,
                d.witness.actions.join("; ")
            );
        }
    }
}

fn print_warnings(name: &str, w: &Diagnostics) {
    if !w.items.is_empty() {
        outln!();
        out!("{}", w.render());
        outln!(
            "{name}: {} warning{}",
            w.items.len(),
            if w.items.len() == 1 { "" } else { "s" }
        );
    }
}

fn diagnostics_json(d: &Diagnostics) -> Vec<serde_json::Value> {
    d.items
        .iter()
        .map(|i| {
            json!({
                "severity": match i.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": i.message,
                "file": d.file,
                "line": i.line,
                "column": i.column,
                "expected": i.expected,
                "help": i.help,
            })
        })
        .collect()
}

fn as_json(
    name: &str,
    s: &Scenario,
    report: Option<&Report>,
    warnings: &Diagnostics,
) -> serde_json::Value {
    let counts = json!({
        "locations": s.locations.len(),
        "characters": s.characters.len(),
        "endings": s.endings.len(),
        "facts": s.facts.len(),
        "routes": s.routes.len(),
        "events": s.events.len(),
        "states": report.map(|r| r.starts.iter().map(|st| st.states_searched).sum::<usize>()),
        "steps": report.map(|r| r.starts.iter().map(|st| st.steps).sum::<u64>()),
    });
    let mut value = json!({
        "file": name,
        "ok": true,
        "diagnostics": diagnostics_json(warnings),
        "counts": counts,
    });
    if let Some(r) = report {
        match serde_json::to_value(r) {
            Ok(serde_json::Value::Object(analysis)) => {
                if let Some(obj) = value.as_object_mut() {
                    obj.extend(analysis.into_iter().filter(|(k, _)| k != "findings"));
                }
            }
            // A report that cannot be written as JSON must not read as a clean one.
            other => {
                let why = match other {
                    Err(e) => e.to_string(),
                    Ok(v) => format!("the analysis is not a JSON object: {v}"),
                };
                value["ok"] = json!(false);
                value["error"] = json!(format!("the analysis could not be written: {why}"));
            }
        }
    }
    value
}
