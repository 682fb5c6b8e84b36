//! Diagnostics for people (rustc-style, with the source line and a caret) and for tools (JSON).
//! Kept rather than annotate-snippets: a label's excerpt is already a window of a long line
//! (`Label::excerpt`, so a one-line file of 20,000 errors prints briefly), which the crate
//! would take as the whole source line and number again.

use std::fmt::Write;

use serde::Serialize;

use super::Report;
use super::diagnostic::{Diagnostic, Severity};

/// One diagnostic, rustc-style:
///
/// ```text
/// error[unknown-persona]: unknown persona `amri`
///   --> scenarios/x.ron:12:40
///    |
/// 12 |         (at: 5, show: Post(id: "p1", by: "amri", text: "..."))
///    |                                          ^^^^^^
///    = help: did you mean `amir`?
/// ```
pub fn human(diagnostic: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diagnostic.severity.word(),
        diagnostic.code,
        diagnostic.message
    );
    let path = diagnostic.file.display();
    let pad = match &diagnostic.label {
        Some(label) => {
            let number = label.start.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = writeln!(
                out,
                "{pad}--> {path}:{}:{}",
                label.start.line, label.start.column
            );
            let _ = writeln!(out, "{pad} |");
            let (shown, start_column) = (&label.excerpt, label.excerpt_column);
            let _ = writeln!(out, "{number} | {shown}");
            // Keep tabs under tabs so the caret lines up in a terminal.
            let lead: String = shown
                .chars()
                .take(start_column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let width = label.end.column.saturating_sub(label.start.column).clamp(
                1,
                (shown.chars().count() + 1)
                    .saturating_sub(start_column)
                    .max(1),
            );
            let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(width));
            pad
        }
        None => {
            let _ = writeln!(out, " --> {path}");
            " ".to_owned()
        }
    };
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    if let Some(note) = &diagnostic.note {
        let _ = writeln!(out, "{pad} = note: {note}");
    }
    out
}

/// Every diagnostic, the unreadable paths and a closing count.
pub fn human_report(report: &Report) -> String {
    let mut out = String::new();
    if let Some(folder) = &report.catalogue_folder {
        let _ = writeln!(
            out,
            "checking against the guidance catalogue in {} (not the built-in one)\n",
            folder.display()
        );
    }
    for diagnostic in &report.diagnostics {
        out.push_str(&human(diagnostic));
        out.push('\n');
    }
    for (path, error) in &report.io_errors {
        let _ = writeln!(out, "error: cannot read {}: {error}\n", path.display());
    }
    let errors = report.count(Severity::Error) + report.io_errors.len();
    let warnings = report.count(Severity::Warning);
    let mut files = plural(report.files_checked, "scenario file");
    if report.plans_checked > 0 {
        files = format!(
            "{files} and {}",
            plural(report.plans_checked, "session plan")
        );
    }
    if errors == 0 && warnings == 0 {
        let _ = writeln!(out, "checked {files}: no problems");
    } else {
        let _ = writeln!(
            out,
            "checked {files}: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// The folder of the guidance catalogue used; null for the built-in one.
    catalogue: Option<String>,
    files_checked: usize,
    plans_checked: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    note: Option<&'a str>,
}

/// The same diagnostics as one JSON document, for editors and CI. Unreadable paths appear as
/// diagnostics with code `io` and no position.
pub fn json_report(report: &Report) -> String {
    let mut diagnostics: Vec<JsonDiagnostic<'_>> = report
        .diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: d.file.display().to_string(),
            line: d.label.as_ref().map(|l| l.start.line),
            column: d.label.as_ref().map(|l| l.start.column),
            end_line: d.label.as_ref().map(|l| l.end.line),
            end_column: d.label.as_ref().map(|l| l.end.column),
            severity: d.severity,
            code: d.code,
            message: &d.message,
            help: d.help.as_deref(),
            note: d.note.as_deref(),
        })
        .collect();
    diagnostics.extend(report.io_errors.iter().map(|(path, error)| JsonDiagnostic {
        file: path.display().to_string(),
        line: None,
        column: None,
        end_line: None,
        end_column: None,
        severity: Severity::Error,
        code: "io",
        message: error,
        help: None,
        note: None,
    }));
    let json = JsonReport {
        catalogue: report
            .catalogue_folder
            .as_ref()
            .map(|f| f.display().to_string()),
        files_checked: report.files_checked,
        plans_checked: report.plans_checked,
        errors: report.count(Severity::Error) + report.io_errors.len(),
        warnings: report.count(Severity::Warning),
        diagnostics,
    };
    serde_json::to_string_pretty(&json)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}
