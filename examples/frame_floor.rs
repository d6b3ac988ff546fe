//! The floor under the game's frame times: an empty Bevy window of the game's size, with the
//! game's two cameras (the map's, skipping its output, and the interface's over it) and nothing
//! to draw, timed the way `--measure-at` times the game (the median, p95 and worst of 600
//! frames after three seconds of warming up). Under software rendering (Xvfb and llvmpipe)
//! this is what Bevy's clear, its copy of the picture to the window, and the window's present
//! cost before the game draws anything: the game's figures are read against it.
//!
//! `DISPLAY=:99 cargo run --release --example frame_floor`

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};
use bevy::winit::WinitSettings;
use miracle_mile::game::map::view;

/// Frames skipped while the renderer warms up, and frames timed.
const WARM_UP_SECONDS: f32 = 3.0;
const FRAMES: usize = 600;

fn main() -> AppExit {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Frame floor".into(),
                resolution: WindowResolution::new(1280, 720),
                present_mode: PresentMode::AutoNoVsync,
                ..default()
            }),
            ..default()
        }))
        // Bevy holds an unfocused window (Xvfb has no window manager to focus it) to 60 frames
        // a second; the floor is what a frame costs, not that cap.
        .insert_resource(WinitSettings::continuous())
        .add_systems(Startup, spawn_cameras)
        .add_systems(Update, time_frames)
        .run()
}

/// The game's own cameras, with nothing for either to draw.
fn spawn_cameras(mut commands: Commands) {
    commands.spawn(view::map_camera());
    commands.spawn(view::interface_camera());
}

fn time_frames(time: Res<Time>, mut frames: Local<Vec<f32>>, mut exit: MessageWriter<AppExit>) {
    if time.elapsed_secs() < WARM_UP_SECONDS {
        return;
    }
    frames.push(time.delta_secs() * 1000.0);
    if frames.len() == FRAMES {
        frames.sort_by(f32::total_cmp);
        let at = |q: f32| frames[((FRAMES - 1) as f32 * q).round() as usize];
        println!(
            "frame floor: {FRAMES} frames of an empty 1280x720 window, median {:.1} ms, p95 {:.1} ms, worst {:.1} ms",
            at(0.5),
            at(0.95),
            at(1.0)
        );
        exit.write(AppExit::Success);
    }
}
