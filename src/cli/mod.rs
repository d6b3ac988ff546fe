//! The command line: `miracle-mile` plays the night in a window (the default, see `play`),
//! and its subcommands are the terminal's tools: `check`, `text`, `replay` and `autoplay`.

pub mod autoplay;
pub mod check;
mod check_progress;
pub mod play;
pub mod replay;
pub mod text;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "miracle-mile",
    version,
    about = "The night of Miracle Mile (1988): play it, mod it."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub play: play::PlayArgs,
}

#[derive(Subcommand)]
pub enum Command {
    /// Validate scenario files and analyse their nights: which endings can happen (with a
    /// way there and a seed), what never happens, dead ends; warnings at FILE:LINE:COLUMN.
    Check(check::CheckArgs),
    /// Play a night in the terminal, interactively or from a script of actions.
    Text(text::TextArgs),
    /// Replay a night's record headless: print its transcript and ending (`--verify`: fail
    /// unless both are as recorded).
    Replay(replay::ReplayArgs),
    /// Play many nights with computer players (random, greedy, a curious newcomer, and one who
    /// follows a walkthrough): how they ended, and what never happened in any of them.
    Autoplay(autoplay::AutoplayArgs),
}

/// Runs what the command line asked for. `launched` is when the program started (the window
/// measures its first frame from it).
pub fn run(cli: Cli, launched: bevy::platform::time::Instant) -> ExitCode {
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Text(args)) => text::run(&args),
        Some(Command::Replay(args)) => replay::run(&args),
        Some(Command::Autoplay(args)) => autoplay::run(&args),
        None => play::run(cli.play, launched),
    }
}
