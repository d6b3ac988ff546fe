//! Nights on record: `tests/records/` keeps a recorded night for every ending of the film, and
//! `replay --verify` must pass on each, and fail on a tampered one. A record written by
//! `text --record`, and one saved by the game itself, replay to the same night.

use super::play::{
    choose_by_key, film, headless_configured, headless_with_store, keyboard_lines, press, screen,
    until_idle,
};
use super::{assert_no_panic, files_with_extension, read, root, run, stdout};
use bevy::prelude::KeyCode;
use miracle_mile::files::record::NightRecord;
use miracle_mile::files::store::Store;
use miracle_mile::game::night::GameSession;
use miracle_mile::game::screens::Screen;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mm-records-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_ending_of_the_film_has_a_record_that_verifies() {
    let records = files_with_extension("tests/records", "ron");
    let mut endings = BTreeSet::new();
    for path in &records {
        let relative = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let out = run(&["replay", "--verify", &relative], "");
        assert_no_panic(&out, &relative);
        assert_eq!(out.status.code(), Some(0), "{relative}: {}", stderr(&out));
        assert!(stderr(&out).contains("verified"), "{}", stderr(&out));
        let text = stdout(&out);
        let ending = text
            .lines()
            .last()
            .and_then(|l| l.strip_prefix("ending: "))
            .unwrap_or_else(|| panic!("{relative}: no ending line:\n{text}"));
        endings.insert(ending.to_owned());
    }
    let film = film();
    let all: BTreeSet<String> = film.endings.iter().map(|e| e.id.clone()).collect();
    assert_eq!(
        endings, all,
        "the film's endings without a record in tests/records"
    );
}

