//! `rank-key`: a `Rank` key is the expert order of all options, so it must name each option
//! exactly once; otherwise SJT marks cannot be given.
use std::collections::HashSet;

use super::prelude::*;
use crate::scenario::DecisionKind;

pub const RULE: Rule = Rule {
    code: "rank-key",
    severity: Severity::Error,
    summary: "a `Rank` key is not an ordering of exactly the decision's options",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, decision) in walk::decisions(cx.scenario) {
        let DecisionKind::Rank { key } = &decision.kind else {
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
        let missing: Vec<&str> = decision
            .options
            .iter()
            .map(|o| o.id.as_str())
            .filter(|id| !key.iter().any(|k| k == id))
            .collect();
        if !missing.is_empty() {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&key_path),
                    format!("the key leaves out {}", quoted(&missing)),
                )
                .with_help("a ranking key lists every option once, best first"),
            );
        }
    }
}

fn quoted(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
