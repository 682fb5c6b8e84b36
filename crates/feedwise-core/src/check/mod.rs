//! `feedwise check`: every problem in scenario files and the guidance catalogue, with a stable
//! code, a severity and a position. Two passes per file: syntax and shape (ron), then meaning
//! (one rule per file in `rules/`). All problems are collected, not only the first.

pub mod context;
pub mod coverage;
pub mod diagnostic;
pub mod graph;
pub mod guidance;
pub mod plan;
pub mod render;
pub mod rules;
pub mod suggest;
pub mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::scenario::library::{GuidanceSources, ScenarioSource, scenario_files};
use crate::scenario::load::parse;
use crate::scenario::source::{MAX_FILE_BYTES, ReadError, SourceFile};
use crate::scenario::spans::ValuePath;
use crate::scenario::{Catalogue, Scenario};

use context::Context;
pub use diagnostic::{Diagnostic, Label, Rule, Severity};

/// The outcome of checking some paths.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Scenario files checked (session plans are counted in `plans_checked`).
    pub files_checked: usize,
    pub plans_checked: usize,
    /// Paths that could not be read at all (missing, unreadable): these make the exit status 2.
    pub io_errors: Vec<(PathBuf, String)>,
    /// The catalogue the scenarios were checked against.
    pub catalogue: Catalogue,
    /// The folder of the guidance catalogue used, when it is not the built-in one.
    pub catalogue_folder: Option<PathBuf>,
    /// Problems found but not kept, past `MAX_DIAGNOSTICS_PER_FILE` in a file: (errors, warnings).
    pub hidden: (usize, usize),
}

impl Report {
    /// Problems of a severity, those past the per-file limit included.
    pub fn count(&self, severity: Severity) -> usize {
        let hidden = match severity {
            Severity::Error => self.hidden.0,
            Severity::Warning => self.hidden.1,
        };
        hidden
            + self
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
    }

    /// 0 clean (warnings allowed), 1 when any error, 2 when a path could not be read.
    pub fn exit_code(&self) -> u8 {
        if !self.io_errors.is_empty() {
            2
        } else if self.count(Severity::Error) > 0 {
            1
        } else {
            0
        }
    }
}

/// A scenario that passed both passes without errors, and where it came from.
#[derive(Debug, Clone)]
pub struct CheckedScenario {
    pub path: PathBuf,
    pub scenario: Scenario,
}

/// The result of checking one file.
#[derive(Debug, Default)]
pub struct FileResult {
    pub path: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the file parsed, whatever its meaning errors.
    pub scenario: Option<Scenario>,
    pub io_error: Option<String>,
    /// Problems past `MAX_DIAGNOSTICS_PER_FILE`: (errors, warnings), summarised by the last
    /// diagnostic kept (`more-problems`).
    pub hidden: (usize, usize),
}

