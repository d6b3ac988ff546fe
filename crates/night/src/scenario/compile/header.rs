//! Compiling the header: the clock, the deadline, the player, the countdown, the night's
//! chances, the map's origin and the sections every night needs.

use super::{Compiler, Kind, parse_clock};
use crate::scenario::model::*;
use crate::scenario::raw::*;

impl Compiler<'_> {
    /// The clock, the deadline, the player and the countdown's words.
    pub(super) fn header(&mut self, raw: &ScenarioRaw) -> (u16, Minute, CharId, String) {
        let start_clock = match parse_clock(&raw.start.text) {
            Ok(c) => c,
            Err(help) => {
                self.error(
                    &raw.start,
                    format!("invalid time `{}`", raw.start.text),
                    Some("a time \"HH:MM\" from 00:00 to 23:59".into()),
                    help,
                );
                0
            }
        };
        let deadline = self.time(&raw.deadline, start_clock);
        let player = self.resolve(Kind::Character, &raw.player);
        let countdown = match &raw.countdown {
            Some(words) if !words.text.contains(COUNTDOWN_MINUTES) => {
                self.error(
                    words,
                    format!(
                        "the countdown `{}` does not say how many minutes",
                        words.text
                    ),
                    Some(format!(
                        "words with `{COUNTDOWN_MINUTES}` where the number goes"
                    )),
                    Some(format!("countdown: \"IMPACT IN {COUNTDOWN_MINUTES} MIN\"")),
                );
                DEFAULT_COUNTDOWN.to_owned()
            }
            Some(words) => words.text.clone(),
            None => DEFAULT_COUNTDOWN.to_owned(),
        };
        (start_clock, deadline, player, countdown)
    }

    /// The city map's name: a plain file name, so that it names a file in `assets/maps/`.
    pub(super) fn map_name(&mut self, raw: &ScenarioRaw) -> Option<String> {
        let name = raw.map.as_ref()?;
        let plain = !name.text.is_empty()
            && name
                .text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !plain {
            self.error(
                name,
                format!("the map `{}` is not a plain name", name.text),
                Some("letters, digits, `_` and `-`: the name of a file in assets/maps/".into()),
                Some("map: \"miracle_mile\" draws assets/maps/miracle_mile.city.ron".into()),
            );
            return None;
        }
        Some(name.text.clone())
    }

    /// The night's chances: they come first among the draws.
    pub(super) fn night_chances(&mut self, raw: &ScenarioRaw) -> Vec<NightChance> {
        let mut chances = Vec::new();
        for (id, p) in &raw.chances.0 {
            let probability = self.probability(id, *p);
            let draw = self.new_draw(format!("chance:{}", id.text));
            chances.push(NightChance {
                id: id.text.clone(),
                probability,
                draw,
            });
        }
        chances
    }

    /// The map's (0, 0): the scenario's `origin`, else its first place.
    pub(super) fn origin(&mut self, raw: &ScenarioRaw) -> (f64, f64) {
        match (&raw.origin, raw.locations.0.first()) {
            (
                Some(PosRaw {
                    lat: Some(lat),
                    lon: Some(lon),
                    ..
                }),
                _,
            ) => (*lat, *lon),
            (Some(_), _) => {
                self.error(
                    &raw.id,
                    "the scenario's `origin` must be a latitude and longitude".into(),
                    Some("origin: (lat: 34.0631, lon: -118.3623)".into()),
                    Some("positions in metres (x, y) are already relative to the origin".into()),
                );
                (0.0, 0.0)
            }
            (_, Some((_, first))) => (first.at.lat.unwrap_or(0.0), first.at.lon.unwrap_or(0.0)),
            _ => (0.0, 0.0),
        }
    }

    /// The sections a night cannot do without.
    pub(super) fn required_sections(&mut self, raw: &ScenarioRaw) {
        let sections = [
            (
                raw.starts.0.is_empty(),
                "starts",
                "at least one start: (name: ..., time: \"HH:MM\", at: \"place\")",
            ),
            (raw.endings.0.is_empty(), "endings", "at least one ending"),
            (
                raw.locations.0.is_empty(),
                "locations",
                "at least one location",
            ),
        ];
        for (missing, section, expected) in sections {
            if missing {
                self.error(
                    &raw.id,
                    format!("the scenario has no `{section}`"),
                    Some(expected.into()),
                    None,
                );
            }
        }
    }
}
