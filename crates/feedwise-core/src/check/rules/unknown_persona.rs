//! `unknown-persona`: every author, sender and recipient must be in the cast.
use super::prelude::*;
use crate::scenario::Happening;

pub const RULE: Rule = Rule {
    code: "unknown-persona",
    severity: Severity::Error,
    summary: "an event names a persona that is not in the cast",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, happening) in walk::happenings(cx.scenario) {
        let names: Vec<(&str, &String)> = match happening {
            Happening::Post { by, .. }
            | Happening::Reply { by, .. }
            | Happening::Resurfaced { by, .. } => vec![("by", by)],
            Happening::Message { from, to, .. } => vec![("from", from), ("to", to)],
            Happening::Notification { by: Some(by), .. } => vec![("by", by)],
            _ => vec![],
        };
        for (field, id) in names {
            if cx.scenario.persona(id).is_none() {
                let ids = cx.scenario.cast.iter().map(|p| p.id.as_str());
                let (at, message) = (path.field(field), format!("unknown persona `{id}`"));
                out.push(cx.unknown(&RULE, At::Value(&at), message, id, ids));
            }
        }
    }
}
