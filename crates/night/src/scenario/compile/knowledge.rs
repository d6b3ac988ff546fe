//! Compiling what can be known: facts, calls, and the belief draws of every listener.

use super::{Compiler, CondContext, Kind};
use crate::scenario::model::*;
use crate::scenario::raw::*;

impl Compiler<'_> {
    /// The facts that can be told and believed.
    pub(super) fn facts(&mut self, raw: &ScenarioRaw, start_clock: u16) -> Vec<Fact> {
        for (_, f) in &raw.facts.0 {
            self.unique_keys(&f.from, "teller in this `from`");
        }
        raw.facts
            .0
            .iter()
            .map(|(id, f)| Fact {
                id: id.text.clone(),
                name: f.name.clone(),
                text: f.text.clone(),
                credibility: self.probability(id, f.credibility),
                from: f
                    .from
                    .0
                    .iter()
                    .map(|(who, p)| {
                        (
                            self.resolve(Kind::Character, who),
                            self.probability(who, *p),
                        )
                    })
                    .collect(),
                confirmed: f
                    .confirmed
                    .as_ref()
                    .map(|c| self.cond(c, id, CondContext::Elsewhere, start_clock)),
                contagious: f.contagious,
                alarming: f.alarming,
            })
            .collect()
    }

    /// The calls the player can make.
    pub(super) fn calls(&mut self, raw: &ScenarioRaw, start_clock: u16) -> Vec<Call> {
        raw.calls
            .0
            .iter()
            .map(|(id, c)| {
                if c.minutes == 0 || c.minutes > 600 {
                    self.error(
                        id,
                        format!("call `{}` lasts {} minutes", id.text, c.minutes),
                        Some("minutes from 1 to 600".into()),
                        None,
                    );
                }
                Call {
                    id: id.text.clone(),
                    name: c.name.clone(),
                    number: c.number.clone(),
                    when: c
                        .when
                        .as_ref()
                        .map(|w| self.cond(w, id, CondContext::Elsewhere, start_clock)),
                    minutes: c.minutes.clamp(1, 600) as u16,
                    then: self.effects(&c.then, start_clock),
                }
            })
            .collect()
    }

    /// One draw stream per (fact, listener), laid out fact-major; the first one's key.
    pub(super) fn belief_draws(&mut self, facts: &[Fact], characters: &[Character]) -> DrawKey {
        let belief_draw_base = self.draws.len() as DrawKey;
        for f in facts {
            for ch in characters {
                self.new_draw(format!("belief:{}:{}", f.id, ch.id));
            }
        }
        belief_draw_base
    }
}
