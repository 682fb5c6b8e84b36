//! `feedwise paths FILE`: every path through a scenario, summarised.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;

use super::check::Format;
use crate::engine::paths::{PathSummary, explore};

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// The scenario file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: &PathsArgs) -> u8 {
    let mut text = String::new();
    let status = report(args, &mut text);
    if args.format == Format::Json {
        super::emit_json(&text);
    } else {
        super::emit(&text);
    }
    status
}

fn report(args: &PathsArgs, text: &mut String) -> u8 {
    let (scenario, _) = match super::load::checked_scenario(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let exploration = match explore(&scenario) {
        Ok(exploration) => exploration,
        Err(error) => {
            super::warn(&format!("error: {error}\n"));
            return 1;
        }
    };
    if args.format == Format::Json {
        let _ = writeln!(
            text,
            "{}",
            serde_json::to_string_pretty(&exploration).unwrap_or_default()
        );
        return 0;
    }
    let _ = writeln!(
        text,
        "{}: {} distinct paths ({} states explored)",
        scenario.id, exploration.paths, exploration.states
    );
    let _ = writeln!(
        text,
        "endings reached: {}",
        exploration.endings_reached.join(", ")
    );
    if !exploration.endings_unreached.is_empty() {
        let _ = writeln!(
            text,
            "endings NOT reached: {}",
            exploration.endings_unreached.join(", ")
        );
    }
    let mut show = |label: &str, path: &Option<PathSummary>| {
        if let Some(path) = path {
            let _ = writeln!(
                text,
                "{label} path: {:.1}% -> {}",
                f64::from(path.share) / 10.0,
                path.ending
            );
            for step in &path.steps {
                let _ = writeln!(
                    text,
                    "  {}: {}{}",
                    step.decision,
                    step.answer.join(" > "),
                    if step.timed_out { " (timed out)" } else { "" }
                );
            }
        }
    };
    show("best", &exploration.best);
    show("worst", &exploration.worst);
    let _ = writeln!(text, "principle ranges:");
    for range in &exploration.principles {
        let _ = writeln!(
            text,
            "  {:<24} {:+} to {:+}",
            range.principle, range.min, range.max
        );
    }
    if exploration.dead_ends.is_empty() {
        let _ = writeln!(text, "dead ends: none");
    } else {
        for dead in &exploration.dead_ends {
            let _ = writeln!(
                text,
                "dead end: beat `{}` with flags [{}]",
                dead.beat,
                dead.flags.join(", ")
            );
        }
    }
    0
}
