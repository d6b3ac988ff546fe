//! How near a situation is to an ending: the ending's condition, and, regressed a few steps,
//! the conditions of whatever makes its parts true (the transitions and events that set a
//! flag, enter a state, give an item or convince someone that it asks for, with what the
//! player must hold and where they must be for a triggered one, and the arrival of a
//! character on its way). A situation scores the more of these it satisfies, the nearer to
//! the ending each is; which of them hold is its signature. `check` searches toward an
//! ending by these (see [`crate::analysis::explore::Exploration::run_toward`]) and explores
//! around the nearest situations found.

use crate::scenario::Scenario;
use crate::scenario::model::{Cond, Effect, Entity, Place, Transition, Trigger};
use crate::sim::Sim;

/// One part of what leads to an ending: a condition, how many steps further back it was
/// regressed, and the ways to make it true (the conditions of each rule that does).
struct Part {
    /// Into [`Nearness::conds`].
    cond: usize,
    depth: u32,
    /// For each rule that makes the part true, the parts of its condition.
    ways: Vec<Vec<usize>>,
}

/// A condition of the tree, with the state machine it belongs to (for `InStateFor`).
struct Judged {
    cond: Cond,
    owner: Option<Entity>,
    /// Only waiting brings it (see [`time_brings`]).
    timed: bool,
}

/// What leads to one ending: a tree of conditions regressed a few steps from its own. The
/// same condition regressed the same number of steps is one part however many rules lead to
/// it, and each condition is evaluated once per situation.
pub struct Nearness {
    conds: Vec<Judged>,
    parts: Vec<Part>,
    /// The parts of the ending's condition.
    goal: Vec<usize>,
    /// The parts, the least regressed first: a part's ways come before it.
    order: Vec<usize>,
}

/// How near a situation is (see [`Nearness::measure`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    /// From 0 to 1: the mean over the parts of the goal of how near each is (1 when it holds,
    /// else half the best mean of the parts of a way to make it true).
    pub score: f32,
    /// Which of the conditions that lead to the goal hold (those only time brings left out):
    /// a search toward the goal keeps a record of what is new per combination, so that a
    /// situation nearer to it is new again.
    pub signature: u64,
}

/// A rule that can change the night: a transition of a state machine, or an event.
struct Rule<'a> {
    owner: Option<Entity>,
    to: Option<u16>,
    /// What must hold for it to fire (see [`transition_conditions`]).
    conds: Vec<Cond>,
    then: &'a [Effect],
}

/// What must hold for a transition of `owner` to fire: its `when`, what the player must have
/// and where they must be for its trigger (see [`trigger_needs`]), and one of its `from`
/// states.
pub(crate) fn transition_conditions(s: &Scenario, owner: Entity, t: &Transition) -> Vec<Cond> {
    let mut conds = conjuncts(t.when.clone());
    conds.extend(trigger_needs(s, Some(owner), t.on));
    if !t.from.is_empty() {
        conds.push(Cond::Any(
            t.from.iter().map(|&f| Cond::State(owner, f)).collect(),
        ));
    }
    conds
}

/// What the player must have and where they must be for a rule of `owner` with `trigger` to
/// fire: a condition-free trigger like "Harry uses the revolver on Wilson" still needs the
/// revolver, and Wilson within reach.
fn trigger_needs(s: &Scenario, owner: Option<Entity>, trigger: Option<Trigger>) -> Vec<Cond> {
    let mut needs = Vec::new();
    let Some(trigger) = trigger else {
        return needs;
    };
    match trigger {
        Trigger::Used(item) | Trigger::Given(item) => needs.push(Cond::Holds(s.player, item)),
        Trigger::Told(fact) => needs.push(Cond::Believes(s.player, fact)),
        _ => {}
    }
    if let Some(Entity::Character(c)) = owner
        && matches!(
            trigger,
            Trigger::Used(_)
                | Trigger::Given(_)
                | Trigger::Told(_)
                | Trigger::Talked(_)
                | Trigger::Asked(_)
        )
    {
        needs.push(Cond::Here(c));
    }
    needs
}

/// Every rule of the scenario that can change the night.
fn rules(s: &Scenario) -> Vec<Rule<'_>> {
    let machines = s
        .locations
        .iter()
        .enumerate()
        .map(|(l, loc)| (Entity::Location(l as u16), &loc.transitions))
        .chain(
            s.characters
                .iter()
                .enumerate()
                .map(|(c, ch)| (Entity::Character(c as u16), &ch.transitions)),
        );
    let mut out: Vec<Rule> = machines
        .flat_map(|(owner, transitions)| {
            transitions.iter().map(move |t| Rule {
                owner: Some(owner),
                to: t.to,
                conds: transition_conditions(s, owner, t),
                then: &t.then,
            })
        })
        .collect();
    // A character on the way somewhere arrives by itself: a rule from the going state.
    for (c, ch) in s.characters.iter().enumerate() {
        let owner = Entity::Character(c as u16);
        for (k, st) in ch.states.iter().enumerate() {
            if let Place::Going { arrive, .. } = st.place {
                out.push(Rule {
                    owner: Some(owner),
                    to: Some(arrive),
                    conds: vec![Cond::Any(vec![Cond::State(owner, k as u16)])],
                    then: &[],
                });
            }
        }
    }
    for e in &s.events {
        out.push(Rule {
            owner: None,
            to: None,
            conds: conjuncts(e.when.clone()),
            then: &e.then,
        });
    }
    out
}

