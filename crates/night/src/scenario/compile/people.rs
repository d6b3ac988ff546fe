//! Compiling the people: each character's states, places, things and transitions.

use super::{Compiler, CondContext, Kind};
use crate::scenario::model::*;
use crate::scenario::raw::*;
use crate::scenario::spanned::Spanned;

impl Compiler<'_> {
    /// The people, the player among them, each a state machine, with what they carry.
    pub(super) fn characters(
        &mut self,
        raw: &ScenarioRaw,
        player: CharId,
        (start_clock, deadline): (u16, Minute),
        item_placed: &mut [Option<Spanned>],
    ) -> Vec<Character> {
        let mut characters = Vec::new();
        for (ci, (id, ch)) in raw.characters.0.iter().enumerate() {
            let owner = Entity::Character(ci as CharId);
            let mut states = Vec::new();
            for (sid, s) in &ch.states.0 {
                let place = match (&s.at, &s.with, &s.going) {
                    (None, None, None) => Place::Offstage,
                    (Some(at), None, None) => Place::At(self.resolve(Kind::Location, at)),
                    (None, Some(WithRaw::Harry), None) => Place::WithHarry,
                    (None, None, Some(g)) => {
                        let from = self.resolve(Kind::Location, &g.from);
                        let to = self.resolve(Kind::Location, &g.to);
                        let arrive = self.resolve_state(owner, &g.arrive);
                        if g.minutes == 0 || g.minutes > u32::from(DAY) {
                            self.error(
                                &g.to,
                                format!("a journey of {} minutes", g.minutes),
                                Some("minutes from 1 to 1440".into()),
                                None,
                            );
                        }
                        Place::Going {
                            from,
                            to,
                            minutes: g.minutes.clamp(1, u32::from(DAY)) as Minute,
                            arrive,
                        }
                    }
                    _ => {
                        self.error(
                            sid,
                            format!(
                                "state `{}` has more than one of `at`, `with` and `going`",
                                sid.text
                            ),
                            Some("one place per state".into()),
                            None,
                        );
                        Place::Offstage
                    }
                };
                if ci as CharId == player && raw.player.text == id.text && place != Place::Offstage
                {
                    self.error(
                        sid,
                        format!("the player's state `{}` cannot have a place", sid.text),
                        Some(
                            "no `at`, `with` or `going`: the player's place is moved by actions"
                                .into(),
                        ),
                        None,
                    );
                }
                self.unique_keys(&s.talks, "topic in these `talks`");
                let talks = s
                    .talks
                    .0
                    .iter()
                    .map(|(topic, line)| {
                        let when = match &line.0.when {
                            Some(c) => self.cond(c, topic, CondContext::Elsewhere, start_clock),
                            None => Cond::Always,
                        };
                        (self.resolve(Kind::Topic, topic), line.0.text.clone(), when)
                    })
                    .collect();
                states.push(CharacterState {
                    id: sid.text.clone(),
                    place,
                    description: s.description.clone(),
                    talks,
                });
            }
            if states.is_empty() {
                self.error(
                    id,
                    format!("character `{}` has no states", id.text),
                    Some("states: { \"some_state\": (at: \"place\") }".into()),
                    None,
                );
            }
            let start = self.resolve_state(owner, &ch.start);
            let mut character_items = Vec::new();
            for item in &ch.items {
                let i = self.resolve(Kind::Item, item);
                self.place_item(item_placed, i, item);
                character_items.push(i);
            }
            let transitions: Vec<Transition> = ch
                .transitions
                .iter()
                .enumerate()
                .map(|(n, t)| self.transition(owner, id, n, t, start_clock, deadline))
                .collect();
            let level_by_state = level_by_state(&transitions, states.len());
            characters.push(Character {
                id: id.text.clone(),
                name: ch.name.clone(),
                description: ch.description.clone(),
                start,
                items: character_items,
                states,
                transitions,
                level_by_state,
                hears_rumours: ch.hears_rumours,
            });
        }
        characters
    }
}
