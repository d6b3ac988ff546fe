//! In the browser: when the game started, when its app was built, when it ran its first update
//! (Bevy runs none until its renderer exists, which the browser creates asynchronously) and
//! when it drew the title's first frame, by the page's own clock (`performance.now()`), logged
//! once to the console. With the page's marks for the .wasm's download and compilation, the
//! browser test accounts for the time between navigation and the first frame.

use crate::game::GameOptions;
use crate::game::screens::Screen;
use bevy::prelude::*;

/// Moments of the game's start, in milliseconds of the page's clock.
#[derive(Resource, Default)]
struct StartMarks {
    /// The game's plugins were all built (this plugin is added last).
    built: f64,
    /// The first update ran: every plugin, the renderer's included, is ready.
    first_update: f64,
}

pub fn plugin(app: &mut App) {
    app.insert_resource(StartMarks {
        built: page_now().unwrap_or_default(),
        ..default()
    })
    .add_systems(PreStartup, mark_first_update)
    .add_systems(Last, report_first_frame.run_if(in_state(Screen::Title)));
}

/// Milliseconds since the page began loading, by its own clock.
fn page_now() -> Option<f64> {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
}

fn mark_first_update(mut marks: ResMut<StartMarks>) {
    marks.first_update = page_now().unwrap_or_default();
}

/// On the title's second frame (the first one's picture is presented as the second begins),
/// logs "first frame: the game started at S ms, built its app at B ms, ran its first update at
/// U ms and drew the title at F ms of the page".
fn report_first_frame(options: Res<GameOptions>, marks: Res<StartMarks>, mut frames: Local<u32>) {
    *frames = frames.saturating_add(1);
    if *frames != 2 {
        return;
    }
    let Some(now) = page_now() else {
        return;
    };
    let since_start = options.launched.elapsed().as_secs_f64() * 1000.0;
    info!(
        "first frame: the game started at {:.0} ms, built its app at {:.0} ms, ran its first \
         update at {:.0} ms and drew the title at {:.0} ms of the page",
        now - since_start,
        marks.built,
        marks.first_update,
        now
    );
}
