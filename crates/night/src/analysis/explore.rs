//! The state space of a night, explored from a start: every action the player can take
//! whenever they are free (moves, waiting until something happens, sleeping, talks, tells,
//! items, calls, phones), and both outcomes of every chance, minute by minute. Equal states
//! are kept once, so paths that meet are explored once; what the explorer keeps is a graph
//! of states with, for each, the step that first reached it in the fewest player actions.
//!
//! The explorer's player does not do what only passes time or only loses something:
//! - fixed waits (`wait 5`) are left out: waiting until something happens reaches every
//!   moment at which the world changes around the player, and fixed waits would only add
//!   copies of the same states at other minutes. For the same reason an action that changes
//!   nothing but the clock (a talk no one reacts to, a refused request) counts as a wait;
//! - giving an item to someone who does nothing with it (no transition of theirs is triggered
//!   by receiving it or by being asked for it, and no condition anywhere asks who holds it)
//!   only loses the item: whatever can happen after it can happen when the player keeps it.
//!
//! So "exhaustive" means: every situation this player can reach was expanded. Draw counts and
//! the minute a journey began are left out of the states compared: they change nothing that
//! happens (only which seed gives it, and where the map draws a traveller).

use crate::analysis::coverage::Coverage;
use crate::analysis::novelty::Novelty;
use crate::scenario::Scenario;
use crate::scenario::model::EndingKind;
use crate::scenario::model::{CharId, Cond, ItemId, Trigger};
use crate::sim::chance::ChanceDraw;
use crate::sim::{Action, Activity, Event, Outcome, Sim, State};
use indexmap::IndexSet;
use std::collections::VecDeque;

/// How far an exploration may go.
#[derive(Clone, Copy, Debug)]
pub struct Bound {
    /// Stop expanding once this many distinct states are known.
    pub max_states: usize,
}

impl Default for Bound {
    fn default() -> Self {
        Bound {
            max_states: 2_000_000,
        }
    }
}

/// What can follow a state, as bits.
pub struct Futures;

impl Futures {
    /// An ending of kind loss.
    pub const LOSS: u8 = 1;
    /// An ending of another kind.
    pub const OTHER: u8 = 2;
    /// The day running out with no ending.
    pub const DAY_OVER: u8 = 4;
    /// Something the exploration did not see (cut off by its bound).
    pub const UNKNOWN: u8 = 8;
}

/// No parent: a state the night begins in.
const ROOT: u32 = u32::MAX;

/// How a state was first reached (in the fewest player actions).
#[derive(Clone, Debug)]
pub struct Step {
    pub parent: u32,
    /// The player's action, or `None` for a minute passing (or the night's beginning).
    pub action: Option<Action>,
    /// The outcomes of the chances drawn on the way, in order (see [`Sim::choose_chances`]).
    decisions: Box<[bool]>,
}

/// Per state: how it was reached and what was found from it.
#[derive(Clone, Debug)]
struct Node {
    step: Step,
    /// Player actions on the way here.
    actions: u32,
    /// Its successors, as a range of [`Exploration::edges`]; `None` while not expanded.
    successors: Option<(u32, u32)>,
}

/// The explored graph of one start's night.
pub struct Exploration {
    scenario: Scenario,
    pub start: usize,
    /// Every distinct state found, by index; draw counts are left out (they do not change
    /// what happens, only which seed gives it).
    states: IndexSet<State, foldhash::fast::FixedState>,
    nodes: Vec<Node>,
    edges: Vec<u32>,
    /// What the explored steps made happen.
    pub coverage: Coverage,
    /// Whether every reachable state was expanded (nothing was cut off by the bound).
    pub exhaustive: bool,
    /// Steps simulated (an action or a minute, for one combination of chance outcomes).
    pub steps: u64,
    /// Where the successors of the state being expanded begin in `edges`.
    edge_floor: usize,
    /// `[character][item]`: giving the item to the character can make a difference.
    give_matters: Vec<Vec<bool>>,
    /// The steps from the night's beginning to this exploration's first state, when it
    /// explores from a situation inside the night (see [`Exploration::run_from`]).
    prefix: Vec<Step>,
    /// Whether the player may wait a fixed number of minutes (around a way found: some plans
    /// need a wait timed to the minute).
    fixed_waits: bool,
}

