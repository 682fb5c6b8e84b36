//! `feedwise check [PATH...]`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::coverage::Coverage;
use crate::check::{check_paths, render};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files, session plans (files in a `sessions` folder) or folders of them
    /// (searched for `.ron` files) [default: scenarios, and sessions if present].
    pub paths: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Folder holding `documents.ron`, `principles.ron` and `behaviours.ron` [default:
    /// assets/guidance if present, else the built-in copy].
    #[arg(long, value_name = "DIR")]
    pub guidance: Option<PathBuf>,
    /// Also print what the scenarios cover (principles, decision kinds, audiences) against the
    /// library's targets, how many options name a behaviour, and every exception to a
    /// behaviour's grade; unmet targets make the exit status 1.
    #[arg(long)]
    pub coverage: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: &CheckArgs) -> u8 {
    let guidance = match super::guidance_sources_or_say(args.guidance.as_ref()) {
        Ok(guidance) => guidance,
        Err(code) => return code,
    };
    let paths = if args.paths.is_empty() {
        let mut defaults = vec![PathBuf::from("scenarios")];
        if std::path::Path::new("sessions").is_dir() {
            defaults.push(PathBuf::from("sessions"));
        }
        defaults
    } else {
        args.paths.clone()
    };
    let (report, results) = check_paths(&paths, &guidance);
    match args.format {
        Format::Human => super::emit(&render::human_report(&report)),
        Format::Json => super::emit_json(&(render::json_report(&report) + "\n")),
    }
    let mut status = report.exit_code();
    if args.coverage {
        let scenarios: Vec<_> = results
            .iter()
            .filter(|r| !r.has_errors())
            .filter_map(|r| Some((r.path.as_path(), r.scenario.as_ref()?)))
            .collect();
        let coverage = Coverage::of_files(&scenarios, &report.catalogue);
        if args.format == Format::Human {
            super::emit(&format!("\n{}", coverage.render()));
        }
        if status == 0 && !coverage.unmet().is_empty() {
            status = 1;
        }
    }
    status
}
