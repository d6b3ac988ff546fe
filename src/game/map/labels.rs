//! The names on the map: places and streets, kept the same size on screen whatever the zoom,
//! and placed every frame so that they do not cover each other. A place's name tries the spots
//! around its marker in turn (below, above, right, left, then the corners) and takes the first
//! that is free; where none is, it takes the least covered one and dims, to come clear when the
//! player zooms in. the player's place and the selected one are placed first, so theirs are always
//! readable; at the ending, the place where it ended and the others on the player's path, and a name that finds no free spot
//! is left out of the picture. A street's name sits along the longest part of the street that is in view, where
//! no place's name is.

use crate::game::hud::click_targets::ClickTargets;
use crate::game::map::positions;
use crate::game::map::{LANDMARK_RADIUS, MapCamera, MeasureTheMap, OnMap, SelectedPlace};
use crate::game::night::GameSession;
use crate::game::night::reload::ScenarioReloaded;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::fonts::Fonts;
use crate::game::theme::palette::Palette;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::text::{FontSize, FontSource, TextLayoutInfo};
use bevy::transform::TransformSystems;
use bevy::window::PrimaryWindow;
use night::scenario::model::LocId;

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Playing),
        (despawn_labels, spawn_labels).chain().after(MeasureTheMap),
    )
    .add_systems(OnEnter(Screen::Title), despawn_labels)
    .add_systems(
        Update,
        (despawn_labels, spawn_labels)
            .chain()
            .run_if(on_message::<ScenarioReloaded>)
            .run_if(in_state(Screen::Playing))
            .after(MeasureTheMap),
    )
    .add_systems(
        PostUpdate,
        place_labels
            .before(TransformSystems::Propagate)
            .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Ending))),
    );
}

/// The name of a place on the map.
#[derive(Component)]
pub struct PlaceLabel(pub LocId);

/// The name of a street, with the street's points (metres).
#[derive(Component)]
struct StreetLabel(Vec<Vec2>);

/// Place names' size in screen pixels (times the text size setting).
const PLACE_FONT: f32 = 15.0;
/// Street names' size in screen pixels (times the text size setting).
const STREET_FONT: f32 = 13.0;
/// Screen pixels between a marker and its name.
const GAP: f32 = 3.0;

/// A name on the map, of a place or of a street.
type AnyLabel = Or<(With<PlaceLabel>, With<StreetLabel>)>;

/// The names stay through the ending (whose picture is the map) and go when the next night
/// begins or the title returns.
fn despawn_labels(mut commands: Commands, labels: Query<Entity, AnyLabel>) {
    for label in &labels {
        commands.entity(label).despawn();
    }
}

pub(super) fn spawn_labels(
    mut commands: Commands,
    night: Res<GameSession>,
    settings: Res<Settings>,
    on_map: Res<OnMap>,
    fonts: Option<Res<Fonts>>,
) {
    let s = night.sim().scenario();
    let palette = Palette::get(settings.high_contrast);
    // The game's faces once they are asked for (Bevy draws the text when they are read).
    let face = |bold: bool, size: f32| {
        let mut font = TextFont::from_font_size(size);
        if let Some(fonts) = &fonts {
            let face = if bold { &fonts.bold } else { &fonts.text };
            font.font = FontSource::Handle(face.clone());
        }
        font
    };
    for (l, loc) in s.locations.iter().enumerate() {
        if !on_map.contains(l as LocId) {
            continue;
        }
        commands.spawn((
            Name::new(format!("Label: {}", loc.name)),
            Text2d::new(loc.name.clone()),
            face(true, PLACE_FONT * settings.text_scale),
            TextColor(palette.label),
            Transform::from_translation(positions::location(night.sim(), l as LocId).extend(2.0)),
            PlaceLabel(l as LocId),
        ));
    }
    for street in &s.streets {
        let points = positions::street_points(street);
        commands.spawn((
            Name::new(format!("Street: {}", street.name)),
            Text2d::new(street.name.to_uppercase()),
            face(false, STREET_FONT * settings.text_scale),
            TextColor(palette.major_street.with_alpha(0.85)),
            Transform::default(),
            Visibility::Hidden,
            StreetLabel(points),
        ));
    }
}

