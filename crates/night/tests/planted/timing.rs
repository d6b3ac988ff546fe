//! What `check` costs on each night: wall time, the thread's own CPU time (the machine is
//! shared, and the wall clock counts the others' work too), and with `PLANTED_VERBOSE` set,
//! the time of each phase the analysis reports through its progress calls.

use night::analysis::check::Progress;
use std::time::{Duration, Instant};

/// Time this thread has spent on a CPU (Linux's schedstat, in nanoseconds); `None`
/// elsewhere.
pub fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The phases an analysis went through, each with when it began and the most states it
/// reported.
#[derive(Default)]
pub struct Phases {
    seen: Vec<(String, Instant, usize)>,
}

impl Phases {
    pub fn hear(&mut self, p: &Progress) {
        match self.seen.last_mut() {
            Some((phase, _, states)) if phase == p.phase => *states = (*states).max(p.states),
            _ => self
                .seen
                .push((p.phase.to_owned(), Instant::now(), p.states)),
        }
    }

    /// Each phase's time (until the next began, or until `end`) and states, in the order
    /// they first came.
    pub fn lines(&self, end: Instant) -> Vec<String> {
        let mut totals: Vec<(&str, Duration, usize)> = Vec::new();
        for (i, (phase, began, states)) in self.seen.iter().enumerate() {
            let until = self.seen.get(i + 1).map_or(end, |next| next.1);
            let took = until.saturating_duration_since(*began);
            match totals.iter_mut().find(|t| t.0 == phase) {
                Some(t) => (t.1, t.2) = (t.1 + took, t.2.max(*states)),
                None => totals.push((phase, took, *states)),
            }
        }
        totals
            .into_iter()
            .map(|(phase, took, states)| {
                format!(
                    "{phase:50} {:7.3} s  {states:>7} states",
                    took.as_secs_f64()
                )
            })
            .collect()
    }
}
