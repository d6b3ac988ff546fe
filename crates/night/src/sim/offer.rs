//! What the player may do now: each action checked (and, if refused, why), and the list of
//! every action on offer, each generated from what is at hand and checked.

use super::{ActionError, Activity, Owner, Sim, action};
use crate::scenario::model::*;
use crate::sim::Action;

impl Sim {
    /// Whether an action can be taken now, and if not, why.
    pub fn check(&self, action: &Action) -> Result<(), ActionError> {
        self.check_among(action, &self.present())
    }

    /// Whether `who` is among the people `present`, and if not, why not.
    fn is_among(&self, who: CharId, present: &[CharId]) -> Result<(), ActionError> {
        if present.contains(&who) {
            Ok(())
        } else {
            Err(ActionError {
                message: format!(
                    "{} is not here",
                    self.scenario.characters[who as usize].name
                ),
            })
        }
    }

    /// [`Sim::check`] with the people present already known (listing actions checks many).
    fn check_among(&self, action: &Action, present: &[CharId]) -> Result<(), ActionError> {
        let no = |m: String| Err(ActionError { message: m });
        if self.is_over() {
            return no("the night is over".into());
        }
        if self.state.activity != Activity::Idle {
            return no(format!(
                "{} is busy until the current action ends",
                self.scenario.player_word()
            ));
        }
        let s = &self.scenario;
        let here_person = |who: &CharId| self.is_among(*who, present);
        // Telling needs something to tell.
        let player_knows = |fact: &FactId| {
            if self.believes(s.player, *fact) {
                Ok(())
            } else {
                Err(ActionError {
                    message: format!(
                        "{} does not know: {}",
                        self.scenario.player_word(),
                        s.facts[*fact as usize].name
                    ),
                })
            }
        };
        match action {
            Action::Go { to, mode } => {
                if *to == self.state.harry_at {
                    return no(format!(
                        "{} is already at {}",
                        self.scenario.player_word(),
                        s.locations[*to as usize].name
                    ));
                }
                if self.route_to(*to, *mode).is_none() {
                    return no(format!(
                        "{} cannot {} to {} from here now",
                        self.scenario.player_word(),
                        mode.word(),
                        s.locations[*to as usize].name
                    ));
                }
            }
            Action::Wait { minutes } => {
                if *minutes == 0 || *minutes > action::MAX_WAIT {
                    return no(format!("wait between 1 and {} minutes", action::MAX_WAIT));
                }
            }
            Action::WaitForSomething => {}
            Action::Sleep { until } => {
                if !self.location_has_tag(self.state.harry_at, "bed") {
                    return no("there is no bed here".into());
                }
                if *until <= self.state.now {
                    return no(format!("{} has already passed today", s.clock(*until)));
                }
            }
            Action::Talk { who, topic } => {
                here_person(who)?;
                if !self.character_state(*who).talks.iter().any(|(t, _, when)| {
                    t == topic && self.eval(when, Some(Entity::Character(*who)))
                }) {
                    return no(format!(
                        "{} has nothing to say about {} now",
                        s.characters[*who as usize].name, s.topics[*topic as usize].name
                    ));
                }
            }
            Action::Tell { who, fact } => {
                here_person(who)?;
                player_knows(fact)?;
                if self.believes(*who, *fact) {
                    return no(format!(
                        "{} already believes it",
                        s.characters[*who as usize].name
                    ));
                }
                if !self.telling_matters(*who, *fact) {
                    return no(format!(
                        "telling {} would change nothing: {} does not spread, and nothing in the night depends on whether they believe it",
                        s.characters[*who as usize].name, s.facts[*fact as usize].name
                    ));
                }
            }
            Action::TellAll { fact } => {
                player_knows(fact)?;
                if self.listeners(*fact, present).len() < 2 {
                    return no(
                        "telling everyone needs at least two people here who do not believe it yet"
                            .into(),
                    );
                }
            }
            Action::Ask { .. } | Action::Give { .. } | Action::Take { .. } | Action::Use { .. } => {
                self.check_things(action, present)?;
            }
            Action::Call { call } => {
                let def = &s.calls[*call as usize];
                let ok = match &def.when {
                    Some(cond) => self.eval(cond, None),
                    None => self.has_phone(),
                };
                if !ok {
                    return no(format!(
                        "{} cannot call {} from here now",
                        self.scenario.player_word(),
                        def.name
                    ));
                }
            }
            Action::Dial { .. } => {
                if !self.has_phone() {
                    return no("there is no phone here".into());
                }
            }
            Action::Answer | Action::LetRing => {
                if !self.location_state(self.state.harry_at).ringing {
                    return no("no phone is ringing here".into());
                }
            }
        }
        Ok(())
    }

