//! `empty-variant`: a seed picks one value from each variant list, so a list needs a value.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "empty-variant",
    severity: Severity::Error,
    summary: "a list in `variants` has no values to pick from",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (name, values) in &cx.scenario.variants {
        if values.is_empty() {
            let path = ValuePath::root().field("variants").key(name);
            out.push(cx.report(
                &RULE,
                At::Value(&path),
                format!("variant `{name}` has no values"),
            ));
        }
    }
}
