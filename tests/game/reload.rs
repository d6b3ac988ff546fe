//! Editing the scenario while the game runs: a good edit reloads it and replays Harry's
//! actions into it; a broken edit shows its diagnostics and the last good version plays on.

use super::play::{choose_by_key, film, headless_configured, keyboard_lines, press, screen};
use super::{read, root};
use bevy::prelude::*;
use miracle_mile::files::store::Store;
use miracle_mile::game::GameOptions;
use miracle_mile::game::night::GameSession;
use miracle_mile::game::night::reload::Reload;
use miracle_mile::game::screens::Screen;

/// Runs frames until the watcher has looked at the file again (it looks twice a second).
fn let_it_look(app: &mut App) {
    for _ in 0..15 {
        app.update();
    }
}

#[test]
fn an_edited_scenario_reloads_and_a_broken_one_keeps_the_last_good_version() {
    let dir = std::env::temp_dir().join(format!("mm-reload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("night.ron");
    let original = read(&root().join("scenes/miracle_mile.ron"));
    std::fs::write(&file, &original).unwrap();
    let watched = file.clone();
    let s = film();
    let mut app = headless_configured(s.clone(), 1, Store::at(dir.join("data")), |o| {
        o.scenario_path = Some(watched)
    });
    press(&mut app, KeyCode::Digit2);
    let script = read(&root().join("tests/nights/film_into_the_tar.script"));
    for line in keyboard_lines(&script, &s).iter().take(6) {
        choose_by_key(&mut app, line);
    }
    let before = app
        .world()
        .resource::<GameSession>()
        .session
        .actions()
        .to_vec();
    assert_eq!(before.len(), 6);

    // A good edit: Johnie's reads differently. The night is played again on it.
    let edited = original.replacen(
        "Formica, neon, coffee. Night owls in the booths.",
        "Formica, neon, coffee, and a new coat of paint.",
        1,
    );
    assert_ne!(edited, original);
    std::fs::write(&file, &edited).unwrap();
    let_it_look(&mut app);
    let reload = app.world().resource::<Reload>();
    let news = reload.news.clone().unwrap_or_default();
    assert!(news.contains("all 6 of Harry's actions"), "{news}");
    assert!(reload.errors.is_none());
    // The quick look at the new version's endings answers within about a second.
    let began = std::time::Instant::now();
    while app.world().resource::<Reload>().verdict.is_none() && began.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        app.update();
    }
    let reload = app.world().resource::<Reload>();
    let verdict = reload.verdict.clone().unwrap_or_default();
    let found: usize = verdict
        .strip_prefix("A quick look found a way to ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        (1..=8).contains(&found) && verdict.contains("of 8 endings"),
        "{verdict}"
    );
    let night = app.world().resource::<GameSession>();
    assert_eq!(
        night.session.actions(),
        before,
        "the same actions at the same minutes"
    );
    let johnies = night.sim().scenario().location_index("johnies").unwrap() as usize;
    assert!(
        night.sim().scenario().locations[johnies].states[0]
            .text
            .contains("new coat of paint")
    );

    // A broken edit: the diagnostics show, the night plays on the last good version.
    std::fs::write(
        &file,
        edited.replacen("deadline: \"05:10\"", "deadline: \"25:10\"", 1),
    )
    .unwrap();
    let_it_look(&mut app);
    let errors = app
        .world()
        .resource::<Reload>()
        .errors
        .clone()
        .unwrap_or_default();
    assert!(
        errors.contains("night.ron:"),
        "no place in the diagnostics: {errors}"
    );
    assert_eq!(screen(&app), Screen::Playing);
    assert_eq!(
        app.world().resource::<GameSession>().session.actions(),
        before
    );
    assert!(app.world().resource::<GameOptions>().scenario.is_ok());
    let night = app.world().resource::<GameSession>();
    assert!(
        night.sim().scenario().locations[johnies].states[0]
            .text
            .contains("new coat of paint")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
