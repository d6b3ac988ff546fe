//! The film's night played from scripts: every script reaches the ending its header names,
//! twice with the same transcript; one transcript is golden, for comparing platforms.

use super::{assert_no_panic, files_with_extension, read, root, run, stdout};
use std::collections::BTreeSet;

/// A script's header line: `# start: the_call, seed: 1, expect: into_the_tar`.
pub struct Header {
    pub start: String,
    pub seed: String,
    pub expect: String,
}

pub fn header(script: &str, name: &str) -> Header {
    let line = script
        .lines()
        .find(|l| l.contains("expect:"))
        .unwrap_or_else(|| panic!("{name}: no `# start: .., seed: .., expect: ..` line"));
    let field = |key: &str| {
        line.split(',')
            .find_map(|part| {
                part.trim()
                    .trim_start_matches('#')
                    .trim()
                    .strip_prefix(key)
                    .map(|v| v.trim().to_owned())
            })
            .unwrap_or_else(|| panic!("{name}: no `{key}` in `{line}`"))
    };
    Header {
        start: field("start:"),
        seed: field("seed:"),
        expect: field("expect:"),
    }
}

#[test]
fn the_film_checks_ok_with_its_full_cast() {
    let out = run(&["check", "--no-analysis", "scenes/miracle_mile.ron"], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let counts: Vec<usize> = text
        .split(['—', ','])
        .skip(1)
        .filter_map(|part| part.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(counts.len() >= 3, "{text}");
    assert!(counts[0] >= 14, "locations: {text}");
    assert!(counts[1] >= 12, "characters: {text}");
    assert!(counts[2] >= 7, "endings: {text}");
}

#[test]
fn every_scripted_night_reaches_its_ending_the_same_way_twice() {
    let scripts = files_with_extension("tests/nights", "script");
    let mut endings = BTreeSet::new();
    for path in &scripts {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let h = header(&read(path), &name);
        let relative = format!("tests/nights/{name}");
        let args = [
            "text", "--start", &h.start, "--seed", &h.seed, "--script", &relative,
        ];
        let first = run(&args, "");
        assert_no_panic(&first, &name);
        let transcript = stdout(&first);
        assert_eq!(first.status.code(), Some(0), "{name}:\n{transcript}");
        let last = transcript.lines().last().unwrap_or_default();
        assert_eq!(
            last,
            format!("ending: {}", h.expect),
            "{name}:\n{transcript}"
        );
        let second = stdout(&run(&args, ""));
        assert_eq!(
            transcript, second,
            "{name}: the same script and seed gave another night"
        );
        endings.insert(h.expect);
    }
    assert!(endings.len() >= 7, "scripted nights reach only {endings:?}");
}

/// The golden transcript: the film's own path at a fixed seed. Any platform must print
/// exactly this. Regenerate (after a deliberate change) with `UPDATE_GOLDEN=1`.
#[test]
fn the_golden_night_is_unchanged() {
    let golden_path = root().join("tests/golden/film_into_the_tar.txt");
    let script = "tests/nights/film_into_the_tar.script";
    let h = header(&read(&root().join(script)), script);
    let out = stdout(&run(
        &[
            "text", "--start", &h.start, "--seed", &h.seed, "--script", script,
        ],
        "",
    ));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_path.parent().unwrap()).unwrap();
        std::fs::write(&golden_path, &out).unwrap();
    }
    let golden = read(&golden_path);
    assert_eq!(
        out,
        golden,
        "the transcript differs from {}",
        golden_path.display()
    );
}

/// The transcript as a string (what the browser build prints for the browser test, with no
/// terminal) is the terminal's golden one.
#[test]
fn the_golden_night_as_a_string_is_the_terminals() {
    let scenario =
        miracle_mile::files::scenario_file::load(None).unwrap_or_else(|e| panic!("{}", e.render()));
    let start = scenario
        .starts
        .iter()
        .position(|s| s.id == "the_call")
        .expect("the film has the call");
    let script = "tests/nights/film_into_the_tar.script";
    let out = miracle_mile::transcript::script_transcript(
        &scenario,
        1,
        start,
        script,
        &read(&root().join(script)),
    );
    assert_eq!(
        out,
        read(&root().join("tests/golden/film_into_the_tar.txt"))
    );
}
