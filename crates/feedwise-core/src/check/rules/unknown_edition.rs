//! `unknown-edition`: a scenario names the guidance edition it was written against, so that an
//! edition change can be found; the name must be a document in the catalogue.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unknown-edition",
    severity: Severity::Error,
    summary: "`edition` does not name a document in the guidance catalogue",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let edition = &cx.scenario.edition;
    if cx.catalogue.document(edition).is_none() {
        let ids = cx.catalogue.documents.iter().map(|d| d.id.as_str());
        let at = ValuePath::root().field("edition");
        let message = format!("unknown edition `{edition}`");
        out.push(cx.unknown(&RULE, At::Value(&at), message, edition, ids));
    }
}
