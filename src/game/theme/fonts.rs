//! The game's type: Inter for the panels and the map's names, Bebas Neue (a condensed poster
//! face) for titles. Both are under the SIL Open Font License, in `assets/fonts/` with their
//! licences, read through the asset server like the rest of `assets/`. Until they are read
//! (or if they cannot be), the built-in faces are used: nothing waits for them.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The game's faces, for Bevy's text (the map's names).
#[derive(Resource, Clone)]
pub struct Fonts {
    pub text: Handle<Font>,
    pub bold: Handle<Font>,
    pub display: Handle<Font>,
}

/// Whether egui has been given the game's faces yet.
#[derive(Resource, Default)]
pub struct EguiFaces {
    pub ready: bool,
    /// Given to egui, which takes new fonts at the start of its next pass: ready then.
    given: bool,
    /// The faces could not be read: egui keeps its own.
    gave_up: bool,
}

/// The egui family of the display face.
const DISPLAY: &str = "display";

/// The display face at `size`, once egui has it (its own face until then).
pub fn display(size: f32, faces: Option<&EguiFaces>) -> egui::FontId {
    if faces.is_some_and(|f| f.ready) {
        egui::FontId::new(size, egui::FontFamily::Name(DISPLAY.into()))
    } else {
        egui::FontId::proportional(size)
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<EguiFaces>()
        .add_systems(Startup, load_fonts)
        .add_systems(
            EguiPrimaryContextPass,
            give_egui_the_faces.run_if(|faces: Res<EguiFaces>| !faces.ready && !faces.gave_up),
        );
}

fn load_fonts(mut commands: Commands, assets: Res<AssetServer>) {
    commands.insert_resource(Fonts {
        text: assets.load("fonts/Inter-Regular.otf"),
        bold: assets.load("fonts/Inter-SemiBold.otf"),
        display: assets.load("fonts/BebasNeue-Regular.otf"),
    });
}

/// Once the fonts are read, makes Inter egui's proportional face and adds the display face.
fn give_egui_the_faces(
    mut contexts: EguiContexts,
    fonts: Res<Fonts>,
    loaded: Res<Assets<Font>>,
    assets: Res<AssetServer>,
    mut faces: ResMut<EguiFaces>,
) -> Result {
    if faces.given {
        faces.ready = true;
        return Ok(());
    }
    let handles = [&fonts.text, &fonts.bold, &fonts.display];
    if handles.iter().any(|h| assets.load_state(*h).is_failed()) {
        warn!("the game's fonts could not be read from assets/fonts: the built-in faces are used");
        faces.gave_up = true;
        return Ok(());
    }
    let bytes: Vec<Vec<u8>> = handles
        .iter()
        .filter_map(|h| loaded.get(*h).map(|f| f.data.data().to_vec()))
        .collect();
    // Not all read yet: look again next frame.
    let Ok([text, bold, display]) = <[Vec<u8>; 3]>::try_from(bytes) else {
        return Ok(());
    };
    let mut definitions = egui::FontDefinitions::default();
    for (name, data) in [("inter", text), ("inter-bold", bold), (DISPLAY, display)] {
        definitions
            .font_data
            .insert(name.into(), egui::FontData::from_owned(data).into());
    }
    // Inter first, egui's own faces after it for the symbols Inter lacks.
    let proportional = definitions
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default();
    proportional.insert(0, "inter".into());
    let fallbacks = proportional.clone();
    definitions.families.insert(
        egui::FontFamily::Name(DISPLAY.into()),
        std::iter::once(DISPLAY.to_string())
            .chain(fallbacks)
            .collect(),
    );
    contexts.ctx_mut()?.set_fonts(definitions);
    faces.given = true;
    Ok(())
}