impl FileResult {
    pub fn has_errors(&self) -> bool {
        self.io_error.is_some()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// Checks the catalogue from `guidance` (or the embedded copy), then every scenario file
/// under `paths`. Scenarios are checked against the catalogue even if it has problems of its
/// own; if it does not parse at all, against the embedded copy.
pub fn check_paths(paths: &[PathBuf], guidance: &GuidanceSources) -> (Report, Vec<FileResult>) {
    let mut report = Report {
        catalogue_folder: guidance.folder.clone(),
        ..Report::default()
    };
    let (catalogue, mut diagnostics) = guidance::check_guidance(guidance);
    let catalogue = catalogue
        .or_else(|| Catalogue::embedded().ok())
        .unwrap_or_default();
    report.diagnostics.append(&mut diagnostics);

    let (files, unreadable) = scenario_files(paths);
    for (path, error) in unreadable {
        report.io_errors.push((path, error.to_string()));
    }
    let (plans, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|f| plan::is_plan_file(f));
    let results = check_files(&files, &catalogue);
    report.catalogue = catalogue;
    report.files_checked = results.len();
    for result in &results {
        report
            .diagnostics
            .extend(result.diagnostics.iter().cloned());
        if let Some(error) = &result.io_error {
            report.io_errors.push((result.path.clone(), error.clone()));
        }
        report.hidden.0 += result.hidden.0;
        report.hidden.1 += result.hidden.1;
    }
    report.diagnostics.extend(duplicate_scenarios(&results));
    check_plans(&plans, &results, &mut report);
    (report, results)
}

/// Session plans, against the scenarios checked in the same run (or, when none were, the
/// `scenarios` folder beside the plans' folder).
fn check_plans(plans: &[PathBuf], results: &[FileResult], report: &mut Report) {
    let checked: Vec<&Scenario> = results.iter().filter_map(|r| r.scenario.as_ref()).collect();
    for path in plans {
        let beside;
        let scenarios: Vec<&Scenario> = if checked.is_empty() {
            beside = plan::library_beside(path);
            beside.iter().collect()
        } else {
            checked.clone()
        };
        report.plans_checked += 1;
        match SourceFile::read(path) {
            Ok(source) => {
                let (_, diagnostics) = plan::check_plan(&source, &plan::known(&scenarios));
                let (kept, hidden) = keep_first(diagnostics);
                report.diagnostics.extend(kept);
                report.hidden.0 += hidden.0;
                report.hidden.1 += hidden.1;
            }
            Err(error) => match read_problem(path, error, "plan files", None) {
                Ok(problem) => report.diagnostics.push(problem),
                Err(error) => report.io_errors.push((path.clone(), error)),
            },
        }
    }
}

/// Runs `check` on one file; a panic in it (a bug in feedwise) becomes an `internal` error on
/// `path` instead of losing the file or the run.
pub fn check_guarded(path: &Path, check: impl FnOnce() -> FileResult) -> FileResult {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            FileResult {
                path: path.to_path_buf(),
                diagnostics: vec![
                    Diagnostic::new(
                        &rules::internal::RULE,
                        path,
                        format!(
                            "internal error in feedwise while checking this file ({message})"
                        ),
                    )
                    .with_help("this is a bug in feedwise, not in the file: please report it with the file"),
                ],
                ..FileResult::default()
            }
        }
    }
}

/// Checks files in parallel (one chunk per core); the result order follows `files`.
pub fn check_files(files: &[PathBuf], catalogue: &Catalogue) -> Vec<FileResult> {
    check_files_with(check_file, files, catalogue)
}

/// `check_files` with another checker per file (tests use one that fails on purpose).
pub fn check_files_with(
    checker: fn(&Path, &Catalogue) -> FileResult,
    files: &[PathBuf],
    catalogue: &Catalogue,
) -> Vec<FileResult> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|f| check_guarded(f, || checker(f, catalogue)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    })
}

/// Both passes over one file on disk.
pub fn check_file(path: &Path, catalogue: &Catalogue) -> FileResult {
    let mut result = FileResult {
        path: path.to_path_buf(),
        ..FileResult::default()
    };
    let utf8_help = "save the file as UTF-8; scenario files are text";
    match SourceFile::read(path) {
        Ok(source) => {
            let (scenario, diagnostics) = check_source(&source, catalogue);
            result.scenario = scenario;
            (result.diagnostics, result.hidden) = keep_first(diagnostics);
        }
        Err(error) => match read_problem(path, error, "scenario files", Some(utf8_help)) {
            Ok(problem) => result.diagnostics.push(problem),
            Err(error) => result.io_error = Some(error),
        },
    }
    result
}

