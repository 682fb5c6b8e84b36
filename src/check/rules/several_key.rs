//! `several-key`: the key of `ChooseSeveral` is the set of best options: exactly `pick`
//! distinct option ids.
use std::collections::HashSet;

use super::prelude::*;
use crate::scenario::DecisionKind;

pub const RULE: Rule = Rule {
    code: "several-key",
    severity: Severity::Error,
    summary: "a `ChooseSeveral` key is not `pick` distinct option ids",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, decision) in walk::decisions(cx.scenario) {
        let DecisionKind::ChooseSeveral { pick, key } = &decision.kind else {
            continue;
        };
        let key_path = path.field("kind").field("key");
        let mut seen = HashSet::new();
        for (i, id) in key.iter().enumerate() {
            if decision.option(id).is_none() {
                let ids = decision.options.iter().map(|o| o.id.as_str());
                let mut found = cx.report(
                    &RULE,
                    At::Value(&key_path.index(i)),
                    format!("`{id}` is not an option of `{}`", decision.id),
                );
                if let Some(help) = did_you_mean(id, ids) {
                    found = found.with_help(help);
                }
                out.push(found);
            } else if !seen.insert(id.as_str()) {
                out.push(cx.report(
                    &RULE,
                    At::Value(&key_path.index(i)),
                    format!("`{id}` appears twice in the key"),
                ));
            }
        }
        if key.len() != *pick as usize {
            out.push(cx.report(
                &RULE,
                At::Value(&key_path),
                format!("the key has {} ids but `pick` is {pick}", key.len()),
            ));
        }
    }
}
