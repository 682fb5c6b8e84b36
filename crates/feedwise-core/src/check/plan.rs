//! Session plans (`sessions/*.ron`) checked like scenarios: syntax and shape first, then that
//! every scenario and decision they name exists, with positions and codes.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::Severity;
use super::diagnostic::{Diagnostic, Label, Rule};
use super::rules;
use super::suggest::did_you_mean;
use crate::scenario::Scenario;
use crate::scenario::library::{built_in_plan, built_in_plan_names};
use crate::scenario::load::parse;
use crate::scenario::plan::Plan;
use crate::scenario::source::{ReadError, SourceFile};
use crate::scenario::spans::ValuePath;

/// Whether a file is a session plan: it sits in a folder named `sessions`.
pub fn is_plan_file(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "sessions")
}

/// The scenarios a plan may name: id -> the ids of its decisions.
pub type Known<'a> = BTreeMap<&'a str, Vec<&'a str>>;

pub fn known<'a>(scenarios: &[&'a Scenario]) -> Known<'a> {
    scenarios
        .iter()
        .map(|s| {
            let decisions = s
                .beats
                .iter()
                .filter_map(|b| b.decision.as_ref())
                .map(|d| d.id.as_str())
                .collect();
            (s.id.as_str(), decisions)
        })
        .collect()
}

/// Both passes over one plan.
pub fn check_plan(source: &SourceFile, known: &Known<'_>) -> (Option<Plan>, Vec<Diagnostic>) {
    let parsed = match parse::<Plan>(source) {
        Ok(parsed) => parsed,
        Err(error) => {
            let mut read = super::accepted(source, &[]);
            read.push(super::syntax_error(source, error));
            return (None, read);
        }
    };
    let mut found = super::accepted(source, &parsed.curly_strings);
    let plan = parsed.value;
    let spans = &parsed.spans;
    // A problem at the value at `path`, or at its name (a map's key) when `name` is set.
    let mut report = |rule: &Rule, path: &ValuePath, name: bool, message: String, help: String| {
        let range = if name {
            spans.name(path)
        } else {
            spans.value(path)
        };
        let label = Label::from_bytes(source, range.unwrap_or(0..0));
        found.push(
            Diagnostic::new(rule, &source.path, message)
                .at(label)
                .with_help(help),
        );
    };
    let root = ValuePath::root();
    if !rules::id_format::is_kebab(&plan.id) {
        report(
            &rules::id_format::RULE,
            &root.field("id"),
            false,
            format!("plan id `{}` is not kebab-case", plan.id.escape_default()),
            "use lowercase ASCII letters, digits and single hyphens".into(),
        );
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, item) in plan.scenarios.iter().enumerate() {
        let path = root.field("scenarios").index(i);
        let earlier = *first.entry(&item.scenario).or_insert(i);
        if earlier != i {
            report(
                &rules::plan_duplicate::RULE,
                &path.field("scenario"),
                false,
                format!(
                    "scenario `{}` is already entry {} of this plan",
                    item.scenario,
                    earlier + 1
                ),
                "run each scenario once in a session; remove this entry".into(),
            );
        }
        let Some(decisions) = known.get(item.scenario.as_str()) else {
            let help = did_you_mean(&item.scenario, known.keys().copied());
            report(
                &rules::plan_unknown_scenario::RULE,
                &path.field("scenario"),
                false,
                format!("no scenario has the id `{}`", item.scenario),
                help.unwrap_or_else(|| "use the `id` of a scenario in the library".into()),
            );
            continue;
        };
        for decision in item
            .discuss
            .keys()
            .filter(|d| !decisions.contains(&d.as_str()))
        {
            let help = did_you_mean(decision, decisions.iter().copied());
            report(
                &rules::plan_unknown_decision::RULE,
                &path.field("discuss").key(decision),
                true,
                format!("scenario `{}` has no decision `{decision}`", item.scenario),
                help.unwrap_or_else(|| format!("its decisions are {}", decisions.join(", "))),
            );
        }
    }
    (Some(plan), found)
}

/// A plan with nothing else to check it against: the scenarios in `scenarios/` beside the
/// plan's folder.
pub fn library_beside(plan: &Path) -> Vec<Scenario> {
    let Some(root) = plan.parent().and_then(Path::parent) else {
        return Vec::new();
    };
    let (files, _) = crate::scenario::library::scenario_files(&[root.join("scenarios")]);
    files
        .iter()
        .filter_map(|file| SourceFile::read(file).ok())
        .filter_map(|source| parse::<Scenario>(&source).ok())
        .map(|parsed| parsed.value)
        .collect()
}

/// A plan file, checked as `feedwise check` checks it against these scenarios (the library):
/// the first error, with its position, when it has one. A plan that is not on disk is looked
/// for among the built-in ones by its name, so an installed feedwise runs
/// `--facilitate forty-five-minute-workshop` (or `sessions/forty-five-minute-workshop.ron`)
/// from any folder.
pub fn read_plan(path: &std::path::Path, scenarios: &[&Scenario]) -> Result<Plan, String> {
    let source = match SourceFile::read(path) {
        Ok(source) => source,
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            built_in_plan(name).ok_or_else(|| {
                format!(
                    "cannot read {}: {error}; the built-in plans are {}",
                    path.display(),
                    built_in_plan_names().join(", ")
                )
            })?
        }
        Err(error) => return Err(error.about(path, "a plan")),
    };
    let (plan, diagnostics) = check_plan(&source, &known(scenarios));
    match diagnostics.iter().find(|d| d.severity == Severity::Error) {
        Some(error) => Err(format!(
            "{}{}: {}[{}]: {}",
            error.file.display(),
            error
                .location()
                .map(|at| format!(":{at}"))
                .unwrap_or_default(),
            error.severity.word(),
            error.code,
            error.message
        )),
        None => plan.ok_or_else(|| format!("{}: not a session plan", source.path.display())),
    }
}
