//! The game's type: Inter for the panels and the map's names, Bebas Neue (a condensed poster
//! face) for titles, and Hack (a subset: Latin, punctuation, arrows, box drawing) for the clock
//! and diagnostics. All are in `assets/fonts/` with their licences, read through the asset server
//! like the rest of `assets/`. Until they are read (or if they cannot be), egui draws with
//! Bevy's built-in Fira Mono (ASCII only): nothing waits for them.
//!
//! egui's own default fonts are not compiled in (they were 1.4 MB of the browser's .wasm).
//! `assets/fonts/Hack-subset.ttf` was made from egui's Hack-Regular.ttf with fonttools:
//! `pyftsubset Hack-Regular.ttf --unicodes="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+2190-2193,U+2500-257F,U+25A0-25FF,U+FFFD" --no-hinting --layout-features='*' --output-file=Hack-subset.ttf`

use bevy::prelude::*;
use bevy::text::DEFAULT_FONT_DATA;
use bevy_egui::{EguiContexts, EguiPreUpdateSet, EguiPrimaryContextPass, egui};

/// The game's faces, for Bevy's text (the map's names).
#[derive(Resource, Clone)]
pub struct Fonts {
    pub text: Handle<Font>,
    pub bold: Handle<Font>,
    pub display: Handle<Font>,
    pub mono: Handle<Font>,
}

/// Whether egui has been given the game's faces yet.
#[derive(Resource, Default)]
pub struct EguiFaces {
    pub ready: bool,
    /// Given to egui, which takes new fonts at the start of its next pass: ready then.
    given: bool,
    /// The faces could not be read: egui keeps the built-in one.
    gave_up: bool,
    /// egui has been given the built-in face for its first pass.
    started: bool,
}

/// The egui family of the display face.
const DISPLAY: &str = "display";
/// egui's name for Bevy's built-in face, the one face there is before `assets/fonts` is read.
const BUILT_IN: &str = "fira-mono";

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
            PreUpdate,
            give_egui_the_built_in_face
                .after(EguiPreUpdateSet::InitContexts)
                .before(EguiPreUpdateSet::BeginPass)
                .run_if(|faces: Res<EguiFaces>| !faces.started),
        )
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
        mono: assets.load("fonts/Hack-subset.ttf"),
    });
}

/// egui's definitions with Bevy's built-in face in both families. egui has no face of its own
/// (its `default_fonts` are off), so text before this would have nothing to draw with.
fn built_in_definitions() -> egui::FontDefinitions {
    let mut definitions = egui::FontDefinitions::empty();
    definitions.font_data.insert(
        BUILT_IN.into(),
        egui::FontData::from_static(DEFAULT_FONT_DATA).into(),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        definitions
            .families
            .insert(family, vec![BUILT_IN.to_string()]);
    }
    definitions
}

/// Gives egui the built-in face before its first pass, once its context exists.
fn give_egui_the_built_in_face(mut contexts: EguiContexts, mut faces: ResMut<EguiFaces>) -> Result {
    // No context yet (no camera): try again next frame.
    let Ok(context) = contexts.ctx_mut() else {
        return Ok(());
    };
    context.set_fonts(built_in_definitions());
    faces.started = true;
    Ok(())
}

/// Once the fonts are read, makes Inter egui's proportional face, Hack its monospace one, and
/// adds the display face. Each family falls back on the others' faces, then the built-in one.
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
    // The bold face is Bevy's only (the map's names), but egui's faces wait for it too, so the
    // map and the panels change face together.
    let handles = [&fonts.text, &fonts.display, &fonts.mono, &fonts.bold];
    if handles.iter().any(|h| assets.load_state(*h).is_failed()) {
        warn!("the game's fonts could not be read from assets/fonts: the built-in face is used");
        faces.gave_up = true;
        return Ok(());
    }
    // Not all read yet: look again next frame (before copying any of them).
    if !handles.iter().all(|h| loaded.contains(*h)) {
        return Ok(());
    }
    let bytes = |face: &Handle<Font>| {
        loaded
            .get(face)
            .map(|f| f.data.data().to_vec())
            .unwrap_or_default()
    };
    let (text, display, mono) = (
        bytes(&fonts.text),
        bytes(&fonts.display),
        bytes(&fonts.mono),
    );
    contexts
        .ctx_mut()?
        .set_fonts(game_definitions(text, display, mono));
    faces.given = true;
    Ok(())
}

/// egui's definitions once the game's faces are read: each family starts with its own face and
/// falls back on the others' for what it lacks (Inter has no box drawing, Hack no curly quotes
/// beyond Latin-1), then on the built-in face.
fn game_definitions(text: Vec<u8>, display: Vec<u8>, mono: Vec<u8>) -> egui::FontDefinitions {
    let mut definitions = built_in_definitions();
    for (name, data) in [("inter", text), (DISPLAY, display), ("hack", mono)] {
        definitions
            .font_data
            .insert(name.into(), egui::FontData::from_owned(data).into());
    }
    let family = |faces: &[&str]| -> Vec<String> {
        faces
            .iter()
            .chain(&[BUILT_IN])
            .map(|face| face.to_string())
            .collect()
    };
    definitions
        .families
        .insert(egui::FontFamily::Proportional, family(&["inter", "hack"]));
    definitions
        .families
        .insert(egui::FontFamily::Monospace, family(&["hack", "inter"]));
    definitions.families.insert(
        egui::FontFamily::Name(DISPLAY.into()),
        family(&[DISPLAY, "inter", "hack"]),
    );
    definitions
}
