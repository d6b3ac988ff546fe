//! The state space of a night, explored from a start: every action the player can take
//! whenever they are free (moves, waiting until something happens, sleeping, talks, tells,
//! items, calls, phones), each played on until they are free again or the night is over, and
//! both outcomes of every chance drawn on the way. The states kept are the situations where
//! the player chooses (and the nights' ends); equal states are kept once, so paths that meet
//! are explored once. What the explorer keeps is a graph of states with, for each, the step
//! (an action and the chances' outcomes) that first reached it.
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
use crate::analysis::nearness::Nearness;
use crate::analysis::novelty::Novelty;
use crate::analysis::target::Target;
use crate::scenario::Scenario;
use crate::scenario::model::EndingKind;
use crate::scenario::model::{CharId, Cond, ItemId, Minute, Trigger};
use crate::sim::chance::ChanceDraw;
use crate::sim::{Action, Activity, Event, Outcome, Sim, State};
use indexmap::IndexSet;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

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

/// How many situations a search toward a target expands at each minute of the clock: the
/// nearest, so that a crowded minute does not hold the search back from the later ones.
const PER_MINUTE: usize = 200;

/// No parent: a state the night begins in.
const ROOT: u32 = u32::MAX;

/// How a state was first reached (in a breadth-first exploration, in the fewest actions).
#[derive(Clone, Debug)]
pub struct Step {
    pub parent: u32,
    /// The player's action, played on until they are free again; `None` for the night's
    /// beginning, up to the player's first choice.
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
        // Breadth-first: every step is one action, so the first way found to a state is one
        // with the fewest actions.
        let mut queue: VecDeque<u32> = VecDeque::new();
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        if !ex.begin(&mut sim, prefix, &mut queue) {
            return ex;
        }
        let mut expanded = 0u64;
        while let Some(i) = queue.pop_front() {
            if ex.states.len() >= bound.max_states {
                break;
            }
            ex.expand(&mut sim, i, &mut queue);
            expanded += 1;
            if expanded.is_multiple_of(16_384) {
                progress(ex.states.len());
            }
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

    /// Explores the night from `start` keeping only the situations that make something new
    /// true at `width` 1 or 2 (see [`Novelty`]): far from exhaustive, but it reaches deep
    /// situations that a breadth-first search of the whole state space cannot within its
    /// bound. What it finds is reachable, with a path to it. With a `prefix`, from the
    /// situation it leads to (and with `fixed_waits`, as in [`Exploration::run_from`]).
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
        ex.exhaustive = false;
        // One record of what is new per outcome of the night's chances: the same situation
        // in another world is new. At width 2 the pairs with the chances tell worlds apart.
        let mut novelty: HashMap<crate::sim::Bits, Novelty> = HashMap::new();
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        let mut found: VecDeque<u32> = VecDeque::new();
        if !ex.begin(&mut sim, prefix, &mut found) {
            return ex;
        }
        let mut choosing: VecDeque<u32> = VecDeque::new();
        let mut last_progress = 0;
        loop {
            for i in found.drain(..) {
                let state = &ex.states[i as usize];
                let world = if width >= 2 {
                    crate::sim::Bits::default()
                } else {
                    state.night_chances.clone()
                };
                let record = novelty
                    .entry(world)
                    .or_insert_with(|| Novelty::new(width, period));
                if record.is_new(state) && state.outcome.is_none() {
                    choosing.push_back(i);
                }
            }
            let Some(i) = choosing.pop_front() else { break };
            if ex.states.len() >= bound.max_states {
                break;
            }
            ex.expand(&mut sim, i, &mut found);
            if ex.states.len() >= last_progress + 65_536 {
                last_progress = ex.states.len();
                progress(last_progress);
            }
        }
        progress(ex.states.len());
        ex
    }

    /// Searches the night from `start` toward `target` (see [`Nearness`]): the situations are
    /// taken earliest first (at the same minute, the nearest first, at most `PER_MINUTE` of
    /// them), and one is expanded only if it makes an atom true (at `width` 2, a pair of
    /// atoms) for the first time among the situations that hold the same parts of what leads
    /// to the target (and the same night chances). Earliest first, the first situation with
    /// each combination of progress is the earliest found: a plan against the clock (the
    /// pilot recruited early enough for the helicopter to be back in time) is not crowded out
    /// by slower ways to the same progress. Stops when the target is reached.
    pub fn run_toward(
        scenario: &Scenario,
        start: usize,
        target: Target,
        near: &Nearness,
        width: u8,
        bound: Bound,
        mut progress: impl FnMut(usize),
    ) -> Exploration {
        let mut ex = Exploration::empty(scenario, start, bound);
        ex.exhaustive = false;
        let mut novelty: HashMap<(crate::sim::Bits, u64), Novelty> = HashMap::new();
        let mut judge = Sim::with_start_choosing(scenario, start, Vec::new());
        let mut sim = Sim::with_start_choosing(scenario, start, Vec::new());
        let mut found: VecDeque<u32> = VecDeque::new();
        if !ex.begin(&mut sim, Vec::new(), &mut found) {
            return ex;
        }
        // Situations to choose in: earliest first, then the nearest, then in the order found
        // (with the signature of what holds in them, measured once).
        let mut choosing: BinaryHeap<Reverse<(Minute, u32, u32, u64)>> = BinaryHeap::new();
        // Expansions per minute of the clock, at most `PER_MINUTE`.
        let mut minute: (Minute, usize) = (0, 0);
        let mut last_progress = 0;
        loop {
            for i in found.drain(..) {
                let state = &ex.states[i as usize];
                if target.reached(&ex.coverage, state) {
                    progress(ex.states.len());
                    return ex;
                }
                if state.outcome.is_none() {
                    judge.set_state(state.clone());
                    let measure = near.measure(&judge);
                    // Nearer first within a minute (scores are in 0..=1).
                    let nearer = u32::MAX - (measure.score * 1e6) as u32;
                    choosing.push(Reverse((state.now, nearer, i, measure.signature)));
                }
            }
            let Some(Reverse((now, _, i, signature))) = choosing.pop() else {
                break;
            };
            if minute.0 != now {
                minute = (now, 0);
            }
            if minute.1 >= PER_MINUTE {
                continue;
            }
            if ex.states.len() >= bound.max_states {
                break;
            }
            let state = &ex.states[i as usize];
            let record = novelty
                .entry((state.night_chances.clone(), signature))
                .or_insert_with(|| Novelty::new(width, 0));
            if !record.is_new(state) {
                continue;
            }
            ex.expand(&mut sim, i, &mut found);
            minute.1 += 1;
            if ex.states.len() >= last_progress + 65_536 {
                last_progress = ex.states.len();
                progress(last_progress);
            }
        }
        progress(ex.states.len());
        ex
    }

