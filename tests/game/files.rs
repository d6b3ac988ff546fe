//! The player's files through the game (headless): the gallery and the notebook survive a
//! restart and a corrupted file; an unfinished night continues, replayed to the same state.

use super::play::{choose_by_key, film, headless_with_store, keyboard_lines, press, screen};
use super::{read, root};
use bevy::prelude::*;
use miracle_mile::files::store::Store;
use miracle_mile::game::night::GameSession;
use miracle_mile::game::night::pace::Pace;
use miracle_mile::game::player_files::{
    GALLERY_FILE, Gallery, NOTEBOOK_FILE, PlayerFiles, SavedChronicles, UNFINISHED_FILE, Unfinished,
};
use miracle_mile::game::screens::Screen;
use miracle_mile::game::settings::Settings;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mm-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn film_script() -> String {
    read(&root().join("tests/nights/film_into_the_tar.script"))
}

/// Plays the film's night from 03:50 to its ending with the keyboard, in a game whose files
/// are in `dir`.
fn play_to_the_end(dir: &Path) -> App {
    let s = film();
    let mut app = headless_with_store(s.clone(), 1, Store::at(dir));
    press(&mut app, KeyCode::Digit2);
    for line in keyboard_lines(&film_script(), &s) {
        choose_by_key(&mut app, &line);
    }
    super::play::until_idle(&mut app);
    assert_eq!(screen(&app), Screen::Ending);
    app
}

fn files_named(dir: &Path, part: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains(part))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn the_gallery_and_notebook_survive_a_restart() {
    let dir = scratch("restart");
    let app = play_to_the_end(&dir);
    let notebook = app.world().resource::<SavedChronicles>().clone();
    drop(app);
    // A new game on the same folder: the ending is in the gallery, the night in the notebook.
    let app = headless_with_store(film(), 1, Store::at(&dir));
    let gallery = app.world().resource::<Gallery>();
    let reached = gallery
        .reached("miracle_mile", "into_the_tar")
        .expect("the ending is in the gallery after a restart");
    assert_eq!((reached.times, reached.first_seed), (1, 1));
    let restored = app.world().resource::<SavedChronicles>();
    assert_eq!(*restored, notebook);
    let page = &restored.nights["miracle_mile"];
    assert!(page.seen.contains_key("julie"), "Harry saw Julie: {page:?}");
    assert!(
        page.learned.iter().any(|(_, fact)| fact == "missiles"),
        "Harry learned of the missiles"
    );
    assert!(!page.told.is_empty(), "Harry told someone");
    assert!(page.panic.iter().any(|&p| p > 50), "the panic rose");
    assert!(
        app.world().resource::<PlayerFiles>().notices.is_empty(),
        "a clean restart has nothing to report"
    );
    // A finished night leaves nothing to continue.
    assert!(app.world().resource::<Unfinished>().0.is_none());
    assert!(!dir.join(UNFINISHED_FILE).exists());
}

#[test]
fn a_corrupted_gallery_is_reported_kept_and_restored_from_its_backup() {
    let dir = scratch("corrupt");
    drop(play_to_the_end(&dir));
    // A second night writes the gallery again, so a backup of the first exists.
    drop(play_to_the_end(&dir));
    assert!(dir.join(format!("{GALLERY_FILE}.bak")).exists());
    std::fs::write(dir.join(GALLERY_FILE), "(scenarios: {\"miracle_mile\": ").unwrap();
    std::fs::write(dir.join(NOTEBOOK_FILE), [0xde, 0xad, 0xbe, 0xef]).unwrap();
    let app = headless_with_store(film(), 1, Store::at(&dir));
    assert_eq!(screen(&app), Screen::Title, "the game starts");
    let notices = &app.world().resource::<PlayerFiles>().notices;
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices
            .iter()
            .any(|n| n.contains(GALLERY_FILE) && n.contains("restored the backup"))
    );
    // The backup is the gallery after the first night: the ending reached once.
    let gallery = app.world().resource::<Gallery>();
    assert_eq!(
        gallery
            .reached("miracle_mile", "into_the_tar")
            .map(|r| r.times),
        Some(1)
    );
    assert_eq!(
        files_named(&dir, &format!("{GALLERY_FILE}.corrupt-")).len(),
        1
    );
    let kept = files_named(&dir, &format!("{NOTEBOOK_FILE}.corrupt-"));
    assert_eq!(std::fs::read(&kept[0]).unwrap(), [0xde, 0xad, 0xbe, 0xef]);
}

#[test]
fn settings_are_kept_and_a_bad_value_is_brought_back_in_range() {
    let dir = scratch("settings");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("settings.ron"),
        "(pace: Film, text_scale: 99.0, volume: 0.25, high_contrast: true)",
    )
    .unwrap();
    let app = headless_with_store(film(), 1, Store::at(&dir));
    // The headless helper sets turn-based pace after the files are read; the rest is the file's,
    // with the text size brought back into the slider's range.
    let settings = app.world().resource::<Settings>();
    assert_eq!(
        (settings.volume, settings.text_scale, settings.high_contrast),
        (0.25, 1.8, true)
    );
    let mut app = app;
    app.insert_resource(Settings {
        pace: Pace::Film,
        volume: 0.5,
        ..Settings::default()
    });
    for _ in 0..30 {
        app.update();
    }
    drop(app);
    let text = std::fs::read_to_string(dir.join("settings.ron")).unwrap();
    assert!(text.contains("volume: 0.5"), "{text}");
    assert!(text.contains("Film"), "{text}");
    // The replaced version is the backup.
    let backup = std::fs::read_to_string(dir.join("settings.ron.bak")).unwrap();
    assert!(backup.contains("0.25"), "{backup}");
    let settings = Store::at(&dir)
        .load::<Settings>("settings.ron")
        .value
        .clamped();
    assert_eq!(settings.volume, 0.5);
    let wild = Settings {
        text_scale: 99.0,
        volume: f32::NAN,
        ..Settings::default()
    }
    .clamped();
    assert_eq!((wild.text_scale, wild.volume), (1.8, 0.7));
}

