//! `miracle-mile replay FILE`: plays a night's record back without a window, prints its
//! transcript and its ending; with `--verify`, fails unless the night ends as recorded with the
//! very same transcript (the scenario, the core and the record agree).

use crate::files::record::{self, transcript_hash};
use crate::files::scenario_file;
use crate::output::outln;
use crate::transcript::ending_line;
use night::Session;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ReplayArgs {
    /// The night's record (.ron): saved by the game's ending screen, or by `text --record`.
    pub record: PathBuf,
    /// The scenario the night was played on (default: the film, scenes/miracle_mile.ron).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Fail unless the replayed night reaches the recorded ending with the same transcript.
    #[arg(long)]
    pub verify: bool,
}

pub fn run(args: &ReplayArgs) -> ExitCode {
    let path = args.record.display();
    let saved = match record::read(&args.record) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let scenario = match scenario_file::load(args.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{}", e.render());
            return ExitCode::FAILURE;
        }
    };
    let resolved = match saved.resolve(&scenario) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if resolved.other_version {
        eprintln!(
            "{path}: note: recorded on another version of `{}` (scenario hash {}, this one {})",
            scenario.id,
            saved.scenario_hash,
            record::hash_text(scenario.source_hash)
        );
    }
    let (played, stopped) = Session::replay(&scenario, &resolved.replay);
    let transcript = played.transcript();
    outln!(
        "{} — seed {}, start {}",
        scenario.title,
        resolved.replay.seed,
        saved.start
    );
    for line in &transcript {
        outln!("{line}");
    }
    if let Some(why) = &stopped {
        outln!("{path}: {why}");
    }
    let ending = played.ending().map(|e| e.id.clone());
    outln!("{}", ending_line(&played));
    if !args.verify {
        return if stopped.is_some() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let mut faults = Vec::new();
    if let Some(why) = &stopped {
        faults.push(format!("the replay stopped: {why}"));
    }
    if ending != saved.ending {
        faults.push(format!(
            "the recorded ending is {}, the replay reached {}",
            saved.ending.as_deref().unwrap_or("none"),
            ending.as_deref().unwrap_or("none")
        ));
    }
    let replayed = transcript_hash(&transcript);
    if saved.transcript.is_empty() {
        faults.push("the record keeps no transcript hash to compare with".into());
    } else if saved.transcript != replayed {
        faults.push(format!(
            "the transcript differs (recorded hash {}, replayed {replayed})",
            saved.transcript
        ));
    }
    if faults.is_empty() {
        eprintln!(
            "{path}: verified: ending {}, {} lines of transcript as recorded",
            ending.as_deref().unwrap_or("none"),
            transcript.len()
        );
        ExitCode::SUCCESS
    } else {
        for fault in faults {
            eprintln!("{path}: verify failed: {fault}");
        }
        ExitCode::FAILURE
    }
}
