//! The city map format (`assets/maps/NAME.city.ron`, named by a scenario's `map`): what the map draws around a
//! scenario's places and streets. The streets and places themselves come from the scenario;
//! the city map adds their look: road widths, street lights, the buildings along the streets,
//! parks and pits, and a drawing for each landmark that can follow the place's state. Every
//! field has a default, so an empty `CityMap()` is a plain but complete city. The format is
//! documented for modders in docs/modding.md ("A scenario's own map").

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A city map, read from RON.
#[derive(Asset, TypePath, Deserialize, Debug, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct CityMap {
    /// Road widths in metres by the scenario's street id; other streets get `major_width` or
    /// `minor_width`.
    pub street_widths: BTreeMap<String, f32>,
    pub major_width: f32,
    pub minor_width: f32,
    /// Metres between two street lights along a street (0: no street lights).
    pub lamp_spacing: f32,
    /// The buildings drawn along every street.
    pub frontage: Frontage,
    /// Parks, lawns, pits and lots, drawn under the buildings.
    pub areas: Vec<Area>,
    /// A drawing for each landmark, by the scenario's place id.
    pub landmarks: BTreeMap<String, Landmark>,
    /// Helicopters and other craft that fly over the map, moved by a person's state.
    pub aircraft: Vec<Aircraft>,
}

impl Default for CityMap {
    fn default() -> Self {
        CityMap {
            street_widths: BTreeMap::new(),
            major_width: 24.0,
            minor_width: 12.0,
            lamp_spacing: 60.0,
            frontage: Frontage::default(),
            areas: Vec::new(),
            landmarks: BTreeMap::new(),
            aircraft: Vec::new(),
        }
    }
}

/// The buildings along the streets: made from the streets, so that the blocks between them
/// fill up without every building being written down.
#[derive(Deserialize, Debug, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct Frontage {
    /// Metres from the road's edge to the buildings.
    pub setback: f32,
    /// The narrowest and widest building along the street, in metres.
    pub width: (f32, f32),
    /// The shallowest and deepest building, in metres.
    pub depth: (f32, f32),
    /// Metres between two buildings.
    pub gap: f32,
    /// Metres around a landmark's place kept free of other buildings.
    pub clear_around_landmarks: f32,
    /// Of every 100 windows, how many are lit at night.
    pub lit_windows: u8,
}

impl Default for Frontage {
    fn default() -> Self {
        Frontage {
            setback: 4.0,
            width: (16.0, 40.0),
            depth: (14.0, 34.0),
            gap: 5.0,
            clear_around_landmarks: 45.0,
            lit_windows: 18,
        }
    }
}

/// What an area is, which sets its colour.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    Park,
    Lawn,
    Tar,
    Lot,
}

/// A polygon on the map, in latitude and longitude like the scenario's places.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub kind: AreaKind,
    #[serde(default)]
    pub name: String,
    pub points: Vec<LatLon>,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// A landmark's drawing: shapes in metres around its place (east and north of it).
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Landmark {
    pub parts: Vec<Part>,
}

/// One shape of a landmark's drawing.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub shape: Shape,
    /// `"#rrggbb"` or `"#rrggbbaa"`.
    pub colour: String,
    /// Metres east and north of the place.
    #[serde(default)]
    pub at: (f32, f32),
    /// Degrees anticlockwise.
    #[serde(default)]
    pub angle: f32,
    /// Shown only while the place is in one of these states (empty: always).
    #[serde(default)]
    pub states: Vec<String>,
    /// Seconds between two flashes of a light that blinks (0: it does not blink).
    #[serde(default)]
    pub blink: f32,
}

/// A craft in the air over the map (a helicopter), drawn where its person's state puts it:
/// standing at their place, landing there, or flying a course. In any other state
/// of the person it is not on the map.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Aircraft {
    pub name: String,
    /// The scenario's id of the person whose state moves it (its pilot).
    pub person: String,
    /// Where it is in each of the person's states, by the state's id.
    pub states: BTreeMap<String, Flight>,
    /// Its drawing in metres around its centre, nose to the east (turned to its heading).
    pub parts: Vec<Part>,
    /// The radius of its rotor, in metres, drawn spinning (0: none).
    #[serde(default)]
    pub rotor: f32,
}

