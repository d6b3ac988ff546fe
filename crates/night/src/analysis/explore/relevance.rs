//! What in a situation can make a difference: the explorer's player does not give away an item
//! that nobody reacts to and no condition asks about, and situations that differ only in how
//! long someone has been in a state, past what any rule can tell apart, are one.

use crate::scenario::Scenario;
use crate::scenario::model::{CharId, Cond, ItemId, Minute, Place, StateId, Transition, Trigger};
use crate::sim::State;

/// Every condition written in the scenario.
fn conditions(s: &Scenario) -> Vec<&Cond> {
    let transitions = s
        .locations
        .iter()
        .flat_map(|l| &l.transitions)
        .chain(s.characters.iter().flat_map(|c| &c.transitions));
    let mut out: Vec<&Cond> = transitions.map(|t| &t.when).collect();
    out.extend(s.events.iter().map(|e| &e.when));
    out.extend(s.endings.iter().map(|e| &e.when));
    out.extend(s.calls.iter().filter_map(|c| c.when.as_ref()));
    out.extend(s.facts.iter().filter_map(|f| f.confirmed.as_ref()));
    out
}

/// Whether `cond` or any condition inside it satisfies `test`, which is told whether that
/// condition sits under an odd number of `Not`s (where its being false helps).
fn mentions(cond: &Cond, negated: bool, test: &impl Fn(&Cond, bool) -> bool) -> bool {
    test(cond, negated)
        || match cond {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(|c| mentions(c, negated, test)),
            Cond::Not(c) => mentions(c, !negated, test),
            _ => false,
        }
}

/// `[character][item]`: whether giving the item to the character can make a difference: they
/// react to receiving it or to being asked for it, a condition asks whether they hold it, or
/// a condition asks that the player not hold it.
pub(super) fn gives_that_matter(s: &Scenario) -> Vec<Vec<bool>> {
    let conds = conditions(s);
    let player = s.player;
    let asked = |test: &dyn Fn(CharId, ItemId, bool) -> bool| {
        conds.iter().any(|c| {
            mentions(c, false, &|c, negated| match c {
                Cond::Holds(who, item) => test(*who, *item, negated),
                _ => false,
            })
        })
    };
    (0..s.characters.len() as CharId)
        .map(|to| {
            (0..s.items.len() as ItemId)
                .map(|item| {
                    let listens = s.characters[to as usize].transitions.iter().any(|t| {
                        matches!(t.on, Some(Trigger::Given(i) | Trigger::Asked(i)) if i == item)
                    });
                    listens
                        || asked(&|who, i, negated| {
                            i == item && (who == to || (who == player && negated))
                        })
                })
                .collect()
        })
        .collect()
}

/// How long each person and place has been in its state matters only up to a horizon: the
/// longest `InStateFor` of a transition that leaves that state, or the minutes of the journey
/// it is. Past it, every such condition holds and goes on holding until the state changes
/// (which starts the count again), so two situations that differ only in times past the
/// horizon have the same future: the explorer keeps them as one.
pub(super) struct Horizons {
    /// `[character][state]` and `[location][state]`, in minutes.
    characters: Vec<Vec<Minute>>,
    locations: Vec<Vec<Minute>>,
}

impl Horizons {
    pub(super) fn of(s: &Scenario) -> Horizons {
        Horizons {
            characters: s
                .characters
                .iter()
                .map(|c| {
                    horizons(&c.transitions, c.states.len(), |state| {
                        match c.states[state as usize].place {
                            Place::Going { minutes, .. } => minutes,
                            _ => 0,
                        }
                    })
                })
                .collect(),
            locations: s
                .locations
                .iter()
                .map(|l| horizons(&l.transitions, l.states.len(), |_| 0))
                .collect(),
        }
    }

