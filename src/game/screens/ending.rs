//! The ending: its title and text, and a picture of the night (the player's path on the map, drawn
//! by the map; here the panic curve, the people's timeline with when the rumour reached each,
//! what the player learned); play again with the same seed or a new one, save the night's record.

use crate::game::GameOptions;
use crate::game::hud::click_targets::ClickTargets;
use crate::game::menus::notebook;
use crate::game::night::chronicle::Chronicle;
use crate::game::night::{BeginNight, GameSession};
use crate::game::player_files::{PlayerFiles, RECORDS_DIR};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::palette::{AMBER, GOLD};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use night::Scenario;

/// Where the night's record was saved, or why it could not be.
#[derive(Resource, Default)]
pub struct SavedRecord(pub Option<Result<String, String>>);

/// Save the finished night's record (seed and actions) as a new file.
#[derive(Message, Clone, Debug)]
pub struct SaveRecord;

pub fn plugin(app: &mut App) {
    app.init_resource::<SavedRecord>()
        .add_message::<SaveRecord>()
        .add_systems(OnEnter(Screen::Ending), |mut saved: ResMut<SavedRecord>| {
            saved.0 = None;
        })
        .add_systems(
            EguiPrimaryContextPass,
            ending_screen.run_if(in_state(Screen::Ending)),
        )
        .add_systems(
            Update,
            (ending_keys, save_record)
                .chain()
                .run_if(in_state(Screen::Ending)),
        );
}

/// What the ending screen's buttons do: play again, save the record, go to the title.
#[derive(SystemParam)]
struct EndingButtons<'w> {
    begin: MessageWriter<'w, BeginNight>,
    save: MessageWriter<'w, SaveRecord>,
    next: ResMut<'w, NextState<Screen>>,
    targets: ResMut<'w, ClickTargets>,
}

fn ending_screen(
    mut contexts: EguiContexts,
    night: Res<GameSession>,
    settings: Res<Settings>,
    options: Res<GameOptions>,
    saved: Res<SavedRecord>,
    buttons: EndingButtons,
) -> Result {
    let EndingButtons {
        mut begin,
        mut save,
        mut next,
        mut targets,
    } = buttons;
    let ctx = contexts.ctx_mut()?;
    let scale = settings.text_scale;
    let (title, text, kind) = match night.sim().outcome() {
        // The text as this night tells it: the ending's parts that hold where it ended.
        Some(night::Outcome::Ending(id)) => {
            let e = &night.sim().scenario().endings[id as usize];
            (
                e.title.clone(),
                night.sim().ending_text(id),
                format!("{:?}", e.kind),
            )
        }
        _ => (
            "The day is over".into(),
            "No ending applies.".into(),
            "Other".into(),
        ),
    };
    let sim = night.sim();
    let scenario = sim.scenario();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "ending".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::right("the night")
        .default_size(ctx.viewport_rect().width() * 0.55)
        .resizable(true)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new(title.to_uppercase())
                            .size(32.0 * scale)
                            .color(GOLD),
                    );
                    ui.label(egui::RichText::new(kind).italics());
                    ui.label(egui::RichText::new(text).size(15.0 * scale));
                    ui.add_space(4.0);
                    ui.label(format!(
                        "{} — seed {}, {} actions, ended at {}. {}'s path is on the map.",
                        scenario.title,
                        sim.seed(),
                        night.actions_taken(),
                        sim.clock(),
                        scenario.player_word()
                    ));
                    ui.horizontal_wrapped(|ui| {
                        let start = night.session.start();
                        if ui.button("[R] Play again, same seed").clicked() {
                            begin.write(BeginNight {
                                start,
                                seed: sim.seed(),
                            });
                        }
                        if ui.button("[N] New night, new seed").clicked() {
                            begin.write(BeginNight {
                                start,
                                seed: options.seed.unwrap_or_else(crate::seed::fresh),
                            });
                        }
                        if ui.button("[S] Save the night's record").clicked() {
                            save.write(SaveRecord);
                        }
                        if ui.button("[Esc] Title").clicked() {
                            next.set(Screen::Title);
                        }
                    });
                    match &saved.0 {
                        Some(Ok(path)) => {
                            ui.label(format!("Saved the night's record to {path}"));
                        }
                        Some(Err(why)) => {
                            ui.label(
                                egui::RichText::new(format!("Could not save the record: {why}"))
                                    .color(AMBER),
                            );
                        }
                        None => {}
                    }
                    ui.separator();
                    picture(ui, &night.chronicle, scenario, scale);
                });
        });
    // The map shows in what the picture leaves free; its names keep to it.
    targets.map_area = Some(root.available_rect_before_wrap());
    Ok(())
}

