//! The terminal game: bad actions are explained, numbers choose actions, nothing panics.

use super::{assert_no_panic, run, stdout};

const EXAMPLE: &str = "scenes/examples/first_night.ron";

/// The example scenario at seed 7, played from a script given on standard input.
fn play_example(script: &str) -> std::process::Output {
    run(
        &[
            "text",
            "--scenario",
            EXAMPLE,
            "--seed",
            "7",
            "--script",
            "-",
        ],
        script,
    )
}

#[test]
fn a_bad_script_line_names_itself_and_lists_the_valid_actions() {
    let out = play_example("wait\nfly to the moon\n");
    assert_no_panic(&out, "a bad line");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("-:2: cannot `fly to the moon`: unknown action `fly`"),
        "{text}"
    );
    assert!(
        text.contains("available now:\n  answer\n  let-ring\n"),
        "{text}"
    );
    assert!(text.ends_with("ending: none\n"), "{text}");
}

#[test]
fn an_action_not_available_now_is_refused_with_the_reason() {
    let out = play_example("answer\n");
    let text = stdout(&out);
    assert!(
        text.contains("cannot `answer`: no phone is ringing here"),
        "{text}"
    );
    let out = play_example("go bakry\n");
    assert!(stdout(&out).contains("unknown place `bakry`: did you mean `bakery`?"));
}

#[test]
fn a_script_that_ends_first_says_ending_none() {
    let out = play_example("# only a comment\nwait 1\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).ends_with("ending: none\n"));
}

#[test]
fn the_example_is_winnable_from_a_script() {
    let script = "wait\nanswer\ngo bakery run\ntell rosa flood\ntake van_keys\ngo bridge drive\n";
    let out = play_example(script);
    assert!(
        stdout(&out).ends_with("ending: crossed\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn interactive_play_takes_numbers_and_words() {
    // 1 = wait until something happens; then answer by name; garbage and out-of-range
    // numbers are explained; end of input leaves.
    let out = run(
        &["text", "--scenario", EXAMPLE, "--seed", "7"],
        "wait\nanswer\n99\nxyzzy\nhelp\n",
    );
    assert_no_panic(&out, "interactive");
    let text = stdout(&out);
    assert!(
        text.contains("The phone in the booth is ringing."),
        "{text}"
    );
    assert!(text.contains("The river is rising."), "{text}");
    assert!(text.contains("There is no action 99"), "{text}");
    assert!(text.contains("unknown action `xyzzy`"), "{text}");
    assert!(
        text.contains("minutes left"),
        "the countdown shows once Harry knows: {text}"
    );
}

#[test]
fn an_unknown_start_is_explained() {
    let out = run(
        &[
            "text",
            "--scenario",
            EXAMPLE,
            "--start",
            "dawn",
            "--script",
            "-",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("unknown start `dawn`; this scenario has: booth")
    );
}

#[test]
fn a_start_that_leaves_harry_asleep_plays_on_until_he_wakes() {
    let dir = std::env::temp_dir().join(format!("mm-sleepstart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sleep.ron");
    std::fs::write(
        &path,
        r#"Scenario(id: "t", title: "T", start: "04:00", deadline: "05:00", player: "harry",
            starts: { "s": (name: "S", time: "04:00", at: "a", then: [Sleep("04:30")]) },
            locations: { "a": (name: "A", at: (x: 0.0, y: 0.0), tags: ["bed"]) },
            characters: { "harry": (name: "Harry", start: "h", states: { "h": () }) },
            endings: { "late": (kind: Loss, title: "Late", when: Deadline) })"#,
    )
    .unwrap();
    let out = run(
        &[
            "text",
            "--scenario",
            path.to_str().unwrap(),
            "--seed",
            "1",
            "--script",
            "-",
        ],
        "wait 5\n",
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("[04:30] Harry wakes up.\n[04:30] > Wait 5 minutes"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_other_night_is_its_own_story_and_winnable() {
    // Not the film in disguise: another place, another player, other endings; the transcript
    // calls the player by her own name.
    let play = |seed: &str| {
        let out = run(
            &[
                "text",
                "--scenario",
                "scenes/examples/last_ferry.ron",
                "--seed",
                seed,
                "--script",
                "scenes/examples/last_ferry.script",
            ],
            "",
        );
        assert_no_panic(&out, "last_ferry");
        stdout(&out)
    };
    let won = play("1");
    assert!(won.ends_with("ending: everyone_aboard\n"), "{won}");
    assert!(won.contains("Mara arrives at The ferry quay."), "{won}");
    assert!(!won.contains("Harry"), "{won}");
    // The same actions on another night: Aksel does not hear the rumour in time, and Mara
    // sails with her brother only.
    let other = play("6");
    assert!(other.ends_with("ending: the_pilots_duty\n"), "{other}");
}
