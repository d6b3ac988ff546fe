//! `check`'s analysis end to end: the film's endings are found with witnesses that `text
//! --script` plays to those very endings, and every part of the film is seen come into play;
//! a deliberately broken night gets its unreachable ending and its dead transition reported
//! at their line and column.

use super::{assert_no_panic, run, stdout};
use serde_json::Value;

fn check_json(file: &str) -> Value {
    let out = run(&["check", "--json", file], "");
    assert_no_panic(&out, "check --json");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    serde_json::from_str(&stdout(&out)).expect("check --json prints one JSON object")
}

/// Plays a witness as a player would type it and returns the transcript's last line.
fn play_witness(scenario: &str, witness: &Value, name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("mm-witness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join(format!("{name}.script"));
    let actions: Vec<&str> = witness["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    std::fs::write(&script, actions.join("\n")).unwrap();
    let seed = witness["seed"].as_u64().expect("a seed").to_string();
    let out = run(
        &[
            "text",
            "--scenario",
            scenario,
            "--start",
            witness["start"].as_str().unwrap(),
            "--seed",
            &seed,
            "--script",
            script.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stdout(&out));
    stdout(&out).lines().last().unwrap_or_default().to_owned()
}

#[test]
fn the_films_endings_are_found_and_each_witness_replays_to_its_ending() {
    let film = "scenes/miracle_mile.ron";
    let report = check_json(film);
    let endings = report["endings"].as_array().unwrap();
    assert_eq!(endings.len(), 8);
    let mut found = 0;
    for e in endings {
        let id = e["id"].as_str().unwrap();
        match e["reachable"].as_str().unwrap() {
            "yes" => {
                found += 1;
                let last = play_witness(film, &e["witness"], id);
                assert_eq!(last, format!("ending: {id}"), "the witness of {id}");
            }
            // The film's state space is larger than the bound: what is not found must not
            // be called impossible.
            other => assert_eq!(other, "not_found_within_bound", "{id}"),
        }
    }
    assert_eq!(found, 8, "every ending of the film is found:\n{report}");
    // Every part of the film comes into play somewhere: the searches toward what was not seen
    // must reach it, or a modder is warned about a part that works.
    for (kind, list) in report["never"].as_object().unwrap() {
        assert_eq!(
            list.as_array().map(Vec::len),
            Some(0),
            "not seen: {kind} {list}"
        );
    }
    assert_eq!(report["exhaustive"], Value::Bool(false));
}

#[test]
fn an_unreachable_ending_and_a_dead_transition_are_reported_where_they_are_written() {
    let file = "tests/analysis/unreachable.ron";
    let out = run(&["check", file], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("explored exactly (exhaustive)"), "{text}");
    assert!(
        text.contains("warning: ending `rescued` can never happen"),
        "{text}"
    );
    assert!(text.contains(&format!("{file}:38:10")), "{text}");
    assert!(
        text.contains("warning: character `guard` transition 1 (awake -> asleep) never fires"),
        "{text}"
    );
    assert!(text.contains(&format!("{file}:31:38")), "{text}");

    let report = check_json(file);
    assert_eq!(report["exhaustive"], Value::Bool(true));
    let rescued = report["endings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "rescued")
        .unwrap();
    assert_eq!(rescued["reachable"], "never");
    let warning = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"] == "ending `rescued` can never happen")
        .expect("a diagnostic for the ending");
    assert_eq!(
        (warning["line"].as_u64(), warning["column"].as_u64()),
        (Some(38), Some(10))
    );
    // The reachable ones come with a witness that plays to them.
    for e in report["endings"].as_array().unwrap() {
        if e["reachable"] == "yes" {
            let id = e["id"].as_str().unwrap();
            let last = play_witness(file, &e["witness"], id);
            assert_eq!(last, format!("ending: {id}"));
        }
    }
}

#[test]
fn a_dead_end_names_the_losses_left_and_the_way_into_it() {
    let file = "scenes/examples/first_night.ron";
    let report = check_json(file);
    let dead_ends = report["dead_ends"].as_array().unwrap();
    assert!(!dead_ends.is_empty(), "{report}");
    let losses: Vec<&str> = report["endings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "loss")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for d in dead_ends {
        let remaining = d["remaining"].as_array().unwrap();
        assert!(!remaining.is_empty(), "{d}");
        assert!(
            remaining
                .iter()
                .all(|r| losses.contains(&r.as_str().unwrap())),
            "only losses remain from a dead end: {d}"
        );
        assert!(
            !d["witness"]["actions"].as_array().unwrap().is_empty(),
            "{d}"
        );
        assert!(d["witness"]["seed"].is_u64(), "{d}");
    }
}

#[test]
fn check_reports_the_same_every_time() {
    // The searches run side by side on the machine's cores; what they report must not depend
    // on which finished first.
    let file = "scenes/examples/last_ferry.ron";
    let first = check_json(file);
    let second = check_json(file);
    assert_eq!(first, second);
    assert_eq!(first["exhaustive"], Value::Bool(false), "its searches ran");
}

/// Every example scenario shipped in `scenes/examples`, by path from the repository root, in
/// name order: a new one is checked without being named here.
pub fn shipped_examples() -> Vec<String> {
    let dir = super::root().join("scenes/examples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("scenes/examples")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .map(|name| format!("scenes/examples/{name}"))
        .collect();
    files.sort();
    files
}

/// `check --json` of a file with so many worker threads.
fn check_json_with_jobs(file: &str, jobs: &str) -> Value {
    let out = run(&["check", "--json", "--jobs", jobs, file], "");
    assert_no_panic(&out, "check --json --jobs");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    serde_json::from_str(&stdout(&out)).expect("check --json prints one JSON object")
}

#[test]
fn every_ending_of_every_example_is_found_and_the_report_is_the_same_on_one_thread_or_three() {
    let examples = shipped_examples();
    assert!(examples.len() >= 4, "{examples:?}");
    for file in &examples {
        let file = file.as_str();
        let one = check_json_with_jobs(file, "1");
        let three = check_json_with_jobs(file, "3");
        assert_eq!(
            one, three,
            "{file}: the report depends on the number of threads"
        );
        let endings = one["endings"].as_array().expect("the endings");
        assert!(!endings.is_empty(), "{file}");
        for e in endings {
            assert_eq!(e["reachable"], "yes", "{file}: {e}");
            let id = e["id"].as_str().unwrap();
            let last = play_witness(file, &e["witness"], id);
            assert_eq!(last, format!("ending: {id}"), "{file}: the witness of {id}");
        }
    }
    // Zero threads is not a number of threads.
    let out = run(
        &["check", "--jobs", "0", "scenes/examples/last_ferry.ron"],
        "",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
}
