//! Reading scenario files from disk (or the film built into the binary) into the core's
//! `Scenario`, with errors that name the file.

use night::{Diagnostics, Scenario};
use std::io::Read;
use std::path::Path;

/// The film's night, built in so that `miracle-mile` plays it from anywhere.
pub const FILM: &str = include_str!("../../scenes/miracle_mile.ron");
pub const FILM_NAME: &str = "scenes/miracle_mile.ron";

/// Scenario files larger than this are refused before parsing.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why a scenario could not be had.
pub enum LoadError {
    /// The file could not be read at all.
    Io(String),
    /// The file was read and has faults.
    Invalid(Diagnostics),
}

impl LoadError {
    pub fn render(&self) -> String {
        match self {
            LoadError::Io(message) => format!("{message}\n"),
            LoadError::Invalid(d) => d.render(),
        }
    }
}

/// Loads a scenario file, or the film when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Scenario, LoadError> {
    let Some(path) = path else {
        return Scenario::from_ron(FILM_NAME, FILM).map_err(LoadError::Invalid);
    };
    load_with_text(path).map(|(s, _)| s)
}

/// Loads a scenario file and keeps its text (for diagnostics that point into a valid file).
pub fn load_with_text(path: &Path) -> Result<(Scenario, String), LoadError> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| LoadError::Io(format!("{name}: cannot read: {e}"));
    if std::fs::metadata(path).map_err(cannot)?.is_dir() {
        return Err(LoadError::Io(format!(
            "{name}: is a directory, not a scenario file"
        )));
    }
    // Read at most one byte past the limit: the size in the metadata can lie (a device, a
    // pipe, a file still growing).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(LoadError::Io(format!(
            "{name}:1:1: the file is larger than {MAX_BYTES} bytes, the limit for a scenario"
        )));
    }
    let scenario = Scenario::from_bytes(&name, &bytes).map_err(LoadError::Invalid)?;
    // Spans count from after a byte-order mark, as the parser reads the text.
    let text = String::from_utf8_lossy(&bytes);
    Ok((
        scenario,
        text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned(),
    ))
}

/// The index of the start named on the command line (the first when none is named), or a
/// message listing the scenario's starts.
pub fn start_index(scenario: &Scenario, id: Option<&str>) -> Result<usize, String> {
    let Some(id) = id else { return Ok(0) };
    scenario.start_index(id).ok_or_else(|| {
        let known: Vec<&str> = scenario.starts.iter().map(|s| s.id.as_str()).collect();
        format!(
            "unknown start `{id}`; this scenario has: {}",
            known.join(", ")
        )
    })
}

/// The scenario and the index of the chosen start, for the commands that play nights; what is
/// wrong (diagnostics, an unknown start) is printed to standard error and gives `None`.
pub fn load_with_start(path: Option<&Path>, start: Option<&str>) -> Option<(Scenario, usize)> {
    let scenario = match load(path) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{}", e.render());
            return None;
        }
    };
    match start_index(&scenario, start) {
        Ok(i) => Some((scenario, i)),
        Err(message) => {
            eprintln!("{message}");
            None
        }
    }
}
