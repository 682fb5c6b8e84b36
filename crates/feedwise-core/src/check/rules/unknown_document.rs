//! `unknown-document`: a citation names a guidance document by its short ref from the catalogue.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unknown-document",
    severity: Severity::Error,
    summary: "a citation names a document that is not in the guidance catalogue",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        for (i, citation) in option.cite.iter().enumerate() {
            let document = citation.document();
            if cx.catalogue.document(document).is_none() {
                let ids = cx.catalogue.documents.iter().map(|d| d.id.as_str());
                let at = path.field("cite").index(i).index(0);
                let message = format!("unknown document `{document}`");
                out.push(cx.unknown(&RULE, At::Value(&at), message, document, ids));
            }
        }
    }
}
