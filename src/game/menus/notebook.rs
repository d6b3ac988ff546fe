//! The notebook, the player's memory of a night: per person a timeline bar of where the player saw
//! them and when, and the facts the player learned and whom they told. Open it with F2 during the
//! night (the live page) or from the title (the last night's page, kept in `notebook.ron`).
//! The timeline widget is shared with the ending's picture of the night.

use crate::game::GameOptions;
use crate::game::night::GameSession;
use crate::game::night::chronicle::Chronicle;
use crate::game::player_files::SavedChronicles;
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::theme::palette::AMBER;
use crate::game::theme::widgets::overlay_window;
use bevy::prelude::*;
use bevy_egui::input::egui_wants_any_keyboard_input;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use night::Scenario;
use night::scenario::model::Minute;

/// Whether the notebook is open.
#[derive(Resource, Default)]
pub struct NotebookOpen(pub bool);

pub fn plugin(app: &mut App) {
    app.init_resource::<NotebookOpen>()
        .add_systems(
            Update,
            toggle_notebook
                .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Title)))
                .run_if(not(egui_wants_any_keyboard_input)),
        )
        .add_systems(OnExit(Screen::Playing), close_notebook)
        .add_systems(OnExit(Screen::Title), close_notebook)
        .add_systems(
            EguiPrimaryContextPass,
            notebook_window.run_if(in_state(Screen::Playing).or_else(in_state(Screen::Title))),
        );
}

fn toggle_notebook(keys: Res<ButtonInput<KeyCode>>, mut open: ResMut<NotebookOpen>) {
    if keys.just_pressed(KeyCode::F2) {
        open.0 = !open.0;
    }
}

fn close_notebook(mut open: ResMut<NotebookOpen>) {
    open.0 = false;
}

fn notebook_window(
    mut contexts: EguiContexts,
    mut open: ResMut<NotebookOpen>,
    screen: Res<State<Screen>>,
    night: Option<Res<GameSession>>,
    notebook: Res<SavedChronicles>,
    options: Res<GameOptions>,
    settings: Res<Settings>,
) -> Result {
    if !open.0 {
        return Ok(());
    }
    let Ok(scenario) = &options.scenario else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    // During the night, the page being written; on the title, the last night's.
    let chronicle = match (screen.get(), &night) {
        (Screen::Playing, Some(night)) => Some(&night.chronicle),
        _ => notebook.nights.get(&scenario.id),
    };
    let mut still_open = true;
    overlay_window("Notebook  [F2]", &mut still_open, 760.0).show(ctx, |ui| match chronicle {
        None => {
            ui.label("The notebook is empty: no night has been played on this scenario yet.");
        }
        Some(chronicle) => {
            egui::ScrollArea::vertical().show(ui, |ui| {
                page(ui, chronicle, scenario, settings.text_scale);
            });
        }
    });
    open.0 = still_open;
    Ok(())
}

/// One night's page: who the player saw, where and when; what they learned and whom they told.
pub fn page(ui: &mut egui::Ui, chronicle: &Chronicle, scenario: &Scenario, scale: f32) {
    ui.label(
        egui::RichText::new(format!(
            "{} — seed {}, {} to {}",
            chronicle.title,
            chronicle.seed,
            scenario.clock(chronicle.began),
            scenario.clock(chronicle.until)
        ))
        .size(15.0 * scale)
        .italics(),
    );
    ui.add_space(6.0);
    ui.label(
        egui::RichText::new(format!(
            "Whom {} saw, where and when",
            scenario.player_word()
        ))
        .strong()
        .size(16.0 * scale),
    );
    timeline(ui, chronicle, scenario, scale, false);
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new(format!(
            "What {0} learned, and whom {0} told",
            scenario.player_word()
        ))
        .strong()
        .size(16.0 * scale),
    );
    facts(ui, chronicle, scenario, scale);
}

/// The name of a person or a place by id (the id itself if the scenario no longer has it).
fn person_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario
        .characters
        .iter()
        .find(|c| c.id == id)
        .map_or(id, |c| c.name.as_str())
}

fn place_index(scenario: &Scenario, id: &str) -> Option<usize> {
    scenario.locations.iter().position(|l| l.id == id)
}

/// Each place its colour on the bars, the same every night: neon hues spread around the wheel.
fn place_colour(scenario: &Scenario, id: &str) -> egui::Color32 {
    let i = place_index(scenario, id).unwrap_or(0);
    let hue = (i as f32 * 0.618_034).fract();
    let c = bevy::color::Color::hsl(hue * 360.0, 0.75, 0.6).to_srgba();
    egui::Color32::from_rgb(
        (c.red * 255.0) as u8,
        (c.green * 255.0) as u8,
        (c.blue * 255.0) as u8,
    )
}

