//! The people of the night on the map: a figure for everyone the story has on the streets
//! (not offstage), where their state machine puts them, walking or driving along their
//! route's street between places. Those the player has met carry their names; strangers are
//! only figures. The player's own figure is drawn with the map's markers.

use crate::game::map::positions;
use crate::game::map::{MapCamera, MeasureTheMap};
use crate::game::night::GameSession;
use crate::game::night::reload::ScenarioReloaded;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::fonts::Fonts;
use crate::game::theme::palette::Palette;
use bevy::prelude::*;
use bevy::text::FontSource;
use bevy::transform::TransformSystems;
use night::scenario::model::CharId;

/// A person's figure on the map.
#[derive(Component)]
pub struct Figure(pub CharId);

/// A person's name, a child of their figure: whether it would be shown (the player has met
/// them). The map's labels put it beside the figure where it covers no other name, or hide it.
#[derive(Component, Default)]
pub struct FigureName {
    pub wanted: bool,
}

/// The figure's radius in metres; it never shrinks below `MIN_PIXELS` on screen.
const RADIUS: f32 = 4.5;
const MIN_PIXELS: f32 = 4.0;

/// A figure's radius in screen pixels at a zoom of `metres_per_pixel`.
pub fn radius_on_screen(metres_per_pixel: f32) -> f32 {
    (RADIUS / metres_per_pixel).max(MIN_PIXELS)
}
/// The name's size in screen pixels (times the text size setting).
const NAME_FONT: f32 = 12.0;

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Playing),
        (despawn_figures, spawn_figures)
            .chain()
            .after(MeasureTheMap),
    )
    .add_systems(OnEnter(Screen::Title), despawn_figures)
    .add_systems(
        Update,
        (despawn_figures, spawn_figures)
            .chain()
            .run_if(on_message::<ScenarioReloaded>)
            .run_if(in_state(Screen::Playing)),
    )
    .add_systems(
        PostUpdate,
        place_figures
            .before(TransformSystems::Propagate)
            .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Ending))),
    );
}

fn despawn_figures(mut commands: Commands, figures: Query<Entity, With<Figure>>) {
    for figure in &figures {
        commands.entity(figure).despawn();
    }
}

fn spawn_figures(
    mut commands: Commands,
    night: Res<GameSession>,
    settings: Res<Settings>,
    fonts: Option<Res<Fonts>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let s = night.sim().scenario();
    let body = meshes.add(Circle::new(RADIUS));
    let colour = materials.add(ColorMaterial::from_color(
        Palette::get(settings.high_contrast).person,
    ));
    let mut font = TextFont::from_font_size(NAME_FONT * settings.text_scale);
    if let Some(fonts) = &fonts {
        font.font = FontSource::Handle(fonts.text.clone());
    }
    for c in 0..s.characters.len() as CharId {
        if c == s.player {
            continue;
        }
        commands
            .spawn((
                Name::new(format!("Figure: {}", s.characters[c as usize].name)),
                Figure(c),
                Mesh2d(body.clone()),
                MeshMaterial2d(colour.clone()),
                Transform::from_xyz(0.0, 0.0, 1.0),
                Visibility::Hidden,
            ))
            .with_child((
                FigureName::default(),
                Text2d::new(first_name(&s.characters[c as usize].name)),
                font.clone(),
                TextColor(Color::srgba(0.85, 0.9, 1.0, 0.9)),
                Transform::from_xyz(0.0, 0.0, 0.5),
                Visibility::Hidden,
            ));
    }
}

/// A name short enough to sit by a figure: a first name and a surname ("Julie Peters") is
/// the first name; a description ("The night waitress", "Johnie's owner") stays whole.
fn first_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    match words.as_slice() {
        [first, last] if capital(first) && capital(last) && !["The", "A", "An"].contains(first) => {
            (*first).to_owned()
        }
        _ => name.to_owned(),
    }
}

/// Each figure where its person is this frame, at least a few pixels across, its name wanted
/// once the player has met them.
pub fn place_figures(
    night: Res<GameSession>,
    aboard: Res<crate::game::map::Aboard>,
    camera: Single<&Projection, With<MapCamera>>,
    mut figures: Query<(&Figure, &mut Transform, &mut Visibility, &Children), Without<FigureName>>,
    mut names: Query<&mut FigureName>,
) {
    let pixel = crate::game::map::metres_per_pixel(&camera);
    let sim = night.sim();
    let s = sim.scenario();
    let fraction = night.clock.fraction;
    let grow = (MIN_PIXELS * pixel / RADIUS).max(1.0);
    for (figure, mut transform, mut visibility, children) in &mut figures {
        // Those with the player ride with them, out of sight, while an aircraft carries them.
        let riding = aboard.0.is_some()
            && sim.character_state(figure.0).place == night::scenario::model::Place::WithHarry;
        let at = positions::character(sim, figure.0, fraction).filter(|_| !riding);
        visibility.set_if_neq(if at.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        let Some(at) = at else { continue };
        transform.translation = at.extend(1.0);
        transform.scale = Vec3::splat(grow);
        let met = night
            .chronicle
            .seen
            .contains_key(&s.characters[figure.0 as usize].id);
        for child in children.iter() {
            if let Ok(mut name) = names.get_mut(child) {
                name.wanted = met;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_name;

    #[test]
    fn a_figure_is_named_by_first_name_unless_it_is_a_description() {
        assert_eq!(first_name("Julie Peters"), "Julie");
        assert_eq!(first_name("The night waitress"), "The night waitress");
        assert_eq!(first_name("LAPD / SWAT"), "LAPD / SWAT");
        assert_eq!(first_name("Johnie's owner"), "Johnie's owner");
        assert_eq!(first_name("Landa"), "Landa");
    }
}
