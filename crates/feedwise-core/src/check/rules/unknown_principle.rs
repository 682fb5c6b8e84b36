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
            let mut found = cx.report(
                &RULE,
                At::Value(&at),
                format!("unknown principle `{principle}`"),
            );
            found = found.with_help(cx.near_or_list(principle, ids()));
            out.push(found);
        }
    }
    for (path, option) in walk::outcomes(cx.scenario) {
        for principle in option.effects.keys() {
            if cx.catalogue.principle(principle).is_none() {
                let ids = cx.catalogue.principles.iter().map(|p| p.id.as_str());
                let at = path.field("effects").key(principle);
                let mut found = cx.report(
                    &RULE,
                    At::Name(&at),
                    format!("unknown principle `{principle}`"),
                );
                found = found.with_help(cx.near_or_list(principle, ids));
                out.push(found);
            }
        }
    }
}