#[test]
fn a_tampered_record_fails_to_verify_and_says_why() {
    let dir = scratch("tampered");
    let good = read(&root().join("tests/records/film_into_the_tar.ron"));
    // Harry answers the phone a minute late: the night goes another way.
    let late = good.replacen("at: \"04:01\"", "at: \"04:02\"", 1);
    assert_ne!(late, good, "the record has an action at 04:01 to move");
    // The recorded ending is claimed to be another.
    let other_ending = good.replace("Some(\"into_the_tar\")", "Some(\"escape_together\")");
    // The transcript hash is changed by one digit.
    let hash_at = good.find("transcript: \"").unwrap() + "transcript: \"".len();
    let mut other_hash = good.clone();
    let digit = if &good[hash_at..hash_at + 1] == "0" {
        "1"
    } else {
        "0"
    };
    other_hash.replace_range(hash_at..hash_at + 1, digit);
    for (name, text, says) in [
        ("late.ron", late, "verify failed"),
        (
            "ending.ron",
            other_ending,
            "the recorded ending is escape_together",
        ),
        ("hash.ron", other_hash, "the transcript differs"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = run(&["replay", "--verify", path.to_str().unwrap()], "");
        assert_no_panic(&out, name);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name} verified:\n{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unreadable_record_is_an_error_with_its_place_not_a_panic() {
    let dir = scratch("unreadable");
    let cases = [
        (
            "garbage.ron",
            "(scenario: \"miracle_mile\", seed: \"one\")",
            "line 1",
        ),
        (
            "action.ron",
            &read(&root().join("tests/records/arrested.ron")).replacen(
                "action: \"",
                "action: \"fly to the moon ",
                1,
            ),
            "action 1",
        ),
        (
            "scenario.ron",
            &read(&root().join("tests/records/arrested.ron")).replacen(
                "scenario: \"miracle_mile\"",
                "scenario: \"another_night\"",
                1,
            ),
            "another_night",
        ),
    ];
    for (name, text, says) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = run(&["replay", path.to_str().unwrap()], "");
        assert_no_panic(&out, name);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
    }
    let missing = run(&["replay", "tests/records/no_such_night.ron"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no such file"),
        "{}",
        stderr(&missing)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Plays `tests/nights/NAME.script` (from 03:50, seed 1) in the terminal, recording it.
fn record_with_text(name: &str, record: &std::path::Path) -> std::process::Output {
    let script = format!("tests/nights/{name}.script");
    let record = record.to_str().expect("a UTF-8 path");
    run(
        &[
            "text", "--start", "the_call", "--seed", "1", "--script", &script, "--record", record,
        ],
        "",
    )
}

#[test]
fn a_record_written_by_text_replays_to_the_same_night() {
    let dir = scratch("text");
    let record = dir.join("night.ron");
    let out = record_with_text("warn_no_one", &record);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let played: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    let replay = run(&["replay", "--verify", record.to_str().unwrap()], "");
    assert_eq!(replay.status.code(), Some(0), "{}", stderr(&replay));
    // The same lines, less the actions the terminal echoes.
    let replayed: Vec<String> = stdout(&replay).lines().map(str::to_owned).collect();
    let narrated = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| !l.contains("] > "))
            .cloned()
            .collect()
    };
    assert_eq!(narrated(&played), narrated(&replayed));
    // Writing it again keeps the first as a backup.
    let again = record_with_text("arrested", &record);
    assert_eq!(again.status.code(), Some(0));
    assert!(read(&dir.join("night.ron.bak")).contains("ground_zero"));
    assert!(read(&record).contains("arrested"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_games_own_record_of_a_night_verifies_on_the_command_line() {
    let dir = scratch("game");
    let s = film();
    let mut app = headless_with_store(s.clone(), 1, Store::at(&dir));
    press(&mut app, KeyCode::Digit2);
    let script = read(&root().join("tests/nights/reconciliation.script"));
    for line in keyboard_lines(&script, &s) {
        choose_by_key(&mut app, &line);
    }
    until_idle(&mut app);
    assert_eq!(screen(&app), Screen::Ending);
    let record = app.world().resource::<GameSession>().record();
    assert_eq!(record.ending.as_deref(), Some("reconciliation"));
    let path = dir.join("from-the-game.ron");
    miracle_mile::files::record::write(&path, &record).unwrap();
    let out = run(&["replay", "--verify", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("ending: reconciliation\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A headless game started as `--replay tests/records/NAME.ron` would be (the seed it was
/// given is not the record's, which must win).
fn playing_back(name: &str, dir: &std::path::Path) -> (bevy::app::App, NightRecord) {
    let saved =
        miracle_mile::files::record::read(&root().join(format!("tests/records/{name}.ron")))
            .expect("the record reads");
    let resolved = saved.resolve(&film()).expect("the record fits the film");
    let app = headless_configured(film(), 99, Store::at(dir), |o| o.playback = Some(resolved));
    (app, saved)
}

#[test]
fn the_window_plays_a_record_back_to_the_same_night() {
    let dir = scratch("playback");
    let (mut app, saved) = playing_back("arrested", &dir);
    // Nothing is pressed: the record begins its own night and takes its own actions.
    for _ in 0..20_000 {
        if screen(&app) == Screen::Ending {
            break;
        }
        app.update();
    }
    assert_eq!(
        screen(&app),
        Screen::Ending,
        "the playback did not reach an ending"
    );
    let night = app.world().resource::<GameSession>();
    let replayed = night.record();
    assert_eq!(replayed.seed, saved.seed);
    assert_eq!(replayed.ending, saved.ending);
    assert_eq!(replayed.actions, saved.actions);
    assert_eq!(
        replayed.transcript, saved.transcript,
        "the log differs from the record's"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn choosing_an_action_during_a_playback_takes_over() {
    let dir = scratch("take-over");
    let (mut app, _) = playing_back("arrested", &dir);
    while screen(&app) != Screen::Playing {
        app.update();
    }
    // The first recorded action is taken; then the player picks the first action on offer.
    while app
        .world()
        .resource::<GameSession>()
        .session
        .actions()
        .is_empty()
    {
        app.update();
    }
    until_idle(&mut app);
    let mine = app.world().resource::<GameSession>().actions[0].clone();
    app.world_mut()
        .write_message(miracle_mile::game::night::ChooseAction(mine.clone()));
    app.update();
    app.update();
    assert!(
        !app.world()
            .contains_resource::<miracle_mile::game::night::playback::Playback>(),
        "the playback goes on after the player chose"
    );
    let record = app.world().resource::<GameSession>().session.actions();
    assert_eq!(record.last().map(|(_, a)| a), Some(&mine));
    let _ = std::fs::remove_dir_all(&dir);
}
