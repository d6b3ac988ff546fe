//! The game end to end: `check` on good and broken scenarios, `text` on scripted nights, the
//! game's plugins headless, the player's files, and the real window under Xvfb.
//! One test binary for the whole game (each file under tests/ would be its own).

mod analysis;
mod autoplay;
mod broken;
mod check_bounds;
mod city;
mod coverage;
mod docs;
mod files;
mod living_night;
mod nights;
mod play;
mod records;
mod reload;
mod shape;
mod text;
mod window;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `miracle-mile` with arguments from the repository root, feeding `stdin`.
pub fn run(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_miracle-mile"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // The child may exit before reading everything (a bad line): that is not our failure.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("the binary runs")
}

/// A script's actions, one per line, without `#` comments and blank lines.
pub fn script_lines(script: &str) -> Vec<String> {
    night::sim::script_lines(script)
        .map(|(_, line)| line.to_owned())
        .collect()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Fails with the command's whole output if it panicked.
pub fn assert_no_panic(o: &Output, what: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.code() != Some(101) && !err.contains("panicked"),
        "{what} panicked:\n{err}"
    );
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The files in `folder` (relative to the repository root) ending in `.ext`, sorted by name.
pub fn files_with_extension(folder: &str, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}
