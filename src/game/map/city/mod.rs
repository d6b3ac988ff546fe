//! The drawn city under the map's markers: roads with their width and street lights, the
//! buildings along them, parks and pits, and each landmark's own drawing following its
//! place's state. The title screen shows it too, behind the title, drifting slowly along
//! the scenario's first street. What to draw comes from the scenario and from the city map it
//! names (`map: "NAME"`: `NAME.city.ron` beside the scenario's file or dropped onto the page,
//! else `assets/maps/NAME.city.ron`; see [`data`]); a scenario without one gets the plain city
//! made from its streets alone.

pub mod aircraft;
pub mod build;
pub mod data;
pub mod landmarks;
pub mod mesh;

use crate::game::GameOptions;
use crate::game::map::{MapCamera, positions};
use crate::game::night::GameSession;
use crate::game::night::reload::ScenarioReloaded;
use crate::game::screens::Screen;
use bevy::asset::LoadState;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use data::{CityMap, CityMapLoader};

/// Every entity of the drawn city, despawned together when another city is drawn.
#[derive(Component, Clone)]
pub struct CityPiece;

/// The city map asked for, for which scenario, and whether the city is drawn.
#[derive(Resource, Default)]
struct CityRequest {
    /// The scenario's id and the hash of its text: a new night of the same scenario keeps
    /// the city already drawn.
    scenario: Option<(String, u64)>,
    /// The map from the game's assets, while it is read.
    map: Option<Handle<CityMap>>,
    /// The map given beside the scenario (see [`GivenCityMaps`]), which is used instead.
    given: Option<CityMap>,
    drawn: bool,
}

/// City maps that come with a scenario rather than with the game, by name: on the desktop the
/// `NAME.city.ron` beside the scenario's file, in the browser one dropped onto the page. A
/// scenario whose `map` names one is drawn on it rather than on the game's own.
#[derive(Resource, Default)]
pub struct GivenCityMaps {
    maps: std::collections::BTreeMap<String, CityMap>,
    /// The text each map on the desktop was read from, to read it again only when it changed.
    texts: std::collections::BTreeMap<String, String>,
    /// Bumped on every change, so that the city is drawn again on a map given late.
    version: u64,
}

impl GivenCityMaps {
    pub fn insert(&mut self, name: String, map: CityMap) {
        self.maps.insert(name, map);
        self.version += 1;
    }
}

/// The text of the city map `name` beside the scenario's file, with its path, if there is one.
fn beside_the_scenario(
    scenario_path: Option<&std::path::Path>,
    name: &str,
) -> Option<(std::path::PathBuf, String)> {
    let path = scenario_path?.with_file_name(format!("{name}.city.ron"));
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}

/// Where a city map is, among the game's assets, by its name (a scenario's `map`).
pub fn map_path(name: &str) -> String {
    format!("maps/{name}.city.ron")
}

pub fn plugin(app: &mut App) {
    app.init_asset::<CityMap>()
        .init_asset_loader::<CityMapLoader>()
        .init_resource::<CityRequest>()
        .init_resource::<GivenCityMaps>()
        .add_systems(OnEnter(Screen::Playing), ask_for_the_map)
        .add_systems(OnEnter(Screen::Title), (ask_for_the_map, frame_the_title))
        .add_systems(
            Update,
            (
                ask_for_the_map.run_if(
                    on_message::<ScenarioReloaded>.or_else(resource_changed::<GivenCityMaps>),
                ),
                draw_the_city,
                landmarks::follow_states,
                aircraft::fly,
            )
                .chain()
                .run_if(not(in_state(Screen::Error))),
        )
        .add_systems(Update, drift_over_the_title.run_if(in_state(Screen::Title)));
}

/// The scenario on screen: the night's, or on the title the one the game was started with.
#[derive(SystemParam)]
struct OnScreen<'w> {
    night: Option<Res<'w, GameSession>>,
    options: Res<'w, GameOptions>,
}

impl OnScreen<'_> {
    fn scenario(&self) -> Option<&night::Scenario> {
        match &self.night {
            Some(night) => Some(night.sim().scenario()),
            None => self.options.scenario.as_ref().ok(),
        }
    }
}

/// Metres per pixel over the title: close enough for the buildings to read.
const TITLE_SCALE: f32 = 0.7;

/// The title's zoom (the drift sets where it looks).
fn frame_the_title(camera: Single<&mut Projection, With<MapCamera>>) {
    if let Projection::Orthographic(ortho) = &mut *camera.into_inner() {
        ortho.scale = TITLE_SCALE;
    }
}

/// Behind the title the camera drifts along the middle of the first street (where the city
/// is, not its ends), 10 metres a second, and back.
fn drift_over_the_title(
    options: Res<GameOptions>,
    time: Res<Time>,
    camera: Single<&mut Transform, With<MapCamera>>,
) {
    let Some(street) = options
        .scenario
        .as_ref()
        .ok()
        .and_then(|s| s.streets.first())
    else {
        return;
    };
    let points = positions::street_points(street);
    let length = positions::length(&points);
    if length <= 0.0 {
        return;
    }
    // There and back again over its middle half, so the drift never runs out.
    let span = length / 2.0;
    let walked = (time.elapsed_secs() * 10.0) % (2.0 * span);
    let there = if walked > span {
        2.0 * span - walked
    } else {
        walked
    };
    let t = 0.25 + there / length;
    let at = positions::along(&points, t);
    let mut transform = camera.into_inner();
    transform.translation = at.extend(transform.translation.z);
}

