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

//!
//! Three strategies share the graph: breadth-first over everything (`breadth_first`), only
//! what is new (`novel`), and toward a target (`toward`). How a state is expanded is in
//! `growth`; which gifts can matter, in `relevance`.

mod breadth_first;
mod growth;
mod nodes;
mod novel;
mod relevance;
mod store;
mod toward;

pub use novel::Newness;
pub use toward::Pursuit;

use crate::analysis::coverage::Coverage;
use crate::scenario::Scenario;
use crate::scenario::model::EndingKind;
use crate::sim::chance::ChanceDraw;
use crate::sim::{Action, Activity, Outcome, Sim, State};
use std::collections::VecDeque;
use std::ops::ControlFlow;

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

/// How often, in states expanded, an exploration tells whoever runs it how many states it
/// knows and asks whether to go on: often enough that a time limit is kept to within a few
/// milliseconds, seldom enough to cost nothing.
pub const WATCHED_EVERY: u64 = 256;

/// Told now and then how many states an exploration knows; answers whether it should go on
/// (`Break`: stop now, as if the bound were reached).
pub trait Watch: FnMut(usize) -> ControlFlow<()> {}
impl<F: FnMut(usize) -> ControlFlow<()>> Watch for F {}

/// A watcher that only lets the exploration go on (benchmarks, tests).
pub fn unwatched(_states: usize) -> ControlFlow<()> {
    ControlFlow::Continue(())
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

/// The explored graph of one start's night.
pub struct Exploration {
    scenario: Scenario,
    pub start: usize,
    /// Every distinct state found, by index; draw counts are left out (they do not change
    /// what happens, only which seed gives it).
    states: store::StateStore,
    /// How each state was first reached, and its successors.
    nodes: nodes::Nodes,
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
    /// How long in each state can make a difference.
    horizons: relevance::Horizons,
    /// The steps from the night's beginning to this exploration's first state, when it
    /// explores from a situation inside the night (see [`Exploration::run_from`]).
    prefix: Vec<Step>,
    /// Whether the player may wait a fixed number of minutes (around a way found: some plans
    /// need a wait timed to the minute).
    fixed_waits: bool,
}

/// Where an exploration begins, and what its player may do there besides the usual.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// Steps of another exploration of the same start, from the night's beginning, to the
    /// situation to explore from; empty to explore from the night's beginning. Paths and
    /// replays include them.
    pub prefix: Vec<Step>,
    /// Whether the player may also wait fixed times (1, 5 and 30 minutes): around a way
    /// found, some plans need a wait timed to the minute.
    pub fixed_waits: bool,
}

impl Origin {
    /// The situation `prefix` leads to, with waits timed to the minute or not.
    pub fn after(prefix: Vec<Step>, fixed_waits: bool) -> Origin {
        Origin {
            prefix,
            fixed_waits,
        }
    }
}

/// The state as the explorer compares it: without what changes nothing that happens (draw
/// counts, when a journey began, and time in a state past what any rule can tell apart).
fn comparable(mut state: State, horizons: &relevance::Horizons) -> State {
    state.draws = Vec::new();
    if let Activity::Travel { depart, .. } = &mut state.activity {
        *depart = 0;
    }
    horizons.cut(&mut state);
    state
}

impl Exploration {
    /// Adds the states the night begins in (every outcome of the chances drawn at the start,
    /// up to the player's first choice), or the one `prefix` leads to, to `queue`. False if
    /// the prefix does not play.
    fn begin(&mut self, sim: &mut Sim, origin: Origin, queue: &mut VecDeque<u32>) -> bool {
        self.fixed_waits = origin.fixed_waits;
        let prefix = origin.prefix;
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
        self.states
            .insert_full(&comparable(reached.state().clone(), &self.horizons));
        self.nodes.push(ROOT, None, &[], 0);
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
            states: store::StateStore::with_capacity(scenario, room),
            nodes: nodes::Nodes::default(),
            edges: Vec::new(),
            coverage: Coverage::default(),
            exhaustive: true,
            steps: 0,
            edge_floor: 0,
            give_matters: relevance::gives_that_matter(scenario),
            horizons: relevance::Horizons::of(scenario),
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
        self.states.len() == 0
    }
    /// State `i` (unpacked: a copy).
    pub fn state(&self, i: u32) -> State {
        self.states.get(i)
    }
    /// State `i`'s minute.
    pub fn now(&self, i: u32) -> crate::scenario::model::Minute {
        self.states.now(i)
    }
    /// How state `i`'s night ended, if it did.
    pub fn outcome(&self, i: u32) -> Option<Outcome> {
        self.states.outcome(i)
    }
    /// Player actions on the way found to state `i`, from the night's beginning (those of
    /// the prefix an exploration began from included).
    pub fn actions_to(&self, i: u32) -> u32 {
        let prefix = self.prefix.iter().filter(|p| p.action.is_some()).count() as u32;
        prefix + self.nodes.actions(i)
    }
    /// The states that follow state `i` (`None`: not expanded, cut off by the bound, or over).
    pub fn successors(&self, i: u32) -> Option<&[u32]> {
        self.nodes
            .successors(i)
            .map(|(from, len)| &self.edges[from as usize..(from + len) as usize])
    }
    /// The step that first reached state `i` in the fewest actions.
    pub fn step_to(&self, i: u32) -> Step {
        self.nodes.step(i)
    }
    /// The state a step came from (`None` for a state the night begins in).
    pub fn parent(&self, i: u32) -> Option<u32> {
        let p = self.nodes.parent(i);
        (p != ROOT).then_some(p)
    }

    /// The steps from the night's beginning to state `i`, first to last.
    pub fn path_to(&self, i: u32) -> Vec<Step> {
        let mut path = Vec::new();
        let mut at = i;
        loop {
            let step = self.nodes.step(at);
            if step.parent == ROOT {
                // A situation inside the night begins where its prefix ends.
                if self.prefix.is_empty() {
                    path.push(step);
                }
                break;
            }
            at = step.parent;
            path.push(step);
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
            std::cmp::Reverse((self.states.now(i), !self.states.is_choice(i)))
        });
        let mut futures = vec![0u8; self.states.len()];
        for i in order {
            futures[i as usize] = match (self.states.outcome(i), self.successors(i)) {
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
        self.states.is_choice(i)
    }

    /// Plays the path to state `i` again with its chance outcomes, counting draws as a real
    /// night does: the player's actions on the way, and every chance draw with the outcome
    /// the path needs (for a seed search). `None` if the replay does not arrive at state `i`
    /// (which would be a bug in the explorer).
    pub fn replay_to(&self, i: u32) -> Option<(Vec<Action>, Vec<ChanceDraw>)> {
        let (sim, actions, draws) = replay(&self.scenario, self.start, &self.path_to(i))?;
        let reached = comparable(sim.state().clone(), &self.horizons);
        (reached == self.states.get(i)).then_some((actions, draws))
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
