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

#[test]
fn a_walkthrough_adds_a_player_who_follows_it_and_strays() {
    let text = report(&[
        "autoplay",
        "--runs",
        "40",
        "--start",
        "the_call",
        "--walkthrough",
        "tests/nights/film_into_the_tar.script",
    ]);
    assert!(
        text.starts_with("autoplay: 40 nights of Miracle Mile from the_call (seeds 1..=40; 10 random players, 10 greedy, 10 newcomers, 10 walkthrough players)"),
        "{text}"
    );
    let header = text
        .lines()
        .find(|l| l.starts_with("endings"))
        .unwrap_or_default();
    assert!(header.trim_end().ends_with("walkthrough"), "{text}");
    // The player who follows the film gets to the film's ending, even in so few nights:
    // `into_the_tar  N  S %  random n s %  greedy n s %  newcomer n s %  walkthrough n s %`.
    let tar = text
        .lines()
        .find(|l| l.trim_start().starts_with("into_the_tar"))
        .unwrap_or_else(|| panic!("no night ended in the tar:\n{text}"));
    let columns: Vec<&str> = tar.split_whitespace().collect();
    assert_ne!(columns.get(13), Some(&"0"), "{tar}");
    assert_eq!(columns.len(), 16, "{tar}");
}

#[test]
fn a_walkthrough_that_is_not_a_script_says_which_line() {
    let dir = std::env::temp_dir().join(format!("mm-walkthrough-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.script");
    std::fs::write(&path, "go johnies\n# a comment\nfly to the moon\n").unwrap();
    let out = run(
        &[
            "autoplay",
            "--runs",
            "3",
            "--start",
            "the_call",
            "--walkthrough",
            path.to_str().unwrap(),
        ],
        "",
    );
    assert_no_panic(&out, "autoplay");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.script:3: "), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
