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
            if !document.has_part(part) {
                let at = path.field("cite").index(i).index(1);
                let help = cx
                    .did_you_mean(part, document.part_ids())
                    .unwrap_or_else(|| {
                        let listed: Vec<&str> = document.part_ids().collect();
                        format!("`{}` lists: {}", document.id, listed.join(", "))
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
