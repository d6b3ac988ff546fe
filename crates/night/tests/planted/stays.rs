//! Finding people in their timetables: the stays long enough for a piece of a plan (or of
//! an impossible ending) to be built around them.

use super::rng::Rng;
use super::world::{Minute, Stay, World};

/// Someone at a place for at least `width` minutes every night, with the minutes.
pub fn at_least(w: &World, width: Minute) -> Vec<(usize, Stay)> {
    let mut out = Vec::new();
    for (i, p) in w.people.iter().enumerate() {
        for s in &p.stays {
            let (a, b) = s.sure();
            if b >= a + width {
                out.push((i, s.clone()));
            }
        }
    }
    out
}

/// One of the stays of at least `width` minutes that `keep` accepts (given the person and
/// the stay), or `None` when there is none (and then nothing is drawn).
pub fn pick(
    w: &World,
    rng: &mut Rng,
    width: Minute,
    keep: impl Fn(usize, &Stay) -> bool,
) -> Option<(usize, Stay)> {
    let all: Vec<(usize, Stay)> = at_least(w, width)
        .into_iter()
        .filter(|(p, s)| keep(*p, s))
        .collect();
    (!all.is_empty()).then(|| all[rng.below(all.len())].clone())
}

/// One of all the stays of at least `width` minutes.
pub fn pick_any(w: &World, rng: &mut Rng, width: Minute) -> Option<(usize, Stay)> {
    pick(w, rng, width, |_, _| true)
}
