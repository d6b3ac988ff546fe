//! A synthetic mouse for the capture's mouse mode: it chooses an action the way a player with
//! only a mouse would, by clicking the place on the map and then the route card's button (for
//! going somewhere on the map) or the action's button in the panel, through the same window
//! events the windowing layer sends. So a capture in this mode proves the mouse alone can play.

use crate::game::hud::click_targets::ClickTargets;
use crate::game::hud::panel::concerns;
use crate::game::map::positions;
use crate::game::map::{MapCamera, OnMap, PERSON_REACH, person_at};
use crate::game::night::GameSession;
use bevy::input::ButtonState;
use bevy::input::mouse::MouseButtonInput;
use bevy::prelude::*;
use bevy::window::{CursorMoved, PrimaryWindow, WindowEvent};
use bevy_egui::egui;
use night::sim::Action;

/// The action being clicked for, if any.
#[derive(Resource, Default)]
pub struct Pointer {
    goal: Option<Goal>,
    /// The pointer's next moves, one per frame: where, and the left button going down or up.
    /// A click is a move, a pause (the interface learns what is under the pointer, as it
    /// does when a hand moves a mouse), a press and a release.
    moves: std::collections::VecDeque<(Vec2, Option<ButtonState>)>,
    /// Clicks made so far (for the log).
    pub clicks: u32,
    /// Of those, clicks on a person's figure and on a place's marker on the map.
    pub on_people: u32,
    pub on_places: u32,
    /// Set when an action could not be chosen by clicking: why.
    pub failure: Option<String>,
}

struct Goal {
    action: Action,
    /// How many actions the night's record had before: one more means it was chosen.
    before: usize,
    phase: Phase,
    frames: u32,
    /// Where the target was last frame: click only once it holds still (a route card follows
    /// its place while the camera eases towards the player).
    last_seen: Option<egui::Rect>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Phase {
    Start,
    /// The place was clicked on the map; its route card should show the way to go.
    PlaceClicked,
    /// The panel was asked to bring the action's button into view.
    Panel,
    Clicked,
}

impl Goal {
    /// Whether `rect` is where it was last frame (within half a pixel); remembers it.
    fn holds_still(&mut self, rect: egui::Rect) -> bool {
        let still = self.last_seen.is_some_and(|last| {
            (last.min - rect.min).length() < 0.5 && (last.max - rect.max).length() < 0.5
        });
        self.last_seen = Some(rect);
        still
    }

    /// The middle of the goal's button among `buttons`, once it has held still for a frame.
    fn steady_button(&mut self, buttons: &[(Action, egui::Rect)]) -> Option<Vec2> {
        let rect = buttons.iter().find(|(a, _)| *a == self.action)?.1;
        self.holds_still(rect)
            .then(|| Vec2::new(rect.center().x, rect.center().y))
    }
}

/// Metres per screen pixel around `at`, from the camera (with the point on screen).
fn camera_scale(camera: &Camera, transform: &GlobalTransform, at: Vec2) -> Option<(Vec2, f32)> {
    let here = camera.world_to_viewport(transform, at.extend(0.0)).ok()?;
    let there = camera
        .world_to_viewport(transform, (at + Vec2::X * 100.0).extend(0.0))
        .ok()?;
    Some((here, 100.0 / here.distance(there).max(1e-3)))
}

/// Frames to wait for the interface to answer a click before giving up.
const PATIENCE: u32 = 60;

impl Pointer {
    pub fn is_busy(&self) -> bool {
        self.goal.is_some() || !self.moves.is_empty()
    }

    /// Click for `action` now; `record_len` is the length of the night's record before it.
    pub fn choose(&mut self, action: Action, record_len: usize) {
        self.goal = Some(Goal {
            action,
            before: record_len,
            phase: Phase::Start,
            frames: 0,
            last_seen: None,
        });
    }

    /// Click a named button (the title's, the notebook's) at `rect`.
    pub fn click_rect(&mut self, rect: egui::Rect) {
        self.click(Vec2::new(rect.center().x, rect.center().y));
    }

