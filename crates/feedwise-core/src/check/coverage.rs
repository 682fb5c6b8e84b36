//! `feedwise check --coverage`: what the library covers (principles by scenario, decision
//! kinds, audiences) against the targets the shipped library must meet, how many options name
//! their behaviours, and every option graded otherwise than its behaviours, with the reason.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::diagnostic::Label;
use super::rules::behaviour_grade::{Expected, words};
use super::rules::regulator_not_cited::uncited_regulators;
use super::walk;
use crate::scenario::load::parse;
use crate::scenario::source::SourceFile;
use crate::scenario::spans::ValuePath;
use crate::scenario::{Audience, Catalogue, DecisionKind, Grade, Scenario};

/// The shipped library's targets.
pub const MIN_SCENARIOS: usize = 19;
pub const MINUTES: std::ops::RangeInclusive<u32> = 3..=10;
pub const MIN_SCENARIOS_PER_PRINCIPLE: usize = 2;
pub const MIN_RANK: usize = 4;
pub const MIN_CHOOSE_SEVERAL: usize = 2;
pub const MIN_NURSING: usize = 3;
pub const MIN_ALLIED_OR_STUDENT: usize = 2;

/// What one scenario covers.
#[derive(Debug, Clone)]
pub struct ScenarioCoverage {
    pub id: String,
    pub minutes: u32,
    pub scored: Vec<String>,
    pub focus: Vec<String>,
    pub audiences: Vec<Audience>,
    /// The platform it happens on, in words ("a group chat").
    pub platform: &'static str,
    pub cites: Vec<String>,
    /// Regulators of the scenario's audiences that no option cites (current guidance only).
    pub uncited_regulators: Vec<&'static str>,
    /// Citations of replaced documents.
    pub replaced_cites: usize,
    /// Endings without a `tone`.
    pub untoned_endings: usize,
    pub choose: usize,
    pub rank: usize,
    pub several: usize,
    /// Options and timeout defaults (every one is graded), and how many name a behaviour.
    pub outcomes: usize,
    pub with_behaviours: usize,
    /// Options whose `exception` explains a grade that differs from their behaviours'.
    pub exceptions: Vec<Exception>,
}

/// An option graded otherwise than its behaviours on purpose, and why.
#[derive(Debug, Clone)]
pub struct Exception {
    pub option: String,
    /// Where the option's `exception` is written: the file and line, once located.
    pub at: Option<(PathBuf, usize)>,
    path: ValuePath,
    /// The behaviour it differs from (or its first, if none differs), with that behaviour's
    /// grade and criticality when the catalogue has it.
    pub behaviour: String,
    pub behaviour_grade: Option<(Grade, bool)>,
    pub grade: Grade,
    pub critical: bool,
    pub reason: String,
}

impl Exception {
    /// "`step-back`: behaviour `x` is Exemplary, the option Acceptable: the reason".
    fn describe(&self) -> String {
        let behaviour = match self.behaviour_grade {
            Some((grade, critical)) => {
                let mention = critical || self.critical;
                format!(
                    "behaviour `{}` is {}, the option {}",
                    self.behaviour,
                    words(grade, critical, mention),
                    words(self.grade, self.critical, mention)
                )
            }
            None => format!("behaviour `{}` is not in the catalogue", self.behaviour),
        };
        format!("option `{}`: {behaviour}: {}", self.option, self.reason)
    }
}

impl ScenarioCoverage {
    pub fn of(scenario: &Scenario, catalogue: &Catalogue) -> Self {
        let decisions: Vec<_> = scenario
            .beats
            .iter()
            .filter_map(|b| b.decision.as_ref())
            .collect();
        let mut scored: Vec<String> = decisions
            .iter()
            .flat_map(|d| d.all_outcomes())
            .flat_map(|o| o.effects.keys().cloned())
            .collect();
        scored.sort();
        scored.dedup();
        let mut cites: Vec<String> = decisions
            .iter()
            .flat_map(|d| d.all_outcomes())
            .flat_map(|o| o.cite.iter().map(|c| c.document().to_owned()))
            .collect();
        let replaced_cites = cites
            .iter()
            .filter(|c| {
                catalogue
                    .document(c)
                    .is_some_and(|d| d.replaced_by.is_some())
            })
            .count();
        cites.sort();
        cites.dedup();
        let count = |f: fn(&DecisionKind) -> bool| decisions.iter().filter(|d| f(&d.kind)).count();
        let outcomes = walk::outcomes(scenario);
        let exceptions = outcomes
            .iter()
            .filter_map(|(path, option)| {
                let reason = option.exception.as_deref()?;
                let expected = Expected::of(option, catalogue);
                let behaviour = expected.map_or_else(
                    || option.behaviours.first().cloned().unwrap_or_default(),
                    |e| e.named(option).id.clone(),
                );
                Some(Exception {
                    option: option.id.clone(),
                    at: None,
                    path: path.clone(),
                    behaviour_grade: catalogue
                        .behaviour(&behaviour)
                        .map(|b| (b.grade, b.critical)),
                    behaviour,
                    grade: option.grade,
                    critical: option.critical,
                    reason: reason.to_owned(),
                })
            })
            .collect();
        ScenarioCoverage {
            id: scenario.id.clone(),
            minutes: scenario.minutes,
            scored,
            focus: scenario.focus.clone(),
            audiences: scenario.audiences.clone(),
            platform: scenario.platform.word(),
            cites,
            uncited_regulators: uncited_regulators(scenario, catalogue)
                .into_iter()
                .map(|(_, publisher)| publisher)
                .collect(),
            replaced_cites,
            untoned_endings: scenario.endings.iter().filter(|e| e.tone.is_none()).count(),
            choose: count(|k| matches!(k, DecisionKind::Choose)),
            rank: count(|k| matches!(k, DecisionKind::Rank { .. })),
            several: count(|k| matches!(k, DecisionKind::ChooseSeveral { .. })),
            outcomes: outcomes.len(),
            with_behaviours: outcomes
                .iter()
                .filter(|(_, o)| !o.behaviours.is_empty())
                .count(),
            exceptions,
        }
    }

