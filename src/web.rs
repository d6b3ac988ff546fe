//! The page around the game in the browser: what the page's address asks for (a seed, a
//! start, the film's night played by itself), scenario files the player drops onto the page or
//! picks (the page's script reads them and hands their text here, since the windowing layer
//! sends no dropped-file event on the web), and the golden night for the browser test.

use crate::game::map::city::data::CityMap;
use night::Scenario;
use std::sync::Mutex;

/// A file handed over by the page: a scenario (or its diagnostics), or a night's record.
pub enum Opened {
    Scenario(String, Result<Scenario, String>),
    Record(String, crate::files::record::NightRecord),
    /// A city map (`NAME.city.ron`) for the scenarios that name it: by its name, or why it
    /// cannot be read.
    CityMap(String, Result<CityMap, String>),
}

/// Files handed over by the page and not yet taken by the game.
static INBOX: Mutex<Vec<Opened>> = Mutex::new(Vec::new());

/// Reads a scenario file's text for the game; returns its diagnostics, rendered as the
/// terminal shows them, or an empty string when it loads. Either way the game hears of it
/// (a broken file's diagnostics show in the game too).
///
/// A night's record (saved from the ending screen) is played back instead, as the desktop's
/// `--replay FILE` does; whether it fits the scenario playing is for the game to say. A city
/// map (`NAME.city.ron`) is kept for the scenarios whose `map` is `NAME`, as the desktop finds
/// one beside the scenario's file.
pub fn open_scenario(name: &str, text: &str) -> String {
    if let Some(map_name) = name.strip_suffix(".city.ron") {
        let result = CityMap::from_ron(text).map_err(|e| format!("{name}: {e}"));
        let diagnostics = result.as_ref().err().cloned().unwrap_or_default();
        push(Opened::CityMap(map_name.to_owned(), result));
        return diagnostics;
    }
    if let Ok(record) = ron::from_str::<crate::files::record::NightRecord>(text) {
        push(Opened::Record(name.to_owned(), record));
        return String::new();
    }
    let result = Scenario::from_ron(name, text).map_err(|d| d.render());
    let diagnostics = result.as_ref().err().cloned().unwrap_or_default();
    push(Opened::Scenario(name.to_owned(), result));
    diagnostics
}

fn push(opened: Opened) {
    if let Ok(mut inbox) = INBOX.lock() {
        inbox.push(opened);
    }
}

/// The oldest file the page handed over that the game has not taken yet.
pub fn take_opened() -> Option<Opened> {
    let mut inbox = INBOX.lock().ok()?;
    (!inbox.is_empty()).then(|| inbox.remove(0))
}

/// The film's own night (its script, seed 1, the call) as `miracle-mile text --script` prints
/// it: the browser test compares it with the native build's golden transcript.
pub fn golden_transcript() -> String {
    let scenario = match crate::files::scenario_file::load(None) {
        Ok(s) => s,
        Err(d) => return d.render(),
    };
    let Some(start) = scenario.start_index("the_call") else {
        return "the film has no start `the_call`".into();
    };
    crate::transcript::script_transcript(
        &scenario,
        1,
        start,
        "tests/nights/film_into_the_tar.script",
        FILM_SCRIPT,
    )
}

/// The film's night as a script of the player's actions (the golden night's, and what the page
/// plays by itself with `?script=film`).
pub const FILM_SCRIPT: &str = include_str!("../tests/nights/film_into_the_tar.script");

/// The value of `key` in the page address's query (`?seed=1` gives `1` for `seed`).
pub fn query(key: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(key)
}
