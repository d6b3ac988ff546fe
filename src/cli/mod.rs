//! The command line's terminal commands: `check`, `text`, `replay` and `autoplay`, and reading scenario files.

pub mod autoplay;
pub mod check;
pub(crate) mod output;
pub mod replay;
pub mod scenario_file;
pub mod text;