    /// Finds the line of each exception in the scenario's file (read again: only files with
    /// exceptions are).
    fn locate(&mut self, file: &Path) {
        if self.exceptions.is_empty() {
            return;
        }
        let Ok(source) = SourceFile::read(file) else {
            return;
        };
        let Ok(parsed) = parse::<Scenario>(&source) else {
            return;
        };
        for exception in &mut self.exceptions {
            let span = parsed.spans.value(&exception.path.field("exception"));
            let label = Label::from_bytes(&source, span.unwrap_or(0..0));
            exception.at = Some((file.to_path_buf(), label.start.line));
        }
    }

    fn for_nursing(&self) -> bool {
        self.serves([Audience::Nurse, Audience::Midwife], "NMC")
    }

    fn for_allied_or_students(&self) -> bool {
        self.serves([Audience::AlliedHealth, Audience::Student], "HCPC")
    }

    /// Whether it is for one of `audiences` and cites the document `cited`.
    fn serves(&self, audiences: [Audience; 2], cited: &str) -> bool {
        self.audiences.iter().any(|a| audiences.contains(a))
            && self.cites.iter().any(|c| c == cited)
    }
}

/// The library's coverage.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub scenarios: Vec<ScenarioCoverage>,
    pub principles: Vec<String>,
}

impl Coverage {
    pub fn of(scenarios: &[&Scenario], catalogue: &Catalogue) -> Self {
        Coverage {
            scenarios: scenarios
                .iter()
                .map(|s| ScenarioCoverage::of(s, catalogue))
                .collect(),
            principles: catalogue.principles.iter().map(|p| p.id.clone()).collect(),
        }
    }

    /// As `of`, for scenarios read from files: exceptions are located by file and line.
    pub fn of_files(scenarios: &[(&Path, &Scenario)], catalogue: &Catalogue) -> Self {
        let only: Vec<&Scenario> = scenarios.iter().map(|(_, s)| *s).collect();
        let mut coverage = Coverage::of(&only, catalogue);
        for (found, (file, _)) in coverage.scenarios.iter_mut().zip(scenarios) {
            found.locate(file);
        }
        coverage
    }

    /// Per principle: scenarios that score it and scenarios that are mainly about it.
    pub fn by_principle(&self) -> BTreeMap<&str, (Vec<&str>, Vec<&str>)> {
        let having = |p: &String, list: fn(&ScenarioCoverage) -> &Vec<String>| {
            (self.scenarios.iter())
                .filter(|s| list(s).contains(p))
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
        };
        (self.principles.iter())
            .map(|p| {
                (
                    p.as_str(),
                    (having(p, |s| &s.scored), having(p, |s| &s.focus)),
                )
            })
            .collect()
    }

    /// The sum of `count` over the scenarios.
    fn total(&self, count: impl Fn(&ScenarioCoverage) -> usize) -> usize {
        self.scenarios.iter().map(count).sum()
    }

    fn count(&self, serves: impl Fn(&ScenarioCoverage) -> bool) -> usize {
        self.scenarios.iter().filter(|s| serves(s)).count()
    }

