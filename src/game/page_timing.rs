//! In the browser: when the game started and when it drew the title's first frame, by the
//! page's own clock (`performance.now()`), logged once to the console. With the page's marks
//! for the .wasm's download and compilation, the browser test accounts for the time between
//! navigation and the first frame.

use crate::game::GameOptions;
use crate::game::screens::Screen;
use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.add_systems(Last, report_first_frame.run_if(in_state(Screen::Title)));
}

/// On the title's second frame (the first one's picture is presented as the second begins),
/// logs "first frame: the game started at S ms and drew the title at F ms of the page".
fn report_first_frame(options: Res<GameOptions>, mut frames: Local<u32>) {
    *frames = frames.saturating_add(1);
    if *frames != 2 {
        return;
    }
    let Some(page_now) = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
    else {
        return;
    };
    let since_start = options.launched.elapsed().as_secs_f64() * 1000.0;
    info!(
        "first frame: the game started at {:.0} ms and drew the title at {:.0} ms of the page",
        page_now - since_start,
        page_now
    );
}
