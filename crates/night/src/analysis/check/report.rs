//! What `check` reports: each ending's reach and witness, dead ends, the starts' explorations,
//! and what never happened.

use serde::Serialize;

/// Whether an ending (or anything else) can happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Found, with a way there.
    Yes,
    /// The exploration was exhaustive and never reached it.
    Never,
    /// Not found, but the exploration was cut off by its bound.
    NotFoundWithinBound,
}

/// A way to an ending or a situation: the start, the actions in `text --script` syntax, and
/// a seed under which the chances come out as the way needs.
#[derive(Clone, Debug, Serialize)]
pub struct Witness {
    pub start: String,
    /// `None` when no seed among those tried gives the chances this way needs.
    pub seed: Option<u64>,
    pub actions: Vec<String>,
    /// How many chances the way needs to come out one way (a seed must give them all).
    pub chances: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct EndingReport {
    pub id: String,
    pub kind: String,
    pub reachable: Reach,
    /// The earliest clock time at which it was seen to happen ("HH:MM"), and whether that is
    /// the earliest possible (the exploration that found it was exhaustive).
    pub earliest: Option<String>,
    pub earliest_exact: bool,
    /// A shortest way found, in the player's actions.
    pub witness: Option<Witness>,
}

/// A situation from which only endings of kind loss can still happen.
#[derive(Clone, Debug, Serialize)]
pub struct DeadEnd {
    /// The clock time, where the player is, and the action that led there.
    pub at: String,
    pub place: String,
    pub after: Option<String>,
    /// The endings still possible from there, all losses.
    pub remaining: Vec<String>,
    /// How to get into it.
    pub witness: Witness,
}

/// How one start was explored.
#[derive(Clone, Debug, Serialize)]
pub struct StartReport {
    pub id: String,
    /// Distinct states of the exact exploration, and whether it was exhaustive.
    pub states: usize,
    pub exhaustive: bool,
    /// States of all the searches of this start together, and steps simulated.
    pub states_searched: usize,
    pub steps: u64,
}

/// A part of the scenario the analysis found a problem with, for a diagnostic at its place:
/// the same kind of warning as the compiler's.
pub use crate::scenario::model::Lint as Finding;

/// Everything `check` found.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub starts: Vec<StartReport>,
    /// Every start was explored exhaustively: "never" means never.
    pub exhaustive: bool,
    pub endings: Vec<EndingReport>,
    /// What no exploration reached (never, when `exhaustive`; else not found within the bound).
    pub never: NeverReport,
    pub dead_ends: Vec<DeadEnd>,
    pub findings: Vec<Finding>,
    /// The caller stopped the analysis before its bounds were reached (a time limit): what it
    /// found stands, and what it did not is "not found within the bound".
    pub stopped_early: bool,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct NeverReport {
    pub states: Vec<String>,
    pub transitions: Vec<String>,
    pub events: Vec<String>,
    pub places: Vec<String>,
    /// Facts no one comes to believe.
    pub facts: Vec<String>,
    pub calls: Vec<String>,
}