/// A rectangle on screen, in pixels with y up (the map's orientation).
#[derive(Clone, Copy, Debug)]
struct Area {
    min: Vec2,
    max: Vec2,
}

impl Area {
    fn around(centre: Vec2, size: Vec2) -> Area {
        Area {
            min: centre - size / 2.0,
            max: centre + size / 2.0,
        }
    }

    fn overlap(&self, other: &Area) -> f32 {
        let w = (self.max.x.min(other.max.x) - self.min.x.max(other.min.x)).max(0.0);
        let h = (self.max.y.min(other.max.y) - self.min.y.max(other.min.y)).max(0.0);
        w * h
    }

    fn contains(&self, p: Vec2) -> bool {
        p.cmpge(self.min).all() && p.cmple(self.max).all()
    }
}

/// The spots around a marker a name may take, as (direction, how far along it the name's
/// half-size reaches), in order of preference.
const SPOTS: [Vec2; 8] = [
    Vec2::new(0.0, -1.0),
    Vec2::new(0.0, 1.0),
    Vec2::new(1.0, 0.0),
    Vec2::new(-1.0, 0.0),
    Vec2::new(1.0, -1.0),
    Vec2::new(1.0, 1.0),
    Vec2::new(-1.0, -1.0),
    Vec2::new(-1.0, 1.0),
];

/// Where each name goes: the first free spot, else the least covered one (and then dimmed).
/// A spot partly outside the map's view counts the hidden part as covered.
fn choose_spot(marker: Vec2, radius: f32, size: Vec2, taken: &[Area], view: &Area) -> (Vec2, bool) {
    let mut best = (marker, f32::INFINITY);
    for direction in SPOTS {
        let centre = marker + direction * (Vec2::splat(radius + GAP) + size / 2.0);
        let area = Area::around(centre, size);
        let hidden = size.x * size.y - view.overlap(&area);
        let covered: f32 = taken.iter().map(|t| t.overlap(&area)).sum::<f32>() + hidden;
        if covered == 0.0 {
            return (centre, true);
        }
        if covered < best.1 {
            best = (centre, covered);
        }
    }
    (best.0, false)
}

/// The part of the window the map shows, in screen pixels with y up from the window's middle.
fn map_view(window: &Window, targets: &ClickTargets) -> Area {
    let half = Vec2::new(window.width(), window.height()) / 2.0;
    match targets.map_area {
        Some(r) => Area {
            min: Vec2::new(r.min.x - half.x, half.y - r.max.y),
            max: Vec2::new(r.max.x - half.x, half.y - r.min.y),
        },
        None => Area {
            min: -half,
            max: half,
        },
    }
}

/// The longest piece of a street inside the view, in screen pixels.
fn longest_visible_piece(points: &[Vec2], view: &Area) -> Option<(Vec2, Vec2)> {
    let mut best: Option<(Vec2, Vec2)> = None;
    for pair in points.windows(2) {
        // Sample along the segment and keep the run of samples that is in view.
        const STEPS: usize = 64;
        let (a, b) = (pair[0], pair[1]);
        let mut run: Option<(Vec2, Vec2)> = None;
        for k in 0..=STEPS {
            let p = a.lerp(b, k as f32 / STEPS as f32);
            if view.contains(p) {
                run = Some(run.map_or((p, p), |(start, _)| (start, p)));
            } else if run.is_some() {
                break;
            }
        }
        if let Some((p, q)) = run
            && best.is_none_or(|(s, e)| s.distance(e) < p.distance(q))
        {
            best = Some((p, q));
        }
    }
    best
}

/// A place's name as the layout moves it, dims it and hides it.
type PlaceName<'a> = (
    &'a PlaceLabel,
    &'a mut Transform,
    &'a mut TextColor,
    &'a mut Visibility,
    &'a TextFont,
    Option<&'a TextLayoutInfo>,
);

