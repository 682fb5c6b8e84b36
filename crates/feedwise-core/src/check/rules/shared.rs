//! Pieces shared by rules (not a rule itself).

use std::collections::HashSet;

use super::prelude::*;
use crate::engine::paths::CriticalReach;
use crate::scenario::{Decision, DecisionOption, Tone};

/// Reports key ids that name no option of the decision, and ids repeated in the key.
pub fn check_key_ids(
    cx: &Context<'_>,
    rule: &Rule,
    decision: &Decision,
    key: &[String],
    key_path: &ValuePath,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    for (i, id) in key.iter().enumerate() {
        if decision.option(id).is_none() {
            let ids = decision.options.iter().map(|o| o.id.as_str());
            let message = format!("`{id}` is not an option of `{}`", decision.id);
            out.push(cx.unknown(rule, At::Value(&key_path.index(i)), message, id, ids));
        } else if !seen.insert(id.as_str()) {
            out.push(cx.report(
                rule,
                At::Value(&key_path.index(i)),
                format!("`{id}` appears twice in the key"),
            ));
        }
    }
}

/// An option (or timeout default) of a decision, by ids, with its path in the document.
pub fn option_path<'s>(
    cx: &Context<'s>,
    decision: &str,
    option: &str,
) -> Option<(ValuePath, &'s DecisionOption)> {
    let (decision_path, found) = walk::decisions(cx.scenario)
        .into_iter()
        .find(|(_, d)| d.id == decision)?;
    walk::outcomes_of(&decision_path, found)
        .into_iter()
        .find(|(_, o)| o.id == option)
}

/// An option that some path takes before an ending whose tone is `Praise`, with where it is.
pub struct Praised<'s> {
    pub path: ValuePath,
    pub option: &'s DecisionOption,
    pub ending: &'s str,
}

/// Each (option, `Praise` ending) pair of `reaches`, once: a selection or ranking stands for
/// many answers, so the same pair can be reached through several. What `critical-praise` and
/// `praise-after-poor` report, each in its own words.
pub fn praised_after<'s>(cx: &Context<'s>, reaches: &'s [CriticalReach]) -> Vec<Praised<'s>> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for reach in reaches {
        for ending in &reach.endings {
            let praising = cx
                .scenario
                .ending(ending)
                .is_some_and(|e| e.tone == Some(Tone::Praise));
            if !praising {
                continue;
            }
            for option_id in &reach.options {
                if !seen.insert((&reach.decision, option_id, ending)) {
                    continue;
                }
                if let Some((path, option)) = option_path(cx, &reach.decision, option_id) {
                    found.push(Praised {
                        path,
                        option,
                        ending,
                    });
                }
            }
        }
    }
    found
}
