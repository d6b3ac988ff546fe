//! Where each part of a scenario was written: byte ranges of ids in the source text, for
//! diagnostics that point at a part (an ending that can never happen, a transition that never
//! fires) rather than at a syntax error.

use super::raw::{ScenarioRaw, TransitionRaw};
use super::spanned::Spanned;
use std::ops::Range;

/// Byte ranges, by the same indices as the model's parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceSpans {
    pub locations: Vec<Range<usize>>,
    pub characters: Vec<Range<usize>>,
    /// `[location][state]`: the state's id (the location's, for its one implicit state).
    pub location_states: Vec<Vec<Range<usize>>>,
    pub character_states: Vec<Vec<Range<usize>>>,
    /// `[location][transition]`: the transition's `to`, else its first `from`, else the owner.
    pub location_transitions: Vec<Vec<Range<usize>>>,
    pub character_transitions: Vec<Vec<Range<usize>>>,
    pub facts: Vec<Range<usize>>,
    pub calls: Vec<Range<usize>>,
    pub events: Vec<Range<usize>>,
    pub endings: Vec<Range<usize>>,
}

impl SourceSpans {
    /// The spans of a scenario that compiled from `raw` and `source`.
    pub(super) fn of(raw: &ScenarioRaw, source: &str) -> SourceSpans {
        let span = |id: &Spanned| id.span(source).unwrap_or(0..0);
        let keys = |ids: Vec<&Spanned>| ids.into_iter().map(span).collect::<Vec<_>>();
        let transition = |owner: &Spanned, t: &TransitionRaw| {
            let at =
                t.to.as_ref()
                    .or_else(|| t.from.as_ref().and_then(|f| f.0.first()))
                    .unwrap_or(owner);
            span(at)
        };
        let states = |owner: &Spanned, ids: Vec<&Spanned>| {
            if ids.is_empty() {
                vec![span(owner)]
            } else {
                keys(ids)
            }
        };
        let locations = &raw.locations.0;
        let characters = &raw.characters.0;
        SourceSpans {
            locations: keys(locations.iter().map(|(id, _)| id).collect()),
            characters: keys(characters.iter().map(|(id, _)| id).collect()),
            location_states: locations
                .iter()
                .map(|(id, l)| states(id, l.states.0.iter().map(|(s, _)| s).collect()))
                .collect(),
            character_states: characters
                .iter()
                .map(|(id, c)| states(id, c.states.0.iter().map(|(s, _)| s).collect()))
                .collect(),
            location_transitions: locations
                .iter()
                .map(|(id, l)| l.transitions.iter().map(|t| transition(id, t)).collect())
                .collect(),
            character_transitions: characters
                .iter()
                .map(|(id, c)| c.transitions.iter().map(|t| transition(id, t)).collect())
                .collect(),
            facts: keys(raw.facts.0.iter().map(|(id, _)| id).collect()),
            calls: keys(raw.calls.0.iter().map(|(id, _)| id).collect()),
            events: keys(raw.events.0.iter().map(|(id, _)| id).collect()),
            endings: keys(raw.endings.0.iter().map(|(id, _)| id).collect()),
        }
    }
}