/// A street's name as the layout moves it and hides it.
type StreetName<'a> = (
    &'a StreetLabel,
    &'a mut Transform,
    &'a mut Visibility,
    &'a TextFont,
    Option<&'a TextLayoutInfo>,
);

/// What the names are laid out around: the night (where the player is and has been), the
/// selected place, the panels' area, the screen, the window and the camera.
#[derive(SystemParam)]
struct Surroundings<'w, 's> {
    night: Res<'w, GameSession>,
    selected: Res<'w, SelectedPlace>,
    targets: Res<'w, ClickTargets>,
    screen: Res<'w, State<Screen>>,
    window: Single<'w, 's, &'static Window, With<PrimaryWindow>>,
    camera: Single<'w, 's, (&'static Transform, &'static Projection), With<MapCamera>>,
}

fn place_labels(
    around: Surroundings,
    mut places: Query<PlaceName, (Without<MapCamera>, Without<StreetLabel>)>,
    mut streets: Query<StreetName, (Without<MapCamera>, Without<PlaceLabel>)>,
) {
    let Surroundings {
        night,
        selected,
        targets,
        screen,
        window,
        camera,
    } = around;
    let (eye, projection) = camera.into_inner();
    let scale = crate::game::map::metres_per_pixel(projection);
    let eye = eye.translation.truncate();
    let to_screen = |p: Vec2| (p - eye) / scale;
    let to_world = |p: Vec2| p * scale + eye;
    let size_of = |font: &TextFont, info: Option<&TextLayoutInfo>, chars: usize| {
        info.map(|i| i.size)
            .filter(|s| s.x > 0.0)
            .unwrap_or_else(|| {
                let px = match font.font_size {
                    FontSize::Px(px) => px,
                    _ => PLACE_FONT,
                };
                Vec2::new(chars as f32 * 0.55, 1.2) * px
            })
    };
    let view = map_view(&window, &targets);
    let radius = LANDMARK_RADIUS / scale;
    let sim = night.sim();
    let names = &sim.scenario().locations;

    // Every marker is taken ground for the names.
    let mut taken: Vec<Area> = places
        .iter()
        .map(|(label, ..)| {
            Area::around(
                to_screen(positions::location(sim, label.0)),
                Vec2::splat(radius * 2.0),
            )
        })
        .collect();

    // At the ending the map is the picture of the player's path: the places on it are named first,
    // and a name that cannot be placed clear is left out rather than drawn over another.
    let ending = *screen.get() == Screen::Ending;
    let on_path: Vec<LocId> = if ending {
        night
            .chronicle
            .path
            .iter()
            .filter_map(|(_, id)| sim.scenario().location_index(id))
            .collect()
    } else {
        Vec::new()
    };
    let here = sim.harry_at();
    let mut order: Vec<_> = places.iter_mut().collect();
    order.sort_by_key(|(label, ..)| {
        let l = label.0;
        if ending {
            (l != here, !on_path.contains(&l), l)
        } else {
            (l != here, selected.0 != Some(l), l)
        }
    });
    for (label, mut transform, mut color, mut visibility, font, info) in order {
        let size = size_of(font, info, names[label.0 as usize].name.chars().count());
        let marker = to_screen(positions::location(sim, label.0));
        let (centre, clear) = choose_spot(marker, radius, size, &taken, &view);
        let first = label.0 == here;
        if ending && !clear && !first {
            *visibility = Visibility::Hidden;
            continue;
        }
        *visibility = Visibility::Inherited;
        taken.push(Area::around(centre, size));
        *transform = Transform::from_translation(to_world(centre).extend(2.0))
            .with_scale(Vec3::splat(scale));
        // During the night an unclear name stays, dimmed: zooming in brings it clear.
        color.0.set_alpha(if clear || first { 1.0 } else { 0.45 });
    }

    for (street, mut transform, mut visibility, font, info) in &mut streets {
        let size = size_of(font, info, 12);
        let screen: Vec<Vec2> = street.0.iter().map(|p| to_screen(*p)).collect();
        let piece =
            longest_visible_piece(&screen, &view).filter(|(a, b)| a.distance(*b) > size.x + 40.0);
        let Some((a, b)) = piece else {
            *visibility = Visibility::Hidden;
            continue;
        };
        *visibility = Visibility::Inherited;
        let mut angle = (b - a).to_angle();
        if angle.abs() > std::f32::consts::FRAC_PI_2 {
            angle -= std::f32::consts::PI.copysign(angle);
        }
        // Beside the line (so it stays visible), at the first spot along it that no place's
        // name covers.
        let along = Vec2::from_angle(angle);
        let bounds = (along * size.x).abs() + (along.perp() * size.y).abs();
        let mut best = (f32::INFINITY, Vec2::ZERO);
        for t in [0.5, 0.3, 0.7, 0.15, 0.85] {
            for side in [1.0, -1.0] {
                let centre = a.lerp(b, t) + along.perp() * side * (size.y / 2.0 + 4.0);
                let area = Area::around(centre, bounds);
                let covered: f32 = taken.iter().map(|t| t.overlap(&area)).sum();
                if covered < best.0 {
                    best = (covered, centre);
                }
            }
            if best.0 == 0.0 {
                break;
            }
        }
        let centre = best.1;
        taken.push(Area::around(centre, bounds));
        *transform = Transform::from_translation(to_world(centre).extend(1.0))
            .with_rotation(Quat::from_rotation_z(angle))
            .with_scale(Vec3::splat(scale));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_takes_the_first_free_spot() {
        let size = Vec2::new(100.0, 20.0);
        let open = Area::around(Vec2::ZERO, Vec2::splat(1000.0));
        let (centre, clear) = choose_spot(Vec2::ZERO, 8.0, size, &[], &open);
        assert!(clear);
        assert_eq!(centre, Vec2::new(0.0, -(8.0 + GAP + 10.0)));
        // With the spot below taken, the name goes above.
        let below = Area::around(centre, size);
        let (centre, clear) = choose_spot(Vec2::ZERO, 8.0, size, &[below], &open);
        assert!(clear);
        assert!(centre.y > 0.0 && centre.x == 0.0);
    }

    #[test]
    fn a_name_with_no_free_spot_takes_the_least_covered_and_says_so() {
        let size = Vec2::new(100.0, 20.0);
        let open = Area::around(Vec2::ZERO, Vec2::splat(1000.0));
        let everywhere = Area::around(Vec2::ZERO, Vec2::splat(1000.0));
        let (_, clear) = choose_spot(Vec2::ZERO, 8.0, size, &[everywhere], &open);
        assert!(!clear);
    }

    #[test]
    fn a_name_at_the_edge_of_the_view_turns_inwards() {
        let size = Vec2::new(100.0, 20.0);
        // The marker sits at the view's bottom edge: below is hidden, so the name goes above.
        let view = Area {
            min: Vec2::new(-500.0, 0.0),
            max: Vec2::new(500.0, 500.0),
        };
        let (centre, clear) = choose_spot(Vec2::ZERO, 8.0, size, &[], &view);
        assert!(clear && centre.y > 0.0);
    }

    #[test]
    fn a_street_name_goes_on_the_longest_piece_in_view() {
        let view = Area::around(Vec2::ZERO, Vec2::new(200.0, 200.0));
        // A street from far left to far right through the view: only the visible part counts.
        let (a, b) =
            longest_visible_piece(&[Vec2::new(-1000.0, 0.0), Vec2::new(1000.0, 0.0)], &view)
                .expect("in view");
        assert!(a.x >= -100.0 && b.x <= 100.0 && a.distance(b) > 150.0);
        // A street wholly outside the view has no name on screen.
        assert!(
            longest_visible_piece(
                &[Vec2::new(-1000.0, 500.0), Vec2::new(1000.0, 500.0)],
                &view
            )
            .is_none()
        );
    }
}
