//! `by-audience-missing`: a `by_audience` text needs an entry for every audience the scenario
//! lists, or some trainees would read another profession's words; and its name may not also
//! be a variant's, or one `{name}` would mean two things.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "by-audience-missing",
    severity: Severity::Error,
    summary: "a `by_audience` text lacks an entry for one of the scenario's audiences, or shares its name with a variant",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let root = ValuePath::root().field("by_audience");
    for (name, texts) in &cx.scenario.by_audience {
        let path = root.key(name);
        if cx.scenario.variants.contains_key(name) {
            out.push(
                cx.report(
                    &RULE,
                    At::Name(&path),
                    format!("`{name}` is both a `by_audience` text and a variant"),
                )
                .with_help(format!(
                    "rename one of them: `{{{name}}}` can fill in only one"
                )),
            );
        }
        for audience in &cx.scenario.audiences {
            if !texts.contains_key(audience) {
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&path),
                        format!(
                            "`{name}` has no text for {audience:?}, one of the scenario's audiences"
                        ),
                    )
                    .with_help(format!(
                        "add `{audience:?}: \"...\"`, the words {} read",
                        audience.word()
                    )),
                );
            }
        }
    }
}
