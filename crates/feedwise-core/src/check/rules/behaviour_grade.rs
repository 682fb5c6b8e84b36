//! `behaviour-grade`: an option is graded as its behaviours are (the most severe of their
//! grades, critical when any is), so the same conduct earns the same grade in every scenario.
//! An option that must differ says why in `exception`, which `--coverage` lists for review.
use super::prelude::*;
use crate::scenario::catalogue::Behaviour;
use crate::scenario::{Catalogue, DecisionOption, Grade};

pub const RULE: Rule = Rule {
    code: "behaviour-grade",
    severity: Severity::Error,
    summary: "an option's grade or `critical` differs from its behaviours' without an `exception`",
};

/// What an option's known behaviours ask of it.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'c> {
    /// The most severe of their grades, and the first behaviour with it.
    pub grade: Grade,
    pub graded_by: &'c Behaviour,
    /// The first critical behaviour, if any is.
    pub critical_by: Option<&'c Behaviour>,
}

impl<'c> Expected<'c> {
    /// `None` when the option names no behaviour the catalogue has.
    pub fn of(option: &DecisionOption, catalogue: &'c Catalogue) -> Option<Expected<'c>> {
        let known: Vec<&Behaviour> = option
            .behaviours
            .iter()
            .filter_map(|id| catalogue.behaviour(id))
            .collect();
        // `max_by_key` keeps the last of equals; the first is the one to name.
        let graded_by = *known.iter().rev().max_by_key(|behaviour| behaviour.grade)?;
        Some(Expected {
            grade: graded_by.grade,
            graded_by,
            critical_by: known.iter().find(|b| b.critical).copied(),
        })
    }

    pub fn critical(&self) -> bool {
        self.critical_by.is_some()
    }

    /// Whether the option's grade or criticality is not what its behaviours ask.
    pub fn differs(&self, option: &DecisionOption) -> bool {
        option.grade != self.grade || option.critical != self.critical()
    }

    /// The behaviour to name beside the option: the one whose grade or criticality differs.
    pub fn named(&self, option: &DecisionOption) -> &'c Behaviour {
        match self.critical_by {
            Some(critical) if option.grade == self.grade && !option.critical => critical,
            _ => self.graded_by,
        }
    }
}

/// A grade with its criticality, in words: "Breach, critical", "Poor, not critical", or just
/// "Poor" when `mention_critical` is false (neither side is critical).
pub fn words(grade: Grade, critical: bool, mention_critical: bool) -> String {
    match (mention_critical, critical) {
        (false, _) => grade.word().to_owned(),
        (true, true) => format!("{}, critical", grade.word()),
        (true, false) => format!("{}, not critical", grade.word()),
    }
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        if let Some(exception) = &option.exception
            && exception.trim().is_empty()
        {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("exception")),
                    format!("the `exception` of option `{}` gives no reason", option.id),
                )
                .with_help(
                    "say why its grade or `critical` differs from its behaviours', or remove `exception`",
                ),
            );
            continue;
        }
        let Some(expected) = Expected::of(option, cx.catalogue) else {
            continue;
        };
        if option.exception.is_some() || !expected.differs(option) {
            continue;
        }
        let named = expected.named(option);
        let at = if option.grade != expected.grade {
            path.field("grade")
        } else if option.critical {
            path.field("critical")
        } else {
            let i = option.behaviours.iter().position(|id| *id == named.id);
            path.field("behaviours").index(i.unwrap_or(0))
        };
        let fix = if expected.critical() {
            format!("grade it `{}` with `critical: true`", expected.grade.word())
        } else {
            format!("grade it `{}` without `critical`", expected.grade.word())
        };
        let mention = option.critical || named.critical;
        out.push(
            cx.report(
                &RULE,
                At::Value(&at),
                format!(
                    "option `{}` is {}, but its behaviour `{}` is {}",
                    option.id,
                    words(option.grade, option.critical, mention),
                    named.id,
                    words(named.grade, named.critical, mention)
                ),
            )
            .with_help(format!(
                "{fix} as its behaviours ask, or say why it differs: `exception: \"why\"`"
            )),
        );
    }
}
