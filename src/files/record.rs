//! A night's record: the scenario it was played on, the seed, the start, and the player's actions
//! with the clock time of each. The core is deterministic, so this small file is the whole
//! night: replaying it gives the same night, minute for minute.

use night::session::Replay;
use night::sim::Action;
use night::{Scenario, Session};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct NightRecord {
    /// The scenario's id.
    pub scenario: String,
    /// FNV-1a of the scenario's text, in hex: replaying on another version is allowed, but said.
    pub scenario_hash: String,
    pub seed: u64,
    /// The id of the start the night began from.
    pub start: String,
    /// The player's actions in order, each with the clock time it was taken.
    pub actions: Vec<RecordedAction>,
    /// The clock time the night had reached when the record was written.
    pub reached: String,
    /// The ending's id, once the night has one.
    pub ending: Option<String>,
    /// FNV-1a of the night's transcript (every narrated line, one per line), in hex: what
    /// `replay --verify` compares. Empty in records written before it was kept.
    pub transcript: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RecordedAction {
    /// "HH:MM".
    pub at: String,
    /// In the syntax of `miracle-mile text --script`.
    pub action: String,
}

/// A record read against a scenario: the night to play again, in the core's terms.
#[derive(Clone, Debug)]
pub struct ResolvedRecord {
    pub replay: Replay,
    /// Set when the record was made on another version of the scenario.
    pub other_version: bool,
}

pub fn hash_text(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Reads a record file, saying where and what is wrong.
pub fn read(path: &Path) -> Result<NightRecord, String> {
    match crate::files::store::read_ron(path) {
        Ok(Some(record)) => Ok(record),
        Ok(None) => Err(format!("{}: no such file", path.display())),
        Err(why) => Err(format!("{}: {why}", path.display())),
    }
}

/// Writes a record file atomically, keeping the file it replaces as `NAME.bak`.
pub fn write(path: &Path, record: &NightRecord) -> Result<(), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    crate::files::store::Store::at(folder).save(&name.to_string_lossy(), record)
}

/// The hash a record keeps of a transcript.
pub fn transcript_hash(lines: &[String]) -> String {
    hash_text(night::scenario::fnv1a(&lines.join("\n")))
}

impl NightRecord {
    /// The record of a night so far; `transcript` is its narrated lines (see
    /// `Session::transcript`), which a front end that shows them already holds.
    pub fn of(session: &Session, transcript: &[String]) -> NightRecord {
        let (sim, start) = (session.sim(), session.start());
        let s = sim.scenario();
        NightRecord {
            scenario: s.id.clone(),
            scenario_hash: hash_text(s.source_hash),
            seed: sim.seed(),
            start: s
                .starts
                .get(start)
                .map(|st| st.id.clone())
                .unwrap_or_default(),
            actions: session
                .actions()
                .iter()
                .map(|(at, action)| RecordedAction {
                    at: s.clock(*at),
                    action: action.text(s),
                })
                .collect(),
            reached: sim.clock(),
            ending: session.ending().map(|e| e.id.clone()),
            transcript: transcript_hash(transcript),
        }
    }

    /// Reads the record against `scenario`; says which entry does not fit, and why.
    pub fn resolve(&self, scenario: &Scenario) -> Result<ResolvedRecord, String> {
        if self.scenario != scenario.id {
            return Err(format!(
                "this night was played on the scenario `{}`, not `{}`",
                self.scenario, scenario.id
            ));
        }
        let start = scenario
            .start_index(&self.start)
            .ok_or_else(|| format!("the scenario has no start `{}`", self.start))?;
        let minute = |clock: &str, what: &str| {
            night::scenario::parse_clock(clock)
                .map(|c| scenario.minute_at(c))
                .map_err(|_| format!("{what}: `{clock}` is not a clock time (HH:MM)"))
        };
        let mut actions = Vec::with_capacity(self.actions.len());
        let mut last = 0;
        for (i, entry) in self.actions.iter().enumerate() {
            let what = format!("action {}", i + 1);
            let at = minute(&entry.at, &what)?;
            if at < last {
                return Err(format!(
                    "{what} at {} is earlier than the one before",
                    entry.at
                ));
            }
            last = at;
            let action = Action::parse(&entry.action, scenario)
                .map_err(|e| format!("{what} `{}`: {e}", entry.action))?;
            actions.push((at, action));
        }
        let reached = minute(&self.reached, "reached")?.max(last);
        Ok(ResolvedRecord {
            replay: Replay {
                seed: self.seed,
                start,
                actions,
                reached,
                ended: self.ending.is_some(),
            },
            other_version: self.scenario_hash != hash_text(scenario.source_hash),
        })
    }
}
