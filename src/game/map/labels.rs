//! The names on the map: places, people and streets, kept the same size on screen whatever the
//! zoom, and placed every frame so that they do not cover each other. A place's name tries the
//! spots around its marker in turn (below, above, right, left, then the corners) and takes the
//! first that is free; where none is, it tries the same spots further out and, if one is free
//! there, stands on it joined to its marker by a leader line; where none is free at all, it
//! takes the least covered spot beside its marker and dims, to come clear when the player zooms
//! in. The player's place and the selected one are placed first, so theirs are always readable;
//! at the ending, the place where it ended and the others on the player's path, and a name that
//! finds no free spot is left out of the picture. The people the player has met are named
//! beside their figures where there is room, and not at all where there is none. A street's
//! name sits along the longest part of the street that is in view, where no other name is.

use crate::game::map::city::aircraft::Craft;
use crate::game::map::people::{self, Figure, FigureName};
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
            .after(people::place_figures)
            .before(TransformSystems::Propagate)
            .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Ending))),
    );
}

/// The name of a place on the map.
#[derive(Component)]
pub struct PlaceLabel(pub LocId);

/// The thin line from a place's name to its marker, a child of the name, shown when the name
/// had to stand away from its place.
#[derive(Component)]
struct Leader;

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
        commands
            .spawn((
                Name::new(format!("Label: {}", loc.name)),
                Text2d::new(loc.name.clone()),
                face(true, PLACE_FONT * settings.text_scale),
                TextColor(palette.label),
                Transform::from_translation(
                    positions::location(night.sim(), l as LocId).extend(2.0),
                ),
                PlaceLabel(l as LocId),
            ))
            .with_child((
                Leader,
                Sprite::from_color(palette.label.with_alpha(0.7), Vec2::ONE),
                Transform::default(),
                Visibility::Hidden,
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

/// How much of a name's area is covered by the names and markers already placed, counting
/// what lies outside the map's view as covered.
fn covered(area: &Area, taken: &[Area], view: &Area) -> f32 {
    let size = area.max - area.min;
    let hidden = size.x * size.y - view.overlap(area);
    hidden + taken.iter().map(|t| t.overlap(area)).sum::<f32>()
}

/// How far beyond the spots next to its marker a place's name may move, in screen pixels,
/// when all of those are covered; a name moved out is joined to its marker by a leader line.
const RINGS: [f32; 3] = [0.0, 30.0, 60.0];

/// Where a name goes and how.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Spot {
    centre: Vec2,
    /// Nothing covers it.
    clear: bool,
    /// It stands away from its marker and needs a leader line back to it.
    leader: bool,
}

/// The spots beside a figure a person's name may take: above, below, right, left.
const PERSON_SPOTS: [Vec2; 4] = [
    Vec2::new(0.0, 1.0),
    Vec2::new(0.0, -1.0),
    Vec2::new(1.0, 0.0),
    Vec2::new(-1.0, 0.0),
];

/// Where each name goes: the first free spot next to its marker, else the first free spot
/// further out, else the least covered spot next to it (and then dimmed). A spot partly
/// outside the map's view counts the hidden part as covered.
fn choose_spot(marker: Vec2, radius: f32, size: Vec2, taken: &[Area], view: &Area) -> Spot {
    let mut best = Spot {
        centre: marker,
        clear: false,
        leader: false,
    };
    let mut least = f32::INFINITY;
    for (ring, out) in RINGS.into_iter().enumerate() {
        for direction in SPOTS {
            let centre = marker + direction * (Vec2::splat(radius + GAP + out) + size / 2.0);
            let covered = covered(&Area::around(centre, size), taken, view);
            if covered == 0.0 {
                return Spot {
                    centre,
                    clear: true,
                    leader: ring > 0,
                };
            }
            if ring == 0 && covered < least {
                least = covered;
                best.centre = centre;
            }
        }
    }
    best
}

/// A leader line from a name's box to its marker's edge, in the name's own pixels around its
/// centre: (middle, length, angle), or `None` when they touch.
fn leader_line(centre: Vec2, size: Vec2, marker: Vec2, radius: f32) -> Option<(Vec2, f32, f32)> {
    let to_marker = marker - centre;
    // Where the line leaves the name's box, and where it meets the marker's circle.
    let half = size / 2.0 + Vec2::splat(2.0);
    let scale = (half.x / to_marker.x.abs().max(1e-3)).min(half.y / to_marker.y.abs().max(1e-3));
    let start = to_marker * scale.min(1.0);
    let end = to_marker - to_marker.normalize_or_zero() * (radius + 1.0);
    let length = start.distance(end);
    (length > 2.0 && start.length() < end.length())
        .then(|| ((start + end) / 2.0, length, (end - start).to_angle()))
}

/// The part of the window the map shows (its camera's viewport, or the whole window when it
/// has none), in screen pixels with y up from its middle.
fn map_view(camera: &Camera) -> Area {
    let half = camera.logical_viewport_size().unwrap_or_default() / 2.0;
    Area {
        min: -half,
        max: half,
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
    &'a Children,
);

/// A person's name as the layout moves it beside their figure, and hides it.
type PersonName<'a> = (
    &'a FigureName,
    &'a mut Transform,
    &'a mut Visibility,
    &'a TextFont,
    Option<&'a TextLayoutInfo>,
    &'a ChildOf,
);

/// A person's figure, where the people's layer put it this frame.
type FigureAt<'a> = (&'a Transform, &'a Visibility);

/// An aircraft over the map, where it flies this frame.
type CraftAt<'a> = (&'a Craft, &'a Transform, &'a Visibility);

