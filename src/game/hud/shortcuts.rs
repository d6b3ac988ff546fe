//! Every action has a key: digits first, then letters. The HUD shows the same key next to
//! each action, and the same table turns key presses into actions.

use crate::game::night::pause::Pause;
use crate::game::night::{ChooseAction, GameSession};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use bevy::prelude::*;
use bevy_egui::input::egui_wants_any_keyboard_input;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// The keys for the night's actions, in the order actions are listed. Arrow keys, Space,
/// Escape, `+` and `-` are kept for the map and the clock.
pub const ACTION_KEYS: [(KeyCode, &str); 36] = [
    (KeyCode::Digit1, "1"),
    (KeyCode::Digit2, "2"),
    (KeyCode::Digit3, "3"),
    (KeyCode::Digit4, "4"),
    (KeyCode::Digit5, "5"),
    (KeyCode::Digit6, "6"),
    (KeyCode::Digit7, "7"),
    (KeyCode::Digit8, "8"),
    (KeyCode::Digit9, "9"),
    (KeyCode::Digit0, "0"),
    (KeyCode::KeyA, "A"),
    (KeyCode::KeyB, "B"),
    (KeyCode::KeyC, "C"),
    (KeyCode::KeyD, "D"),
    (KeyCode::KeyE, "E"),
    (KeyCode::KeyF, "F"),
    (KeyCode::KeyG, "G"),
    (KeyCode::KeyH, "H"),
    (KeyCode::KeyI, "I"),
    (KeyCode::KeyJ, "J"),
    (KeyCode::KeyK, "K"),
    (KeyCode::KeyL, "L"),
    (KeyCode::KeyM, "M"),
    (KeyCode::KeyN, "N"),
    (KeyCode::KeyO, "O"),
    (KeyCode::KeyP, "P"),
    (KeyCode::KeyQ, "Q"),
    (KeyCode::KeyR, "R"),
    (KeyCode::KeyS, "S"),
    (KeyCode::KeyT, "T"),
    (KeyCode::KeyU, "U"),
    (KeyCode::KeyV, "V"),
    (KeyCode::KeyW, "W"),
    (KeyCode::KeyX, "X"),
    (KeyCode::KeyY, "Y"),
    (KeyCode::KeyZ, "Z"),
];

/// Which page of actions the keys choose from: the first 36 actions are page 0, the next 36
/// page 1, and so on. `]` or Page Down turns the page, `[` or Page Up turns it back.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionPage(pub usize);

/// The key label of the action at `index` while `page` is shown, if it has one.
pub fn key_label(index: usize, page: usize) -> Option<&'static str> {
    (index / ACTION_KEYS.len() == page).then(|| ACTION_KEYS[index % ACTION_KEYS.len()].1)
}

pub fn plugin(app: &mut App) {
    app.init_resource::<ActionPage>()
        .add_systems(
            Update,
            (turn_page, action_keys, clock_keys)
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

fn turn_page(
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<GameSession>,
    mut page: ResMut<ActionPage>,
) {
    let pages = night.actions.len().div_ceil(ACTION_KEYS.len()).max(1);
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

fn action_keys(
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<GameSession>,
    mut page: ResMut<ActionPage>,
    mut choose: MessageWriter<ChooseAction>,
) {
    for (offset, (key, _)) in ACTION_KEYS.iter().enumerate() {
        if keys.just_pressed(*key)
            && let Some(action) = night.actions.get(page.0 * ACTION_KEYS.len() + offset)
        {
            choose.write(ChooseAction(action.clone()));
            // The next choice starts again from the first page.
            page.0 = 0;
            return;
        }
    }
}

/// Space or Escape pauses and resumes (the pause menu has the settings); Tab cycles the pace.
fn clock_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut settings: ResMut<Settings>,
    pause: Res<State<Pause>>,
    mut next_pause: ResMut<NextState<Pause>>,
) {
    if keys.any_just_pressed([KeyCode::Space, KeyCode::Escape]) {
        next_pause.set(pause.get().toggled());
    }
    if keys.just_pressed(KeyCode::Tab) {
        let all = crate::game::night::pace::Pace::ALL;
        let i = all.iter().position(|&p| p == settings.pace).unwrap_or(0);
        settings.pace = all[(i + 1) % all.len()];
    }
}
