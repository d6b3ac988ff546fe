//! Findings: what the report says about the file at `FILE:LINE:COLUMN` (an ending never
//! reached, a part never seen, a bound that cut the search off).

use super::*;
use crate::analysis::coverage::{Never, PartKind};
use crate::scenario::Scenario;

/// Diagnostics at the scenario's own text: endings that cannot happen (or were not found),
/// and parts that never come into play.
pub(super) fn findings(
    s: &Scenario,
    never: &Never,
    best: &[Option<Sighting>],
    exhaustive: bool,
) -> Vec<Finding> {
    let bound_help = (!exhaustive).then(|| {
        "the exploration was cut off by its bound (see --max-states): not found is not never"
            .to_owned()
    });
    let mut out = Vec::new();
    for (e, ending) in s.endings.iter().enumerate() {
        if best[e].is_none() {
            let message = if exhaustive {
                format!("ending `{}` can never happen", ending.id)
            } else {
                format!("ending `{}` was not found within the bound", ending.id)
            };
            out.push(Finding {
                span: s.spans.endings.get(e).cloned().unwrap_or(0..0),
                message,
                help: bound_help.clone().or_else(|| {
                    Some(
                        "whatever the player does, its `when` never holds while the night lasts"
                            .into(),
                    )
                }),
            });
        }
    }
    for part in &never.parts {
        let (never_verb, seen_verb) = match part.kind {
            PartKind::State => ("is never entered", "entered"),
            PartKind::Transition => ("never fires", "fire"),
            PartKind::Event => ("never happens", "happen"),
            PartKind::Fact => ("is never believed by anyone", "believed"),
            PartKind::Call => ("can never be made", "made"),
            PartKind::Place => ("is never reached by the player", "reached"),
        };
        let message = if exhaustive {
            format!("{} {never_verb}", part.name)
        } else {
            format!("{} was not seen {seen_verb} within the bound", part.name)
        };
        out.push(Finding {
            span: part.span.clone(),
            message,
            help: bound_help.clone(),
        });
    }
    out
}