/// Asks for the scenario's city map (given beside the scenario, or else from the game's
/// assets), unless this scenario's city is drawn on the maps given so far.
fn ask_for_the_map(
    mut commands: Commands,
    on_screen: OnScreen,
    assets: Res<AssetServer>,
    mut given: ResMut<GivenCityMaps>,
    mut request: ResMut<CityRequest>,
    old: Query<Entity, With<CityPiece>>,
) {
    let Some(s) = on_screen.scenario() else {
        return;
    };
    // On the desktop, a map beside the scenario's file is read each time it is asked for, so
    // that an edited map shows when the scenario is reloaded.
    if let Some(name) = s.map.as_deref()
        && let Some((path, text)) =
            beside_the_scenario(on_screen.options.scenario_path.as_deref(), name)
        && given.texts.get(name) != Some(&text)
    {
        match CityMap::from_ron(&text) {
            Ok(map) => given.insert(name.to_owned(), map),
            Err(why) => warn!(
                "{}: {why}: the game's own map of that name is used, if it has one",
                path.display()
            ),
        }
        given.texts.insert(name.to_owned(), text);
    }
    let key = (s.id.clone(), s.source_hash ^ given.version);
    if request.scenario.as_ref() == Some(&key) {
        return;
    }
    // The last scenario's city goes at once: its landmarks name that scenario's places.
    for entity in &old {
        commands.entity(entity).despawn();
    }
    // A scenario without a city map gets the plain city at once: nothing is asked for.
    request.given = s
        .map
        .as_deref()
        .and_then(|name| given.maps.get(name).cloned());
    request.map = match request.given {
        Some(_) => None,
        None => s.map.as_deref().map(|name| assets.load(map_path(name))),
    };
    request.scenario = Some(key);
    request.drawn = false;
}

/// Once the city map is read (or known to be missing), draws the city in place of the last.
fn draw_the_city(
    mut commands: Commands,
    on_screen: OnScreen,
    assets: Res<AssetServer>,
    maps: Res<Assets<CityMap>>,
    mut request: ResMut<CityRequest>,
    old: Query<Entity, With<CityPiece>>,
    (mut meshes, mut materials): (ResMut<Assets<Mesh>>, ResMut<Assets<ColorMaterial>>),
) {
    if request.drawn {
        return;
    }
    let Some(s) = on_screen.scenario() else {
        return;
    };
    let map = match request.map.as_ref().map(|h| (h, assets.load_state(h))) {
        None => request.given.take().unwrap_or_default(),
        Some((handle, LoadState::Loaded)) => maps.get(handle).cloned().unwrap_or_default(),
        Some((_, LoadState::Failed(why))) => {
            warn!(
                "the city map of `{}` could not be read ({why}): the plain city is drawn",
                s.id
            );
            CityMap::default()
        }
        Some(_) => return,
    };
    request.drawn = true;
    for entity in &old {
        commands.entity(entity).despawn();
    }
    let city = build::city(s, &map);
    // The city is opaque: under software rendering, blending its every pixel costs a frame
    // time. Its lights and landmarks (glows, parts in and out of view) are blended over it.
    let opaque = materials.add(ColorMaterial::default());
    let blended = materials.add(ColorMaterial {
        alpha_mode: bevy::sprite_render::AlphaMode2d::Blend,
        ..default()
    });
    commands.spawn((
        Name::new("City"),
        CityPiece,
        Mesh2d(meshes.add(city.solid.into_mesh())),
        MeshMaterial2d(opaque),
        Transform::from_xyz(0.0, 0.0, build::depth::CITY),
    ));
    commands.spawn((
        Name::new("Street lights"),
        CityPiece,
        Mesh2d(meshes.add(city.lights.into_mesh())),
        MeshMaterial2d(blended.clone()),
        Transform::from_xyz(0.0, 0.0, build::depth::LIGHT),
    ));
    landmarks::spawn(&mut commands, s, &map, &mut meshes, &blended, CityPiece);
    aircraft::spawn(&mut commands, s, &map, &mut meshes, &blended, CityPiece);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_map_is_found_beside_the_scenario_that_names_it() {
        let folder = std::env::temp_dir().join(format!("mm-city-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let scenario = folder.join("harbour.ron");
        std::fs::write(
            folder.join("harbour_map.city.ron"),
            "CityMap(lamp_spacing: 30)",
        )
        .unwrap();
        let (path, text) =
            beside_the_scenario(Some(&scenario), "harbour_map").expect("the map beside it");
        assert_eq!(path, folder.join("harbour_map.city.ron"));
        assert_eq!(CityMap::from_ron(&text).unwrap().lamp_spacing, 30.0);
        // Another name, or the film built into the game (no file): the game's own maps.
        assert!(beside_the_scenario(Some(&scenario), "elsewhere").is_none());
        assert!(beside_the_scenario(None, "harbour_map").is_none());
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
