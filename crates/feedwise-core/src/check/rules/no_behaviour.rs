//! `no-behaviour`: every option and timeout default is graded, so each names the behaviours
//! it is an instance of; without them nothing holds its grade to the rest of the library.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "no-behaviour",
    severity: Severity::Warning,
    summary: "an option (or timeout default) names no behaviour from the guidance catalogue",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        if option.behaviours.is_empty() {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("id")),
                    format!("option `{}` names no behaviour", option.id),
                )
                .with_help(
                    "add `behaviours: [\"...\"]` with the ids from assets/guidance/behaviours.ron it is an instance of (docs/grading.md lists them)",
                ),
            );
        }
    }
}
