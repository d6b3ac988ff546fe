//! Effects and triggered transitions: how the scenario changes the night.

use super::Sim;
use super::event::EventKind;
use super::state::{Activity, Outcome, Owner};
use crate::scenario::model::*;

/// How many events may be nested inside one another (an event whose effects or whose waiting
/// transitions fire another event...) before the chain is cut. Every such chain passes
/// through `fire_event`, so this bounds the recursion whatever the scenario says.
const MAX_EVENT_DEPTH: u8 = 16;

impl Sim {
    pub(super) fn run_effects(&mut self, effects: &[Effect]) {
        for e in effects {
            if self.is_over() {
                return;
            }
            match e {
                Effect::Set(f) => {
                    self.state.flags.set(*f as usize, true);
                    self.touch(bucket::flag(*f));
                }
                Effect::Unset(f) => {
                    self.state.flags.set(*f as usize, false);
                    self.touch(bucket::flag(*f));
                }
                Effect::Give(who, item) => self.move_item(*item, Owner::Held(*who)),
                Effect::Take(item) => self.move_item(*item, Owner::Nowhere),
                Effect::Place(item, place) => self.move_item(*item, Owner::At(*place)),
                Effect::SetState(entity, state) => self.set_state_of(*entity, *state),
                Effect::Move(place) => {
                    self.state.harry_at = *place;
                    if let Activity::Travel { .. } = self.state.activity {
                        self.state.activity = Activity::Idle;
                    }
                }
                Effect::Tell(from, to, fact) => self.tell(*from, *to, *fact),
                Effect::Believe(who, fact) => self.believe(*who, *fact),
                Effect::AddPanic(place, n) => {
                    let p = &mut self.state.panic[*place as usize];
                    *p = (i32::from(*p) + n).clamp(0, 100) as u8;
                    self.touch(bucket::PANIC);
                }
                Effect::Log(text) => self.emit(EventKind::Log(self.line(text)), true),
                Effect::Say(who, text) => {
                    // Harry hears people where he is, and voices with no place (on a phone).
                    let offstage = self.character_state(*who).place == Place::Offstage;
                    let visible = self.is_visible_character(*who) || offstage;
                    self.emit(
                        EventKind::Said {
                            who: *who,
                            text: self.line(text),
                        },
                        visible,
                    )
                }
                Effect::End(ending) => self.end(Outcome::Ending(*ending)),
                Effect::Trigger(event) => self.fire_event(*event),
                Effect::Sleep(until) => {
                    if self.can_hold_until(*until) {
                        self.state.activity = Activity::Asleep { until: *until };
                        self.emit(EventKind::FellAsleep { until: *until }, true);
                    }
                }
                Effect::Busy(until) => {
                    if self.can_hold_until(*until) {
                        self.state.activity = Activity::Occupied { until: *until };
                    }
                }
                Effect::Wake => match self.state.activity {
                    Activity::Asleep { .. } => {
                        self.state.activity = Activity::Idle;
                        self.emit(EventKind::Woke, true);
                    }
                    Activity::Occupied { .. } => self.state.activity = Activity::Idle,
                    _ => {}
                },
                Effect::Block(street) => self.state.blocked_streets.set(*street as usize, true),
                Effect::Unblock(street) => self.state.blocked_streets.set(*street as usize, false),
            }
        }
    }

    /// Whether the story can hold the player (`Sleep`, `Busy`) until then: a minute still
    /// ahead, and not on a trip.
    fn can_hold_until(&self, until: Minute) -> bool {
        until > self.state.now && !matches!(self.state.activity, Activity::Travel { .. })
    }

    pub(super) fn end(&mut self, outcome: Outcome) {
        if self.state.outcome.is_none() {
            // The ending's parts read the night as it ended: Harry still on his way, say.
            let text = match outcome {
                Outcome::Ending(e) if self.narrating => self.ending_text(e),
                _ => String::new(),
            };
            self.state.outcome = Some(outcome);
            self.state.activity = Activity::Idle;
            self.emit(EventKind::Ended { outcome, text }, true);
        }
    }

    /// Fires a scenario event (once per night): its text, its effects, then the transitions
    /// waiting for it.
    pub(super) fn fire_event(&mut self, event: EventId) {
        if self.state.events_fired.get(event as usize)
            || self.event_depth >= MAX_EVENT_DEPTH
            || self.is_over()
        {
            return;
        }
        self.event_depth += 1;
        self.state.events_fired.set(event as usize, true);
        self.touch(bucket::event(event));
        let def = self.scenario.events[event as usize].clone();
        self.emit(EventKind::EventFired(event), false);
        if !def.text.is_empty() {
            self.emit(EventKind::Log(self.line(&def.text)), true);
        }
        self.run_effects(&def.then);
        self.fire_trigger_everywhere(Trigger::Event(event));
        self.event_depth -= 1;
    }

    pub(super) fn move_item(&mut self, item: ItemId, to: Owner) {
        if self.state.item_owner[item as usize] == to {
            return;
        }
        self.state.item_owner[item as usize] = to;
        self.touch(bucket::item(item));
        let visible = match to {
            Owner::Held(c) => self.is_visible_character(c),
            Owner::At(l) => self.place_of(self.scenario.player) == Some(l),
            Owner::Nowhere => false,
        };
        self.emit(EventKind::ItemMoved { item, to }, visible);
    }

