//! The player's files in the game: the settings, the notebook, the endings gallery and the
//! unfinished night are read when the game starts (a bad file is reported on the title screen,
//! kept aside, and its backup used) and written whenever they change.

use crate::files::record::NightRecord;
use crate::files::store::Store;
use crate::game::GameOptions;
use crate::game::night::GameSession;
use crate::game::night::chronicle::Chronicle;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SETTINGS_FILE: &str = "settings.ron";
pub const NOTEBOOK_FILE: &str = "notebook.ron";
pub const GALLERY_FILE: &str = "gallery.ron";
pub const UNFINISHED_FILE: &str = "night.ron";
/// Saved records of finished nights go in this folder.
pub const RECORDS_DIR: &str = "records";

/// Where the files are, and what the player must be told about reading them.
#[derive(Resource)]
pub struct PlayerFiles {
    pub store: Store,
    /// Files that could not be read as they were, and what was done about it; and any write
    /// that failed. Shown on the title screen.
    pub notices: Vec<String>,
}

impl PlayerFiles {
    fn save<T: Serialize>(&mut self, name: &str, value: &T) {
        if let Err(e) = self.store.save(name, value) {
            warn!("{e}");
            self.notices.push(e);
        }
    }
}

/// The endings the player has reached, per scenario id, per ending id.
#[derive(Resource, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Gallery {
    pub scenarios: BTreeMap<String, BTreeMap<String, Reached>>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Reached {
    pub times: u32,
    /// The seed of the first night that reached it, to play it again.
    pub first_seed: u64,
}

impl SavedChronicles {
    /// The notebook with every chronicle held to a day's minutes (see `Chronicle::clamped`),
    /// and whether anything had to change.
    pub fn clamped(self) -> (SavedChronicles, bool) {
        let mut changed = false;
        let nights = self
            .nights
            .into_iter()
            .map(|(id, chronicle)| {
                let (chronicle, clamped) = chronicle.clamped();
                changed |= clamped;
                (id, chronicle)
            })
            .collect();
        let notebook = SavedChronicles {
            nights,
            finished: self.finished,
        };
        (notebook, changed)
    }
}

impl Gallery {
    pub fn reached(&self, scenario: &str, ending: &str) -> Option<&Reached> {
        self.scenarios.get(scenario)?.get(ending)
    }
}

/// What the notebook window shows from the title: per scenario id, the [`Chronicle`] of the
/// latest night played on it (`notebook.ron`). One idea, three names: a night's chronicle is
/// kept here and shown in the notebook.
#[derive(Resource, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct SavedChronicles {
    pub nights: BTreeMap<String, Chronicle>,
    /// Nights played to an ending, per scenario id.
    pub finished: BTreeMap<String, u32>,
}

/// The night left unfinished, to continue; `night.ron`.
#[derive(Resource, Default, Debug)]
pub struct Unfinished(pub Option<NightRecord>);

pub fn plugin(app: &mut App) {
    // Read now, while the app is being built, so that a test or a capture that sets its own
    // settings afterwards wins over the file.
    let store = app
        .world()
        .get_resource::<GameOptions>()
        .map(|o| o.store.clone())
        .unwrap_or_else(Store::nowhere);
    let mut notices = Vec::new();
    let mut take = |notice: Option<String>| notices.extend(notice);
    let settings = store.load::<Settings>(SETTINGS_FILE);
    take(settings.notice);
    let notebook = store.load::<SavedChronicles>(NOTEBOOK_FILE);
    take(notebook.notice);
    let (notebook_value, clamped) = notebook.value.clamped();
    if clamped {
        take(Some(format!(
            "{} held times outside a day; they were brought back within it (the file is left as it is until the notebook is next saved).",
            store.where_is(NOTEBOOK_FILE)
        )));
    }
    let gallery = store.load::<Gallery>(GALLERY_FILE);
    take(gallery.notice);
    let unfinished = store.load::<Option<NightRecord>>(UNFINISHED_FILE);
    take(unfinished.notice);
    for notice in &notices {
        warn!("{notice}");
    }
    let endings_seen: usize = gallery.value.scenarios.values().map(|e| e.len()).sum();
    info!(
        "the player's files are in {}: pace {}, {endings_seen} ending(s) in the gallery",
        store.describe(),
        settings.value.pace.label()
    );
    app.insert_resource(settings.value.clamped())
        .insert_resource(notebook_value)
        .insert_resource(gallery.value)
        .insert_resource(Unfinished(unfinished.value))
        .insert_resource(PlayerFiles { store, notices })
        .add_systems(
            Update,
            (
                save_settings,
                autosave_night.run_if(in_state(Screen::Playing)),
            ),
        )
        .add_systems(Last, save_on_quit.run_if(in_state(Screen::Playing)))
        .add_message::<ContinueNight>()
        .add_systems(Update, continue_night)
        .add_systems(OnExit(Screen::Playing), put_night_away);
}

/// Continue the unfinished night by replaying its record.
#[derive(Message, Clone, Debug)]
pub struct ContinueNight;

