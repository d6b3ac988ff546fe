//! The command line's terminal commands: `check`, `text` and `replay`, and reading scenario files.

pub mod check;
pub(crate) mod output;
pub mod replay;
pub mod scenario_file;
pub mod text;