/// The panic curve, the people's timeline with the rumour's arrival, and the facts.
fn picture(ui: &mut egui::Ui, chronicle: &Chronicle, scenario: &Scenario, scale: f32) {
    ui.label(
        egui::RichText::new("Panic, the highest anywhere")
            .strong()
            .size(15.0 * scale),
    );
    panic_curve(ui, chronicle, scenario, scale);
    ui.add_space(6.0);
    ui.label(
        egui::RichText::new(format!(
            "Whom {} saw, and when the rumour reached them (white mark)",
            scenario.player_word()
        ))
        .strong()
        .size(15.0 * scale),
    );
    notebook::timeline(ui, chronicle, scenario, scale, true);
    let mut reached: Vec<(&String, &u16)> = chronicle.rumour.iter().collect();
    reached.sort_by_key(|(id, at)| (**at, *id));
    if !reached.is_empty() {
        let names: Vec<String> = reached
            .iter()
            .map(|(id, at)| {
                let name = scenario
                    .characters
                    .iter()
                    .find(|c| c.id == **id)
                    .map_or(id.as_str(), |c| c.name.as_str());
                format!("{name} {}", scenario.clock(**at))
            })
            .collect();
        ui.label(
            egui::RichText::new(format!("The rumour reached: {}", names.join(", ")))
                .size(13.0 * scale),
        );
    }
    ui.add_space(6.0);
    ui.label(
        egui::RichText::new(format!(
            "What {0} learned, and whom {0} told",
            scenario.player_word()
        ))
        .strong()
        .size(15.0 * scale),
    );
    notebook::facts(ui, chronicle, scenario, scale);
}

/// Panic (0–100) over the night as a filled curve, with the hours beneath.
fn panic_curve(ui: &mut egui::Ui, chronicle: &Chronicle, scenario: &Scenario, scale: f32) {
    let height = 70.0 * scale;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, egui::Color32::from_gray(25));
    let n = chronicle.panic.len().max(2);
    let point = |i: usize, level: u8| {
        egui::pos2(
            rect.left() + rect.width() * i as f32 / (n - 1) as f32,
            rect.bottom() - rect.height() * f32::from(level) / 100.0,
        )
    };
    let line: Vec<egui::Pos2> = chronicle
        .panic
        .iter()
        .enumerate()
        .map(|(i, &level)| point(i, level))
        .collect();
    let colour = egui::Color32::from_rgb(255, 120, 60);
    // Vertical strokes fill the area under the curve without a concave polygon.
    let step = (line.len() / rect.width().max(1.0) as usize).max(1);
    for p in line.iter().step_by(step) {
        painter.line_segment(
            [*p, egui::pos2(p.x, rect.bottom())],
            egui::Stroke::new(1.0, colour.gamma_multiply(0.35)),
        );
    }
    painter.add(egui::Shape::line(line, egui::Stroke::new(2.0, colour)));
    let peak = chronicle.panic.iter().copied().max().unwrap_or(0);
    painter.text(
        rect.left_top() + egui::vec2(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        format!(
            "peak {peak}/100 · {} to {}",
            scenario.clock(chronicle.began),
            scenario.clock(chronicle.until)
        ),
        egui::FontId::proportional(11.0 * scale),
        egui::Color32::GRAY,
    );
}

fn ending_keys(
    keys: Res<ButtonInput<KeyCode>>,
    night: Res<GameSession>,
    options: Res<GameOptions>,
    mut begin: MessageWriter<BeginNight>,
    mut save: MessageWriter<SaveRecord>,
    mut next: ResMut<NextState<Screen>>,
) {
    let start = night.session.start();
    if keys.just_pressed(KeyCode::KeyR) {
        begin.write(BeginNight {
            start,
            seed: night.sim().seed(),
        });
    } else if keys.just_pressed(KeyCode::KeyN) {
        begin.write(BeginNight {
            start,
            seed: options.seed.unwrap_or_else(crate::seed::fresh),
        });
    } else if keys.just_pressed(KeyCode::KeyS) {
        save.write(SaveRecord);
    } else if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}

fn save_record(
    mut requests: MessageReader<SaveRecord>,
    night: Res<GameSession>,
    files: Res<PlayerFiles>,
    mut saved: ResMut<SavedRecord>,
) {
    if requests.read().last().is_none() {
        return;
    }
    let record = night.record();
    let stem = format!(
        "{}-seed{}-{}",
        record.scenario,
        record.seed,
        record.ending.as_deref().unwrap_or("no-ending")
    );
    let result = files.store.save_new(RECORDS_DIR, &stem, &record);
    match &result {
        Ok(path) => info!("saved the night's record to {path}"),
        Err(why) => warn!("could not save the night's record: {why}"),
    }
    saved.0 = Some(result);
}
