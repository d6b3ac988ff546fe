//! The minutes at which the clock alone can change what the minute's rules say: the times
//! conditions name (`after`, `before`, the deadline, the day's end, each rule's first
//! minute), and for each state of each machine, how long after entering it its level
//! transitions' `in_state_for` turn or its journey arrives. Between two marks a minute in
//! which nothing happened is followed by more of the same, so the simulation skips them in one
//! step (see `Sim::skip_quiet_minutes`). Likewise the panic levels conditions name: while
//! only panic moves, the minutes go the same way until it crosses one of them.

use super::{Cond, DAY, LocId, Minute, Model, Place, Transition};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClockMarks {
    /// Minutes of the day at which a condition may turn, sorted, each once.
    absolute: Vec<Minute>,
    /// `[character][state]`: minutes after entering the state at which a level transition
    /// leaving it may turn or its journey arrives, sorted, each once.
    characters: Vec<Vec<Vec<Minute>>>,
    /// `[location][state]`, the same.
    locations: Vec<Vec<Vec<Minute>>>,
    /// The panic levels conditions name: at a place, or where Harry is (`None`).
    panic: Vec<(Option<LocId>, u8)>,
}

impl ClockMarks {
    pub(crate) fn of(model: &Model) -> ClockMarks {
        let mut absolute = vec![model.deadline, DAY];
        let mut panic = Vec::new();
        model.visit_conditions(&mut |c| match *c {
            Cond::Before(t) | Cond::After(t) => absolute.push(t),
            Cond::PanicAtLeast(place, n) => panic.push((Some(place), n)),
            Cond::PanicHere(n) => panic.push((None, n)),
            _ => {}
        });
        panic.sort_unstable();
        panic.dedup();
        let machines = model
            .locations
            .iter()
            .flat_map(|l| &l.transitions)
            .chain(model.characters.iter().flat_map(|c| &c.transitions));
        absolute.extend(machines.map(|t| t.not_before));
        absolute.extend(model.events.iter().map(|e| e.not_before));
        absolute.extend(model.endings.iter().map(|e| e.not_before));
        absolute.sort_unstable();
        absolute.dedup();
        let characters = model
            .characters
            .iter()
            .map(|c| {
                (0..c.states.len())
                    .map(|state| {
                        let journey = match c.states[state].place {
                            Place::Going { minutes, .. } => Some(minutes),
                            _ => None,
                        };
                        relative(&c.transitions, &c.level_by_state[state], journey)
                    })
                    .collect()
            })
            .collect();
        let locations = model
            .locations
            .iter()
            .map(|l| {
                (0..l.states.len())
                    .map(|state| relative(&l.transitions, &l.level_by_state[state], None))
                    .collect()
            })
            .collect();
        ClockMarks {
            absolute,
            characters,
            locations,
            panic,
        }
    }

    /// The first absolute mark after `now` (the day's end if none is left).
    pub fn first_after(&self, now: Minute) -> Minute {
        let k = self.absolute.partition_point(|&t| t <= now);
        self.absolute.get(k).copied().unwrap_or(DAY)
    }

    /// Whether panic going from `before` to `after` (levels by location) crosses a level a
    /// condition names, with Harry at `harry_at`.
    pub fn panic_crosses(&self, harry_at: LocId, before: &[u8], after: &[u8]) -> bool {
        self.panic.iter().any(|&(place, n)| {
            let at = place.unwrap_or(harry_at) as usize;
            (before[at] >= n) != (after[at] >= n)
        })
    }

    /// The marks of a character's state, in minutes after entering it, ascending.
    pub fn of_character(&self, character: usize, state: usize) -> &[Minute] {
        &self.characters[character][state]
    }

    /// The marks of a location's state, in minutes after entering it, ascending.
    pub fn of_location(&self, location: usize, state: usize) -> &[Minute] {
        &self.locations[location][state]
    }
}

/// The `in_state_for` minutes of the level transitions `level` (indices into `transitions`),
/// and the journey's minutes, sorted, each once.
fn relative(transitions: &[Transition], level: &[u16], journey: Option<Minute>) -> Vec<Minute> {
    let mut marks: Vec<Minute> = journey.into_iter().collect();
    for &t in level {
        transitions[t as usize].when.visit(&mut |c| {
            if let Cond::InStateFor(m) = *c {
                marks.push(m);
            }
        });
    }
    marks.sort_unstable();
    marks.dedup();
    marks
}
