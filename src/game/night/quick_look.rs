//! A quick look at a reloaded scenario's endings: when an edited file loads, `check --quick`'s
//! analysis runs on a thread of its own (within a second) and the reload window says which
//! endings it found a way to, and which it did not find or can never happen, so that a
//! modder sees at once what an edit broke. Not in the browser, which has no threads here: a
//! second's analysis would stop the page.

use night::Scenario;
use night::analysis::check::{Reach, Report};
use std::sync::{Arc, Mutex};

/// An analysis under way; its report arrives in the slot.
#[derive(Clone, Default)]
pub struct QuickLook {
    slot: Arc<Mutex<Option<Report>>>,
}

impl QuickLook {
    /// Starts the quick analysis of `scenario` (none in the browser: `None`).
    pub fn start(scenario: &Scenario) -> Option<QuickLook> {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = scenario;
            None
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            use night::analysis::check::{CheckOptions, QUICK_TIME_LIMIT, check};
            use std::ops::ControlFlow;
            let look = QuickLook::default();
            let (slot, scenario) = (look.slot.clone(), scenario.clone());
            let spawned = std::thread::Builder::new()
                .name("quick look".into())
                .spawn(move || {
                    let began = std::time::Instant::now();
                    let report = check(&scenario, CheckOptions::quick(), |_| {
                        if began.elapsed() < QUICK_TIME_LIMIT {
                            ControlFlow::Continue(())
                        } else {
                            ControlFlow::Break(())
                        }
                    });
                    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(report);
                });
            spawned.ok().map(|_| look)
        }
    }

    /// The report, once the analysis is done.
    pub fn take(&self) -> Option<Report> {
        self.slot.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// What the quick look found, in a few sentences for the reload window.
pub fn verdict(report: &Report) -> String {
    let names = |reach: Reach| -> Vec<String> {
        report
            .endings
            .iter()
            .filter(|e| e.reachable == reach)
            .map(|e| format!("`{}`", e.id))
            .collect()
    };
    let (found, never, unseen) = (
        names(Reach::Yes),
        names(Reach::Never),
        names(Reach::NotFoundWithinBound),
    );
    let all = report.endings.len();
    let mut text = if found.len() == all {
        format!("A quick look found a way to every ending ({all}).")
    } else {
        format!(
            "A quick look found a way to {} of {all} endings.",
            found.len()
        )
    };
    if !never.is_empty() {
        text.push_str(&format!(" Can never happen: {}.", never.join(", ")));
    }
    if !unseen.is_empty() {
        text.push_str(&format!(
            " Not found in a second: {} (`miracle-mile check FILE` looks further).",
            unseen.join(", ")
        ));
    }
    text
}
