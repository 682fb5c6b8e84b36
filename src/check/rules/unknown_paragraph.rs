//! `unknown-paragraph`: a citation's paragraph or section must be one the catalogue lists for
//! that document, so that nothing cites a paragraph that was never checked.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unknown-paragraph",
    severity: Severity::Error,
    summary: "a citation names a paragraph or section the catalogue does not list for its document",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        for (i, citation) in option.cite.iter().enumerate() {
            let Some(document) = cx.catalogue.document(citation.document()) else {
                continue;
            };
            let part = citation.part();
            if !document.parts.iter().any(|p| p == part) {
                let at = path.field("cite").index(i).index(1);
                let parts = document.parts.iter().map(String::as_str);
                let help = did_you_mean(part, parts).unwrap_or_else(|| {
                    format!("`{}` lists: {}", document.id, document.parts.join(", "))
                });
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&at),
                        format!(
                            "`{}` has no paragraph or section `{part}` in the catalogue",
                            document.id
                        ),
                    )
                    .with_help(help),
                );
            }
        }
    }
}