/// A leader line as the layout draws and hides it.
type LeaderLine<'a> = (&'a mut Transform, &'a mut Visibility);

/// A street's name as the layout moves it and hides it.
type StreetName<'a> = (
    &'a StreetLabel,
    &'a mut Transform,
    &'a mut Visibility,
    &'a TextFont,
    Option<&'a TextLayoutInfo>,
);

/// What the names are laid out around: the night (where the player is and has been), the
/// selected place, the screen and the camera (whose viewport is the map's free area).
#[derive(SystemParam)]
struct Surroundings<'w, 's> {
    night: Res<'w, GameSession>,
    selected: Res<'w, SelectedPlace>,
    screen: Res<'w, State<Screen>>,
    camera:
        Single<'w, 's, (&'static Camera, &'static Transform, &'static Projection), With<MapCamera>>,
}

/// Every layer of names, and what they are laid out around. Each query leaves out the others'
/// entities, so that each may move its own.
#[derive(SystemParam)]
struct Names<'w, 's> {
    places: Query<'w, 's, PlaceName<'static>, OnlyPlaces>,
    leaders: Query<'w, 's, LeaderLine<'static>, OnlyLeaders>,
    streets: Query<'w, 's, StreetName<'static>, OnlyStreets>,
    people: Query<'w, 's, PersonName<'static>, OnlyPeople>,
    crafts: Query<'w, 's, CraftAt<'static>, NotOther<(NotAName, Without<FigureName>)>>,
    figures: Query<'w, 's, FigureAt<'static>, OnlyFigures>,
}

/// Not the camera, not a street's name, and whatever else `F` says.
type NotOther<F> = (Without<MapCamera>, Without<StreetLabel>, F);

type OnlyPlaces = NotOther<(With<PlaceLabel>, Without<Leader>)>;
type OnlyLeaders = NotOther<(With<Leader>, Without<PlaceLabel>)>;
type OnlyStreets = (Without<MapCamera>, Without<PlaceLabel>, Without<Leader>);
type OnlyPeople = NotOther<NotAName>;
type OnlyFigures = NotOther<(NotAName, With<Figure>, Without<FigureName>)>;

/// Neither a place's name nor a leader line.
type NotAName = (Without<PlaceLabel>, Without<Leader>);

fn place_labels(around: Surroundings, names: Names) {
    let Names {
        mut places,
        mut leaders,
        mut streets,
        mut people,
        crafts,
        figures,
    } = names;
    let Surroundings {
        night,
        selected,
        screen,
        camera,
    } = around;
    let (lens, eye, projection) = camera.into_inner();
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
    let view = map_view(lens);
    let radius = LANDMARK_RADIUS / scale;
    let sim = night.sim();
    let names = &sim.scenario().locations;

    // Every marker is taken ground for the names, and so is every aircraft in view.
    let mut taken: Vec<Area> = places
        .iter()
        .map(|(label, ..)| {
            Area::around(
                to_screen(positions::location(sim, label.0)),
                Vec2::splat(radius * 2.0),
            )
        })
        .collect();
    taken.extend(
        crafts
            .iter()
            .filter(|(_, _, shown)| **shown != Visibility::Hidden)
            .map(|(craft, at, _)| {
                Area::around(
                    to_screen(at.translation.truncate()),
                    Vec2::splat(craft.length_on_screen(scale)),
                )
            }),
    );

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
    for (label, mut transform, mut color, mut visibility, font, info, children) in order {
        let size = size_of(font, info, names[label.0 as usize].name.chars().count());
        let marker = to_screen(positions::location(sim, label.0));
        let spot = choose_spot(marker, radius, size, &taken, &view);
        let first = label.0 == here;
        if ending && !spot.clear && !first {
            *visibility = Visibility::Hidden;
            continue;
        }
        *visibility = Visibility::Inherited;
        taken.push(Area::around(spot.centre, size));
        *transform = Transform::from_translation(to_world(spot.centre).extend(2.0))
            .with_scale(Vec3::splat(scale));
        // During the night an unclear name stays, dimmed: zooming in brings it clear.
        color
            .0
            .set_alpha(if spot.clear || first { 1.0 } else { 0.45 });
        let line = spot
            .leader
            .then(|| leader_line(spot.centre, size, marker, radius))
            .flatten();
        for child in children.iter() {
            let Ok((mut leader, mut shown)) = leaders.get_mut(child) else {
                continue;
            };
            let Some((middle, length, angle)) = line else {
                shown.set_if_neq(Visibility::Hidden);
                continue;
            };
            shown.set_if_neq(Visibility::Inherited);
            *leader = Transform::from_translation(middle.extend(-0.1))
                .with_rotation(Quat::from_rotation_z(angle))
                .with_scale(Vec3::new(length, 1.2, 1.0));
        }
    }

    // People's names go beside their figures where no other name is, and otherwise not at all:
    // a heap of names helps nobody (the panel names the people with the player).
    let figure_radius = people::radius_on_screen(scale);
    for (name, mut transform, mut visibility, font, info, parent) in &mut people {
        let figure = figures
            .get(parent.parent())
            .ok()
            .filter(|(_, shown)| **shown != Visibility::Hidden && name.wanted);
        let Some((figure, _)) = figure else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        let size = size_of(font, info, 8);
        let at = to_screen(figure.translation.truncate());
        let free = PERSON_SPOTS.into_iter().find_map(|direction| {
            let centre = at + direction * (Vec2::splat(figure_radius + GAP) + size / 2.0);
            let area = Area::around(centre, size);
            (covered(&area, &taken, &view) == 0.0).then_some((centre, area))
        });
        let Some((centre, area)) = free else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        visibility.set_if_neq(Visibility::Inherited);
        taken.push(area);
        // In the figure's own frame, which is scaled up to keep it a few pixels wide.
        let grow = figure.scale.x.max(1e-3);
        transform.translation = ((centre - at) * scale / grow).extend(0.5);
        transform.scale = Vec3::splat(scale / grow);
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
        let spot = choose_spot(Vec2::ZERO, 8.0, size, &[], &open);
        assert!(spot.clear && !spot.leader);
        assert_eq!(spot.centre, Vec2::new(0.0, -(8.0 + GAP + 10.0)));
        // With the spot below taken, the name goes above.
        let below = Area::around(spot.centre, size);
        let spot = choose_spot(Vec2::ZERO, 8.0, size, &[below], &open);
        assert!(spot.clear && !spot.leader);
        assert!(spot.centre.y > 0.0 && spot.centre.x == 0.0);
    }

    #[test]
    fn a_name_crowded_off_its_marker_moves_out_with_a_leader_line() {
        let size = Vec2::new(100.0, 20.0);
        let open = Area::around(Vec2::ZERO, Vec2::splat(1000.0));
        // Everything within 150 pixels is taken, but for what lies beyond the first ring.
        let near = Area::around(Vec2::ZERO, Vec2::new(250.0, 62.0));
        let spot = choose_spot(Vec2::ZERO, 8.0, size, &[near], &open);
        assert!(spot.clear && spot.leader, "{spot:?}");
        assert_eq!(Area::around(spot.centre, size).overlap(&near), 0.0);
        let (middle, length, _) =
            leader_line(spot.centre, size, Vec2::ZERO, 8.0).expect("a line to draw");
        // The line runs from the name's box towards the marker and stops at its edge.
        assert!(length > 10.0 && length < spot.centre.length(), "{length}");
        assert!((spot.centre + middle).length() < spot.centre.length());
        // A name beside its marker needs none.
        assert_eq!(
            leader_line(Vec2::new(0.0, -21.0), size, Vec2::ZERO, 8.0),
            None
        );
    }

    #[test]
    fn a_name_with_no_free_spot_takes_the_least_covered_and_says_so() {
        let size = Vec2::new(100.0, 20.0);
        let open = Area::around(Vec2::ZERO, Vec2::splat(1000.0));
        let everywhere = Area::around(Vec2::ZERO, Vec2::splat(1000.0));
        let spot = choose_spot(Vec2::ZERO, 8.0, size, &[everywhere], &open);
        assert!(!spot.clear && !spot.leader);
    }

    #[test]
    fn a_name_at_the_edge_of_the_view_turns_inwards() {
        let size = Vec2::new(100.0, 20.0);
        // The marker sits at the view's bottom edge: below is hidden, so the name goes above.
        let view = Area {
            min: Vec2::new(-500.0, 0.0),
            max: Vec2::new(500.0, 500.0),
        };
        let spot = choose_spot(Vec2::ZERO, 8.0, size, &[], &view);
        assert!(spot.clear && spot.centre.y > 0.0);
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
