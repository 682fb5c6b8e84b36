//! `feedwise graph FILE [--format svg|dot] [-o OUT]`: the scenario's branches as a picture.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::graph;

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The scenario file. It must pass `check`, except that parts play cannot reach (the
    /// `unreachable`, `dead-end` and `no-ending-reachable` errors) are drawn greyed.
    pub file: PathBuf,
    /// SVG drawn by feedwise itself, or DOT for Graphviz.
    #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
    pub format: GraphFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Svg,
    Dot,
}

/// Errors the picture shows rather than refuses: play cannot reach a part, which is greyed.
const DRAWN_ANYWAY: &[&str] = &[
    crate::check::rules::unreachable::RULE.code,
    crate::check::rules::dead_end::RULE.code,
    crate::check::rules::no_ending_reachable::RULE.code,
];

pub fn run(args: &GraphArgs) -> u8 {
    let (scenario, _) = match super::load::checked_scenario_except(&args.file, DRAWN_ANYWAY) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let model = graph::build(&scenario);
    let unreachable = model.nodes.iter().filter(|n| !n.reachable).count();
    if unreachable > 0 {
        super::warn(&format!(
            "note: {unreachable} parts that play cannot reach are drawn greyed\n"
        ));
    }
    let text = match args.format {
        GraphFormat::Svg => graph::svg::render(&model),
        GraphFormat::Dot => graph::dot::render(&model),
    };
    match &args.out {
        Some(path) => match crate::files::write_shared(path, text.as_bytes()) {
            Ok(()) => 0,
            Err(error) => {
                super::warn(&format!(
                    "error: cannot write {}: {error}\n",
                    path.display()
                ));
                2
            }
        },
        None => {
            // The text is escaped for its format already; written as it is, so the picture
            // stays byte-for-byte the same as the file `-o` would write.
            super::write_all(std::io::stdout().lock(), &text);
            0
        }
    }
}
