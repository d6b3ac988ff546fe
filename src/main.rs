//! The `miracle-mile` command: play the night in the terminal, check scenarios.

mod check;
mod output;
mod scenario_file;
mod text;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "miracle-mile",
    version,
    about = "The night of Miracle Mile (1988): play it, mod it."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate scenario files: prints `FILE: ok — ...` or diagnostics with FILE:LINE:COLUMN.
    Check {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Play a night in the terminal, interactively or from a script of actions.
    Text(text::TextArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => check::run(&files),
        Some(Command::Text(args)) => text::run(&args),
        // Until the windowed game exists, the night is played in the terminal.
        None => text::run(&text::TextArgs::default()),
    }
}
