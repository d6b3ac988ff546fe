//! Playing a script as `text --script` does: its lines parsed by the same parser
//! (`parse_script`), each action played and then on until Harry is free, through
//! `check::plays_to`. Plans, their slow variants and `check`'s witnesses are all judged so.

use night::Scenario;
use night::analysis::check;
use night::sim::{Outcome, parse_script};
use std::ops::Range;

/// How the script ends from the start named `start` under `seed`: `Err` when a line is not
/// an action or the start is unknown, `Ok(None)` when an action is refused (or the night
/// ends before the script does, so that a later line cannot be played).
pub fn outcome(
    s: &Scenario,
    start: &str,
    seed: u64,
    lines: &[String],
) -> Result<Option<Outcome>, String> {
    let start = s
        .start_index(start)
        .ok_or_else(|| format!("no start `{start}`"))?;
    let actions = parse_script(&lines.join("\n"), s)
        .map_err(|(n, e)| format!("line {n} (`{}`): {}", lines[n - 1], e.message))?;
    Ok(check::plays_to(s, start, seed, &actions))
}

pub fn ending_index(s: &Scenario, id: &str) -> u16 {
    s.endings
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no ending `{id}`")) as u16
}

/// Whether the script plays to ending `id`.
pub fn reaches(s: &Scenario, start: &str, seed: u64, lines: &[String], id: &str) -> bool {
    matches!(outcome(s, start, seed, lines), Ok(Some(Outcome::Ending(e))) if e == ending_index(s, id))
}

/// The first seed in `seeds` under which the script plays to ending `id`.
pub fn find_seed(
    s: &Scenario,
    start: &str,
    lines: &[String],
    id: &str,
    seeds: Range<u64>,
) -> Option<u64> {
    seeds
        .into_iter()
        .find(|&seed| reaches(s, start, seed, lines, id))
}
