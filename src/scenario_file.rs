//! Reading scenario files from disk (or the film built into the binary) into the core's
//! `Scenario`, with errors that name the file.

use night::{Diagnostics, Scenario};
use std::path::Path;

/// The film's night, built in so that `miracle-mile` plays it from anywhere.
pub const FILM: &str = include_str!("../scenes/miracle_mile.ron");
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
    let name = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| LoadError::Io(format!("{name}: cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(LoadError::Io(format!(
            "{name}: is a directory, not a scenario file"
        )));
    }
    if meta.len() > MAX_BYTES {
        return Err(LoadError::Io(format!(
            "{name}:1:1: the file is {} bytes; scenarios are at most {MAX_BYTES} bytes",
            meta.len()
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| LoadError::Io(format!("{name}: cannot read: {e}")))?;
    Scenario::from_bytes(&name, &bytes).map_err(LoadError::Invalid)
}
