//! A problem found in a file: what rule, how bad, where, and what to do about it.

use std::path::PathBuf;

use serde::Serialize;

use crate::scenario::source::{Location, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A rule: its stable code, how bad a finding is, and a one-line summary for `docs/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

/// Characters of the source line kept before and after the start of a span.
const EXCERPT_BEFORE: usize = 40;
const EXCERPT_AFTER: usize = 80;

/// Where a diagnostic points: a range on one line of the file, with a window of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub start: Location,
    /// Exclusive end; on the same line as `start` when the span fits on one line.
    pub end: Location,
    /// Up to 120 characters of the line around the start, `...` where it was cut.
    pub excerpt: String,
    /// The start's 1-based column within `excerpt`.
    pub excerpt_column: usize,
}

impl Label {
    /// A label over a byte range of a source file (clamped to the start's line).
    pub fn from_bytes(source: &SourceFile, range: std::ops::Range<usize>) -> Label {
        let start = source.location(range.start);
        let mut end = source.location(range.end.max(range.start));
        if end.line != start.line || end.column <= start.column {
            let line_end = source.offset(Location {
                line: start.line,
                column: usize::MAX,
            });
            end = Location {
                line: start.line,
                column: source.location(line_end).column.max(start.column + 1),
            };
        }
        Label::around(source, range.start, start, end)
    }

    /// A label from line and column positions (as ron reports them).
    pub fn from_locations(source: &SourceFile, start: Location, end: Location) -> Label {
        let end = if end.line == start.line && end.column > start.column {
            end
        } else {
            Location {
                line: start.line,
                column: start.column + 1,
            }
        };
        Label::around(source, source.offset(start), start, end)
    }

    /// A label from `start` to `end` with the excerpt of the line around byte `at`.
    fn around(source: &SourceFile, at: usize, start: Location, end: Location) -> Label {
        let (excerpt, excerpt_column) = source.excerpt(at, EXCERPT_BEFORE, EXCERPT_AFTER);
        Label {
            start,
            end,
            excerpt,
            excerpt_column,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: PathBuf,
    /// Absent only for problems with a whole file that has no text (unreadable, too large).
    pub label: Option<Label>,
    pub help: Option<String>,
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn new(rule: &Rule, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            file: file.into(),
            label: None,
            help: None,
            note: None,
        }
    }

    pub fn at(mut self, label: Label) -> Self {
        self.label = Some(label);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn location(&self) -> Option<Location> {
        self.label.as_ref().map(|label| label.start)
    }
}
