//! `several-key`: the key of `ChooseSeveral` is the set of best options: exactly `pick`
//! distinct option ids.
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
        super::shared::check_key_ids(cx, &RULE, decision, key, &key_path, out);
        if key.len() != *pick as usize {
            out.push(cx.report(
                &RULE,
                At::Value(&key_path),
                format!("the key has {} ids but `pick` is {pick}", key.len()),
            ));
        }
    }
}
