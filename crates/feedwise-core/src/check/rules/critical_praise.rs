//! `critical-praise`: a path that takes a critical option must not end in an ending whose tone
//! is `Praise`, or a trainee who breached confidentiality would be told all went well.
use super::prelude::*;
use super::shared::praised_after;

pub const RULE: Rule = Rule {
    code: "critical-praise",
    severity: Severity::Error,
    summary: "a path through a critical option reaches an ending marked `tone: Praise`",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(exploration) = cx.exploration() else {
        return; // A loop: `cycle` reports it and no path can be followed.
    };
    for found in praised_after(cx, &exploration.after_critical) {
        let (option, ending) = (&found.option.id, found.ending);
        out.push(
            cx.report(
                &RULE,
                At::Value(&found.path.field("id")),
                format!("critical option `{option}` can lead to ending `{ending}`, whose tone is `Praise`"),
            )
            .with_help(format!(
                "set a flag on `{option}` and route it to an ending that says what went wrong, or give `{ending}` another tone"
            )),
        );
    }
}
