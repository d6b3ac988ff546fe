//! Broken scenarios get `FILE:LINE:COLUMN` diagnostics and exit 1, never a panic.

use super::{assert_no_panic, files_with_extension, read, root, run, stdout};
use night::Scenario;

/// One case of a corpus: `DIR/NAME.ron` with its `NAME.expected`: the position
/// (`LINE:COLUMN`), the message, and optionally more text that must appear (a suggestion).
struct Case {
    relative: String,
    position: String,
    message: String,
    extra: Vec<String>,
}

fn corpus(dir: &str, at_least: usize) -> Vec<Case> {
    let cases = files_with_extension(dir, "ron");
    assert!(cases.len() >= at_least, "{dir} has {} cases", cases.len());
    cases
        .iter()
        .map(|case| {
            let name = case.file_stem().unwrap().to_string_lossy().into_owned();
            let expected = read(&case.with_extension("expected"));
            let mut lines = expected.lines().map(str::to_owned);
            Case {
                relative: format!("{dir}/{name}.ron"),
                position: lines.next().expect("a position line"),
                message: lines.next().expect("a message line"),
                extra: lines.collect(),
            }
        })
        .collect()
}

/// Every `tests/broken/NAME.ron` is refused: status 1, its first diagnostic the expected error
/// at the expected place.
#[test]
fn the_broken_corpus_reports_each_fault_where_it_is() {
    for Case {
        relative,
        position,
        message,
        extra,
    } in corpus("tests/broken", 12)
    {
        let out = run(&["check", &relative], "");
        assert_no_panic(&out, &relative);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{relative} must fail with status 1"
        );
        let text = stdout(&out);
        let first_position = text
            .lines()
            .find_map(|l| {
                l.split_once(&format!("{relative}:"))
                    .map(|(_, at)| at.trim().to_owned())
            })
            .unwrap_or_else(|| panic!("{relative}: no FILE:LINE:COLUMN in\n{text}"));
        assert_eq!(first_position, position, "{relative}: position\n{text}");
        assert!(
            text.starts_with(&format!("error: {message}\n")),
            "{relative}: message `{message}` in\n{text}"
        );
        for extra in extra {
            assert!(text.contains(&extra), "{relative}: `{extra}` in\n{text}");
        }
    }
}

/// Valid scenarios with a flag that does nothing (`tests/broken/warnings/`): `check` plays
/// them (status 0) and warns where the flag is written.
#[test]
fn the_warnings_corpus_reports_each_flag_that_does_nothing_where_it_is() {
    for Case {
        relative,
        position,
        message,
        extra,
    } in corpus("tests/broken/warnings", 3)
    {
        let out = run(&["check", "--no-analysis", &relative], "");
        assert_no_panic(&out, &relative);
        let text = stdout(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{relative}: warnings only\n{text}"
        );
        assert!(
            text.contains(&format!("warning: {message}\n")),
            "{relative}: message `{message}` in\n{text}"
        );
        assert!(
            text.contains(&format!("{relative}:{position}\n")),
            "{relative}: position {position} in\n{text}"
        );
        assert!(text.contains(&format!("{relative}: 1 warning")), "{text}");
        for extra in extra {
            assert!(text.contains(&extra), "{relative}: `{extra}` in\n{text}");
        }
    }
    // The film itself has no flag that does nothing.
    let film = stdout(&run(
        &["check", "--no-analysis", "scenes/miracle_mile.ron"],
        "",
    ));
    assert!(!film.contains("warning"), "{film}");
}

#[test]
fn valid_examples_check_ok() {
    let out = run(
        &["check", "--no-analysis", "scenes/examples/first_night.ron"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with(
            "scenes/examples/first_night.ron: ok — 3 locations, 3 characters, 3 endings"
        )
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let out = run(&["check", "tests/broken/no_such_file.ron"], "");
    assert_no_panic(&out, "a missing file");
    assert_eq!(out.status.code(), Some(1));
}

/// A small deterministic generator for hostile inputs (no test depends on the wall clock).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn assert_diagnosed(name: &str, bytes: &[u8]) {
    let d = match Scenario::from_bytes(name, bytes) {
        Ok(_) => panic!("{name} was accepted"),
        Err(d) => d,
    };
    assert!(!d.items.is_empty(), "{name}: no diagnostic");
    let rendered = d.render();
    let first = &d.items[0];
    let position = format!("{name}:{}:{}", first.line, first.column);
    assert!(
        rendered.contains(&position),
        "{name}: `{position}` not in\n{rendered}"
    );
    assert!(
        rendered.len() < 4000,
        "{name}: the rendering stays short ({} bytes)",
        rendered.len()
    );
}

#[test]
fn hostile_inputs_get_positioned_diagnostics() {
    for seed in 0..50 {
        assert_diagnosed("random.ron", &noise(seed, 5000));
    }
    let ascii: Vec<u8> = noise(7, 20_000)
        .into_iter()
        .map(|b| b' ' + b % 95)
        .collect();
    assert_diagnosed("ascii.ron", &ascii);
    assert_diagnosed(
        "deep.ron",
        format!("Scenario(id: \"x\", flags: {})", "[".repeat(100_000)).as_bytes(),
    );
    assert_diagnosed(
        "deep_conditions.ron",
        format!(
            "Scenario(id: \"x\", endings: {{ \"e\": (when: {}",
            "Not(".repeat(50_000)
        )
        .as_bytes(),
    );
    assert_diagnosed("empty.ron", b"");
    assert_diagnosed("nul.ron", b"\0\0\0");
    // Ten megabytes on one line: the diagnostic shows a window of it, not all of it.
    let big = format!(
        "Scenario(id: \"big\", title: \"{}\", start: 5)",
        "a".repeat(10 * 1024 * 1024)
    );
    assert_diagnosed("big.ron", big.as_bytes());
}

#[test]
fn every_truncation_of_the_film_is_diagnosed() {
    let film = read(&root().join("scenes/miracle_mile.ron"));
    let mut cut = 0;
    while cut < film.len() {
        if film.is_char_boundary(cut) {
            let part = &film[..cut];
            // A cut inside a comment can leave a text that still loads only if nothing
            // was lost; otherwise it must be diagnosed.
            if let Err(d) = Scenario::from_ron("cut.ron", part) {
                let first = &d.items[0];
                assert!(
                    d.render()
                        .contains(&format!("cut.ron:{}:{}", first.line, first.column))
                );
            } else {
                assert!(film[cut..].trim().is_empty(), "a cut at byte {cut} loaded");
            }
        }
        cut += 397;
    }
}

#[test]
fn large_and_binary_files_through_the_command() {
    let dir = std::env::temp_dir().join(format!("mm-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let random = dir.join("random.ron");
    std::fs::write(&random, noise(3, 4096)).unwrap();
    let big = dir.join("big.ron");
    std::fs::write(
        &big,
        format!(
            "Scenario(id: \"big\", title: \"{}\"",
            "x".repeat(10 * 1024 * 1024)
        ),
    )
    .unwrap();
    for path in [&random, &big] {
        let out = run(&["check", path.to_str().unwrap()], "");
        assert_no_panic(&out, "check");
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        assert!(text.contains(&format!("{}:1:", path.display())), "{text}");
        assert!(
            text.len() < 4000,
            "the output is short: {} bytes\n{text}",
            text.len()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
