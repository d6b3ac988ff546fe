//! `check`'s bounds bound its work on any valid file: small bounds over valid variants of the
//! film (a line dropped, doubled, or two swapped) give an answer whose work stays within what
//! the bounds allow; `--time-limit` stops a long check and says so; `--quick` answers on every
//! shipped scenario.

use super::analysis::shipped_examples;
use super::{assert_no_panic, run, stdout};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The film with one change made by `k`: a line doubled, dropped, or swapped with one a few
/// lines on (a small deterministic generator: the same `k` gives the same variant).
fn film_variant(film: &[&str], k: u64) -> String {
    let mut x = k.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut lines: Vec<&str> = film.to_vec();
    let i = next(lines.len());
    match k % 3 {
        0 => lines.insert(i, film[i]),
        1 => {
            lines.remove(i);
        }
        _ => {
            let j = (i + 1 + next(19)).min(lines.len() - 1);
            lines.swap(i, j);
        }
    }
    lines.join("\n")
}

/// `check --json` with `args`, timed; the report and the time it took.
fn timed_check(args: &[&str]) -> (Value, Duration) {
    let began = Instant::now();
    let out = run(args, "");
    let took = began.elapsed();
    assert_no_panic(&out, "check");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stdout(&out));
    let report = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    (report, took)
}

#[test]
fn small_bounds_give_a_quick_answer_on_valid_variants_of_the_film() {
    let text = std::fs::read_to_string(super::root().join("scenes/miracle_mile.ron")).unwrap();
    let film: Vec<&str> = text.lines().collect();
    let dir = std::env::temp_dir().join(format!("mm-variants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    const BOUND: usize = 3_000;
    let bound = BOUND.to_string();
    let mut checked = 0;
    for k in 0..60 {
        if checked == 3 {
            break;
        }
        let file = dir.join(format!("variant-{k}.ron"));
        std::fs::write(&file, film_variant(&film, k)).unwrap();
        let file = file.to_str().unwrap();
        // Most changes make the file invalid: those are the validator's business.
        if run(&["check", "--no-analysis", file], "").status.code() != Some(0) {
            continue;
        }
        checked += 1;
        let (report, took) = timed_check(&[
            "check",
            "--json",
            "--max-states",
            &bound,
            "--search-states",
            &bound,
            "--toward-states",
            &bound,
            file,
        ]);
        // What the bounds allow each start: the exact exploration and the broader search, three
        // bounds' worth toward each ending not found (two widths and the explorations around
        // the nearest), and sixteen toward the parts not seen; a search may pass its bound by
        // the successors of its last state.
        let starts = report["starts"].as_array().unwrap();
        let endings = report["endings"].as_array().unwrap().len();
        let allowed = (2 + endings * 3 + 16) * BOUND * 11 / 10;
        for start in starts {
            let searched = start["states_searched"].as_u64().unwrap() as usize;
            assert!(
                searched <= allowed,
                "variant {k}: {searched} states searched from {} against the {allowed} allowed",
                start["id"]
            );
        }
        // Generous, for a loaded machine and an unoptimised build: the point is seconds, not
        // the minutes an unbounded search took.
        assert!(
            took < Duration::from_secs(60),
            "variant {k}: check took {took:?}"
        );
        eprintln!("variant {k}: {:.1} s", took.as_secs_f64());
    }
    assert_eq!(checked, 3, "three valid variants among the first sixty");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_time_limit_stops_the_films_check_and_the_report_says_so() {
    let (report, took) = timed_check(&[
        "check",
        "--json",
        "--time-limit",
        "0.5",
        "scenes/miracle_mile.ron",
    ]);
    assert_eq!(report["stopped_early"], Value::Bool(true), "{report}");
    assert_eq!(report["exhaustive"], Value::Bool(false));
    // What was not found by then is not called impossible.
    for e in report["endings"].as_array().unwrap() {
        assert_ne!(e["reachable"], "never", "{e}");
    }
    // The witnesses of what was found are still looked for after the limit, and the film
    // loads and validates first: a few seconds, not the half minute of the whole check.
    assert!(took < Duration::from_secs(30), "took {took:?}");

    let text = stdout(&run(
        &["check", "--time-limit", "0.5", "scenes/miracle_mile.ron"],
        "",
    ));
    assert!(text.contains("stopped at the time limit"), "{text}");

    for bad in ["0", "-1", "soon", "inf"] {
        let arg = format!("--time-limit={bad}");
        let out = run(&["check", &arg, "scenes/miracle_mile.ron"], "");
        assert_eq!(out.status.code(), Some(2), "--time-limit {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--time-limit"), "{err}");
    }
}

#[test]
fn quick_answers_on_every_shipped_scenario() {
    let mut files = vec!["scenes/miracle_mile.ron".to_owned()];
    files.extend(shipped_examples());
    for file in &files {
        let (report, _) = timed_check(&["check", "--json", "--quick", file]);
        assert_eq!(report["ok"], Value::Bool(true), "{file}");
        // Whatever it did find comes with a way there.
        for e in report["endings"].as_array().unwrap() {
            if e["reachable"] == "yes" {
                assert!(e["witness"]["actions"].is_array(), "{file}: {e}");
            }
        }
    }
}