    /// The checks of the actions with things: asking for one, giving, taking, using.
    fn check_things(&self, action: &Action, present: &[CharId]) -> Result<(), ActionError> {
        let no = |m: String| Err(ActionError { message: m });
        let s = &self.scenario;
        let here_person = |who: &CharId| self.is_among(*who, present);
        match action {
            Action::Ask { who, item } => {
                here_person(who)?;
                if self.holder(*item) != Owner::Held(*who) {
                    return no(format!(
                        "{} does not have {}",
                        s.characters[*who as usize].name, s.items[*item as usize].name
                    ));
                }
                if !self.reacts_to(Entity::Character(*who), Trigger::Asked(*item)) {
                    return no(format!(
                        "{} will not part with {} now",
                        s.characters[*who as usize].name, s.items[*item as usize].name
                    ));
                }
            }
            Action::Give { who, item } => {
                here_person(who)?;
                if self.holder(*item) != Owner::Held(s.player) {
                    return no(format!(
                        "{} does not have {}",
                        self.scenario.player_word(),
                        s.items[*item as usize].name
                    ));
                }
                if !self.reacts_to(Entity::Character(*who), Trigger::Given(*item)) {
                    return no(format!(
                        "{} has no use for {} now",
                        s.characters[*who as usize].name, s.items[*item as usize].name
                    ));
                }
            }
            Action::Take { item } => {
                let def = &s.items[*item as usize];
                if self.holder(*item) != Owner::At(self.state.harry_at) {
                    return no(format!("{} is not here", def.name));
                }
                if def.fixed {
                    return no(format!("{} cannot be taken", def.name));
                }
            }
            Action::Use { item, on } => {
                let def = &s.items[*item as usize];
                if self.holder(*item) != Owner::Held(s.player) {
                    return no(format!(
                        "{} does not have {}",
                        self.scenario.player_word(),
                        def.name
                    ));
                }
                match on {
                    None if !def.usable => {
                        return no(format!("{} cannot be used on its own", def.name));
                    }
                    None if !self
                        .reacts_to(Entity::Location(self.state.harry_at), Trigger::Used(*item))
                        && !self.reacts_to(Entity::Character(s.player), Trigger::Used(*item)) =>
                    {
                        return no(format!("using {} here would change nothing now", def.name));
                    }
                    Some(_) if !def.use_on_people => {
                        return no(format!("{} cannot be used on someone", def.name));
                    }
                    Some(who) => {
                        here_person(who)?;
                        if !self.reacts_to(Entity::Character(*who), Trigger::Used(*item)) {
                            return no(format!(
                                "using {} on {} would change nothing now",
                                def.name, s.characters[*who as usize].name
                            ));
                        }
                    }
                    None => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Every action available now, in a stable order. Candidates are generated from what is
    /// at hand (held items, believed facts, people here), then each is checked.
    pub fn actions(&self) -> Vec<Action> {
        let mut out = Vec::new();
        if !self.is_idle() {
            return out;
        }
        let s = &self.scenario;
        let here = self.state.harry_at;
        let present = self.present();
        let push = |a: Action, out: &mut Vec<Action>| {
            if self.check_among(&a, &present).is_ok() && !out.contains(&a) {
                out.push(a);
            }
        };
        if self.location_state(here).ringing {
            push(Action::Answer, &mut out);
            push(Action::LetRing, &mut out);
        }
        let can_drive = self.can_drive();
        for &r in &s.routes_from[here as usize] {
            let to = s.routes[r as usize].other(here);
            for mode in ALL_MODES {
                if mode != Mode::Drive || can_drive {
                    push(Action::Go { to, mode }, &mut out);
                }
            }
        }
        let held_by = |who: CharId| {
            (0..s.items.len() as ItemId).filter(move |&i| self.holder(i) == Owner::Held(who))
        };
        let known: Vec<FactId> = (0..s.facts.len() as FactId)
            .filter(|&f| self.believes(s.player, f))
            .collect();
        for &fact in &known {
            push(Action::TellAll { fact }, &mut out);
        }
        for &who in &present {
            for (topic, _, _) in &self.character_state(who).talks {
                push(Action::Talk { who, topic: *topic }, &mut out);
            }
            for &fact in &known {
                push(Action::Tell { who, fact }, &mut out);
            }
            for item in held_by(who) {
                push(Action::Ask { who, item }, &mut out);
            }
            for item in held_by(s.player) {
                push(Action::Give { who, item }, &mut out);
                push(
                    Action::Use {
                        item,
                        on: Some(who),
                    },
                    &mut out,
                );
            }
        }
        for item in 0..s.items.len() as ItemId {
            match self.holder(item) {
                Owner::At(l) if l == here => push(Action::Take { item }, &mut out),
                Owner::Held(c) if c == s.player => push(Action::Use { item, on: None }, &mut out),
                _ => {}
            }
        }
        for call in 0..s.calls.len() as CallId {
            push(Action::Call { call }, &mut out);
        }
        push(Action::WaitForSomething, &mut out);
        push(Action::Wait { minutes: 1 }, &mut out);
        push(Action::Wait { minutes: 5 }, &mut out);
        push(Action::Wait { minutes: 30 }, &mut out);
        if self.location_has_tag(here, "bed") {
            // Suggest sleeping to the next full hour; any later time works too.
            let next_hour =
                (self.state.now + 60 - (self.state.now + s.start_clock) % 60).min(DAY - 1);
            push(Action::Sleep { until: next_hour }, &mut out);
        }
        out
    }
}
