//! `missing-feedback`: every outcome explains itself; a grade without a reason teaches nothing.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "missing-feedback",
    severity: Severity::Error,
    summary: "an option's `feedback` is empty",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        if option.feedback.trim().is_empty() {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("feedback")),
                    format!("option `{}` has no feedback", option.id),
                )
                .with_help("say in plain words why this choice is good or poor"),
            );
        }
    }
}