    fn click(&mut self, at: Vec2) {
        self.moves.extend([
            (at, None),
            (at, None),
            (at, Some(ButtonState::Pressed)),
            (at, Some(ButtonState::Released)),
        ]);
        self.clicks += 1;
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Pointer>()
        .add_systems(Update, (drive_pointer, move_pointer).chain());
}

/// Moves the goal on by one step: find the target, click it, check that it took.
fn drive_pointer(
    mut pointer: ResMut<Pointer>,
    night: Option<Res<GameSession>>,
    mut targets: ResMut<ClickTargets>,
    on_map: Res<OnMap>,
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
) {
    let pointer = &mut *pointer;
    if !pointer.moves.is_empty() {
        return;
    }
    let (Some(goal), Some(night)) = (&mut pointer.goal, night) else {
        return;
    };
    goal.frames += 1;
    if night.actions_taken() > goal.before {
        pointer.goal = None;
        return;
    }
    let mut press = None;
    match goal.phase {
        Phase::Start => {
            // A place is clicked on the map (its card offers the ways to go), and so is a
            // person the action concerns (their list opens in the panel).
            let (camera, transform) = *camera;
            let in_view = |at: Vec2| {
                camera
                    .world_to_viewport(transform, at.extend(0.0))
                    .ok()
                    .filter(|p| {
                        targets
                            .map_area
                            .is_some_and(|area| area.shrink(24.0).contains(egui::pos2(p.x, p.y)))
                    })
            };
            let person = concerns(&goal.action).and_then(|who| {
                let at = positions::character(night.sim(), who, night.clock.fraction)?;
                // Only where the figure is the one a click there finds.
                let (_, scale) = camera_scale(camera, transform, at)?;
                (person_at(&night, at, PERSON_REACH * scale) == Some(who)).then_some(at)
            });
            let place = match goal.action {
                Action::Go { to, .. } if on_map.contains(to) => {
                    Some(positions::location(night.sim(), to))
                }
                _ => None,
            };
            if let Some(at) = person.and_then(in_view) {
                pointer.on_people += 1;
                press = Some(at);
                targets.scroll_to = Some(goal.action.clone());
                goal.phase = Phase::Panel;
            } else if let Some(at) = place.and_then(in_view) {
                pointer.on_places += 1;
                press = Some(at);
                goal.phase = Phase::PlaceClicked;
            } else {
                targets.scroll_to = Some(goal.action.clone());
                goal.phase = Phase::Panel;
            }
            goal.frames = 0;
        }
        Phase::PlaceClicked if goal.frames >= 3 => {
            if let Some(at) = goal.steady_button(&targets.card) {
                press = Some(at);
                goal.phase = Phase::Clicked;
                goal.frames = 0;
            } else if goal.frames > PATIENCE {
                // The card did not offer it (the marker was covered): use the panel.
                targets.scroll_to = Some(goal.action.clone());
                goal.phase = Phase::Panel;
                goal.frames = 0;
            }
        }
        Phase::Panel if goal.frames >= 3 => {
            if let Some(at) = goal.steady_button(&targets.panel) {
                press = Some(at);
                goal.phase = Phase::Clicked;
                goal.frames = 0;
            } else if let Some(at) = goal.steady_button(&targets.openers) {
                // The action is in a person's list: open it, then look again.
                press = Some(at);
                goal.frames = 0;
                goal.last_seen = None;
            } else if goal.frames > PATIENCE {
                pointer.failure = Some(format!(
                    "no button for `{}` in view at {}",
                    goal.action.text(night.sim().scenario()),
                    night.sim().clock()
                ));
                pointer.goal = None;
            }
        }
        Phase::Clicked if goal.frames > PATIENCE => {
            pointer.failure = Some(format!(
                "clicking `{}` at {} did not choose it",
                goal.action.text(night.sim().scenario()),
                night.sim().clock()
            ));
            pointer.goal = None;
        }
        _ => {}
    }
    if let Some(at) = press {
        pointer.click(at);
    }
}

/// Sends the frame's pointer events as the windowing layer would: the cursor moves, and the
/// left button goes down or up. egui reads the window events; the map reads the button.
fn move_pointer(
    mut pointer: ResMut<Pointer>,
    window: Single<(Entity, &mut Window), With<PrimaryWindow>>,
    mut window_events: MessageWriter<WindowEvent>,
    mut cursor_moves: MessageWriter<CursorMoved>,
    mut buttons: MessageWriter<MouseButtonInput>,
) {
    let Some((at, button)) = pointer.moves.pop_front() else {
        return;
    };
    let (entity, mut window) = window.into_inner();
    window.set_cursor_position(Some(at));
    let moved = CursorMoved {
        window: entity,
        position: at,
        delta: None,
    };
    window_events.write(WindowEvent::CursorMoved(moved.clone()));
    cursor_moves.write(moved);
    if let Some(state) = button {
        let input = MouseButtonInput {
            button: MouseButton::Left,
            state,
            window: entity,
        };
        window_events.write(WindowEvent::MouseButtonInput(input));
        buttons.write(input);
    }
}
