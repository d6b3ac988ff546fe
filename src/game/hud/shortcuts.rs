//! Every entry of the action panel has a key: digits first, then letters (see
//! [`crate::game::hud::panel`] for what the entries are). The HUD shows the same key next to
//! each entry, and the same model turns key presses into actions. Escape or Backspace leaves
//! a person's list; elsewhere Space or Escape pauses.

use crate::game::hud::panel::{self, ACTION_KEYS, Entry, Focus, Modifier};
use crate::game::night::pause::Pause;
use crate::game::night::{ChooseAction, GameSession};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use bevy::prelude::*;
use bevy_egui::input::egui_wants_any_keyboard_input;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// Which page of entries the keys choose from: the first 36 entries are page 0, the next 36
/// page 1, and so on (the grouped panel rarely needs a second). `]` or Page Down turns the
/// page, `[` or Page Up turns it back.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionPage(pub usize);

pub fn plugin(app: &mut App) {
    app.init_resource::<ActionPage>()
        .init_resource::<Focus>()
        .add_systems(
            Update,
            (forget_a_focus_gone_by, turn_page, action_keys, clock_keys)
                .chain()
                .run_if(in_state(Screen::Playing))
                .run_if(not(egui_wants_any_keyboard_input)),
        )
        .add_systems(EguiPrimaryContextPass, keep_the_keys_for_the_game);
}

/// The game has no text to type: every key is a shortcut. egui would otherwise give the
/// keyboard to a button when Tab (the pace's key) is pressed, and from then on swallow the
/// keys (and press the button on Space), so no widget keeps the focus past a frame.
fn keep_the_keys_for_the_game(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !ctx.text_edit_focused() {
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
    }
    Ok(())
}

/// A person's list closes when nothing is left to do with them (they left, or the player did).
fn forget_a_focus_gone_by(night: Res<GameSession>, mut focus: ResMut<Focus>) {
    if let Some(who) = focus.0
        && !night
            .actions
            .iter()
            .any(|a| panel::concerns(a) == Some(who))
    {
        focus.0 = None;
    }
}

fn turn_page(
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<GameSession>,
    focus: Res<Focus>,
    mut page: ResMut<ActionPage>,
) {
    let pages = panel::pages(&panel::sections(night.sim(), &night.actions, focus.0));
    if keys.any_just_pressed([KeyCode::BracketRight, KeyCode::PageDown]) {
        page.0 = (page.0 + 1) % pages;
    }
    if keys.any_just_pressed([KeyCode::BracketLeft, KeyCode::PageUp]) {
        page.0 = (page.0 + pages - 1) % pages;
    }
    if page.0 >= pages {
        page.0 = 0;
    }
}

/// The modifier held with a key: Ctrl before Shift.
fn modifier(keys: &ButtonInput<KeyCode>) -> Modifier {
    if keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]) {
        Modifier::Ctrl
    } else if keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]) {
        Modifier::Shift
    } else {
        Modifier::None
    }
}

fn action_keys(
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<GameSession>,
    mut page: ResMut<ActionPage>,
    mut focus: ResMut<Focus>,
    mut choose: MessageWriter<ChooseAction>,
) {
    let sections = panel::sections(night.sim(), &night.actions, focus.0);
    for (offset, (key, _)) in ACTION_KEYS.iter().enumerate() {
        if !keys.just_pressed(*key) {
            continue;
        }
        let Some(entry) = panel::entries(&sections).nth(page.0 * ACTION_KEYS.len() + offset) else {
            return;
        };
        if let Entry::Person { who, .. } = entry {
            focus.0 = Some(*who);
        } else if let Some(action) = entry.chosen(modifier(&keys)) {
            choose.write(ChooseAction(action.clone()));
            focus.0 = None;
        }
        // A new list, or the next choice, starts from its first page.
        page.0 = 0;
        return;
    }
}

/// Space or Escape pauses and resumes (the pause menu has the settings), but Escape or
/// Backspace first closes a person's list; Tab cycles the pace.
fn clock_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut settings: ResMut<Settings>,
    pause: Res<State<Pause>>,
    mut next_pause: ResMut<NextState<Pause>>,
    mut focus: ResMut<Focus>,
) {
    if focus.0.is_some() && keys.any_just_pressed([KeyCode::Escape, KeyCode::Backspace]) {
        focus.0 = None;
    } else if keys.any_just_pressed([KeyCode::Space, KeyCode::Escape]) {
        next_pause.set(pause.get().toggled());
    }
    if keys.just_pressed(KeyCode::Tab) {
        let all = crate::game::night::pace::Pace::ALL;
        let i = all.iter().position(|&p| p == settings.pace).unwrap_or(0);
        settings.pace = all[(i + 1) % all.len()];
    }
}
