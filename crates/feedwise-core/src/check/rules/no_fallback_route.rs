//! `no-fallback-route`: routes are tried in order, so the last one must have no condition;
//! otherwise play could stop when none holds.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "no-fallback-route",
    severity: Severity::Error,
    summary: "the last route in `then` has a condition, so play may find no way on",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, beat) in cx.scenario.beats.iter().enumerate() {
        let Some(last) = beat.then.last() else {
            continue;
        };
        if !last.when.is_always() {
            let path = ValuePath::root()
                .field("beats")
                .index(i)
                .field("then")
                .index(beat.then.len() - 1);
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("when")),
                    format!(
                        "beat `{}` has no route for when no condition holds",
                        beat.id
                    ),
                )
                .with_help("end `then` with a route without `when`, e.g. `(to: \"...\")`"),
            );
        }
    }
}