/// Per person a bar across the night: coloured stretches where the player saw them (hover for the
/// place and the times). With `rumour`, a white mark where the rumour reached them.
pub fn timeline(
    ui: &mut egui::Ui,
    chronicle: &Chronicle,
    scenario: &Scenario,
    scale: f32,
    rumour: bool,
) {
    let began = chronicle.began;
    let span = f32::from(chronicle.until.saturating_sub(began).max(1));
    let name_width = 150.0 * scale;
    let row = 18.0 * scale;
    let font = egui::FontId::proportional(12.0 * scale);
    let mut people: Vec<(&str, &[crate::game::night::chronicle::Sighting])> = chronicle
        .people_in_order()
        .into_iter()
        .map(|(id, s)| (id.as_str(), s.as_slice()))
        .collect();
    if rumour {
        // On the ending, also the people the rumour reached whom the player never saw.
        for id in chronicle.rumour.keys() {
            if !chronicle.seen.contains_key(id) {
                people.push((id.as_str(), &[]));
            }
        }
    }
    if people.is_empty() {
        ui.label(format!("{} saw no one.", scenario.player_word()));
        return;
    }
    let width = (ui.available_width() - name_width).max(200.0);
    let x_of =
        |minute: u16, left: f32| left + width * f32::from(minute.saturating_sub(began)) / span;
    // The hours along the top.
    let (axis, _) =
        ui.allocate_exact_size(egui::vec2(name_width + width, row), egui::Sense::hover());
    let painter = ui.painter_at(axis.expand(2.0));
    let left = axis.left() + name_width;
    // In clock minutes from the day's start (u32: a day of minutes added to a clock is no
    // overflow, whatever a notebook file says).
    let start_clock = u32::from(scenario.start_clock);
    let first_hour = (u32::from(began) + start_clock).div_ceil(60) * 60;
    let mut clock = first_hour;
    while clock <= u32::from(chronicle.until) + start_clock {
        let minute = Minute::try_from(clock - start_clock).unwrap_or(Minute::MAX);
        let x = x_of(minute, left);
        painter.text(
            egui::pos2(x, axis.center().y),
            egui::Align2::CENTER_CENTER,
            scenario.clock(minute),
            font.clone(),
            egui::Color32::GRAY,
        );
        clock += if span > 600.0 { 120 } else { 60 };
    }
    for (id, stretches) in people {
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(name_width + width, row), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        painter.text(
            rect.left_center(),
            egui::Align2::LEFT_CENTER,
            person_name(scenario, id),
            font.clone(),
            egui::Color32::from_gray(230),
        );
        let bar = egui::Rect::from_min_max(
            egui::pos2(rect.left() + name_width, rect.top() + 3.0),
            egui::pos2(rect.right(), rect.bottom() - 3.0),
        );
        painter.rect_filled(bar, 2.0, egui::Color32::from_gray(35));
        for stretch in stretches {
            let x0 = x_of(stretch.from, bar.left());
            let x1 = x_of(stretch.to.saturating_add(1), bar.left())
                .max(x0 + 2.0)
                .min(bar.right());
            let piece =
                egui::Rect::from_min_max(egui::pos2(x0, bar.top()), egui::pos2(x1, bar.bottom()));
            painter.rect_filled(piece, 1.0, place_colour(scenario, &stretch.place));
            let place = place_index(scenario, &stretch.place).map_or(stretch.place.as_str(), |i| {
                scenario.locations[i].name.as_str()
            });
            if x1 - x0 > 60.0 * scale {
                painter.text(
                    piece.left_center() + egui::vec2(3.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    place,
                    egui::FontId::proportional(10.0 * scale),
                    egui::Color32::BLACK,
                );
            }
            let hover = ui.interact(
                piece,
                ui.id().with((id, stretch.from)),
                egui::Sense::hover(),
            );
            hover.on_hover_text(format!(
                "{} at {}, {}–{}",
                person_name(scenario, id),
                place,
                scenario.clock(stretch.from),
                scenario.clock(stretch.to)
            ));
        }
        if rumour && let Some(&heard) = chronicle.rumour.get(id) {
            let x = x_of(heard, bar.left());
            painter.line_segment(
                [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
                egui::Stroke::new(2.5, egui::Color32::WHITE),
            );
        }
    }
}

/// The facts the player came to believe, when, and whom they told each.
pub fn facts(ui: &mut egui::Ui, chronicle: &Chronicle, scenario: &Scenario, scale: f32) {
    if chronicle.learned.is_empty() {
        ui.label("Nothing yet.");
        return;
    }
    for (at, id) in &chronicle.learned {
        let name = scenario
            .facts
            .iter()
            .find(|f| f.id == *id)
            .map_or(id.as_str(), |f| f.name.as_str());
        ui.label(
            egui::RichText::new(format!("{}  {name}", scenario.clock(*at)))
                .size(14.0 * scale)
                .color(AMBER),
        );
        let told: Vec<String> = chronicle
            .told
            .iter()
            .filter(|(_, fact, _)| fact == id)
            .map(|(when, _, who)| {
                format!(
                    "{} at {}",
                    person_name(scenario, who),
                    scenario.clock(*when)
                )
            })
            .collect();
        let line = if told.is_empty() {
            "    told no one".to_owned()
        } else {
            format!("    told {}", told.join(", "))
        };
        ui.label(egui::RichText::new(line).size(13.0 * scale));
        // An alarming fact also travels by word of mouth: whom the rumour reached, and when.
        let alarming = scenario.facts.iter().any(|f| f.id == *id && f.alarming);
        let player = &scenario.characters[scenario.player as usize].id;
        let mut heard: Vec<(Minute, &String)> = chronicle
            .rumour
            .iter()
            .filter(|(who, _)| *who != player)
            .map(|(who, when)| (*when, who))
            .collect();
        if alarming && !heard.is_empty() {
            heard.sort();
            const SHOWN: usize = 6;
            let mut names: Vec<String> = heard
                .iter()
                .take(SHOWN)
                .map(|(when, who)| {
                    format!("{} {}", person_name(scenario, who), scenario.clock(*when))
                })
                .collect();
            if heard.len() > SHOWN {
                names.push(format!("and {} more", heard.len() - SHOWN));
            }
            ui.label(
                egui::RichText::new(format!("    the rumour reached: {}", names.join(", ")))
                    .size(13.0 * scale),
            );
        }
    }
}