    /// Cuts each person's and place's time in its state to that state's horizon (the moment
    /// it entered is moved forward to `now` less the horizon).
    pub(super) fn cut(&self, state: &mut State) {
        let now = state.now;
        let cut = |since: &mut Minute, horizon: Minute| {
            if now.saturating_sub(*since) >= horizon {
                *since = now - horizon;
            }
        };
        for (c, since) in state.character_since.iter_mut().enumerate() {
            let at = state.character_state[c] as usize;
            cut(since, self.characters[c][at]);
        }
        for (l, since) in state.location_since.iter_mut().enumerate() {
            let at = state.location_state[l] as usize;
            cut(since, self.locations[l][at]);
        }
    }
}

/// For each of `states` states of one machine, its horizon: the longest `InStateFor` among
/// the transitions that can leave it, or its journey's minutes.
fn horizons(
    transitions: &[Transition],
    states: usize,
    journey: impl Fn(StateId) -> Minute,
) -> Vec<Minute> {
    (0..states as StateId)
        .map(|state| {
            transitions
                .iter()
                .filter(|t| t.leaves(state))
                .map(|t| longest_wait(&t.when))
                .fold(journey(state), Minute::max)
        })
        .collect()
}

/// The longest `InStateFor` anywhere in `cond` (0 if none).
fn longest_wait(cond: &Cond) -> Minute {
    match cond {
        Cond::InStateFor(m) => *m,
        Cond::All(cs) | Cond::Any(cs) => cs.iter().map(longest_wait).max().unwrap_or(0),
        Cond::Not(c) => longest_wait(c),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::Horizons;
    use crate::analysis::random_player;
    use crate::sim::{Outcome, Sim};

    /// The rest of a night from `sim`: each action played on until the player is free, then the
    /// clock run out; every event, and how it ended.
    fn rest(
        mut sim: Sim,
        actions: &[crate::sim::Action],
    ) -> (Vec<crate::sim::Event>, Option<Outcome>) {
        let mut events = Vec::new();
        for a in actions {
            if sim.is_over() {
                break;
            }
            match sim.apply(a) {
                Ok(e) => events.extend(e),
                Err(_) => return (events, Some(Outcome::DayOver)),
            }
            events.extend(sim.run_until_idle());
        }
        while !sim.is_over() {
            events.extend(sim.advance(30));
        }
        (events, sim.outcome())
    }

    #[test]
    fn time_in_a_state_past_its_horizon_changes_no_night() {
        // From situations all along random nights of every shipped scenario, the rest of the
        // night goes the same, event for event, whether or not the times past each state's
        // horizon are cut. The cut must also make a difference somewhere, or this proves
        // nothing.
        let mut cuts_that_changed_something = 0;
        for s in crate::shipped::nights() {
            let horizons = Horizons::of(&s);
            for start in 0..s.starts.len() {
                for seed in 0..6u64 {
                    let night = random_player::play(&s, start, seed, seed + 17, 40);
                    let mut sim = Sim::with_start(&s, seed, start);
                    sim.run_until_idle();
                    for (k, action) in night.actions.iter().enumerate() {
                        if k % 4 == 1 {
                            let mut cut = sim.clone();
                            let mut state = cut.state().clone();
                            let whole = state.clone();
                            horizons.cut(&mut state);
                            cuts_that_changed_something += usize::from(state != whole);
                            cut.set_state(state);
                            let rest_of = &night.actions[k..];
                            let (cut_events, cut_end) = rest(cut, rest_of);
                            let (events, end) = rest(sim.clone(), rest_of);
                            let first_difference = cut_events
                                .iter()
                                .zip(&events)
                                .position(|(a, b)| a != b)
                                .map(|i| (&cut_events[i], &events[i]));
                            assert!(
                                cut_end == end
                                    && cut_events.len() == events.len()
                                    && first_difference.is_none(),
                                "{} from {}, seed {seed}, after {k} actions: cut {cut_end:?}, \
                                 whole {end:?}, first difference {first_difference:?}",
                                s.id,
                                s.starts[start].id
                            );
                        }
                        if sim.apply(action).is_err() {
                            break;
                        }
                        sim.run_until_idle();
                    }
                }
            }
        }
        assert!(
            cuts_that_changed_something > 20,
            "{cuts_that_changed_something}"
        );
    }
}
