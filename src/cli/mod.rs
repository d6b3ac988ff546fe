//! The command line's terminal commands: `check` and `text`, and reading scenario files.

pub mod check;
pub(crate) mod output;
pub mod scenario_file;
pub mod text;