    /// Adds the states the night begins in (every outcome of the chances drawn at the start,
    /// up to the player's first choice), or the one `prefix` leads to, to `queue`. False if
    /// the prefix does not play.
    fn begin(&mut self, sim: &mut Sim, prefix: Vec<Step>, queue: &mut VecDeque<u32>) -> bool {
        let (scenario, start) = (self.scenario.clone(), self.start);
        if prefix.is_empty() {
            self.branch(sim, None, None, 0, queue, |sim, forced| {
                *sim = Sim::with_start_choosing(&scenario, start, forced);
                let mut events = sim.take_events();
                events.extend(sim.run_until_idle());
                (events, true)
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
    /// Player actions on the way found to state `i`, from the night's beginning (those of
    /// the prefix an exploration began from included).
    pub fn actions_to(&self, i: u32) -> u32 {
        let prefix = self.prefix.iter().filter(|p| p.action.is_some()).count() as u32;
        prefix + self.nodes[i as usize].actions
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
    /// [`Futures::UNKNOWN`]. Computed from the last minute back (every action takes the
    /// clock forward; a night's end at the minute of a choice comes after it).
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

    /// Expands state `i`, where the player is free: each action they can take, played on
    /// until they are free again (or the night is over), for every outcome of the chances.
    fn expand(&mut self, sim: &mut Sim, i: u32, queue: &mut VecDeque<u32>) {
        let first_edge = self.edges.len() as u32;
        self.edge_floor = self.edges.len();
        let actions = self.nodes[i as usize].actions;
        let base = self.states[i as usize].clone();
        if base.outcome.is_none() && base.activity == Activity::Idle {
            sim.set_state(base.clone());
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
                    Some(i),
                    Some(action.clone()),
                    actions + 1,
                    queue,
                    |sim, forced| {
                        sim.set_state(base.clone());
                        sim.choose_chances(forced);
                        // Offered by `actions()` a moment ago: it applies.
                        let mut events = sim.apply(&action).unwrap_or_default();
                        let mut after = sim.take_state();
                        let wait = is_only_a_wait(&base, &mut after);
                        sim.set_state(after);
                        if !wait {
                            events.extend(sim.run_until_idle());
                        }
                        (events, !wait)
                    },
                );
            }
        }
        let len = self.edges.len() as u32 - first_edge;
        self.nodes[i as usize].successors = Some((first_edge, len));
    }

    /// Runs one step (from state `parent`, or with no parent the night's beginning) for every
    /// combination of the outcomes of the chances it draws, and adds the states it leads to
    /// as its successors. `run` plays the step with the outcomes it is given first, and says
    /// what happened and whether to keep it (a step that only passed the time is dropped, but
    /// what it made happen, a line of narration, still counts).
    fn branch(
        &mut self,
        sim: &mut Sim,
        parent: Option<u32>,
        action: Option<Action>,
        actions: u32,
        queue: &mut VecDeque<u32>,
        mut run: impl FnMut(&mut Sim, Vec<bool>) -> (Vec<Event>, bool),
    ) {
        let mut pending: Vec<Vec<bool>> = vec![Vec::new()];
        while let Some(forced) = pending.pop() {
            let fixed = forced.len();
            let (events, keep) = run(sim, forced);
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
            if !keep {
                continue;
            }
            let state = comparable(sim.take_state());
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
            }
            if parent.is_some() && !self.edges[self.edge_floor..].contains(&index) {
                self.edges.push(index);
            }
        }
    }
}

/// Plays `path` (steps from the night's beginning) with its chance outcomes, counting draws
/// as a real night does: the night after it, the player's actions on the way, and every
/// chance draw with the outcome the path needs. Each step plays on until the player is free
/// (or the night is over), as `text --script` does. `None` if an action no longer applies.
pub fn replay(
    scenario: &Scenario,
    start: usize,
    path: &[Step],
) -> Option<(Sim, Vec<Action>, Vec<ChanceDraw>)> {
    let (first, rest) = path.split_first()?;
    let mut sim = Sim::with_start_choosing(scenario, start, first.decisions.to_vec());
    sim.run_until_idle();
    let mut draws = sim.take_chance_draws();
    let mut actions = Vec::new();
    for step in rest {
        sim.choose_chances(step.decisions.to_vec());
        let action = step.action.as_ref()?;
        sim.apply(action).ok()?;
        sim.run_until_idle();
        actions.push(action.clone());
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
    // Compared with the activity set aside, then put back (draw counts left out).
    let activity = std::mem::replace(&mut after.activity, Activity::Idle);
    let draws = std::mem::take(&mut after.draws);
    let same = *after == *base;
    after.activity = activity;
    after.draws = draws;
    same
}