    pub(super) fn set_state_of(&mut self, entity: Entity, to: StateId) {
        let (slot, since) = match entity {
            Entity::Location(l) => (
                &mut self.state.location_state[l as usize],
                &mut self.state.location_since[l as usize],
            ),
            Entity::Character(c) => (
                &mut self.state.character_state[c as usize],
                &mut self.state.character_since[c as usize],
            ),
        };
        let from = *slot;
        *slot = to;
        *since = self.state.now;
        self.touch(bucket::entity(entity));
        if from != to {
            // Visible if Harry sees the entity before or after the change.
            let visible = match entity {
                Entity::Location(l) => self.place_of(self.scenario.player) == Some(l),
                Entity::Character(c) => {
                    let was_here =
                        match &self.scenario.characters[c as usize].states[from as usize].place {
                            Place::At(l) => self.place_of(self.scenario.player) == Some(*l),
                            Place::WithHarry => true,
                            _ => false,
                        };
                    was_here || self.is_visible_character(c)
                }
            };
            self.emit(EventKind::StateChanged { entity, from, to }, visible);
        }
    }

    /// Harry can see this character now.
    pub(super) fn is_visible_character(&self, c: CharId) -> bool {
        let harry = self.place_of(self.scenario.player);
        c == self.scenario.player || (harry.is_some() && self.place_of(c) == harry)
    }

    /// Someone tells someone a fact: belief depends on confirmation, the teller and chance.
    pub(super) fn tell(&mut self, teller: CharId, listener: CharId, fact: FactId) {
        let bit = self.fact_bit(fact, listener);
        if self.state.believes.get(bit) {
            return;
        }
        self.state.heard.set(bit, true);
        self.touch(bucket::fact(fact));
        let def = &self.scenario.facts[fact as usize];
        let confirmed = def.confirmed.as_ref().is_some_and(|c| self.eval(c, None));
        let p = if confirmed {
            1.0
        } else {
            def.from
                .iter()
                .find(|(who, _)| *who == teller)
                .map_or(def.credibility, |(_, p)| *p)
        };
        let believed = if p >= 1.0 {
            true
        } else if p <= 0.0 {
            false
        } else {
            self.chance(self.scenario.belief_draw(fact, listener), p)
        };
        let visible = self.is_visible_character(listener);
        if believed {
            self.state.believes.set(bit, true);
            self.emit(
                EventKind::Believed {
                    who: listener,
                    fact,
                },
                visible,
            );
        } else {
            self.emit(
                EventKind::Doubted {
                    who: listener,
                    fact,
                },
                visible,
            );
        }
    }

    pub(super) fn believe(&mut self, who: CharId, fact: FactId) {
        let bit = self.fact_bit(fact, who);
        if !self.state.believes.get(bit) {
            self.state.believes.set(bit, true);
            self.state.heard.set(bit, true);
            self.touch(bucket::fact(fact));
            let visible = self.is_visible_character(who);
            self.emit(EventKind::Believed { who, fact }, visible);
        }
    }

    /// Fires the first transition of `entity` waiting for `trigger` whose `from`, `when` and
    /// `chance` allow it. Returns whether one fired.
    pub(super) fn fire_trigger(&mut self, entity: Entity, trigger: Trigger) -> bool {
        // The scenario is shared and immutable: hold our own handle while the state changes.
        let scenario = self.scenario.clone();
        for (index, t) in transitions_in(&scenario, entity).iter().enumerate() {
            if self.is_over() {
                return false;
            }
            if t.on != Some(trigger)
                || !t.leaves(self.current_state(entity))
                || !self.eval(&t.when, Some(entity))
            {
                continue;
            }
            if let Some((p, key)) = t.chance
                && !self.chance(key, p)
            {
                continue;
            }
            self.fire_transition(entity, index);
            return true;
        }
        false
    }

    /// Offers a trigger to every location and character (those waiting for it: the others
    /// cannot take it).
    pub(super) fn fire_trigger_everywhere(&mut self, trigger: Trigger) {
        if let Some(waiting) = self.scenario.minute_table.listeners(trigger) {
            // Copied to the stack: firing needs the whole simulation.
            let waiting: smallvec::SmallVec<[Entity; 16]> = waiting.iter().copied().collect();
            for entity in waiting {
                self.fire_trigger(entity, trigger);
            }
            return;
        }
        for l in 0..self.scenario.locations.len() {
            self.fire_trigger(Entity::Location(l as LocId), trigger);
        }
        for c in 0..self.scenario.characters.len() {
            self.fire_trigger(Entity::Character(c as CharId), trigger);
        }
    }

    pub(super) fn current_state(&self, entity: Entity) -> StateId {
        match entity {
            Entity::Location(l) => self.state.location_state[l as usize],
            Entity::Character(c) => self.state.character_state[c as usize],
        }
    }

    pub(super) fn fire_transition(&mut self, entity: Entity, index: usize) {
        // The scenario is shared and immutable; clone the handle, not the transition.
        let scenario = self.scenario.clone();
        let t = &transitions_in(&scenario, entity)[index];
        self.emit(
            EventKind::Transitioned {
                entity,
                index: index as u16,
            },
            false,
        );
        if let Some(to) = t.to {
            self.set_state_of(entity, to);
        }
        self.run_effects(&t.then);
    }
}

/// The transitions of a location's or character's state machine.
pub(super) fn transitions_in(scenario: &Model, entity: Entity) -> &[Transition] {
    match entity {
        Entity::Location(l) => &scenario.locations[l as usize].transitions,
        Entity::Character(c) => &scenario.characters[c as usize].transitions,
    }
}
