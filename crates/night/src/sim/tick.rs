//! One minute of the night, in the order the modding guide documents: Harry's activity,
//! journeys, events, state machines, rumour, panic, endings.

use super::event::EventKind;
use super::quiet::{MinuteWas, PanicLevels};
use super::state::{Activity, Outcome};
use super::{Sim, effect};
use crate::scenario::model::*;

/// Rounds of level transitions per minute, so that chains settle but loops cannot hang.
const SETTLE_ROUNDS: usize = 8;

impl Sim {
    /// Simulates the next minute, and says whether anything but panic happened in it (see
    /// `quiet`).
    pub(super) fn tick(&mut self) -> MinuteWas {
        if self.is_over() {
            return MinuteWas::Eventful;
        }
        self.minutes_simulated += 1;
        let before = self.before_minute();
        let mut panic_moved = false;
        self.state.now += 1;
        // Any phase may end the night (an `End` effect): nothing happens after THE END.
        self.advance_activity();
        if !self.is_over() {
            self.arrive_journeys();
        }
        if !self.is_over() {
            self.settle();
        }
        if !self.is_over() {
            // Rumour and panic move nobody: where everyone is can be read once for both.
            let mut places = std::mem::take(&mut self.places);
            places.clear();
            places.extend((0..self.scenario.characters.len() as CharId).map(|c| self.place_of(c)));
            self.confirm_doubters();
            self.spread_rumours(&places);
            panic_moved = self.update_panic(&places);
            self.places = places;
            self.check_endings();
        }
        if self.state.now >= DAY {
            self.end(Outcome::DayOver);
        }
        // "Wait until something happens" ends at the first thing Harry notices where he is.
        // Narration (`Log`) is not tied to a place, so it does not end a wait.
        if let Activity::WaitForSomething { .. } = self.state.activity
            && self.pending[before.first_event()..]
                .iter()
                .any(|e| e.visible && !matches!(e.kind, EventKind::Log(_)))
        {
            self.state.activity = Activity::Idle;
        }
        self.what_minute_was(before, panic_moved)
    }

    fn advance_activity(&mut self) {
        let now = self.state.now;
        match self.state.activity {
            Activity::Idle => {}
            Activity::Travel { to, arrive, .. } if now >= arrive => {
                self.state.harry_at = to;
                self.state.activity = Activity::Idle;
                self.emit(EventKind::Arrived { at: to }, true);
                self.fire_trigger(Entity::Location(to), Trigger::HarryArrives);
                for c in self.present() {
                    self.fire_trigger(Entity::Character(c), Trigger::HarryArrives);
                }
            }
            Activity::Travel { .. } => {}
            Activity::Busy { until }
            | Activity::WaitForSomething { until }
            | Activity::Occupied { until } => {
                if now >= until {
                    self.state.activity = Activity::Idle;
                }
            }
            Activity::Asleep { until } => {
                if now >= until {
                    self.state.activity = Activity::Idle;
                    self.emit(EventKind::Woke, true);
                }
            }
        }
    }

    /// Characters on the way somewhere arrive when their journey's minutes are up.
    fn arrive_journeys(&mut self) {
        for c in 0..self.scenario.characters.len() {
            if self.is_over() {
                return;
            }
            let state = self.state.character_state[c];
            if let Place::Going {
                minutes, arrive, ..
            } = *self.scenario.minute_table.place(c, state)
                && self.state.now.saturating_sub(self.state.character_since[c]) >= minutes
            {
                self.set_state_of(Entity::Character(c as CharId), arrive);
            }
        }
    }

    /// Events and level transitions, repeated until nothing more changes (or the round limit).
    /// The scenario is read in place, by index, around each firing (which needs the whole
    /// simulation): sharing its handle for the minute cost more than the rest of the minute's
    /// bookkeeping.
    pub(super) fn settle(&mut self) {
        // A transition whose chance failed this minute is not drawn again this minute.
        let mut failed: Vec<(Entity, usize)> = Vec::new();
        let (locations, characters) = (
            self.scenario.locations.len(),
            self.scenario.characters.len(),
        );
        self.wake_rules();
        for _ in 0..SETTLE_ROUNDS {
            let mut changed = false;
            for e in 0..self.scenario.events.len() {
                if self.is_over() {
                    return;
                }
                let def = &self.scenario.events[e];
                if self.state.events_fired.get(e) || self.state.now < def.not_before {
                    continue;
                }
                let rule = self.scenario.rule_reads.event(e as EventId);
                if self.rule_holds(rule, None, |s| &s.events[e].when) {
                    self.fire_event(e as EventId);
                    self.wake_rules();
                    changed = true;
                }
            }
            let entities = (0..locations)
                .map(|l| Entity::Location(l as LocId))
                .chain((0..characters).map(|c| Entity::Character(c as CharId)));
            for entity in entities {
                if self.is_over() {
                    return;
                }
                let current = self.current_state(entity);
                let machine = self.scenario.machine_index(entity);
                let candidates = self.scenario.minute_table.level(machine, current).len();
                for k in 0..candidates {
                    let candidate = self.scenario.minute_table.level(machine, current)[k];
                    let index = candidate.transition as usize;
                    // A level transition into the state it is already in would only repeat
                    // its effects every round: it waits until the state has changed.
                    if candidate.to == current || self.state.now < candidate.not_before {
                        continue;
                    }
                    let holds = self.rule_holds(candidate.rule as usize, Some(entity), |s| {
                        &effect::transitions_in(s, entity)[index].when
                    });
                    if !holds || failed.contains(&(entity, index)) {
                        continue;
                    }
                    if let Some((p, key)) =
                        effect::transitions_in(&self.scenario, entity)[index].chance
                        && !self.chance(key, p)
                    {
                        failed.push((entity, index));
                        continue;
                    }
                    self.fire_transition(entity, index);
                    self.wake_rules();
                    changed = true;
                    break;
                }
            }
            if !changed || self.is_over() {
                break;
            }
        }
    }

