//! `check`'s report on a generated night held to what the generator knows: every planted
//! ending found, every witness replaying (as `text --script` would play it), and no
//! impossible ending ever called reachable.

use super::generator::Generated;
use super::plan::{Kind, Planted};
use super::replay;
use night::analysis::check::{Reach, Report};

/// What was judged, summed over the nights.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub planted: usize,
    pub clock: usize,
    pub impossible: usize,
    pub witnesses: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.planted += o.planted;
        self.clock += o.clock;
        self.impossible += o.impossible;
        self.witnesses += o.witnesses;
    }
}

/// A plan in words, for a failure.
pub fn describe(p: &Planted) -> String {
    format!(
        "`{}` ({:?}): {}\n      start {}, seed {:?}, script: {}",
        p.ending,
        p.kind,
        p.story,
        p.start,
        p.seed,
        p.actions.join(" / ")
    )
}

/// What is wrong with the report, one line each, and what was judged.
pub fn judge(g: &Generated, report: &Report) -> (Vec<String>, Counts) {
    let s = &g.scenario;
    let mut bad = Vec::new();
    let mut counts = Counts::default();
    let reach = |id: &str| {
        report
            .endings
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("seed {}: no report of `{id}`", g.seed))
    };
    // 1. Every planted ending is found. (A plan that does not replay is the generator's
    //    fault, which its own test reports, and proves nothing here.)
    for p in g.planted.iter().filter(|p| p.seed.is_some()) {
        counts.planted += 1;
        counts.clock += usize::from(p.kind == Kind::Clock);
        let r = reach(&p.ending);
        if r.reachable != Reach::Yes {
            bad.push(format!(
                "planted ending reported {:?}: {}",
                r.reachable,
                describe(p)
            ));
        }
    }
    // 2. Every witness replays to its ending.
    for e in report.endings.iter().filter(|e| e.reachable == Reach::Yes) {
        counts.witnesses += 1;
        let Some(w) = &e.witness else {
            bad.push(format!("`{}` is reachable without a witness", e.id));
            continue;
        };
        let Some(seed) = w.seed else {
            bad.push(format!(
                "`{}`'s witness has no seed: {}",
                e.id,
                w.actions.join(" / ")
            ));
            continue;
        };
        if !replay::reaches(s, &w.start, seed, &w.actions, &e.id) {
            bad.push(format!(
                "`{}`'s witness (start {}, seed {seed}: {}) plays to {:?}",
                e.id,
                w.start,
                w.actions.join(" / "),
                replay::outcome(s, &w.start, seed, &w.actions)
            ));
        }
    }
    // 3. No impossible ending is ever called reachable: zero false "reachable".
    for (id, why) in &g.impossible {
        counts.impossible += 1;
        let r = reach(id);
        if r.reachable == Reach::Yes {
            bad.push(format!(
                "impossible ending `{id}` ({}: {}) reported reachable, witness {:?}",
                why.kind,
                why.why,
                r.witness
                    .as_ref()
                    .map(|w| (&w.start, w.seed, w.actions.join(" / ")))
            ));
        }
    }
    (bad, counts)
}
