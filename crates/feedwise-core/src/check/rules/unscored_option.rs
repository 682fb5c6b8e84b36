//! `unscored-option`: an option that touches no principle adds nothing to the debrief.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unscored-option",
    severity: Severity::Warning,
    summary: "an option has no `effects` on any principle",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        if option.effects.is_empty() {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("id")),
                    format!("option `{}` has no effects on any principle", option.id),
                )
                .with_help("add e.g. `effects: {\"boundaries\": 2}`"),
            );
        }
    }
}
