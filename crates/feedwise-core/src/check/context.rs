//! What a rule sees (the typed scenario, its text and spans, the catalogue) and how it reports.

use std::cell::{Cell, OnceCell};
use std::ops::Range;
use std::path::Path;

use crate::engine::paths::{Exploration, ExploreError, explore};
use crate::scenario::source::SourceFile;
use crate::scenario::spans::{SpanIndex, ValuePath};
use crate::scenario::{Catalogue, Scenario};

use super::diagnostic::{Diagnostic, Label, Rule};
use super::suggest::{did_you_mean_within, near_or_list_within};

/// One parsed scenario file, ready for the meaning rules.
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub source: &'a SourceFile,
    pub spans: &'a SpanIndex,
    pub catalogue: &'a Catalogue,
    /// The folder the scenario file is in; image paths are relative to it.
    pub folder: &'a Path,
    /// Every path, explored once on first use, or why it could not be (a loop, a limit).
    pub explored: OnceCell<Result<Exploration, ExploreError>>,
    /// Comparisons left for "did you mean" suggestions in this file.
    pub suggestions_left: Cell<usize>,
}

/// Comparisons all of one file's "did you mean" suggestions may make together: a file of
/// thousands of misspelt ids among thousands of candidates still checks in well under a second.
pub const SUGGESTION_BUDGET: usize = 200_000;

/// Where in the document a finding points.
pub enum At<'p> {
    /// The whole value at a path.
    Value(&'p ValuePath),
    /// The field name or map key leading to a path.
    Name(&'p ValuePath),
    /// A piece of the string at a path, found by its text (e.g. a `{placeholder}`).
    Within(&'p ValuePath, &'p str),
}

impl Context<'_> {
    /// The engine's exploration of every path, shared by the rules that need it; `None` when
    /// it could not be done (`exploration_error` says why).
    pub fn exploration(&self) -> Option<&Exploration> {
        self.explored
            .get_or_init(|| explore(self.scenario))
            .as_ref()
            .ok()
    }

    /// Why every path could not be explored, if it could not.
    pub fn exploration_error(&self) -> Option<&ExploreError> {
        self.explored
            .get_or_init(|| explore(self.scenario))
            .as_ref()
            .err()
    }

    /// "did you mean `x`?" for a misspelt id, within the file's budget of comparisons.
    pub fn did_you_mean<'c>(
        &self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<String> {
        let mut left = self.suggestions_left.get();
        let help = did_you_mean_within(word, candidates, &mut left);
        self.suggestions_left.set(left);
        help
    }

    /// For an unknown id: the near one, else the ids to choose from.
    pub fn near_or_list<'c>(
        &self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> String {
        let mut left = self.suggestions_left.get();
        let help = near_or_list_within(word, candidates, &mut left);
        self.suggestions_left.set(left);
        help
    }

    pub fn label(&self, at: At<'_>) -> Label {
        let range = match at {
            At::Value(path) => self.spans.value(path),
            At::Name(path) => self.spans.name(path),
            At::Within(path, needle) => self
                .spans
                .value(path)
                .map(|span| narrow(&self.source.text, span, needle)),
        };
        Label::from_bytes(self.source, range.unwrap_or(0..0))
    }

    /// A diagnostic of `rule` at `at`.
    pub fn report(&self, rule: &Rule, at: At<'_>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, &self.source.path, message).at(self.label(at))
    }

    /// A diagnostic of `rule` at `at` for the unknown id `word`, with the near one among
    /// `candidates` or the ids to choose from.
    pub fn unknown<'c>(
        &self,
        rule: &Rule,
        at: At<'_>,
        message: String,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Diagnostic {
        self.report(rule, at, message)
            .with_help(self.near_or_list(word, candidates))
    }
}

/// The sub-span of `span` where `needle` occurs, or `span` itself.
fn narrow(text: &str, span: Range<usize>, needle: &str) -> Range<usize> {
    text.get(span.clone())
        .and_then(|inside| inside.find(needle))
        .map_or(span.clone(), |offset| {
            span.start + offset..span.start + offset + needle.len()
        })
}
