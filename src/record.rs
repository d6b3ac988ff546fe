//! A night's record: the scenario it was played on, the seed, the start, and Harry's actions
//! with the clock time of each. The core is deterministic, so this small file is the whole
//! night: replaying it gives the same night, minute for minute.

use night::scenario::model::Minute;
use night::sim::Action;
use night::{Scenario, Sim};
use serde::{Deserialize, Serialize};

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
    /// Harry's actions in order, each with the clock time it was taken.
    pub actions: Vec<RecordedAction>,
    /// The clock time the night had reached when the record was written.
    pub reached: String,
    /// The ending's id, once the night has one.
    pub ending: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RecordedAction {
    /// "HH:MM".
    pub at: String,
    /// In the syntax of `miracle-mile text --script`.
    pub action: String,
}

/// A record read against a scenario: minutes and actions the sim understands.
#[derive(Clone, Debug)]
pub struct ResolvedRecord {
    pub seed: u64,
    pub start: usize,
    pub actions: Vec<(Minute, Action)>,
    pub reached: Minute,
    /// Set when the record was made on another version of the scenario.
    pub other_version: bool,
}

pub fn hash_text(hash: u64) -> String {
    format!("{hash:016x}")
}

impl NightRecord {
    /// The record of a night so far.
    pub fn of(sim: &Sim, start: usize, actions: &[(Minute, Action)]) -> NightRecord {
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
            actions: actions
                .iter()
                .map(|(at, action)| RecordedAction {
                    at: s.clock(*at),
                    action: action.text(s),
                })
                .collect(),
            reached: sim.clock(),
            ending: match sim.outcome() {
                Some(night::sim::Outcome::Ending(e)) => {
                    s.endings.get(e as usize).map(|e| e.id.clone())
                }
                _ => None,
            },
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
                .map(|c| ((c + 1440 - scenario.start_clock) % 1440) as Minute)
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
            seed: self.seed,
            start,
            actions,
            reached,
            other_version: self.scenario_hash != hash_text(scenario.source_hash),
        })
    }
}
