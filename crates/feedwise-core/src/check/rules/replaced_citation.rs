//! `replaced-citation`: an option cites a guidance document that has been replaced, so its
//! feedback may teach what the regulator no longer says.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "replaced-citation",
    severity: Severity::Warning,
    summary: "an option cites a guidance document that has been replaced",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        for (i, citation) in option.cite.iter().enumerate() {
            let Some(document) = cx.catalogue.document(citation.document()) else {
                continue;
            };
            let Some(newer) = &document.replaced_by else {
                continue;
            };
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("cite").index(i).index(0)),
                    format!(
                        "`{}` ({} {}) has been replaced by `{newer}`",
                        document.id, document.publisher, document.edition
                    ),
                )
                .with_help(format!(
                    "cite the paragraph of `{newer}` (or another current document) that says the same"
                )),
            );
        }
    }
}
