//! `miracle-mile check FILE...`: validate scenarios without playing them.

use crate::cli::output::{out, outln};
use crate::cli::scenario_file::{self, LoadError};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        match scenario_file::load(Some(path)) {
            Ok(s) => outln!(
                "{}: ok — {} locations, {} characters, {} endings, {} facts, {} routes, {} events",
                path.display(),
                s.locations.len(),
                s.characters.len(),
                s.endings.len(),
                s.facts.len(),
                s.routes.len(),
                s.events.len()
            ),
            Err(e) => {
                failed = true;
                out!("{}", e.render());
                if let LoadError::Invalid(d) = &e {
                    let n = d.items.len();
                    outln!(
                        "{}: {n} error{}",
                        path.display(),
                        if n == 1 { "" } else { "s" }
                    );
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
