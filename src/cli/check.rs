//! `feedwise check [PATH...]`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::{check_paths, render};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files or folders (folders are searched for `.ron` files).
    #[arg(default_value = "scenarios")]
    pub paths: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Folder holding `documents.ron` and `principles.ron` [default: assets/guidance if
    /// present, else the built-in copy].
    #[arg(long, value_name = "DIR")]
    pub guidance: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: &CheckArgs) -> u8 {
    let guidance = match super::guidance_sources(args.guidance.as_ref()) {
        Ok(guidance) => guidance,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let (report, _) = check_paths(&args.paths, &guidance);
    match args.format {
        Format::Human => print!("{}", render::human_report(&report)),
        Format::Json => println!("{}", render::json_report(&report)),
    }
    report.exit_code()
}
