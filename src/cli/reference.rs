//! `feedwise reference grading` (hidden, for authors): `docs/grading.md`, the grading
//! reference, generated from the behaviour catalogue so that the page can never disagree with
//! what `check` enforces. A test fails when the page is out of date.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::guidance::check_guidance;
use crate::check::{Severity, render};
use crate::scenario::catalogue::Behaviour;
use crate::scenario::{Catalogue, Citation, Grade};

/// The command that writes `docs/grading.md` again, as the page and the test name it.
pub const REGENERATE: &str =
    "cargo run --no-default-features -- reference grading > docs/grading.md";

#[derive(Debug, Args)]
pub struct ReferenceArgs {
    /// Which reference to print.
    #[arg(value_enum)]
    pub what: Reference,
    /// Folder holding the catalogue [default: assets/guidance if present, else the built-in
    /// copy].
    #[arg(long, value_name = "DIR")]
    pub guidance: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reference {
    /// docs/grading.md: every behaviour by grade, with its principles and paragraphs.
    Grading,
}

pub fn run(args: &ReferenceArgs) -> u8 {
    let sources = match super::guidance_sources_or_say(args.guidance.as_ref()) {
        Ok(sources) => sources,
        Err(code) => return code,
    };
    let (catalogue, diagnostics) = check_guidance(&sources);
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let Some(catalogue) = catalogue.filter(|_| errors.is_empty()) else {
        for error in errors {
            super::warn(&render::human(error));
        }
        super::warn("error: the catalogue has errors; `feedwise check` lists them\n");
        return 1;
    };
    let text = match args.what {
        Reference::Grading => grading(&catalogue),
    };
    // Written as generated, not made safe for a terminal: it is meant for a file, which must
    // match what the test generates.
    super::write_all(std::io::stdout().lock(), &text);
    0
}

/// Regulators whose paragraphs get a column of their own, in this order; any other key a
/// behaviour uses follows them.
const REGULATORS: [&str; 3] = ["GMC", "NMC", "HCPC"];

/// `docs/grading.md`: behaviours grouped as critical breaches, then by grade from Breach to
/// Exemplary, in the catalogue's order within a group.
pub fn grading(catalogue: &Catalogue) -> String {
    let mut columns: Vec<&str> = REGULATORS.to_vec();
    for behaviour in &catalogue.behaviours {
        for key in behaviour.cite.keys() {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    columns[REGULATORS.len()..].sort_unstable();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Grading reference\n\n\
         <!-- Generated from assets/guidance/behaviours.ron: do not edit by hand. Regenerate with `{REGENERATE}`. -->\n\n\
         One grade for the same behaviour, in every scenario. An option names the behaviours it is an \
         instance of in `behaviours`; `feedwise check` then requires its grade to be the most severe \
         of theirs and `critical` to be set when any of them is critical, unless the option says \
         why it differs in `exception`, and asks it to cite one of the paragraphs listed here for \
         the regulator of each of the scenario's audiences. See \
         [authoring.md](authoring.md#one-grade-for-the-same-behaviour)."
    );
    // Critical behaviours first, whatever their grade; then the rest by grade.
    let groups = [
        ("Critical breaches", None),
        ("Breach", Some(Grade::Breach)),
        ("Poor", Some(Grade::Poor)),
        ("Acceptable", Some(Grade::Acceptable)),
        ("Exemplary", Some(Grade::Exemplary)),
    ];
    for (heading, grade) in groups {
        let _ = writeln!(out, "\n## {heading}\n");
        let members: Vec<&Behaviour> = catalogue
            .behaviours
            .iter()
            .filter(|b| match grade {
                None => b.critical,
                Some(grade) => !b.critical && b.grade == grade,
            })
            .collect();
        if members.is_empty() {
            let _ = writeln!(out, "None.");
            continue;
        }
        let _ = writeln!(
            out,
            "| behaviour | summary | grade | critical | principles | {} |",
            columns.join(" | ")
        );
        let _ = writeln!(out, "|{}", "---|".repeat(5 + columns.len()));
        for behaviour in members {
            let cited: Vec<String> = columns
                .iter()
                .map(|regulator| cell(behaviour.cited_for(regulator)))
                .collect();
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                behaviour.id,
                behaviour.summary.replace('|', "\\|"),
                behaviour.grade.word(),
                if behaviour.critical { "yes" } else { "no" },
                behaviour.principles.join(", "),
                cited.join(" | ")
            );
        }
    }
    out
}

/// Citations as "SM24 18, GMP24 88"; none as a dash.
fn cell(citations: &[Citation]) -> String {
    if citations.is_empty() {
        return "-".to_owned();
    }
    citations
        .iter()
        .map(|c| format!("{} {}", c.document(), c.part()))
        .collect::<Vec<_>>()
        .join(", ")
}
