//! The windowed game's logic, headless (MinimalPlugins, no window, no renderer): a whole night
//! played with the keyboard alone reaches its ending, and the game shows what the sim says.

use super::{read, root};
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::input::{ButtonState, InputPlugin};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use bevy_egui::input::EguiWantsInput;
use miracle_mile::files::store::Store;
use miracle_mile::game::GameOptions;
use miracle_mile::game::hud::panel::{self, Modifier};
use miracle_mile::game::night::GameSession;
use miracle_mile::game::night::pace::Pace;
use miracle_mile::game::night::pause::Pause;
use miracle_mile::game::screens::Screen;
use miracle_mile::game::settings::Settings;
use night::Scenario;
use night::sim::Action;
use std::time::Duration;

pub fn film() -> Scenario {
    Scenario::from_ron(
        "scenes/miracle_mile.ron",
        &read(&root().join("scenes/miracle_mile.ron")),
    )
    .expect("the film loads")
}

/// The game's logic plugins on a headless app; the renderer, egui drawing and audio are left out.
/// Nothing is kept on disk.
fn headless(scenario: Scenario, seed: u64) -> App {
    headless_with_store(scenario, seed, Store::nowhere())
}

/// A headless app whose player's files live in `store` (a fresh one plays a restarted game).
pub fn headless_with_store(scenario: Scenario, seed: u64, store: Store) -> App {
    headless_configured(scenario, seed, store, |_| {})
}

/// A headless game whose options are changed by `configure` before it starts (a record to
/// play back, a scenario file to watch).
pub fn headless_configured(
    scenario: Scenario,
    seed: u64,
    store: Store,
    configure: impl FnOnce(&mut GameOptions),
) -> App {
    let mut options = GameOptions {
        scenario: Ok(scenario),
        seed: Some(seed),
        start: 0,
        capture: None,
        store,
        playback: None,
        scenario_path: None,
        launched: std::time::Instant::now(),
    };
    configure(&mut options);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            50,
        )))
        .init_resource::<EguiWantsInput>()
        .insert_resource(options)
        .add_plugins(miracle_mile::game::logic_plugin);
    // Turn-based, whatever the settings file says: the tests choose when time moves.
    app.world_mut().resource_mut::<Settings>().pace = Pace::TurnBased;
    app.update();
    app
}

