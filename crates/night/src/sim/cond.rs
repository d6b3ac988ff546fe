//! Evaluating conditions. Pure: reading a condition never draws a chance or changes state.

use super::Sim;
use super::state::{Activity, Owner};
use crate::scenario::model::*;

impl Sim {
    /// Whether `cond` holds now. `owner` is the state machine it belongs to (for
    /// `InStateFor`).
    pub fn eval(&self, cond: &Cond, owner: Option<Entity>) -> bool {
        let st = &self.state;
        match cond {
            Cond::All(cs) => cs.iter().all(|c| self.eval(c, owner)),
            Cond::Any(cs) => cs.iter().any(|c| self.eval(c, owner)),
            Cond::Not(c) => !self.eval(c, owner),
            Cond::Always => true,
            Cond::Never => false,
            Cond::Before(t) => st.now < *t,
            Cond::After(t) => st.now >= *t,
            Cond::Deadline => st.now >= self.scenario.deadline,
            Cond::EndOfDay => st.now >= DAY,
            Cond::At(who, place) => self.place_of(*who) == Some(*place),
            Cond::With(who) => self.character_state(*who).place == Place::WithHarry,
            Cond::Here(who) => {
                let harry = self.place_of(self.scenario.player);
                harry.is_some() && self.place_of(*who) == harry
            }
            Cond::State(entity, state) => match entity {
                Entity::Location(l) => st.location_state[*l as usize] == *state,
                Entity::Character(c) => st.character_state[*c as usize] == *state,
            },
            Cond::InStateFor(minutes) => {
                let since = match owner {
                    Some(Entity::Location(l)) => st.location_since[l as usize],
                    Some(Entity::Character(c)) => st.character_since[c as usize],
                    None => return false,
                };
                st.now.saturating_sub(since) >= *minutes
            }
            Cond::Holds(who, item) => st.item_owner[*item as usize] == Owner::Held(*who),
            Cond::Flag(f) => st.flags.get(*f as usize),
            Cond::Believes(who, fact) => self.believes(*who, *fact),
            Cond::Told(who, fact) => st.told.get(self.fact_bit(*fact, *who)),
            Cond::PanicAtLeast(place, n) => st.panic[*place as usize] >= *n,
            Cond::PanicHere(n) => st.panic[st.harry_at as usize] >= *n,
            Cond::Believers(fact, n) => self.believers(*fact) >= usize::from(*n),
            Cond::Chance(i) => st.night_chances.get(*i as usize),
            Cond::Happened(e) => st.events_fired.get(*e as usize),
            Cond::Sleeping => matches!(st.activity, Activity::Asleep { .. }),
            Cond::Travelling => matches!(st.activity, Activity::Travel { .. }),
        }
    }
}