    /// Every target the library misses, in words; empty when all are met.
    pub fn unmet(&self) -> Vec<String> {
        let mut unmet = Vec::new();
        if self.scenarios.len() < MIN_SCENARIOS {
            unmet.push(format!(
                "{} scenarios; at least {MIN_SCENARIOS} are needed",
                self.scenarios.len()
            ));
        }
        for s in &self.scenarios {
            if !MINUTES.contains(&s.minutes) {
                unmet.push(format!(
                    "`{}` takes {} minutes; scenarios take 3 to 10",
                    s.id, s.minutes
                ));
            }
            for regulator in &s.uncited_regulators {
                unmet.push(format!(
                    "`{}` is for an audience of the {regulator} but cites no current {regulator} guidance",
                    s.id
                ));
            }
            if s.replaced_cites > 0 {
                unmet.push(format!(
                    "`{}` cites replaced guidance {} times",
                    s.id, s.replaced_cites
                ));
            }
            if s.untoned_endings > 0 {
                unmet.push(format!(
                    "`{}` has {} endings without a `tone`",
                    s.id, s.untoned_endings
                ));
            }
        }
        for (principle, (scored, focus)) in self.by_principle() {
            if scored.len() < MIN_SCENARIOS_PER_PRINCIPLE {
                unmet.push(format!("`{principle}` is scored in {} scenarios; at least {MIN_SCENARIOS_PER_PRINCIPLE}", scored.len()));
            }
            if focus.is_empty() {
                unmet.push(format!(
                    "`{principle}` is the main subject (focus) of no scenario"
                ));
            }
        }
        let (rank, several) = (self.total(|s| s.rank), self.total(|s| s.several));
        if rank < MIN_RANK {
            unmet.push(format!("{rank} Rank items; at least {MIN_RANK}"));
        }
        if several < MIN_CHOOSE_SEVERAL {
            unmet.push(format!(
                "{several} ChooseSeveral items; at least {MIN_CHOOSE_SEVERAL}"
            ));
        }
        let nursing = self.count(ScenarioCoverage::for_nursing);
        if nursing < MIN_NURSING {
            unmet.push(format!(
                "{nursing} scenarios for nurses or midwives citing the NMC; at least {MIN_NURSING}"
            ));
        }
        let allied = self.count(ScenarioCoverage::for_allied_or_students);
        if allied < MIN_ALLIED_OR_STUDENT {
            unmet.push(format!("{allied} scenarios for allied health professionals or students citing the HCPC; at least {MIN_ALLIED_OR_STUDENT}"));
        }
        unmet
    }

    /// The report as text tables.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "coverage of {} scenarios\n", self.scenarios.len());
        let _ = writeln!(
            out,
            "{:<24} {:>6} {:>6}  scenarios (* = main subject)",
            "principle", "scored", "focus"
        );
        for (principle, (scored, focus)) in self.by_principle() {
            let names: Vec<String> = scored
                .iter()
                .map(|id| {
                    if focus.contains(id) {
                        format!("{id}*")
                    } else {
                        (*id).to_owned()
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "{principle:<24} {:>6} {:>6}  {}",
                scored.len(),
                focus.len(),
                names.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "\ndecision kinds: {} Choose, {} Rank, {} ChooseSeveral",
            self.total(|s| s.choose),
            self.total(|s| s.rank),
            self.total(|s| s.several)
        );
        let audiences = self.scenarios.iter().flat_map(|s| s.audiences.iter());
        let _ = writeln!(out, "audiences: {}", tally(audiences.map(|a| a.word())));
        let platforms = self.scenarios.iter().map(|s| s.platform);
        let _ = writeln!(out, "platforms: {}", tally(platforms));
        let nursing = self.count(ScenarioCoverage::for_nursing);
        let allied = self.count(ScenarioCoverage::for_allied_or_students);
        let _ = writeln!(
            out,
            "for nurses or midwives with NMC references: {nursing}; for allied health or students with HCPC references: {allied}"
        );
        self.render_behaviours(&mut out);
        let unmet = self.unmet();
        if unmet.is_empty() {
            let _ = writeln!(out, "\nall library targets met");
        } else {
            let _ = writeln!(out, "\nlibrary targets not met:");
            for item in unmet {
                let _ = writeln!(out, "  - {item}");
            }
        }
        out
    }

    /// How many options name their behaviours, by scenario and in all, then every exception.
    fn render_behaviours(&self, out: &mut String) {
        let outcomes = self.total(|s| s.outcomes);
        let named = self.total(|s| s.with_behaviours);
        let _ = writeln!(
            out,
            "\noptions that name a behaviour (timeout defaults included): {named} of {outcomes}"
        );
        for s in &self.scenarios {
            let _ = writeln!(
                out,
                "  {:<28} {:>3} of {:>3}",
                s.id, s.with_behaviours, s.outcomes
            );
        }
        let exceptions: Vec<(&ScenarioCoverage, &Exception)> = self
            .scenarios
            .iter()
            .flat_map(|s| s.exceptions.iter().map(move |e| (s, e)))
            .collect();
        if exceptions.is_empty() {
            let _ = writeln!(out, "exceptions to a behaviour's grade: none");
            return;
        }
        let _ = writeln!(
            out,
            "exceptions to a behaviour's grade ({}):",
            exceptions.len()
        );
        for (scenario, exception) in exceptions {
            let at = match &exception.at {
                Some((file, line)) => format!("{}:{line}", file.display()),
                None => format!("scenario `{}`", scenario.id),
            };
            let _ = writeln!(out, "  {at}: {}", exception.describe());
        }
    }
}

/// Each name with how many times it occurs, in name order: "doctors 3, nurses 2".
fn tally<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names {
        *counts.entry(name).or_default() += 1;
    }
    let listed: Vec<String> = counts.iter().map(|(a, n)| format!("{a} {n}")).collect();
    listed.join(", ")
}