/// The diagnostic for a file that could not be read as text: too large (`files` names the
/// kind, "plan files"), or not UTF-8 (with `utf8_help`); `Err` when it could not be read at all.
fn read_problem(
    path: &Path,
    error: ReadError,
    files: &str,
    utf8_help: Option<&str>,
) -> Result<Diagnostic, String> {
    match error {
        ReadError::Io(error) => Err(error.to_string()),
        ReadError::TooLarge { bytes } => Ok(Diagnostic::new(
            &rules::file_too_large::RULE,
            path,
            format!(
                "the file is {} but {files} may be at most {}",
                human_size(bytes),
                human_size(MAX_FILE_BYTES)
            ),
        )),
        ReadError::NotUtf8 { at, text_before } => {
            let source = SourceFile::new(path, text_before);
            let mut problem =
                Diagnostic::new(&rules::not_utf8::RULE, path, "the file is not UTF-8 text")
                    .at(Label::from_locations(&source, at, at));
            problem.help = utf8_help.map(str::to_owned);
            Ok(problem)
        }
    }
}

/// A scenario file as the tools that play it need it: the scenario when `check` finds no
/// errors in it, else its errors (one `syntax` error when it cannot be read).
pub fn checked_scenario(path: &Path, catalogue: &Catalogue) -> Result<Scenario, Vec<Diagnostic>> {
    checked_source(&ScenarioSource::File(path.to_path_buf()), catalogue)
}

/// As [`checked_scenario`], for a scenario wherever it is (a file, or built into feedwise).
pub fn checked_source(
    source: &ScenarioSource,
    catalogue: &Catalogue,
) -> Result<Scenario, Vec<Diagnostic>> {
    let path = source.label();
    let result = check_scenario_source(source, catalogue);
    let errors: Vec<Diagnostic> = result
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match (result.scenario, result.io_error) {
        (_, Some(error)) => Err(vec![Diagnostic::new(
            &rules::syntax::RULE,
            &path,
            format!("cannot read the file: {error}"),
        )]),
        (Some(scenario), None) if errors.is_empty() => Ok(scenario),
        _ => Err(errors),
    }
}

/// Both passes over a scenario wherever it is: a file, or one built into the binary (whose
/// diagnostics name `built-in/<file>`).
pub fn check_scenario_source(source: &ScenarioSource, catalogue: &Catalogue) -> FileResult {
    match source {
        ScenarioSource::File(path) => check_file(path, catalogue),
        ScenarioSource::BuiltIn { text, .. } => {
            let file = SourceFile::new(source.label(), *text);
            let (scenario, diagnostics) = check_source(&file, catalogue);
            let (diagnostics, hidden) = keep_first(diagnostics);
            FileResult {
                path: file.path,
                diagnostics,
                scenario,
                hidden,
                ..FileResult::default()
            }
        }
    }
}

/// Both passes over text already in memory.
pub fn check_source(
    source: &SourceFile,
    catalogue: &Catalogue,
) -> (Option<Scenario>, Vec<Diagnostic>) {
    if source.text.trim().is_empty() {
        let label = Label::from_bytes(source, 0..0);
        let found = Diagnostic::new(&rules::syntax::RULE, &source.path, "the file is empty")
            .at(label)
            .with_help("a scenario is one RON struct: `(id: \"...\", title: \"...\", ...)`");
        return (None, vec![found]);
    }
    let parsed = match parse::<Scenario>(source) {
        Ok(parsed) => parsed,
        Err(error) => {
            let mut read = accepted(source, &[]);
            read.push(syntax_error(source, error));
            return (None, read);
        }
    };
    let mut read = accepted(source, &parsed.curly_strings);
    let folder = source.path.parent().unwrap_or(Path::new("."));
    let cx = Context {
        scenario: &parsed.value,
        source,
        spans: &parsed.spans,
        catalogue,
        folder,
        explored: Default::default(),
        suggestions_left: std::cell::Cell::new(context::SUGGESTION_BUDGET),
    };
    read.extend(rules::check_meaning(&cx));
    (Some(parsed.value), read)
}

