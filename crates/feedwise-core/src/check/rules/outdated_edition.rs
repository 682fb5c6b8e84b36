//! `outdated-edition`: the scenario was written against guidance that has since been replaced;
//! its feedback may no longer match what the regulator says.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "outdated-edition",
    severity: Severity::Warning,
    summary: "the scenario's `edition` has been replaced by newer guidance",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(document) = cx.catalogue.document(&cx.scenario.edition) else {
        return;
    };
    if let Some(newer) = &document.replaced_by {
        out.push(
            cx.report(
                &RULE,
                At::Value(&ValuePath::root().field("edition")),
                format!("`{}` has been replaced by `{newer}`", document.id),
            )
            .with_help(format!(
                "review the feedback against `{newer}`, then set `edition: \"{newer}\"`"
            )),
        );
    }
}
