//! Reloading the scenario while playing: the file given with `--scenario` is watched (its
//! modification time and size, twice a second: no watcher thread, nothing platform-specific).
//! When it changes and still loads, the night in progress is played again on the new version,
//! The player's actions replayed where they still apply; when it has errors, their diagnostics show
//! in a window and the last good version keeps running. A scenario that could not be read at
//! launch is watched too, and the title comes up as soon as it is fixed. Each version that
//! loads gets a quick look at its endings (see `quick_look`).

use crate::files::scenario_file;
use crate::game::night::GameSession;
use crate::game::night::quick_look::{self, QuickLook};
use crate::game::screens::Screen;
use crate::game::{AppSystems, GameOptions};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::PathBuf;
use std::time::SystemTime;

/// The scenario changed on disk and loaded: the map must be drawn again.
#[derive(Message, Clone, Copy)]
pub struct ScenarioReloaded;

/// What the watcher knows: the file, its last seen stamp, and the latest news to show.
#[derive(Resource, Default)]
pub struct Reload {
    path: Option<PathBuf>,
    stamp: Option<(SystemTime, u64)>,
    since_look: f32,
    /// The diagnostics of a version that did not load (shown until a good one arrives).
    pub errors: Option<String>,
    /// What the last good reload did ("replayed 12 of 14 actions...").
    pub news: Option<String>,
    /// The quick look at the reloaded version's endings, under way.
    looking: Option<QuickLook>,
    /// What the quick look found.
    pub verdict: Option<String>,
}

/// Seconds between looks at the file.
const LOOK_EVERY: f32 = 0.5;

pub fn plugin(app: &mut App) {
    app.add_message::<ScenarioReloaded>()
        .add_systems(Startup, watch_the_scenario)
        .add_systems(
            Update,
            (look_at_the_file, hear_the_quick_look).in_set(AppSystems::ReadFiles),
        )
        .add_systems(EguiPrimaryContextPass, reload_window);
}

fn watch_the_scenario(mut commands: Commands, options: Res<GameOptions>) {
    let path = options.scenario_path.clone();
    let stamp = path.as_deref().and_then(stamp_of);
    commands.insert_resource(Reload {
        path,
        stamp,
        ..default()
    });
}

fn stamp_of(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Where a reload leads: the screen now and the next, and the message that it happened.
#[derive(SystemParam)]
pub(super) struct ReloadOutcome<'w> {
    screen: Res<'w, State<Screen>>,
    next: ResMut<'w, NextState<Screen>>,
    reloaded: MessageWriter<'w, ScenarioReloaded>,
}

pub(super) fn look_at_the_file(
    mut commands: Commands,
    mut reload: ResMut<Reload>,
    mut options: ResMut<GameOptions>,
    night: Option<Res<GameSession>>,
    time: Res<Time>,
    outcome: ReloadOutcome,
) {
    let ReloadOutcome {
        screen,
        mut next,
        mut reloaded,
    } = outcome;
    let Some(path) = reload.path.clone() else {
        return;
    };
    reload.since_look += time.delta_secs();
    if reload.since_look < LOOK_EVERY {
        return;
    }
    reload.since_look = 0.0;
    let stamp = stamp_of(&path);
    if stamp.is_none() || stamp == reload.stamp {
        return;
    }
    reload.stamp = stamp;
    let scenario = match scenario_file::load(Some(&path)) {
        Ok(s) => s,
        Err(e) => {
            let text = e.render();
            warn!(
                "reload: {} has errors; the last good version plays on",
                path.display()
            );
            if options.scenario.is_err() {
                options.scenario = Err(text.clone());
            }
            reload.errors = Some(text);
            reload.news = None;
            return;
        }
    };
    info!("reload: {} changed and loads", path.display());
    reload.errors = None;
    reload.looking = QuickLook::start(&scenario);
    reload.verdict = None;
    options.scenario = Ok(scenario.clone());
    match (screen.get(), night) {
        (Screen::Error, _) => {
            reload.news = Some("The scenario loads now.".into());
            next.set(Screen::Title);
        }
        (Screen::Playing, Some(night)) => {
            let record = night.record();
            let done = record.actions.len();
            let (replayed, news) = match record.resolve(&scenario) {
                Ok(resolved) => {
                    let (again, stopped) = GameSession::replay(&scenario, &resolved);
                    let kept = again.actions_taken();
                    let news = match stopped {
                        None => format!(
                            "Reloaded {}: the night replayed with all {done} of {}'s actions.",
                            path.display(),
                            scenario.player_word()
                        ),
                        Some(why) => format!(
                            "Reloaded {}: replayed {kept} of {done} actions; {why}.",
                            path.display()
                        ),
                    };
                    (again, news)
                }
                Err(why) => (
                    GameSession::new(
                        &scenario,
                        night.sim().seed(),
                        night.session.start().min(scenario.starts.len() - 1),
                    ),
                    format!(
                        "Reloaded {}: the night starts again ({why}).",
                        path.display()
                    ),
                ),
            };
            info!("reload: {news}");
            reload.news = Some(news);
            commands.insert_resource(replayed);
            reloaded.write(ScenarioReloaded);
        }
        _ => {
            reload.news = Some(format!("Reloaded {}.", path.display()));
        }
    }
}

/// Takes the quick look's report once it is done.
fn hear_the_quick_look(mut reload: ResMut<Reload>) {
    let Some(report) = reload.looking.as_ref().and_then(QuickLook::take) else {
        return;
    };
    let verdict = quick_look::verdict(&report);
    info!("reload: {verdict}");
    reload.verdict = Some(verdict);
    reload.looking = None;
}

/// The news of a reload, or the diagnostics of a version that does not load.
fn reload_window(
    mut contexts: EguiContexts,
    mut reload: ResMut<Reload>,
    screen: Res<State<Screen>>,
) -> Result {
    if reload.errors.is_none() && reload.news.is_none() {
        return Ok(());
    }
    // The error screen shows the diagnostics of a scenario that never loaded itself.
    if *screen.get() == Screen::Error && reload.news.is_none() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let title = if reload.errors.is_some() {
        "The scenario has errors — the last good version plays on"
    } else if cfg!(target_arch = "wasm32") {
        "Scenario opened"
    } else {
        "Scenario reloaded"
    };
    let mut open = true;
    egui::Window::new(title)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .default_width(820.0)
        .collapsible(false)
        .open(&mut open)
        .show(ctx, |ui| {
            if let Some(news) = &reload.news {
                ui.label(news.as_str());
                if let Some(verdict) = &reload.verdict {
                    ui.label(verdict.as_str());
                } else if reload.looking.is_some() {
                    ui.label("Looking for a way to each ending…");
                }
            }
            if let Some(errors) = &reload.errors {
                ui.label(if cfg!(target_arch = "wasm32") {
                    "Fix the file and drop it onto the page again:"
                } else {
                    "Fix the file and save it again (or run `miracle-mile check FILE`):"
                });
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(egui::RichText::new(errors).monospace()).wrap());
                    });
            }
        });
    if !open {
        reload.errors = None;
        reload.news = None;
        reload.verdict = None;
    }
    Ok(())
}
