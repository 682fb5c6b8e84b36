//! `unknown-variable`: a `{name}` placeholder must name a list in `variants` or a text in
//! `by_audience`, or the trainee would read the braces. `by_audience` texts are filled from
//! `variants` only (one pass), so there a `by_audience` name is unknown too.
use super::prelude::*;
use crate::scenario::text::placeholders;

pub const RULE: Rule = Rule {
    code: "unknown-variable",
    severity: Severity::Error,
    summary: "a `{placeholder}` in a text names no list in `variants` or text in `by_audience`",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let scenario = cx.scenario;
    let by_audience = ValuePath::root().field("by_audience");
    for (path, text) in walk::texts(scenario) {
        let in_by_audience = path.0.first() == by_audience.0.first();
        let known = |name: &str| {
            scenario.variants.contains_key(name)
                || (!in_by_audience && scenario.by_audience.contains_key(name))
        };
        for placeholder in placeholders(text) {
            if known(placeholder.name) {
                continue;
            }
            let written = &text[placeholder.range.clone()];
            let mut found = cx.report(
                &RULE,
                At::Within(&path, written),
                format!("unknown variable `{}`", placeholder.name),
            );
            let names = scenario.variants.keys().map(String::as_str);
            let names: Vec<&str> = if in_by_audience {
                names.collect()
            } else {
                names
                    .chain(scenario.by_audience.keys().map(String::as_str))
                    .collect()
            };
            found = match cx.did_you_mean(placeholder.name, names) {
                Some(help) => found.with_help(help),
                None if in_by_audience && scenario.by_audience.contains_key(placeholder.name) => {
                    found.with_help(
                        "a `by_audience` text may use `variants`, not other `by_audience` texts",
                    )
                }
                None => found.with_help(format!(
                    "add `\"{}\": [...]` to `variants`, or write `{{{{` for a literal brace",
                    placeholder.name
                )),
            };
            out.push(found);
        }
    }
}