/// Where a craft is while its person is in one state.
#[derive(Deserialize, Debug, Clone)]
pub enum Flight {
    /// On the ground at the person's place, rotor turning. With a place's id in
    /// `landing_over`, the state's first minute shows it coming in over that place.
    Parked {
        #[serde(default)]
        landing_over: String,
    },
    /// In the air along a course: each point is a place's id and the minute of the state at
    /// which the craft is over it, the first usually at minute 0. After the last point it
    /// flies on the same way.
    Flying(Vec<(String, f32)>),
}

/// The shapes a landmark is drawn with, in metres.
#[derive(Deserialize, Debug, Clone)]
pub enum Shape {
    /// Width and height.
    Rect(f32, f32),
    /// Radius.
    Disc(f32),
    /// Radius and the ring's width.
    Ring(f32, f32),
    /// A glow fading out to its radius (a neon sign, a floodlight).
    Glow(f32),
    /// Corners in metres around `at`, in order (any simple polygon).
    Polygon(Vec<(f32, f32)>),
}

/// How far a shape reaches from its centre, in metres.
pub fn extent(shape: &Shape) -> f32 {
    match shape {
        Shape::Rect(w, h) => w.max(*h) / 2.0,
        Shape::Disc(r) | Shape::Glow(r) => *r,
        Shape::Ring(r, w) => r + w / 2.0,
        Shape::Polygon(corners) => corners
            .iter()
            .map(|&(x, y)| Vec2::new(x, y).length())
            .fold(0.0, f32::max),
    }
}

/// A colour written as `"#rrggbb"` or `"#rrggbbaa"`, or why it cannot be read.
pub fn colour(text: &str) -> Result<Color, String> {
    Srgba::hex(text)
        .map(Color::from)
        .map_err(|_| format!("`{text}` is not a colour: write \"#rrggbb\" or \"#rrggbbaa\""))
}

impl CityMap {
    /// Reads a city map from RON, with the line and column of a fault; every colour is checked.
    pub fn from_ron(text: &str) -> Result<CityMap, String> {
        let map: CityMap = ron::from_str(text).map_err(|e| {
            format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        for (place, landmark) in &map.landmarks {
            for part in &landmark.parts {
                colour(&part.colour).map_err(|e| format!("landmark `{place}`: {e}"))?;
            }
        }
        for craft in &map.aircraft {
            for part in &craft.parts {
                colour(&part.colour).map_err(|e| format!("aircraft `{}`: {e}", craft.name))?;
            }
        }
        Ok(map)
    }

    /// The road width of a street, in metres.
    pub fn width_of(&self, street: &night::scenario::model::Street) -> f32 {
        self.street_widths
            .get(&street.id)
            .copied()
            .unwrap_or(if street.major {
                self.major_width
            } else {
                self.minor_width
            })
    }
}

/// Reads `.city.ron` files for the asset server.
#[derive(Default, TypePath)]
pub struct CityMapLoader;

/// Why a city map could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CityMapError {
    #[error("could not read the city map: {0}")]
    Io(#[from] std::io::Error),
    #[error("the city map is not valid: {0}")]
    Invalid(String),
}

impl AssetLoader for CityMapLoader {
    type Asset = CityMap;
    type Settings = ();
    type Error = CityMapError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _context: &mut LoadContext<'_>,
    ) -> Result<CityMap, CityMapError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let text = String::from_utf8(bytes)
            .map_err(|e| CityMapError::Invalid(format!("not UTF-8 text: {e}")))?;
        CityMap::from_ron(&text).map_err(CityMapError::Invalid)
    }

    fn extensions(&self) -> &[&str] {
        &["city.ron"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_map_is_complete_and_faults_say_where() {
        let map = CityMap::from_ron("CityMap()").unwrap();
        assert_eq!((map.major_width, map.lamp_spacing), (24.0, 60.0));
        let wrong = CityMap::from_ron("CityMap(\n  lamp_spacing: \"far\")").unwrap_err();
        assert!(wrong.starts_with("line 2,"), "{wrong}");
        let colour = CityMap::from_ron(
            r##"CityMap(landmarks: { "diner": (parts: [(shape: Disc(5), colour: "pink")]) })"##,
        )
        .unwrap_err();
        assert!(
            colour.contains("landmark `diner`: `pink` is not a colour"),
            "{colour}"
        );
    }
}
