//! How the night decides its chances. In play, each chance is a keyed draw under the night's
//! seed. For analysis, the caller decides instead: it names the outcomes of the next draws and
//! reads back every draw that was made, so that an explorer can try both outcomes of each
//! chance and later search for a seed that gives the outcomes it chose.

use super::Sim;
use super::rng;
use crate::scenario::model::DrawKey;

/// One chance decided while the caller was choosing: which draw, the how-many-th of its key,
/// the probability of a hit, and the outcome used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChanceDraw {
    pub key: DrawKey,
    pub count: u32,
    pub probability: f64,
    pub hit: bool,
}

impl ChanceDraw {
    /// Whether the other outcome was possible too (a probability strictly between 0 and 1).
    pub fn could_go_either_way(&self) -> bool {
        self.probability > 0.0 && self.probability < 1.0
    }
}

/// Outcomes chosen by the caller for the coming draws, and the draws made so far.
#[derive(Clone, Debug, Default)]
pub(super) struct ChosenChances {
    /// The outcomes of the next draws, in order; after them, each chance takes its likelier
    /// outcome (a hit when the probability is at least one half).
    forced: Vec<bool>,
    drawn: Vec<ChanceDraw>,
}

impl ChosenChances {
    pub(super) fn forcing(forced: Vec<bool>) -> Self {
        ChosenChances {
            forced,
            drawn: Vec::new(),
        }
    }
}

impl Sim {
    /// From now on the caller decides the chances: the next draws come out as `forced` says,
    /// in order, and any after them take their likelier outcome. The seed is not consulted.
    pub fn choose_chances(&mut self, forced: Vec<bool>) {
        self.chosen = Some(Box::new(ChosenChances::forcing(forced)));
    }

    /// The draws made since [`Sim::choose_chances`] (empty when the seed decides), keeping
    /// the caller in charge of the chances to come.
    pub fn take_chance_draws(&mut self) -> Vec<ChanceDraw> {
        self.chosen
            .as_mut()
            .map(|c| std::mem::take(&mut c.drawn))
            .unwrap_or_default()
    }

    /// Whether a chance of probability `p` under the draw `key` hits, counting the draw.
    pub(super) fn chance(&mut self, key: DrawKey, p: f64) -> bool {
        self.chances_drawn = self.chances_drawn.wrapping_add(1);
        // An explorer may keep states without draw counts: they do not change what happens.
        let count = match self.state.draws.get_mut(key as usize) {
            Some(count) => {
                let was = *count;
                // (A key is drawn at most once per telling or per minute: u32 never saturates.)
                *count = was.saturating_add(1);
                was
            }
            None => 0,
        };
        match &mut self.chosen {
            None => rng::unit(self.seed, self.scenario.draws[key as usize].stream, count) < p,
            Some(chosen) => {
                let likelier = p >= 0.5;
                let hit = if p <= 0.0 {
                    false
                } else if p >= 1.0 {
                    true
                } else {
                    chosen
                        .forced
                        .get(chosen.drawn.len())
                        .copied()
                        .unwrap_or(likelier)
                };
                chosen.drawn.push(ChanceDraw {
                    key,
                    count,
                    probability: p,
                    hit,
                });
                hit
            }
        }
    }
}

/// Whether `seed` gives every one of `draws` the outcome it had, under `scenario`'s streams.
pub fn seed_gives(scenario: &crate::Scenario, seed: u64, draws: &[ChanceDraw]) -> bool {
    draws.iter().all(|d| {
        let value = rng::unit(seed, scenario.draws[d.key as usize].stream, d.count);
        (value < d.probability) == d.hit
    })
}
