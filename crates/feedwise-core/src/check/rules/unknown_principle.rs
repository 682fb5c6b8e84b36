//! `unknown-principle`: effects are scored by principle id from the catalogue.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unknown-principle",
    severity: Severity::Error,
    summary: "an effect names a principle that is not in the guidance catalogue",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let ids = || cx.catalogue.principles.iter().map(|p| p.id.as_str());
    for (i, principle) in cx.scenario.focus.iter().enumerate() {
        if cx.catalogue.principle(principle).is_none() {
            let at = ValuePath::root().field("focus").index(i);
            let message = format!("unknown principle `{principle}`");
            out.push(cx.unknown(&RULE, At::Value(&at), message, principle, ids()));
        }
    }
    for (path, option) in walk::outcomes(cx.scenario) {
        for principle in option.effects.keys() {
            if cx.catalogue.principle(principle).is_none() {
                let at = path.field("effects").key(principle);
                let message = format!("unknown principle `{principle}`");
                out.push(cx.unknown(&RULE, At::Name(&at), message, principle, ids()));
            }
        }
    }
}