/// A key going down or up, as the window sends it.
fn key_event(app: &mut App, key: KeyCode, state: ButtonState) {
    app.world_mut().write_message(KeyboardInput {
        key_code: key,
        logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
        state,
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
}

pub fn press(app: &mut App, key: KeyCode) {
    press_with(app, key, Modifier::None);
}

/// Presses `key` with `modifier` held (Shift to run, Ctrl to drive).
pub fn press_with(app: &mut App, key: KeyCode, modifier: Modifier) {
    let held = match modifier {
        Modifier::None => None,
        Modifier::Shift => Some(KeyCode::ShiftLeft),
        Modifier::Ctrl => Some(KeyCode::ControlLeft),
    };
    if let Some(held) = held {
        key_event(app, held, ButtonState::Pressed);
        app.update();
    }
    key_event(app, key, ButtonState::Pressed);
    app.update();
    key_event(app, key, ButtonState::Released);
    if let Some(held) = held {
        key_event(app, held, ButtonState::Released);
    }
    app.update();
    // A choice travels as a message and a state change: give them two more frames.
    app.update();
    app.update();
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Runs frames until Harry can act or the night is over.
pub fn until_idle(app: &mut App) {
    for _ in 0..20_000 {
        if screen(app) != Screen::Playing {
            return;
        }
        let night = app.world().resource::<GameSession>();
        if night.sim().is_idle() {
            return;
        }
        app.update();
    }
    panic!("Harry never became free");
}

/// A script's lines as a keyboard player plays them: a wait of a number of minutes the panel
/// does not offer is played as that many one-minute waits.
pub fn keyboard_lines(script: &str, s: &Scenario) -> Vec<String> {
    super::script_lines(script)
        .into_iter()
        .flat_map(|l| match Action::parse(&l, s) {
            Ok(Action::Wait { minutes }) if ![1, 5, 30].contains(&minutes) => {
                vec!["wait 1".to_owned(); minutes as usize]
            }
            _ => vec![l],
        })
        .collect()
}

/// Waits until Harry is free, then presses the keys the panel shows for `line`'s action
/// (a person's key first for what concerns them, Shift or Ctrl with a place's key to run or
/// drive) and checks that it was taken.
pub fn choose_by_key(app: &mut App, line: &str) {
    until_idle(app);
    let night = app.world().resource::<GameSession>();
    let wanted = Action::parse(line, night.sim().scenario()).expect("a valid line");
    let keys = panel::keys_for(night.sim(), &night.actions, &wanted)
        .unwrap_or_else(|| panic!("`{line}` is not offered at {}", night.sim().clock()));
    for (key, modifier) in keys {
        press_with(app, key, modifier);
    }
    let night = app.world().resource::<GameSession>();
    assert_eq!(
        night.session.actions().last().map(|(_, a)| a),
        Some(&wanted),
        "the key chose `{line}`"
    );
}

#[test]
fn a_full_night_is_winnable_with_the_keyboard_alone() {
    let s = film();
    let script = read(&root().join("tests/nights/film_into_the_tar.script"));
    let mut app = headless(s.clone(), 1);
    assert_eq!(screen(&app), Screen::Title);
    // The film's second start (03:50) is key 2 on the title screen.
    press(&mut app, KeyCode::Digit2);
    assert_eq!(screen(&app), Screen::Playing);
    assert_eq!(app.world().resource::<GameSession>().sim().clock(), "03:50");
    let mut most = 0;
    for line in keyboard_lines(&script, &s) {
        until_idle(&mut app);
        most = most.max(fits_one_page(&app));
        choose_by_key(&mut app, &line);
    }
    until_idle(&mut app);
    assert_eq!(screen(&app), Screen::Ending);
    let night = app.world().resource::<GameSession>();
    let ending = night.session.ending().expect("an ending");
    assert_eq!(ending.id, "into_the_tar");
    // The diner at 04:03 offers 53 actions: grouped, they are far fewer entries.
    assert!(most <= 30, "{most} entries at the busiest moment");
}

/// Checks that the panel's entries, and each person's list, need no second page of keys;
/// the number of entries in the overview.
fn fits_one_page(app: &App) -> usize {
    let night = app.world().resource::<GameSession>();
    let clock = night.sim().clock();
    let overview = panel::sections(night.sim(), &night.actions, None);
    assert_eq!(panel::pages(&overview), 1, "at {clock}");
    for entry in panel::entries(&overview) {
        if let panel::Entry::Person { who, .. } = entry {
            let theirs = panel::sections(night.sim(), &night.actions, Some(*who));
            assert_eq!(panel::pages(&theirs), 1, "{who}'s list at {clock}");
        }
    }
    panel::entries(&overview).count()
}

#[test]
fn a_persons_key_opens_their_list_and_escape_closes_it_before_pausing() {
    let mut app = headless(film(), 1);
    press(&mut app, KeyCode::Digit2);
    for line in [
        "go johnies",
        "go payphone",
        "call julie_home",
        "wait",
        "answer",
        "go johnies",
    ] {
        choose_by_key(&mut app, line);
    }
    until_idle(&mut app);
    let night = app.world().resource::<GameSession>();
    let landa = night
        .sim()
        .scenario()
        .character_index("landa")
        .expect("Landa");
    let keys = panel::keys_for(
        night.sim(),
        &night.actions,
        &Action::parse("talk landa the_call", night.sim().scenario()).expect("a line"),
    )
    .expect("offered");
    assert_eq!(keys.len(), 2, "her key, then the talk's key in her list");
    press(&mut app, keys[0].0);
    assert_eq!(app.world().resource::<panel::Focus>().0, Some(landa));
    press(&mut app, KeyCode::Escape);
    assert_eq!(app.world().resource::<panel::Focus>().0, None);
    assert_eq!(
        *app.world().resource::<State<Pause>>().get(),
        Pause::Running,
        "Escape closed the list and did not pause"
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Pause>>().get(), Pause::Paused);
}

#[test]
fn space_pauses_the_clock_and_tab_changes_the_pace() {
    let mut app = headless(film(), 1);
    press(&mut app, KeyCode::Digit2);
    app.insert_resource(Settings {
        pace: Pace::Brisk,
        ..Settings::default()
    });
    for _ in 0..100 {
        app.update();
    }
    let moved = app.world().resource::<GameSession>().sim().clock();
    assert_ne!(moved, "03:50", "brisk time runs by itself");
    press(&mut app, KeyCode::Space);
    assert_eq!(*app.world().resource::<State<Pause>>().get(), Pause::Paused);
    let paused_at = app.world().resource::<GameSession>().sim().clock();
    for _ in 0..100 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<GameSession>().sim().clock(),
        paused_at,
        "paused time stands still"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.world().resource::<Settings>().pace, Pace::TurnBased);
}

#[test]
fn turn_based_time_stops_when_harry_is_free_even_after_a_slow_frame() {
    let mut app = headless(film(), 1);
    press(&mut app, KeyCode::Digit2);
    until_idle(&mut app);
    let before = app.world().resource::<GameSession>().sim().now();
    app.world_mut()
        .write_message(miracle_mile::game::night::ChooseAction(Action::Wait {
            minutes: 2,
        }));
    // Slow frames: each is worth a minute and a half of turn-based fast-forward, so the
    // second one brings 0.5 + 1.5 = 2 minutes where only one is left of the wait.
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        900,
    )));
    for _ in 0..6 {
        app.update();
    }
    let night = app.world().resource::<GameSession>();
    assert!(night.sim().is_idle());
    assert_eq!(
        night.sim().now(),
        before + 2,
        "the clock ran on past the end of Harry's wait"
    );
}
