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

// In the binary, not the library: the page calls these exports by name, and a wasm binary
// keeps the exports of its own crate.
/// What the page's script calls: scenario files dropped onto the page or picked, and the
/// golden night for the browser test.
#[cfg(target_arch = "wasm32")]
mod page_calls {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// Opens a scenario file's text in the game; its diagnostics, or "" when it loads.
    #[wasm_bindgen(js_name = openScenario)]
    pub fn open_scenario(name: &str, text: &str) -> String {
        miracle_mile::web::open_scenario(name, text)
    }

    /// The film's night played from its script, as `miracle-mile text --script` prints it.
    #[wasm_bindgen(js_name = goldenTranscript)]
    pub fn golden_transcript() -> String {
        miracle_mile::web::golden_transcript()
    }
}
