//! `critical-praise`: a path that takes a critical option must not end in an ending whose tone
//! is `Praise`, or a trainee who breached confidentiality would be told all went well.
use super::prelude::*;
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
            let Some(path) = option_path(cx, &reach.decision, option_id) else {
                continue;
            };
            for ending in &praising {
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

/// The document path of an option (or timeout default) of a decision, by ids.
fn option_path(cx: &Context<'_>, decision: &str, option: &str) -> Option<ValuePath> {
    let (decision_path, found) = walk::decisions(cx.scenario)
        .into_iter()
        .find(|(_, d)| d.id == decision)?;
    if let Some(i) = found.options.iter().position(|o| o.id == option) {
        return Some(decision_path.field("options").index(i));
    }
    found
        .timeout
        .as_ref()
        .filter(|t| t.default.id == option)
        .map(|_| decision_path.field("timeout").field("default"))
}
