//! `autoplay`: many nights with computer players, the endings they reached and what never
//! happened, the same report for the same seeds.

use super::{assert_no_panic, run, stdout};

/// The report without its first line's timing.
fn report(args: &[&str]) -> String {
    let out = run(args, "");
    assert_no_panic(&out, "autoplay");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or_default();
    let cut = first
        .rfind(" in ")
        .expect("the first line ends with the time taken");
    text.replacen(first, &first[..cut], 1)
}

#[test]
fn autoplay_reports_every_night_and_what_never_happened() {
    let text = report(&["autoplay", "--runs", "40", "--start", "the_call"]);
    assert!(
        text.starts_with("autoplay: 40 nights of Miracle Mile from the_call (seeds 1..=40; 14 random players, 13 greedy, 13 newcomers)"),
        "{text}"
    );
    // The endings' rows add up to the nights played.
    let total: u32 = text
        .lines()
        .skip_while(|l| !l.starts_with("endings"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().nth(1).unwrap().parse::<u32>().unwrap())
        .sum();
    assert_eq!(total, 40, "{text}");
    // From 03:50 the afternoon's states cannot happen: they are reported as never seen.
    assert!(text.contains("never happened in these nights"), "{text}");
    assert!(
        text.contains("character `julie` state `with_harry_day`"),
        "{text}"
    );
    // The same seeds give the same report.
    assert_eq!(
        text,
        report(&["autoplay", "--runs", "40", "--start", "the_call"])
    );
    assert_ne!(
        text,
        report(&[
            "autoplay", "--runs", "40", "--start", "the_call", "--seed", "1000"
        ])
    );
}

#[test]
fn autoplay_on_a_broken_scenario_shows_its_diagnostics() {
    let out = run(
        &[
            "autoplay",
            "--scenario",
            "tests/broken/no_such_file.ron",
            "--runs",
            "2",
        ],
        "",
    );
    assert_no_panic(&out, "autoplay");
    assert_eq!(out.status.code(), Some(1));
}