impl Nearness {
    /// What leads to `goal` (conditions that must all hold, of the state machine `owner`),
    /// regressed `depth` steps from them.
    pub fn toward(s: &Scenario, goal: Vec<Cond>, owner: Option<Entity>, depth: u32) -> Nearness {
        let rules = rules(s);
        let mut near = Nearness {
            conds: Vec::new(),
            parts: Vec::new(),
            goal: Vec::new(),
            order: Vec::new(),
        };
        near.goal = goal
            .into_iter()
            .map(|c| near.add(s, &rules, c, owner, depth))
            .collect();
        near.order = (0..near.parts.len()).collect();
        near.order.sort_by_key(|&p| near.parts[p].depth);
        near
    }

    /// Adds the part `cond` and, `depth` steps deep, the ways to make it true (or finds it,
    /// when it is there already at this depth).
    fn add(
        &mut self,
        s: &Scenario,
        rules: &[Rule],
        cond: Cond,
        owner: Option<Entity>,
        depth: u32,
    ) -> usize {
        let judged = match self
            .conds
            .iter()
            .position(|j| j.cond == cond && j.owner == owner)
        {
            Some(j) => j,
            None => {
                self.conds.push(Judged {
                    timed: time_brings(&cond),
                    cond: cond.clone(),
                    owner,
                });
                self.conds.len() - 1
            }
        };
        if let Some(p) = self
            .parts
            .iter()
            .position(|p| p.cond == judged && p.depth == depth)
        {
            return p;
        }
        // What makes this part true, one step back: the states it asks for, the flag it asks for.
        let states: Vec<(Entity, u16)> = match &cond {
            Cond::State(e, st) => vec![(*e, *st)],
            Cond::Any(cs) => cs
                .iter()
                .filter_map(|c| match c {
                    Cond::State(e, st) => Some((*e, *st)),
                    _ => None,
                })
                .collect(),
            Cond::With(c) => s.characters[*c as usize]
                .states
                .iter()
                .enumerate()
                .filter(|(_, st)| st.place == Place::WithHarry)
                .map(|(k, _)| (Entity::Character(*c), k as u16))
                .collect(),
            _ => Vec::new(),
        };
        let flag = match &cond {
            Cond::Flag(f) => Some(*f),
            _ => None,
        };
        let holds = match &cond {
            Cond::Holds(c, i) => Some((*c, *i)),
            _ => None,
        };
        let believes = match &cond {
            Cond::Believes(c, f) => Some((*c, *f)),
            _ => None,
        };
        let index = self.parts.len();
        self.parts.push(Part {
            cond: judged,
            depth,
            ways: Vec::new(),
        });
        if depth == 0 {
            return index;
        }
        // One of several: a way to it is a way to any of them (states are regressed below).
        if let Cond::Any(alternatives) = &cond {
            for alternative in alternatives {
                if !matches!(alternative, Cond::State(..)) {
                    let part = self.add(s, rules, alternative.clone(), owner, depth - 1);
                    self.parts[index].ways.push(vec![part]);
                }
            }
        }
        for rule in rules {
            let sets_flag = flag.is_some_and(|f| rule.then.contains(&Effect::Set(f)));
            let gives = holds.is_some_and(|(c, i)| rule.then.contains(&Effect::Give(c, i)));
            let convinces = believes.is_some_and(|(c, f)| {
                rule.then.iter().any(|e| {
                    matches!(e, Effect::Believe(who, fact) | Effect::Tell(_, who, fact)
                        if (*who, *fact) == (c, f))
                })
            });
            let enters = states.iter().any(|&(e, st)| {
                (rule.owner == Some(e) && rule.to == Some(st))
                    || rule.then.contains(&Effect::SetState(e, st))
            });
            if !(sets_flag || enters || gives || convinces) {
                continue;
            }
            let way = rule
                .conds
                .iter()
                .map(|c| self.add(s, rules, c.clone(), rule.owner, depth - 1))
                .collect();
            self.parts[index].ways.push(way);
        }
        index
    }

    /// How near the situation `sim` is in: its score and its signature (see [`Measure`]).
    pub fn measure(&self, sim: &Sim) -> Measure {
        let holds: Vec<bool> = self
            .conds
            .iter()
            .map(|j| !j.timed && sim.eval(&j.cond, j.owner))
            .collect();
        let mut signature = 0xcbf2_9ce4_8422_2325u64;
        for (k, _) in holds.iter().enumerate().filter(|(_, h)| **h) {
            signature = (signature ^ k as u64).wrapping_mul(0x100_0000_01b3);
        }
        let mut score = vec![0.0f32; self.parts.len()];
        for &p in &self.order {
            let part = &self.parts[p];
            score[p] = if self.conds[part.cond].timed || holds[part.cond] {
                1.0
            } else {
                part.ways
                    .iter()
                    .map(|way| 0.5 * mean(way.iter().map(|&q| score[q])))
                    .fold(0.0, f32::max)
            };
        }
        Measure {
            score: mean(self.goal.iter().map(|&p| score[p])),
            signature,
        }
    }
}

/// Waiting brings these: they say nothing of how near a situation is.
fn time_brings(cond: &Cond) -> bool {
    matches!(
        cond,
        Cond::After(_) | Cond::Deadline | Cond::EndOfDay | Cond::InStateFor(_)
    )
}

fn mean(values: impl Iterator<Item = f32>) -> f32 {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    if n == 0 { 1.0 } else { sum / n as f32 }
}

/// The parts of a condition that must all hold.
pub(crate) fn conjuncts(cond: Cond) -> Vec<Cond> {
    match cond {
        Cond::All(cs) => cs.into_iter().flat_map(conjuncts).collect(),
        Cond::Always => Vec::new(),
        other => vec![other],
    }
}
