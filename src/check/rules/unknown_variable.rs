//! `unknown-variable`: a `{name}` placeholder must name a list in `variants`, or the trainee
//! would read the braces.
use super::prelude::*;
use crate::scenario::text::placeholders;

pub const RULE: Rule = Rule {
    code: "unknown-variable",
    severity: Severity::Error,
    summary: "a `{placeholder}` in a text names no list in `variants`",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let variants = &cx.scenario.variants;
    for (path, text) in walk::texts(cx.scenario) {
        for placeholder in placeholders(text) {
            if !variants.contains_key(placeholder.name) {
                let written = &text[placeholder.range.clone()];
                let mut found = cx.report(
                    &RULE,
                    At::Within(&path, written),
                    format!("unknown variable `{}`", placeholder.name),
                );
                found = match cx.did_you_mean(placeholder.name, variants.keys().map(String::as_str))
                {
                    Some(help) => found.with_help(help),
                    None => found.with_help(format!(
                        "add `\"{}\": [...]` to `variants`, or write `{{{{` for a literal brace",
                        placeholder.name
                    )),
                };
                out.push(found);
            }
        }
    }
}
