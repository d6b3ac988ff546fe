//! The part of the window the map is drawn in. The panels are opaque, so the map's camera draws
//! only the free area between them (its viewport), and the interface has a camera of its own
//! over the whole window that draws no world, only egui, into the same picture. Under software
//! rendering every drawn pixel costs: before this, half the map was drawn under the panels, and
//! the panels were painted over it.
//! Bevy's viewport positions are the window's, so the pointer and egui need no conversion.

use crate::game::hud::click_targets::ClickTargets;
use crate::game::map::MapCamera;
use crate::game::screens::Screen;
use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, CameraUpdateSystems, Viewport};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPostUpdateSet, EguiPrimaryContextPass,
    PrimaryEguiContext, egui,
};

/// The camera egui draws the interface with.
#[derive(Component)]
pub struct InterfaceCamera;

pub fn plugin(app: &mut App) {
    // egui goes on the interface camera, not on the first camera spawned (the map's): egui's
    // screen is its camera's viewport.
    app.insert_resource(EguiGlobalSettings {
        auto_create_primary_context: false,
        ..default()
    })
    .add_systems(Startup, spawn_cameras)
    .add_systems(EguiPrimaryContextPass, unpainted_panels)
    .add_systems(
        PostUpdate,
        fit_the_map_camera
            .after(EguiPostUpdateSet::EndPass)
            .before(CameraUpdateSystems),
    );
}

fn spawn_cameras(mut commands: Commands) {
    commands.spawn((Name::new("Map camera"), map_camera(), MapCamera));
    commands.spawn((
        Name::new("Interface camera"),
        interface_camera(),
        PrimaryEguiContext,
        InterfaceCamera,
    ));
}

/// The map's camera, without the game's marker (`examples/frame_floor.rs` times it empty).
pub fn map_camera() -> impl Bundle {
    (
        Camera2d,
        Camera {
            // The interface camera shares its picture and puts it on the window.
            output_mode: CameraOutputMode::Skip,
            ..default()
        },
        // No multisampling: under software rendering it multiplies the cost of every pixel,
        // and the map's lines read as well without it.
        Msaa::Off,
    )
}

/// The interface's camera, which draws no world, without egui and the game's marker.
pub fn interface_camera() -> impl Bundle {
    (
        Camera2d,
        Camera {
            order: 1,
            // The map's picture (and the clear colour around it, which the panels show
            // through) stays: the same texture, drawn over, not cleared.
            clear_color: ClearColorConfig::None,
            ..default()
        },
        Msaa::Off,
        RenderLayers::none(),
    )
}

/// The panels are not painted: the night sky the map's camera clears the whole window to is
/// their colour. Painting them cost egui a fill of half the window every frame.
fn unpainted_panels(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if !*done {
        contexts
            .ctx_mut()?
            .global_style_mut(|style| style.visuals.panel_fill = egui::Color32::TRANSPARENT);
        *done = true;
    }
    Ok(())
}

/// Gives the map's camera the area the panels left free this frame (the whole window on the
/// title, which has no panels), in physical pixels.
fn fit_the_map_camera(
    screen: Res<State<Screen>>,
    targets: Res<ClickTargets>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut camera: Single<&mut Camera, With<MapCamera>>,
) {
    let area = match screen.get() {
        Screen::Playing | Screen::Ending => targets.map_area,
        _ => None,
    };
    let viewport = area.and_then(|area| {
        let scale = window.scale_factor();
        let size = UVec2::new(window.physical_width(), window.physical_height());
        let min = (Vec2::new(area.min.x, area.min.y) * scale)
            .round()
            .as_uvec2()
            .min(size);
        let max = (Vec2::new(area.max.x, area.max.y) * scale)
            .round()
            .as_uvec2()
            .min(size);
        // A sliver (a window shrunk to nothing) is no viewport.
        (max.x > min.x + 1 && max.y > min.y + 1).then(|| Viewport {
            physical_position: min,
            physical_size: max - min,
            ..default()
        })
    });
    // Only a change is written: Bevy's camera systems recompute the projection on one.
    let placed = |v: &Option<Viewport>| v.as_ref().map(|v| (v.physical_position, v.physical_size));
    if placed(&camera.viewport) != placed(&viewport) {
        camera.viewport = viewport;
    }
}
