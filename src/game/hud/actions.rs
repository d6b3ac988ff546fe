//! The action panel as egui draws it: the sections of [`super::panel`] with each entry's key,
//! a person's entry opening their own list, a journey's ways side by side with their costs.

use super::panel::{self, Entry, Modifier};
use super::{Changed, Shown};
use crate::game::night::ChooseAction;
use crate::game::theme::palette::{AMBER, CYAN, GOLD};
use bevy_egui::egui;
use night::Scenario;
use night::scene::{Scene, trip_minutes};
use night::sim::{Action, Sim};

/// An action as its person's list says it (the person is the list's title).
fn short(action: &Action, s: &Scenario) -> String {
    let it = |i: u16| &s.items[i as usize].name;
    match action {
        Action::Talk { topic, .. } => format!("Talk about {}", s.topics[*topic as usize].name),
        Action::Tell { fact, .. } => format!("Tell: {}", s.facts[*fact as usize].name),
        Action::Ask { item, .. } => format!("Ask for {}", it(*item)),
        Action::Give { item, .. } => format!("Give {}", it(*item)),
        Action::Use { item, .. } => format!("Use {} on them", it(*item)),
        other => other.describe(s),
    }
}

/// A journey's way as its button says it: "walk 3 min".
fn way(action: &Action, sim: &Sim) -> String {
    let mode = match action {
        Action::Go { mode, .. } => format!("{mode:?}").to_lowercase(),
        _ => String::new(),
    };
    match trip_minutes(sim, action) {
        Some(m) => format!("{mode} {m} min"),
        None => mode,
    }
}

/// The panel's actions, under their section titles, each entry with its key.
pub fn action_panel(ui: &mut egui::Ui, shown: &Shown, changed: &mut Changed, scene: &Scene) {
    let night = &*shown.night;
    let (sim, page) = (night.sim(), shown.page.0);
    let s = sim.scenario();
    let scale = changed.settings.text_scale;
    let focus = changed.focus.0;
    let sections = panel::sections(sim, &night.actions, focus);
    if let Some(who) = focus {
        let back = ui.button(egui::RichText::new("[Esc] ‹ Back to everyone").size(14.0 * scale));
        if back.clicked() {
            changed.focus.0 = None;
        }
        // What is not in this list is found back among everyone's.
        for action in night
            .actions
            .iter()
            .filter(|a| panel::concerns(a) != Some(who))
        {
            remember(changed, ui, action, &back, true);
        }
        let doing = &sim.character_state(who).description;
        if !doing.is_empty() {
            ui.label(egui::RichText::new(doing).italics().size(14.0 * scale));
        }
    }
    let pages = panel::pages(&sections);
    if pages > 1 {
        ui.label(
            egui::RichText::new(format!(
                "Keys for page {} of {pages} ([ ] or PgUp/PgDn)",
                page + 1
            ))
            .color(AMBER),
        );
    }
    let mut index = 0;
    for section in &sections {
        section_title(ui, &section.title, scale);
        for entry in &section.entries {
            let key = panel::key_label(index, page).unwrap_or("");
            index += 1;
            draw_entry(ui, shown, changed, entry, key, focus.is_some());
        }
    }
    if focus.is_none() {
        // Those here with nothing to do with them are still seen.
        let listed = |name: &str| {
            panel::entries(&sections).any(|e| {
                matches!(e, Entry::Person { who, .. } if s.characters[*who as usize].name == name)
            })
        };
        let others: Vec<_> = scene.people.iter().filter(|p| !listed(&p.name)).collect();
        if !others.is_empty() {
            section_title(ui, "Also here", scale);
        }
        for person in others {
            let text = if person.doing.is_empty() {
                person.name.clone()
            } else {
                format!("{} — {}", person.name, person.doing)
            };
            ui.label(egui::RichText::new(text).weak().size(14.0 * scale));
        }
    }
}

fn section_title(ui: &mut egui::Ui, title: &str, scale: f32) {
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(title.to_uppercase())
            .size(12.0 * scale)
            .color(GOLD)
            .strong(),
    );
}

/// One entry: its button (or a journey's row of buttons), remembered for the pointer.
fn draw_entry(
    ui: &mut egui::Ui,
    shown: &Shown,
    changed: &mut Changed,
    entry: &Entry,
    key: &str,
    in_a_list: bool,
) {
    let night = &*shown.night;
    let sim = night.sim();
    let s = sim.scenario();
    let scale = changed.settings.text_scale;
    let key = if key.is_empty() {
        String::new()
    } else {
        format!("[{key}] ")
    };
    let response = match entry {
        Entry::Act(action) => {
            let label = if in_a_list {
                short(action, s)
            } else {
                action.describe(s)
            };
            let button = ui.button(egui::RichText::new(format!("{key}{label}")).size(15.0 * scale));
            if button.clicked() {
                changed.choose.write(ChooseAction(action.clone()));
                changed.focus.0 = None;
            }
            remember(changed, ui, action, &button, false);
            button
        }
        Entry::Person { who, actions } => {
            let c = &s.characters[*who as usize];
            let doing = &sim.character_state(*who).description;
            let text = if doing.is_empty() {
                format!("{key}{}  › {}", c.name, actions.len())
            } else {
                format!("{key}{} — {doing}  › {}", c.name, actions.len())
            };
            let button = ui.button(egui::RichText::new(text).size(15.0 * scale));
            if button.clicked() {
                changed.focus.0 = Some(*who);
            }
            for action in actions {
                remember(changed, ui, action, &button, true);
            }
            button
        }
        Entry::Journey { to, ways } => {
            let highlighted = shown.selected.0 == Some(*to);
            ui.horizontal_wrapped(|ui| {
                let mut first = None;
                for (k, action) in ways.iter().enumerate() {
                    let modifier = match action {
                        Action::Go { mode, .. } => Modifier::for_mode(*mode),
                        _ => Modifier::None,
                    };
                    let text = if k == 0 {
                        format!(
                            "{key}{} · {}",
                            s.locations[*to as usize].name,
                            way(action, sim)
                        )
                    } else if key.is_empty() {
                        way(action, sim)
                    } else {
                        format!("{}{}", modifier.label(), way(action, sim))
                    };
                    let mut rich =
                        egui::RichText::new(text).size(if k == 0 { 15.0 } else { 13.0 } * scale);
                    if highlighted {
                        rich = rich.color(CYAN).strong();
                    }
                    let button = ui.button(rich);
                    if button.clicked() {
                        changed.choose.write(ChooseAction(action.clone()));
                    }
                    remember(changed, ui, action, &button, false);
                    first.get_or_insert(button);
                }
                first
            })
            .inner
            .unwrap_or_else(|| ui.label(""))
        }
    };
    if let Some(wanted) = &changed.targets.scroll_to
        && entry.leads_to(wanted)
    {
        response.scroll_to_me(Some(egui::Align::Center));
        changed.targets.scroll_to = None;
    }
}

/// Where a button for `action` was drawn, for the synthetic pointer: a button that chooses
/// it, or one that opens the list it is in.
fn remember(
    changed: &mut Changed,
    ui: &egui::Ui,
    action: &Action,
    button: &egui::Response,
    opens: bool,
) {
    if !ui.clip_rect().contains_rect(button.rect) {
        return;
    }
    let list = if opens {
        &mut changed.targets.openers
    } else {
        &mut changed.targets.panel
    };
    list.push((action.clone(), button.rect));
}