/// What was read past in a file, each said once: a leading byte-order mark, and strings
/// between curly quotes (the first pointed at, all counted). Scenarios, plans and the catalogue
/// alike.
pub fn accepted(source: &SourceFile, curly_strings: &[std::ops::Range<usize>]) -> Vec<Diagnostic> {
    let mut said = Vec::new();
    if source.byte_order_mark {
        said.push(
            Diagnostic::new(
                &rules::byte_order_mark::RULE,
                &source.path,
                "the file starts with a byte-order mark (an invisible mark some Windows editors add); it was ignored",
            )
            .at(Label::from_bytes(source, 0..0))
            .with_help("nothing to do; to leave it out, save as \"UTF-8\" rather than \"UTF-8 with BOM\""),
        );
    }
    if let Some(first) = curly_strings.first() {
        let strings = match curly_strings.len() {
            1 => "a text between curly quotes “ ” was".to_owned(),
            count => format!("{count} texts between curly quotes “ ” were"),
        };
        said.push(
            Diagnostic::new(
                &rules::curly_quotes::RULE,
                &source.path,
                format!("{strings} read as if the quotes were straight"),
            )
            .at(Label::from_bytes(source, first.clone()))
            .with_help("write straight quotes `\"` around text (a word processor's smart quotes are best turned off for scenario files); curly quotes inside text are fine"),
        );
    }
    said
}

/// A file that did not parse, with the fix when one is known.
pub fn syntax_error(source: &SourceFile, error: crate::scenario::load::SyntaxError) -> Diagnostic {
    let label = Label::from_locations(source, error.start, error.end);
    let found = Diagnostic::new(&rules::syntax::RULE, &source.path, error.message).at(label);
    match error.help {
        Some(help) => found.with_help(help),
        None => found,
    }
}

/// Diagnostics kept per file; a file of thousands of mistakes (a generated or minified one)
/// gets the first ones and a count of the rest.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 100;

/// The first `MAX_DIAGNOSTICS_PER_FILE` diagnostics, then one `more-problems` saying how many
/// more there are (pointing at the first not shown), and the (errors, warnings) not shown.
pub fn keep_first(mut diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, (usize, usize)) {
    if diagnostics.len() <= MAX_DIAGNOSTICS_PER_FILE {
        return (diagnostics, (0, 0));
    }
    let rest = diagnostics.split_off(MAX_DIAGNOSTICS_PER_FILE);
    let errors = rest
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = rest.len() - errors;
    let first = &rest[0];
    let mut summary = Diagnostic::new(
        &rules::more_problems::RULE,
        &first.file,
        format!(
            "{} more problems in this file are not shown ({errors} errors, {warnings} warnings); the next is {}[{}]: {}",
            rest.len(),
            first.severity.word(),
            first.code,
            first.message
        ),
    )
    .with_help(format!(
        "fix the {MAX_DIAGNOSTICS_PER_FILE} shown and check again, or use `--format json` for the counts"
    ));
    summary.label = first.label.clone();
    // Counted here as the problems it stands for, not as one more.
    let (severity, hidden) = if errors > 0 {
        (Severity::Error, (errors - 1, warnings))
    } else {
        (Severity::Warning, (errors, warnings - 1))
    };
    summary.severity = severity;
    diagnostics.push(summary);
    (diagnostics, hidden)
}

fn duplicate_scenarios(results: &[FileResult]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &Path> = HashMap::new();
    let mut found = Vec::new();
    for result in results {
        let Some(scenario) = &result.scenario else {
            continue;
        };
        match first.get(scenario.id.as_str()) {
            Some(earlier) => {
                let mut problem = Diagnostic::new(
                    &rules::duplicate_scenario::RULE,
                    &result.path,
                    format!(
                        "scenario id `{}` is also used by {}",
                        scenario.id,
                        earlier.display()
                    ),
                );
                if let Ok(source) = SourceFile::read(&result.path)
                    && let Ok(parsed) = parse::<Scenario>(&source)
                {
                    let span = parsed
                        .spans
                        .value(&ValuePath::root().field("id"))
                        .unwrap_or(0..0);
                    problem = problem.at(Label::from_bytes(&source, span));
                }
                found.push(problem.with_help("give each scenario its own `id`"));
            }
            None => {
                first.insert(&scenario.id, &result.path);
            }
        }
    }
    found
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else {
        format!("{bytes} bytes")
    }
}
