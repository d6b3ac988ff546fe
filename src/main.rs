//! The `miracle-mile` command: play the night in a window (the default), play it in the
//! terminal, check scenarios. Everything is in the library (`miracle_mile::cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    // Bevy's Instant: std's has no clock in the browser.
    let launched = bevy::platform::time::Instant::now();
    // The page has no command line: its address says what to play.
    #[cfg(target_arch = "wasm32")]
    let cli = miracle_mile::cli::Cli {
        command: None,
        play: miracle_mile::cli::play::page_args(),
    };
    #[cfg(not(target_arch = "wasm32"))]
    let cli = <miracle_mile::cli::Cli as clap::Parser>::parse();
    miracle_mile::cli::run(cli, launched)
}
