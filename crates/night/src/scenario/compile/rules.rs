//! Compiling the rules: transitions and their triggers, conditions and effects, and the lints
//! that flags read and never written (or the other way round) give.

use super::{Compiler, CondContext, Kind};
use crate::scenario::model::*;
use crate::scenario::raw::*;
use crate::scenario::spanned::Spanned;

impl Compiler<'_> {
    pub(super) fn transition(
        &mut self,
        owner: Entity,
        owner_id: &Spanned,
        n: usize,
        t: &TransitionRaw,
        start_clock: u16,
        deadline: Minute,
    ) -> Transition {
        let from: Vec<StateId> = t
            .from
            .iter()
            .flat_map(|f| f.0.iter())
            .map(|s| self.resolve_state(owner, s))
            .collect();
        let to = t.to.as_ref().map(|s| self.resolve_state(owner, s));
        let on = t.on.as_ref().map(|trigger| self.trigger(trigger));
        if on.is_none() && to.is_none() {
            let at = t
                .from
                .as_ref()
                .and_then(|f| f.0.first())
                .unwrap_or(owner_id);
            self.error(
                at,
                format!(
                    "transition {} of `{}` would fire every minute",
                    n + 1,
                    owner_id.text
                ),
                Some("a `to` state, or an `on:` trigger".into()),
                Some("without `on:`, a transition fires whenever `when` holds".into()),
            );
        }
        if let (None, Some(to_id), [only]) = (&on, &t.to, from.as_slice())
            && Some(*only) == to
        {
            self.error(
                to_id,
                format!(
                    "transition {} of `{}` never fires: it enters the state it leaves",
                    n + 1,
                    owner_id.text
                ),
                Some("a `to` state different from `from`, or an `on:` trigger".into()),
                Some("without `on:`, a transition into the current state is skipped".into()),
            );
        }
        let when = t.when.as_ref().map_or(Cond::Always, |w| {
            self.cond(w, owner_id, CondContext::Transition, start_clock)
        });
        let chance = t.chance.map(|p| {
            let p = self.probability(owner_id, p);
            let key = self.new_draw(format!("transition:{}:{}", owner_id.text, n + 1));
            (p, key)
        });
        Transition {
            from,
            to,
            on,
            not_before: when.not_before(deadline),
            when,
            chance,
            then: self.effects(&t.then, start_clock),
        }
    }

    pub(super) fn trigger(&mut self, t: &TriggerRaw) -> Trigger {
        match t {
            TriggerRaw::Told(f) => Trigger::Told(self.resolve(Kind::Fact, f)),
            TriggerRaw::Talked(topic) => Trigger::Talked(self.resolve(Kind::Topic, topic)),
            TriggerRaw::Asked(i) => Trigger::Asked(self.resolve(Kind::Item, i)),
            TriggerRaw::Given(i) => Trigger::Given(self.resolve(Kind::Item, i)),
            TriggerRaw::Used(i) => Trigger::Used(self.resolve(Kind::Item, i)),
            TriggerRaw::Called(c) => Trigger::Called(self.resolve(Kind::Call, c)),
            TriggerRaw::Answered => Trigger::Answered,
            TriggerRaw::LetRing => Trigger::LetRing,
            TriggerRaw::Event(e) => Trigger::Event(self.resolve(Kind::Event, e)),
            TriggerRaw::HarryArrives => Trigger::HarryArrives,
            TriggerRaw::HarryLeaves => Trigger::HarryLeaves,
        }
    }

    pub(super) fn cond(
        &mut self,
        c: &CondRaw,
        ctx_id: &Spanned,
        ctx: CondContext,
        start_clock: u16,
    ) -> Cond {
        let sub = |me: &mut Self, c: &CondRaw| me.cond(c, ctx_id, ctx, start_clock);
        match c {
            CondRaw::All(cs) => Cond::All(cs.iter().map(|c| sub(self, c)).collect()),
            CondRaw::Any(cs) => Cond::Any(cs.iter().map(|c| sub(self, c)).collect()),
            CondRaw::Not(c) => Cond::Not(Box::new(sub(self, c))),
            CondRaw::Always => Cond::Always,
            CondRaw::Never => Cond::Never,
            CondRaw::Before(t) => Cond::Before(self.time(t, start_clock)),
            CondRaw::After(t) => Cond::After(self.time(t, start_clock)),
            CondRaw::Deadline => Cond::Deadline,
            CondRaw::EndOfDay => Cond::EndOfDay,
            CondRaw::At(who, place) => Cond::At(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Location, place),
            ),
            CondRaw::HarryAt(place) => {
                Cond::At(self.player_id(), self.resolve(Kind::Location, place))
            }
            CondRaw::With(who) => Cond::With(self.resolve(Kind::Character, who)),
            CondRaw::Here(who) => {
                if who.text == self.player {
                    self.error(
                        who,
                        "`Here` of the player is always true".into(),
                        Some("someone other than the player".into()),
                        Some("to test where the player is, use `HarryAt(\"place\")`".into()),
                    );
                }
                Cond::Here(self.resolve(Kind::Character, who))
            }
            CondRaw::State(who, state) => {
                let e = self.entity(who);
                Cond::State(e, self.resolve_state(e, state))
            }
            CondRaw::InStateFor(m) => {
                if ctx != CondContext::Transition {
                    self.error(
                        ctx_id,
                        "`InStateFor` is used outside a transition".into(),
                        Some(
                            "`InStateFor` only inside a location's or character's transitions"
                                .into(),
                        ),
                        Some("use `State(...)` with `After(...)` here".into()),
                    );
                }
                Cond::InStateFor((*m).min(u32::from(DAY)) as Minute)
            }
            CondRaw::Has(item) => Cond::Holds(self.player_id(), self.resolve(Kind::Item, item)),
            CondRaw::Holds(who, item) => Cond::Holds(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Item, item),
            ),
            CondRaw::Flag(f) => {
                let flag = self.resolve(Kind::Flag, f);
                let span = self.span(f);
                self.flag_read_at.entry(flag).or_insert(span);
                Cond::Flag(flag)
            }
            CondRaw::Believes(who, fact) => Cond::Believes(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Fact, fact),
            ),
            CondRaw::Knows(fact) => {
                Cond::Believes(self.player_id(), self.resolve(Kind::Fact, fact))
            }
            CondRaw::Told(who, fact) => Cond::Told(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Fact, fact),
            ),
            CondRaw::PanicAtLeast(place, n) => {
                Cond::PanicAtLeast(self.resolve(Kind::Location, place), (*n).min(255) as u8)
            }
            CondRaw::PanicHere(n) => Cond::PanicHere((*n).min(255) as u8),
            CondRaw::Believers(fact, n) => Cond::Believers(
                self.resolve(Kind::Fact, fact),
                (*n).min(u32::from(u16::MAX)) as u16,
            ),
            CondRaw::Chance(c) => Cond::Chance(self.resolve(Kind::Chance, c)),
            CondRaw::Happened(e) => Cond::Happened(self.resolve(Kind::Event, e)),
            CondRaw::Sleeping => Cond::Sleeping,
            CondRaw::Travelling => Cond::Travelling,
        }
    }

    /// Resolves a flag that an effect writes, noting where it is first written.
    pub(super) fn written_flag(&mut self, f: &Spanned) -> FlagId {
        let flag = self.resolve(Kind::Flag, f);
        let span = self.span(f);
        self.flag_written_at.entry(flag).or_insert(span);
        flag
    }

    /// Warnings for flags that do nothing: written but never read by any condition (a choice
    /// that matters to nothing), or read but never written (a condition that can never change).
    pub(super) fn flag_lints(&self, raw: &ScenarioRaw) -> Vec<Lint> {
        let mut lints = Vec::new();
        for (i, declared) in raw.flags.iter().enumerate() {
            let flag = i as u16;
            let (read, written) = (
                self.flag_read_at.get(&flag),
                self.flag_written_at.get(&flag),
            );
            let lint = match (read, written) {
                (None, Some(at)) => Lint {
                    span: at.clone(),
                    message: format!("flag `{}` is set but never read", declared.text),
                    help: Some(
                        "no condition says `Flag(...)` of it: read it where it should matter, or drop it"
                            .into(),
                    ),
                },
                (Some(at), None) => Lint {
                    span: at.clone(),
                    message: format!("flag `{}` is read but never set", declared.text),
                    help: Some(
                        "no effect says `Set(...)` of it, so this condition never changes".into(),
                    ),
                },
                (None, None) => Lint {
                    span: self.span(declared),
                    message: format!("flag `{}` is declared but never used", declared.text),
                    help: Some("remove it from `flags: [...]`".into()),
                },
                (Some(_), Some(_)) => continue,
            };
            lints.push(lint);
        }
        lints
    }

    pub(super) fn player_id(&self) -> CharId {
        self.names
            .get(&Kind::Character)
            .and_then(|n| n.index.get(self.player_name()))
            .copied()
            .unwrap_or(0)
    }

    pub(super) fn player_name(&self) -> &str {
        &self.player
    }

    pub(super) fn effects(&mut self, effects: &[EffectRaw], start_clock: u16) -> Vec<Effect> {
        effects
            .iter()
            .map(|e| self.effect(e, start_clock))
            .collect()
    }

    pub(super) fn effect(&mut self, e: &EffectRaw, start_clock: u16) -> Effect {
        match e {
            EffectRaw::Set(f) => Effect::Set(self.written_flag(f)),
            EffectRaw::Unset(f) => Effect::Unset(self.written_flag(f)),
            EffectRaw::Give(who, item) => Effect::Give(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Item, item),
            ),
            EffectRaw::Take(item) => Effect::Take(self.resolve(Kind::Item, item)),
            EffectRaw::Place(item, place) => Effect::Place(
                self.resolve(Kind::Item, item),
                self.resolve(Kind::Location, place),
            ),
            EffectRaw::SetState(who, state) => {
                let entity = self.entity(who);
                Effect::SetState(entity, self.resolve_state(entity, state))
            }
            EffectRaw::Move(who, place) => {
                self.resolve(Kind::Character, who);
                if who.text != self.player_name()
                    && self
                        .names
                        .get(&Kind::Character)
                        .is_some_and(|n| n.index.contains_key(&who.text))
                {
                    self.error(
                        who,
                        format!("`Move` applies to the player, not `{}`", who.text),
                        Some(format!("\"{}\"", self.player_name())),
                        Some(
                            "move other characters with `SetState` to a state at the place".into(),
                        ),
                    );
                }
                Effect::Move(self.resolve(Kind::Location, place))
            }
            EffectRaw::Tell(from, to, fact) => Effect::Tell(
                self.resolve(Kind::Character, from),
                self.resolve(Kind::Character, to),
                self.resolve(Kind::Fact, fact),
            ),
            EffectRaw::Believe(who, fact) => Effect::Believe(
                self.resolve(Kind::Character, who),
                self.resolve(Kind::Fact, fact),
            ),
            EffectRaw::AddPanic(place, n) => {
                Effect::AddPanic(self.resolve(Kind::Location, place), (*n).clamp(-255, 255))
            }
            EffectRaw::Log(text) => Effect::Log(text.clone()),
            EffectRaw::Say(who, text) => {
                Effect::Say(self.resolve(Kind::Character, who), text.clone())
            }
            EffectRaw::End(ending) => Effect::End(self.resolve(Kind::Ending, ending)),
            EffectRaw::Trigger(event) => Effect::Trigger(self.resolve(Kind::Event, event)),
            EffectRaw::Sleep(t) => Effect::Sleep(self.time(t, start_clock)),
            EffectRaw::Busy(t) => Effect::Busy(self.time(t, start_clock)),
            EffectRaw::Wake => Effect::Wake,
            EffectRaw::Block(s) => Effect::Block(self.resolve(Kind::Street, s)),
            EffectRaw::Unblock(s) => Effect::Unblock(self.resolve(Kind::Street, s)),
        }
    }
}
