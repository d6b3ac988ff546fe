//! `check`'s progress line on a terminal, and its time limit: what the analysis is doing, how
//! fast it finds situations, and how long the search under way has left against its bound
//! (and the whole check against `--time-limit`).

use night::analysis::check::Progress;
use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// How often the line is redrawn: often enough to look alive, seldom enough to cost nothing.
const REDRAW: Duration = Duration::from_millis(100);

/// Hears the analysis's progress; draws the line when `show`, and stops the analysis at the
/// deadline.
pub struct ProgressLine {
    show: bool,
    began: Instant,
    deadline: Option<Instant>,
    drawn: Option<Instant>,
    /// The searches under way (several run side by side, one per thread), by phase: when each
    /// began and the situations it knows. A search is told from the one before it under the
    /// same phase by its count going down.
    searches: HashMap<String, (Instant, usize)>,
    /// Situations found by the searches that are over.
    finished: u64,
}

impl ProgressLine {
    pub fn new(show: bool, time_limit: Option<Duration>) -> ProgressLine {
        let now = Instant::now();
        ProgressLine {
            show,
            began: now,
            deadline: time_limit.map(|t| now + t),
            drawn: None,
            searches: HashMap::new(),
            finished: 0,
        }
    }

    /// Hears one report; `Break` once the time limit has passed.
    pub fn hear(&mut self, p: &Progress) -> ControlFlow<()> {
        let now = Instant::now();
        // Looked up before inserting: the phase is copied once a search, not every report.
        if !self.searches.contains_key(p.phase) {
            self.searches.insert(p.phase.to_owned(), (now, 0));
        }
        let Some(search) = self.searches.get_mut(p.phase) else {
            return ControlFlow::Continue(());
        };
        if p.states < search.1 {
            self.finished += search.1 as u64;
            *search = (now, 0);
        }
        search.1 = p.states;
        let began = search.0;
        if self.show && self.drawn.is_none_or(|t| now - t >= REDRAW) {
            self.drawn = Some(now);
            self.draw(p, began, now);
        }
        match self.deadline {
            Some(deadline) if now >= deadline => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        }
    }

    /// The line: the search just heard from, against its bound, with the time it has at most
    /// left at its own pace; then the situations a second and in all, and the time limit.
    fn draw(&self, p: &Progress, search_began: Instant, now: Instant) {
        let in_search = (now - search_began).as_secs_f64();
        let left = if p.bound > p.states && p.states > 0 && in_search > 0.2 {
            let pace = p.states as f64 / in_search;
            format!(
                ", at most {} left",
                seconds((p.bound - p.states) as f64 / pace)
            )
        } else {
            String::new()
        };
        let limit = match self.deadline {
            Some(d) => format!(
                "; {} of the time limit left",
                seconds(d.saturating_duration_since(now).as_secs_f64())
            ),
            None => String::new(),
        };
        let total = self.finished + self.searches.values().map(|s| s.1 as u64).sum::<u64>();
        let elapsed = (now - self.began).as_secs_f64();
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[K{}: {} of {} situations{left} ({} in all, {:.0}/s, {}{limit})",
            p.phase,
            p.states,
            p.bound,
            total,
            total as f64 / elapsed.max(1e-3),
            seconds(elapsed),
        );
        let _ = err.flush();
    }

    /// Clears the line before the report is printed.
    pub fn finish(&self) {
        if self.show && self.drawn.is_some() {
            eprint!("\r\x1b[K");
        }
    }
}

/// Seconds as a person reads them: "0.4 s", "12 s", "3 min 5 s".
fn seconds(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.1} s")
    } else if s < 60.0 {
        format!("{s:.0} s")
    } else {
        format!("{} min {} s", (s / 60.0) as u64, (s % 60.0) as u64)
    }
}
