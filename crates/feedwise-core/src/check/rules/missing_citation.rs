//! `missing-citation`: every outcome cites the guidance it is scored against, so a trainee can
//! look it up and an edition change can be traced.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "missing-citation",
    severity: Severity::Error,
    summary: "an option (or a principle in the catalogue) cites no guidance",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        if option.cite.is_empty() {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("cite")),
                    format!("option `{}` cites no guidance", option.id),
                )
                .with_help("add a reference such as `cite: [(\"SM24\", \"18\")]`"),
            );
        }
    }
}