    /// While a fact is confirmed, everyone who heard it and doubted it comes round: an
    /// authoritative word (the code checked, the sirens) turns earlier doubters.
    fn confirm_doubters(&mut self) {
        let people = self.scenario.characters.len() as CharId;
        for f in 0..self.scenario.facts.len() as FactId {
            let Some(confirmed) = &self.scenario.facts[f as usize].confirmed else {
                continue;
            };
            // On the stack: the minute allocates nothing.
            let doubters: smallvec::SmallVec<[CharId; 32]> = (0..people)
                .filter(|&c| {
                    let bit = self.fact_bit(f, c);
                    self.state.heard.get(bit) && !self.state.believes.get(bit)
                })
                .collect();
            if doubters.is_empty() || !self.eval(confirmed, None) {
                continue;
            }
            for c in doubters {
                self.believe(c, f);
            }
        }
    }

    /// Believers pass contagious facts to the people around them, once per listener.
    fn spread_rumours(&mut self, places: &[Option<LocId>]) {
        let player = self.scenario.player;
        // On the stack: the minute allocates nothing.
        let mut tellers: smallvec::SmallVec<[(CharId, LocId); 32]> = smallvec::SmallVec::new();
        for f in 0..self.scenario.facts.len() as FactId {
            if !self.scenario.facts[f as usize].contagious {
                continue;
            }
            // Who could pass it on, in file order; Harry tells only by choice.
            tellers.clear();
            tellers.extend(places.iter().enumerate().filter_map(|(c, place)| {
                let c = c as CharId;
                (c != player && self.believes(c, f)).then_some((c, (*place)?))
            }));
            if tellers.is_empty() {
                continue;
            }
            for (listener, place) in places.iter().enumerate() {
                let listener = listener as CharId;
                let Some(place) = *place else { continue };
                if !self.scenario.characters[listener as usize].hears_rumours
                    || self.believes(listener, f)
                    || self.state.heard.get(self.fact_bit(f, listener))
                {
                    continue;
                }
                let teller = tellers
                    .iter()
                    .find(|&&(t, at)| t != listener && at == place);
                if let Some(&(teller, _)) = teller {
                    self.tell(teller, listener, f);
                }
            }
        }
    }

    /// Believers of alarming facts raise panic where they are; panic flows along the routes.
    /// Whether it changed anywhere.
    fn update_panic(&mut self, places: &[Option<LocId>]) -> bool {
        let Some(after) = self.next_panic(places) else {
            return false;
        };
        let moved = after != self.state.panic;
        self.state.panic = after;
        if moved {
            self.touch(bucket::PANIC);
        }
        moved
    }

    /// Panic a minute on, with the people at `places` (`None`: nobody is alarmed and there is
    /// no panic anywhere, so nothing moves).
    pub(super) fn next_panic(&self, places: &[Option<LocId>]) -> Option<PanicLevels> {
        let per_believer = self.scenario.panic.per_believer;
        let mut after: smallvec::SmallVec<[u32; 32]> =
            self.state.panic.iter().map(|&p| u32::from(p)).collect();
        let mut raised = false;
        for (c, place) in places.iter().enumerate() {
            let Some(place) = place else { continue };
            if self.alarmed(c as CharId) {
                after[*place as usize] += per_believer;
                raised = true;
            }
        }
        let before = &self.state.panic;
        // Nobody alarmed and no panic anywhere: nothing to spread or decay (most of a quiet
        // night, and every minute of a search's early hours).
        if !raised && before.iter().all(|&p| p == 0) {
            return None;
        }
        let rules = &self.scenario.panic;
        for route in &self.scenario.routes {
            let (a, b) = (route.a as usize, route.b as usize);
            if before[a] == before[b] {
                continue;
            }
            let (high, low) = if before[a] > before[b] {
                (a, b)
            } else {
                (b, a)
            };
            // Inflows along several routes add up (the cap at 100 keeps it bounded).
            after[low] += u32::from(before[high] - before[low]) * rules.spread_percent / 100;
        }
        let decay = rules.decay;
        Some(
            after
                .into_iter()
                .map(|value| value.saturating_sub(decay).min(100) as u8)
                .collect(),
        )
    }

    /// Ends the night with the first ending (by priority, then file order) that holds.
    pub(super) fn check_endings(&mut self) {
        if self.is_over() {
            return;
        }
        self.wake_rules();
        let mut holds = None;
        for k in 0..self.scenario.ending_order.len() {
            let e = self.scenario.ending_order[k];
            if self.state.now >= self.scenario.endings[e as usize].not_before
                && self.rule_holds(self.scenario.rule_reads.ending(e), None, |s| {
                    &s.endings[e as usize].when
                })
            {
                holds = Some(e);
                break;
            }
        }
        if let Some(e) = holds {
            self.end(Outcome::Ending(e));
        }
    }
}