fn continue_night(
    mut commands: Commands,
    mut continues: MessageReader<ContinueNight>,
    options: Res<GameOptions>,
    unfinished: Res<Unfinished>,
    mut files: ResMut<PlayerFiles>,
    mut next: ResMut<NextState<Screen>>,
) {
    if continues.read().last().is_none() {
        return;
    }
    let (Ok(scenario), Some(record)) = (&options.scenario, &unfinished.0) else {
        return;
    };
    let resolved = match record.resolve(scenario) {
        Ok(r) => r,
        Err(why) => {
            files.notices.push(format!(
                "The unfinished night cannot be continued: {why}. It stays in {} until a new \
                 night replaces it (the replaced one is kept as its .bak).",
                UNFINISHED_FILE
            ));
            return;
        }
    };
    let (night, stopped) = GameSession::replay(scenario, &resolved);
    if resolved.other_version {
        files.notices.push(
            "The scenario file has changed since this night was saved; it was replayed on the \
             new version."
                .into(),
        );
    }
    if let Some(why) = stopped {
        files.notices.push(format!(
            "The night was replayed up to where it differs: {why}."
        ));
    }
    info!(
        "continued the night at {} after {} actions",
        night.sim().clock(),
        night.actions_taken()
    );
    commands.insert_resource(night);
    next.set(Screen::Playing);
}

/// Settings are written when they have changed and then stayed the same for half a second,
/// so that dragging a slider does not write the file on every frame.
fn save_settings(
    settings: Res<Settings>,
    time: Res<Time>,
    mut files: ResMut<PlayerFiles>,
    mut saved: Local<Option<Settings>>,
    mut since: Local<f32>,
) {
    let current = settings.clone();
    let saved = saved.get_or_insert_with(|| current.clone());
    if *saved == current {
        *since = 0.0;
        return;
    }
    if settings.is_changed() {
        *since = 0.0;
    }
    *since += time.delta_secs();
    if *since >= 0.5 {
        files.save(SETTINGS_FILE, &current);
        *saved = current;
    }
}

/// The unfinished night is written after each of the player's actions and every few game minutes,
/// so that quitting at any moment (or a crash) loses almost nothing.
fn autosave_night(
    night: Res<GameSession>,
    mut files: ResMut<PlayerFiles>,
    mut unfinished: ResMut<Unfinished>,
    mut notebook: ResMut<SavedChronicles>,
    mut last: Local<(usize, u16, u64)>,
) {
    if night.sim().is_over() {
        return;
    }
    let marker = (night.actions_taken(), night.sim().now(), night.sim().seed());
    let fresh_night = marker.2 != last.2 || marker.0 < last.0 || marker.1 < last.1;
    if !fresh_night && marker.0 == last.0 && marker.1 < last.1.saturating_add(5) {
        return;
    }
    *last = marker;
    let record = night.record();
    files.save(UNFINISHED_FILE, &Some(&record));
    unfinished.0 = Some(record);
    // The notebook's page for this night, so that it survives a crash too.
    notebook
        .nights
        .insert(night.sim().scenario().id.clone(), night.chronicle.clone());
    let notebook = notebook.clone();
    files.save(NOTEBOOK_FILE, &notebook);
}

/// Quitting in the middle of a night keeps it to the minute.
fn save_on_quit(
    mut exits: MessageReader<AppExit>,
    night: Res<GameSession>,
    mut files: ResMut<PlayerFiles>,
    mut unfinished: ResMut<Unfinished>,
) {
    if exits.read().last().is_none() || night.sim().is_over() {
        return;
    }
    let record = night.record();
    files.save(UNFINISHED_FILE, &Some(&record));
    unfinished.0 = Some(record);
}

/// Leaving the night: a finished night goes into the gallery and the notebook and is no longer
/// unfinished; an unfinished one is kept to continue, and its notebook pages kept.
fn put_night_away(
    night: Option<Res<GameSession>>,
    mut files: ResMut<PlayerFiles>,
    mut unfinished: ResMut<Unfinished>,
    mut notebook: ResMut<SavedChronicles>,
    mut gallery: ResMut<Gallery>,
) {
    let Some(night) = night else { return };
    let scenario = night.sim().scenario().id.clone();
    notebook
        .nights
        .insert(scenario.clone(), night.chronicle.clone());
    if night.sim().is_over() {
        let finished = notebook.finished.entry(scenario.clone()).or_default();
        *finished = finished.saturating_add(1);
        if let Some(ending) = night.session.ending() {
            let entry = gallery
                .scenarios
                .entry(scenario)
                .or_default()
                .entry(ending.id.clone())
                .or_default();
            if entry.times == 0 {
                entry.first_seed = night.sim().seed();
            }
            entry.times = entry.times.saturating_add(1);
            let gallery = gallery.clone();
            files.save(GALLERY_FILE, &gallery);
        }
        unfinished.0 = None;
        if let Err(e) = files.store.remove(UNFINISHED_FILE) {
            files.notices.push(e);
        }
    } else {
        let record = night.record();
        files.save(UNFINISHED_FILE, &Some(&record));
        unfinished.0 = Some(record);
    }
    let notebook = notebook.clone();
    files.save(NOTEBOOK_FILE, &notebook);
}
