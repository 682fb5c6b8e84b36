//! `empty-decision`: a decision with no options could never be answered.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "empty-decision",
    severity: Severity::Error,
    summary: "a decision has no options",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, decision) in walk::decisions(cx.scenario) {
        if decision.options.is_empty() {
            out.push(cx.report(
                &RULE,
                At::Value(&path.field("options")),
                format!("decision `{}` has no options", decision.id),
            ));
        }
    }
}
