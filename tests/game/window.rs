//! The real windowed game under Xvfb (software Vulkan), in its non-interactive capture mode:
//! a whole night played with the mouse alone, as a player with no keyboard would, to the
//! film's ending, with the screenshots and the player's files it leaves behind.

use crate::root;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mm-window-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// What the game printed last, with its exit code, inside the virtual display: xvfb-run's own
/// status replaces the game's when it fails to clean up its temporary folder (seen with two
/// windows under test at once), and the game's is what the tests judge.
const EXITED: &str = "the capture exited with code ";

/// Runs the game's capture mode in a virtual X display with `args` (and the script of the
/// film's night, a seed, screenshots into `shots`, the player's files in `data`): the game's
/// exit code, and its log.
fn capture(shots: &Path, data: &Path, args: &[&str]) -> (Option<i32>, String) {
    // scripts/setup installs Xvfb; without it this test cannot say anything, so it fails.
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .args(["sh", "-c", &format!(r#""$0" "$@"; echo "{EXITED}$?" >&2"#)])
        .arg(env!("CARGO_BIN_EXE_miracle-mile"))
        .arg("--capture")
        .arg(shots)
        .args(["--seed", "1"])
        .args(["--script", "tests/nights/film_into_the_tar.script"])
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .current_dir(root())
        .output()
        .expect("xvfb-run runs (scripts/setup installs it)");
    let log = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let code = log
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix(EXITED))
        .and_then(|code| code.trim().parse().ok());
    (code, log)
}

#[test]
fn a_whole_night_is_won_with_the_mouse_alone_in_the_real_window() {
    let shots = scratch("shots");
    let data = scratch("data");
    let (status, log) = capture(
        &shots,
        &data,
        &[
            "--start",
            "the_call",
            "--pace",
            "turn",
            "--mouse",
            "--shot-at",
            "04:57",
            "--expect",
            "into_the_tar",
        ],
    );
    assert_eq!(status, Some(0), "the mouse-only night failed:\n{log}");
    assert!(!log.contains("panicked"), "{log}");
    // Every choice was a click: the title's button, the map and its route cards, the panel.
    let clicks: u32 = log
        .split(" mouse clicks")
        .next()
        .and_then(|before| before.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no click count in the log:\n{log}"));
    assert!(
        clicks >= 40,
        "only {clicks} clicks for a whole night:\n{log}"
    );
    assert!(log.contains("ending: into_the_tar"), "{log}");
    // People and places were chosen on the map: a person's figure opens their list in the
    // panel, a place's marker its route card.
    let on_map = |what: &str| -> u32 {
        log.split(&format!(" on {what}"))
            .next()
            .and_then(|before| before.rsplit(['(', ' ']).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count of clicks on {what} in the log:\n{log}"))
    };
    assert!(
        on_map("people") >= 5,
        "people were not chosen on the map:\n{log}"
    );
    assert!(
        on_map("places") >= 5,
        "places were not chosen on the map:\n{log}"
    );
    assert!(!log.contains("refused"), "a click was refused:\n{log}");

    let mut names: Vec<String> = std::fs::read_dir(&shots)
        .expect("screenshots folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["01-title.png", "02-night-0457.png", "03-ending.png"],
        "{log}"
    );
    for name in &names {
        let bytes = std::fs::read(shots.join(name)).expect("screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "{name} is not a PNG");
        assert!(bytes.len() > 20_000, "{name} is nearly empty");
    }
    // The ending went into the gallery in the data folder, and no unfinished night is left.
    let gallery = std::fs::read_to_string(data.join("gallery.ron")).expect("gallery.ron");
    assert!(gallery.contains("into_the_tar"), "{gallery}");
    assert!(!data.join("night.ron").exists());
    let _ = std::fs::remove_dir_all(&shots);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn a_scenario_that_cannot_be_read_is_shown_and_photographed_and_the_capture_fails() {
    let shots = scratch("error-shots");
    let data = scratch("error-data");
    let (status, log) = capture(
        &shots,
        &data,
        &["--scenario", "tests/broken/missing_field.ron"],
    );
    // It ends by itself (it used to wait for a title that never came), and fails.
    assert_eq!(status, Some(1), "{log}");
    // The error screen's text is drawn from its first frame, before the game's fonts are
    // read: egui has no fonts of its own, so this is where a missing face would panic.
    assert!(!log.contains("panicked"), "{log}");
    assert!(log.contains("the scenario cannot be played"), "{log}");
    let names: Vec<String> = std::fs::read_dir(&shots)
        .expect("screenshots folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["01-error.png"], "{log}");
}