#[test]
fn an_unfinished_night_continues_where_it_was_left() {
    let dir = scratch("continue");
    let s = film();
    let mut app = headless_with_store(s.clone(), 7, Store::at(&dir));
    press(&mut app, KeyCode::Digit2);
    let lines = keyboard_lines(&film_script(), &s);
    for line in &lines[..6] {
        choose_by_key(&mut app, line);
    }
    super::play::until_idle(&mut app);
    // Quit in the middle of the night (closing the window sends AppExit).
    app.world_mut().write_message(AppExit::Success);
    app.update();
    let night = app.world().resource::<GameSession>();
    let (state, clock, log) = (
        night.sim().state().clone(),
        night.sim().clock(),
        night.log.clone(),
    );
    drop(app);
    assert!(
        dir.join(UNFINISHED_FILE).exists(),
        "the night was saved as it went"
    );
    let mut app = headless_with_store(s.clone(), 99, Store::at(&dir));
    assert!(app.world().resource::<Unfinished>().0.is_some());
    press(&mut app, KeyCode::KeyC);
    assert_eq!(screen(&app), Screen::Playing, "C continues the night");
    let night = app.world().resource::<GameSession>();
    assert_eq!(
        night.sim().seed(),
        7,
        "the night's own seed, not the new game's"
    );
    assert_eq!(night.sim().clock(), clock);
    assert_eq!(
        *night.sim().state(),
        state,
        "the replay reaches the very same state"
    );
    assert_eq!(night.log, log);
    // And the rest of the night plays on to the film's ending.
    for line in &lines[6..] {
        choose_by_key(&mut app, line);
    }
    super::play::until_idle(&mut app);
    assert_eq!(screen(&app), Screen::Ending);
}

#[test]
fn a_hand_edited_notebook_and_a_read_only_gallery_lose_nothing() {
    let dir = scratch("hand_edited");
    drop(play_to_the_end(&dir));
    // The player edits the notebook by hand: times beyond any day, an end before its start.
    let mut notebook: SavedChronicles =
        ron::from_str(&read(&dir.join(NOTEBOOK_FILE))).expect("the game's own notebook");
    let page = notebook.nights.get_mut("miracle_mile").expect("a page");
    page.began = 65_000;
    page.until = 60_000;
    if let Some(sighting) = page.seen.values_mut().flatten().next() {
        sighting.to = u16::MAX;
    }
    notebook.finished.insert("miracle_mile".into(), u32::MAX);
    std::fs::write(dir.join(NOTEBOOK_FILE), ron::to_string(&notebook).unwrap()).unwrap();
    // ...and makes the gallery read-only, with a count at the top of its range.
    let mut gallery: Gallery =
        ron::from_str(&read(&dir.join(GALLERY_FILE))).expect("the game's own gallery");
    let reached = gallery
        .scenarios
        .get_mut("miracle_mile")
        .and_then(|endings| endings.get_mut("into_the_tar"))
        .expect("the film's ending in the gallery");
    reached.times = u32::MAX;
    let gallery_text = ron::to_string(&gallery).unwrap();
    let gallery_path = dir.join(GALLERY_FILE);
    std::fs::write(&gallery_path, &gallery_text).unwrap();
    let mut permissions = std::fs::metadata(&gallery_path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&gallery_path, permissions).unwrap();

    // The game starts, says what it found, and holds the notebook to a day.
    let app = headless_with_store(film(), 1, Store::at(&dir));
    assert_eq!(screen(&app), Screen::Title, "the game starts");
    let notices = app.world().resource::<PlayerFiles>().notices.clone();
    assert!(
        notices
            .iter()
            .any(|n| n.contains(NOTEBOOK_FILE) && n.contains("outside a day")),
        "{notices:?}"
    );
    let page = &app.world().resource::<SavedChronicles>().nights["miracle_mile"];
    assert!(
        page.began <= 24 * 60 && page.until >= page.began,
        "{page:?}"
    );
    drop(app);

    // Another night to its ending: the counts stay at the top of their range, and the
    // read-only gallery is not replaced; the player is told so.
    let app = play_to_the_end(&dir);
    let reached = app
        .world()
        .resource::<Gallery>()
        .reached("miracle_mile", "into_the_tar")
        .map(|r| r.times);
    assert_eq!(reached, Some(u32::MAX));
    let notices = &app.world().resource::<PlayerFiles>().notices;
    assert!(
        notices
            .iter()
            .any(|n| n.contains(GALLERY_FILE) && n.contains("read-only")),
        "{notices:?}"
    );
    assert_eq!(
        read(&gallery_path),
        gallery_text,
        "the read-only gallery is as it was"
    );
    // (A read-only file in a writable folder can still be removed.)
    let _ = std::fs::remove_dir_all(&dir);
}