/// The state as the explorer compares it: without what changes nothing that happens.
pub fn comparable(mut state: State) -> State {
    state.draws = Vec::new();
    if let Activity::Travel { depart, .. } = &mut state.activity {
        *depart = 0;
    }
    state
}

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
fn gives_that_matter(s: &Scenario) -> Vec<Vec<bool>> {
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

impl Exploration {
    /// Explores the night from `start` (an index into the scenario's starts) within `bound`,
    /// calling `progress` now and then with the number of states found so far.
    pub fn run(
        scenario: &Scenario,
        start: usize,
        bound: Bound,
        progress: impl FnMut(usize),
    ) -> Exploration {
        Exploration::run_from(scenario, start, Vec::new(), false, bound, progress)
    }

    /// [`Exploration::run`] from the situation that `prefix` (steps of another exploration of
    /// the same start, from the night's beginning) leads to; with `fixed_waits`, the player
    /// may also wait fixed times (1, 5 and 30 minutes). Paths and replays include the prefix.
    pub fn run_from(
        scenario: &Scenario,
        start: usize,
        prefix: Vec<Step>,
        fixed_waits: bool,
        bound: Bound,
        mut progress: impl FnMut(usize),
    ) -> Exploration {
        let mut ex = Exploration::empty(scenario, start, bound);
        ex.fixed_waits = fixed_waits;
        // States reached with the current number of actions, and with one more.
        let mut now_queue: VecDeque<u32> = VecDeque::new();
        let mut next_queue: VecDeque<u32> = VecDeque::new();
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        if !ex.begin(&mut sim, prefix, &mut now_queue) {
            return ex;
        }
        let mut layer = 0;
        let mut expanded = 0u64;
        'layers: loop {
            while let Some(i) = now_queue.pop_front() {
                let node = &ex.nodes[i as usize];
                // A state moved to an earlier layer is queued twice: expand it once.
                if node.successors.is_some() || node.actions != layer {
                    continue;
                }
                if ex.states.len() >= bound.max_states {
                    break 'layers;
                }
                ex.expand(&mut sim, i, &mut now_queue, &mut next_queue);
                expanded += 1;
                if expanded.is_multiple_of(65_536) {
                    progress(ex.states.len());
                }
            }
            if next_queue.is_empty() {
                break;
            }
            std::mem::swap(&mut now_queue, &mut next_queue);
            layer += 1;
        }
        // Not expanded and not over: the bound cut the exploration off there.
        ex.exhaustive = !ex
            .nodes
            .iter()
            .zip(ex.states.iter())
            .any(|(n, s)| n.successors.is_none() && s.outcome.is_none());
        progress(ex.states.len());
        ex
    }

    /// Explores the night from `start` keeping only the situations (the player free, or the
    /// night over) that make something new true at `width` 1 or 2 (see [`Novelty`]): far from
    /// exhaustive, but it reaches deep situations that a breadth-first search of the whole
    /// state space cannot within its bound. What it finds is reachable, with a path to it.
    /// With a `prefix`, from the situation it leads to (and with `fixed_waits`, as in
    /// [`Exploration::run_from`]).
    #[allow(clippy::too_many_arguments)]
    pub fn run_novel(
        scenario: &Scenario,
        start: usize,
        prefix: Vec<Step>,
        fixed_waits: bool,
        width: u8,
        period: u16,
        bound: Bound,
        mut progress: impl FnMut(usize),
    ) -> Exploration {
        let mut ex = Exploration::empty(scenario, start, bound);
        ex.fixed_waits = fixed_waits;
        // One record of what is new per outcome of the night's chances: the same situation
        // in another world is new.
        let mut novelty: std::collections::HashMap<crate::sim::Bits, Novelty> =
            std::collections::HashMap::new();
        let mut ticking: VecDeque<u32> = VecDeque::new();
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        if !ex.begin(&mut sim, prefix, &mut ticking) {
            return ex;
        }
        let mut choosing: VecDeque<u32> = VecDeque::new();
        let mut last_progress = 0;
        loop {
            // Let the time pass until the player can choose again (or the night is over).
            while let Some(i) = ticking.pop_front() {
                if ex.nodes[i as usize].successors.is_some() {
                    continue;
                }
                let state = &ex.states[i as usize];
                if state.outcome.is_some() {
                    ex.nodes[i as usize].successors = Some((0, 0));
                } else if state.activity == Activity::Idle {
                    // At width 2 the pairs with the night's chances tell the worlds apart.
                    let world = if width >= 2 {
                        crate::sim::Bits::default()
                    } else {
                        state.night_chances.clone()
                    };
                    let record = novelty
                        .entry(world)
                        .or_insert_with(|| Novelty::new(width, period));
                    if record.is_new(state) {
                        choosing.push_back(i);
                    }
                } else if ex.states.len() < bound.max_states {
                    ex.expand(&mut sim, i, &mut ticking, &mut choosing);
                }
            }
            let Some(i) = choosing.pop_front() else { break };
            if ex.nodes[i as usize].successors.is_some() {
                continue;
            }
            if ex.states.len() >= bound.max_states {
                break;
            }
            // A free player's choices all go to `ticking` (the other queue stays empty).
            let mut none = VecDeque::new();
            ex.expand(&mut sim, i, &mut none, &mut ticking);
            if ex.states.len() >= last_progress + 65_536 {
                last_progress = ex.states.len();
                progress(last_progress);
            }
        }
        ex.exhaustive = false;
        progress(ex.states.len());
        ex
    }

    /// Adds the states the night begins in (every outcome of the chances drawn at the start),
    /// or the one `prefix` leads to, to `queue`. False if the prefix does not play.
    fn begin(&mut self, sim: &mut Sim, prefix: Vec<Step>, queue: &mut VecDeque<u32>) -> bool {
        let (scenario, start) = (self.scenario.clone(), self.start);
        if prefix.is_empty() {
            self.branch_from(sim, None, None, 0, queue, false, |sim, forced| {
                *sim = Sim::with_start_choosing(&scenario, start, forced);
                sim.take_events()
            });
            return true;
        }
        let Some((reached, _, _)) = replay(&scenario, start, &prefix) else {
            self.exhaustive = false;
            return false;
        };
        self.states.insert(comparable(reached.state().clone()));
        self.nodes.push(Node {
            step: Step {
                parent: ROOT,
                action: None,
                decisions: Box::new([]),
            },
            actions: 0,
            successors: None,
        });
        queue.push_back(0);
        self.prefix = prefix;
        true
    }

    fn empty(scenario: &Scenario, start: usize, bound: Bound) -> Exploration {
        // Room for the states up front: growing a table of millions copies them all.
        let room = bound.max_states.min(1 << 21) + 64;
        let mut ex = Exploration {
            scenario: scenario.clone(),
            start,
            states: IndexSet::with_capacity_and_hasher(room, foldhash::fast::FixedState::default()),
            nodes: Vec::new(),
            edges: Vec::new(),
            coverage: Coverage::default(),
            exhaustive: true,
            steps: 0,
            edge_floor: 0,
            give_matters: gives_that_matter(scenario),
            fixed_waits: false,
            prefix: Vec::new(),
        };
        ex.coverage.note_start(scenario);
        if let Some(st) = scenario.starts.get(start) {
            ex.coverage.note_place(st.at);
        }
        ex
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// How many distinct states were found.
    pub fn len(&self) -> usize {
        self.states.len()
    }
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
    pub fn state(&self, i: u32) -> &State {
        &self.states[i as usize]
    }
    /// Player actions on the shortest way found to state `i`.
    pub fn actions_to(&self, i: u32) -> u32 {
        self.nodes[i as usize].actions
    }
    /// The states that follow state `i` (`None`: not expanded, cut off by the bound, or over).
    pub fn successors(&self, i: u32) -> Option<&[u32]> {
        self.nodes[i as usize]
            .successors
            .map(|(from, len)| &self.edges[from as usize..(from + len) as usize])
    }
    /// The step that first reached state `i` in the fewest actions.
    pub fn step_to(&self, i: u32) -> &Step {
        &self.nodes[i as usize].step
    }
    /// The state a step came from (`None` for a state the night begins in).
    pub fn parent(&self, i: u32) -> Option<u32> {
        let p = self.nodes[i as usize].step.parent;
        (p != ROOT).then_some(p)
    }

    /// The steps from the night's beginning to state `i`, first to last.
    pub fn path_to(&self, i: u32) -> Vec<Step> {
        let mut path = Vec::new();
        let mut at = i;
        loop {
            let step = &self.nodes[at as usize].step;
            if step.parent == ROOT {
                // A situation inside the night begins where its prefix ends.
                if self.prefix.is_empty() {
                    path.push(step.clone());
                }
                break;
            }
            path.push(step.clone());
            at = step.parent;
        }
        path.extend(self.prefix.iter().rev().cloned());
        path.reverse();
        path
    }

    /// For every state, the endings reachable from it as far as the exploration saw, as a
    /// set of [`Futures`] bits; a state whose future was cut off by the bound has
    /// [`Futures::UNKNOWN`]. Computed from the last minute back (every step takes the clock
    /// forward, or is the player's choice at a minute before its consequences).
    pub fn futures(&self, scenario: &Scenario) -> Vec<u8> {
        let mut order: Vec<u32> = (0..self.states.len() as u32).collect();
        // Latest first; at the same minute, what follows a choice before the choice.
        order.sort_unstable_by_key(|&i| {
            let st = &self.states[i as usize];
            std::cmp::Reverse((
                st.now,
                st.activity != Activity::Idle || st.outcome.is_some(),
            ))
        });
        let mut futures = vec![0u8; self.states.len()];
        for i in order {
            let st = &self.states[i as usize];
            futures[i as usize] = match (st.outcome, self.successors(i)) {
                (Some(Outcome::Ending(e)), _) => {
                    if scenario.endings[e as usize].kind == EndingKind::Loss {
                        Futures::LOSS
                    } else {
                        Futures::OTHER
                    }
                }
                (Some(Outcome::DayOver), _) => Futures::DAY_OVER,
                (None, None) => Futures::UNKNOWN,
                (None, Some(next)) => next.iter().fold(0, |m, &n| m | futures[n as usize]),
            };
        }
        futures
    }

    /// Whether state `i` is one where the player chooses (free, and the night not over).
    pub fn is_choice(&self, i: u32) -> bool {
        let st = &self.states[i as usize];
        st.outcome.is_none() && st.activity == Activity::Idle
    }

    /// Plays the path to state `i` again with its chance outcomes, counting draws as a real
    /// night does: the player's actions on the way, and every chance draw with the outcome
    /// the path needs (for a seed search). `None` if the replay does not arrive at state `i`
    /// (which would be a bug in the explorer).
    pub fn replay_to(&self, i: u32) -> Option<(Vec<Action>, Vec<ChanceDraw>)> {
        let (sim, actions, draws) = replay(&self.scenario, self.start, &self.path_to(i))?;
        let reached = comparable(sim.state().clone());
        (reached == self.states[i as usize]).then_some((actions, draws))
    }

    /// Expands state `i`: its actions when the player is free, else the next minute.
    fn expand(
        &mut self,
        sim: &mut Sim,
        i: u32,
        now_queue: &mut VecDeque<u32>,
        next_queue: &mut VecDeque<u32>,
    ) {
        let first_edge = self.edges.len() as u32;
        self.edge_floor = self.edges.len();
        let actions = self.nodes[i as usize].actions;
        let state = &self.states[i as usize];
        if state.outcome.is_none() {
            if state.activity == Activity::Idle {
                sim.set_state(state.clone());
                let give_matters = &self.give_matters;
                let fixed_waits = self.fixed_waits;
                let choices: Vec<Action> = sim
                    .actions()
                    .into_iter()
                    .filter(|a| match a {
                        Action::Wait { .. } => fixed_waits,
                        Action::Give { who, item } => give_matters[*who as usize][*item as usize],
                        _ => true,
                    })
                    .collect();
                for action in choices {
                    self.branch(
                        sim,
                        i,
                        Some(action.clone()),
                        actions + 1,
                        next_queue,
                        true,
                        // Offered by `actions()` a moment ago: it applies.
                        |sim| sim.apply(&action).unwrap_or_default(),
                    );
                }
            } else {
                self.branch(sim, i, None, actions, now_queue, false, |sim| {
                    sim.advance(1)
                });
            }
        }
        let len = self.edges.len() as u32 - first_edge;
        self.nodes[i as usize].successors = Some((first_edge, len));
    }

    /// Runs one step from state `parent` for every combination of the outcomes of the
    /// chances it draws, and adds the states it leads to as its successors. With
    /// `drop_waits`, outcomes that only passed the time are dropped.
    #[allow(clippy::too_many_arguments)]
    fn branch(
        &mut self,
        sim: &mut Sim,
        parent: u32,
        action: Option<Action>,
        actions: u32,
        queue: &mut VecDeque<u32>,
        drop_waits: bool,
        mut run: impl FnMut(&mut Sim) -> Vec<Event>,
    ) {
        self.branch_from(
            sim,
            Some(parent),
            action,
            actions,
            queue,
            drop_waits,
            |sim, forced| {
                sim.choose_chances(forced);
                run(sim)
            },
        );
    }

    /// [`Exploration::branch`], or with no parent the beginnings, which `run` makes from the
    /// chances it is given.
    #[allow(clippy::too_many_arguments)]
    fn branch_from(
        &mut self,
        sim: &mut Sim,
        parent: Option<u32>,
        action: Option<Action>,
        actions: u32,
        queue: &mut VecDeque<u32>,
        drop_waits: bool,
        mut run: impl FnMut(&mut Sim, Vec<bool>) -> Vec<Event>,
    ) {
        let mut pending: Vec<Vec<bool>> = vec![Vec::new()];
        while let Some(forced) = pending.pop() {
            let fixed = forced.len();
            if let Some(p) = parent {
                sim.set_state(self.states[p as usize].clone());
            }
            let events = run(sim, forced);
            self.steps += 1;
            let drawn = sim.take_chance_draws();
            // Every draw after the forced ones took its likelier outcome: try the other.
            for k in (fixed..drawn.len()).rev() {
                if drawn[k].could_go_either_way() {
                    let mut other: Vec<bool> = drawn[..k].iter().map(|d| d.hit).collect();
                    other.push(!drawn[k].hit);
                    pending.push(other);
                }
            }
            self.coverage.note(&events);
            let mut state = comparable(sim.take_state());
            if let Some(p) = parent
                && drop_waits
                && is_only_a_wait(&self.states[p as usize], &mut state)
            {
                continue;
            }
            let step = Step {
                parent: parent.unwrap_or(ROOT),
                action: action.clone(),
                decisions: drawn.iter().map(|d| d.hit).collect(),
            };
            let (index, new) = self.states.insert_full(state);
            let index = index as u32;
            if new {
                self.nodes.push(Node {
                    step,
                    actions,
                    successors: None,
                });
                queue.push_back(index);
            } else {
                let node = &mut self.nodes[index as usize];
                // Found again in fewer actions before it was expanded: it moves up a layer.
                if node.successors.is_none() && actions < node.actions {
                    node.step = step;
                    node.actions = actions;
                    queue.push_back(index);
                }
            }
            if parent.is_some() && !self.edges[self.edge_floor..].contains(&index) {
                self.edges.push(index);
            }
        }
    }
}

/// Plays `path` (steps from the night's beginning) with its chance outcomes, counting draws
/// as a real night does: the night after it, the player's actions on the way, and every
/// chance draw with the outcome the path needs. `None` if an action no longer applies.
pub fn replay(
    scenario: &Scenario,
    start: usize,
    path: &[Step],
) -> Option<(Sim, Vec<Action>, Vec<ChanceDraw>)> {
    let (first, rest) = path.split_first()?;
    let mut sim = Sim::with_start_choosing(scenario, start, first.decisions.to_vec());
    let mut draws = sim.take_chance_draws();
    let mut actions = Vec::new();
    for step in rest {
        sim.choose_chances(step.decisions.to_vec());
        match &step.action {
            Some(action) => {
                sim.apply(action).ok()?;
                actions.push(action.clone());
            }
            None => {
                sim.advance(1);
            }
        }
        draws.extend(sim.take_chance_draws());
    }
    sim.take_events();
    Some((sim, actions, draws))
}

/// Whether an action took the player from `base` (free) to `after` changing nothing but
/// their being busy: a wait in all but name.
fn is_only_a_wait(base: &State, after: &mut State) -> bool {
    if after.outcome.is_some()
        || !matches!(after.activity, Activity::Busy { .. })
        || after.now != base.now
    {
        return false;
    }
    // Compared with the activity set aside, then put back.
    let activity = std::mem::replace(&mut after.activity, Activity::Idle);
    let same = after == base;
    after.activity = activity;
    same
}
