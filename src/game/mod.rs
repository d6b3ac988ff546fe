//! The windowed game: one plugin per concern, in feature folders, all on the `night` core. The
//! game holds a play session (in [`night::GameSession`]), turns clicks and keys into its actions,
//! advances its clock at the chosen pace, and draws what it reports.

pub mod audio;
pub mod automation;
pub mod hud;
pub mod map;
pub mod menus;
pub mod night;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
mod page_timing;
pub mod player_files;
pub mod screens;
pub mod settings;
pub mod theme;

use ::night::Scenario;
use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};
use bevy_egui::EguiPlugin;

/// What the command line asked the game to play.
#[derive(Resource, Clone)]
pub struct GameOptions {
    /// The scenario, or the diagnostics that explain why it could not be read.
    pub scenario: Result<Scenario, String>,
    /// Fixed seed for the night's chances; `None` picks one per night.
    pub seed: Option<u64>,
    /// Start to use when a night is begun without choosing (capture mode).
    pub start: usize,
    /// Non-interactive capture: play a script, save screenshots, exit.
    pub capture: Option<automation::capture::CaptureOptions>,
    /// Where the player's settings, notebook, gallery and unfinished night are kept.
    pub store: crate::files::store::Store,
    /// The scenario's file, watched for edits (`None`: the film built into the game).
    pub scenario_path: Option<std::path::PathBuf>,
    /// A night's record to play back in the window (`--replay FILE`).
    pub playback: Option<crate::files::record::ResolvedRecord>,
    /// When the process began (for the launch-to-interactive figure).
    pub launched: bevy::platform::time::Instant,
}

/// Builds and runs the windowed game.
pub fn run(options: GameOptions) -> AppExit {
    let measuring = options
        .capture
        .as_ref()
        .is_some_and(|c| c.measure.is_some());
    let mut app = App::new();
    app.insert_resource(ClearColor(theme::palette::NIGHT_SKY))
        .add_plugins(
            DefaultPlugins
                .set(AssetPlugin {
                    file_path: asset_folder(),
                    // No `.meta` files beside the assets: not asked for (in the browser, each
                    // would be a failed request in the console).
                    meta_check: bevy::asset::AssetMetaCheck::Never,
                    ..default()
                })
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "Miracle Mile".into(),
                        resolution: WindowResolution::new(1280, 720),
                        // Measured frames are not held to the display's refresh, so that they show
                        // what a frame costs.
                        present_mode: if measuring {
                            PresentMode::AutoNoVsync
                        } else {
                            PresentMode::AutoVsync
                        },
                        // In the browser: draw into the page's canvas and follow its size; keys such as
                        // Tab and Space belong to the game, not to the page.
                        canvas: cfg!(target_arch = "wasm32").then(|| "#miracle-mile".into()),
                        fit_canvas_to_parent: true,
                        prevent_default_event_handling: true,
                        ..default()
                    }),
                    ..default()
                }),
        )
        .add_plugins(EguiPlugin::default())
        .insert_resource(options)
        .add_plugins(plugin);
    if measuring {
        // Bevy holds an unfocused window (under Xvfb, which has no window manager, the window
        // is never focused) to 60 frames a second: a measured frame is what it costs, not that.
        app.insert_resource(bevy::winit::WinitSettings::continuous());
    }
    app.run()
}

/// Where the game's assets (`assets/`: the city maps, the fonts) are read from. In the browser,
/// beside the page. On the desktop, the first that exists of: `assets/` in the folder the
/// game runs from (a checkout), beside the executable, in the checkout it was built from.
fn asset_folder() -> String {
    if cfg!(target_arch = "wasm32") {
        return "assets".into();
    }
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("assets")));
    let candidates = [
        std::env::current_dir().ok().map(|d| d.join("assets")),
        beside_exe,
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_dir())
        .map_or_else(|| "assets".into(), |p| p.display().to_string())
}

/// The order of each frame's `Update`, in sets that the plugins place their systems in (so that
/// no system is ordered by another file's function): the scenario file is looked at, then the
/// player's or the automation's choices are made, then the night acts on them and its clock
/// runs.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    ReadFiles,
    Choose,
    Act,
}

/// Every plugin of the game, in one place.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        logic_plugin,
        map::plugin,
        hud::plugin,
        menus::plugin,
        audio::plugin,
        automation::plugin,
        theme::fonts::plugin,
    ));
    #[cfg(target_arch = "wasm32")]
    app.add_plugins(page_timing::plugin);
}

/// The plugins that need no renderer: screens, the night and its clock, keyboard shortcuts.
/// Headless tests run these under `MinimalPlugins`.
pub fn logic_plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (AppSystems::ReadFiles, AppSystems::Choose, AppSystems::Act).chain(),
    );
    app.add_plugins((
        settings::plugin,
        player_files::plugin,
        screens::plugin,
        night::plugin,
        hud::shortcuts::plugin,
    ));
    #[cfg(target_arch = "wasm32")]
    app.add_plugins(page::plugin);
}
