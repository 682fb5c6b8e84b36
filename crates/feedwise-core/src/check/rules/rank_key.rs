//! `rank-key`: a `Rank` key is the expert order of all options, so it must name each option
//! exactly once; otherwise SJT marks cannot be given.
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
        super::shared::check_key_ids(cx, &RULE, decision, key, &key_path, out);
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
