//! `critical-praise`: a path that takes a critical option must not end in an ending whose tone
//! is `Praise`, or a trainee who breached confidentiality would be told all went well.
use super::prelude::*;
use super::shared::option_path;
use crate::scenario::Tone;

pub const RULE: Rule = Rule {
    code: "critical-praise",
    severity: Severity::Error,
    summary: "a path through a critical option reaches an ending marked `tone: Praise`",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(exploration) = cx.exploration() else {
        return; // A loop: `cycle` reports it and no path can be followed.
    };
    // A selection stands for many: report each option and ending once.
    let mut reported = std::collections::BTreeSet::new();
    for reach in &exploration.after_critical {
        let praising: Vec<&str> = reach
            .endings
            .iter()
            .map(String::as_str)
            .filter(|id| {
                cx.scenario
                    .ending(id)
                    .is_some_and(|e| e.tone == Some(Tone::Praise))
            })
            .collect();
        if praising.is_empty() {
            continue;
        }
        for option_id in &reach.options {
            let Some((path, _)) = option_path(cx, &reach.decision, option_id) else {
                continue;
            };
            for ending in &praising {
                if !reported.insert((&reach.decision, option_id, *ending)) {
                    continue;
                }
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&path.field("id")),
                        format!(
                            "critical option `{option_id}` can lead to ending `{ending}`, whose tone is `Praise`"
                        ),
                    )
                    .with_help(format!(
                        "set a flag on `{option_id}` and route it to an ending that says what went wrong, or give `{ending}` another tone"
                    )),
                );
            }
        }
    }
}
