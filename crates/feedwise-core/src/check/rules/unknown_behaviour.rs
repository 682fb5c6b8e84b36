//! `unknown-behaviour`: an option names its behaviours by id from the guidance catalogue
//! (`behaviours.ron`); an id that is not there fixes no grade and is usually a typo.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unknown-behaviour",
    severity: Severity::Error,
    summary: "an option names a behaviour that is not in the guidance catalogue",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        for (i, id) in option.behaviours.iter().enumerate() {
            if cx.catalogue.behaviour(id).is_some() {
                continue;
            }
            let ids = cx.catalogue.behaviours.iter().map(|b| b.id.as_str());
            let mut found = cx.report(
                &RULE,
                At::Value(&path.field("behaviours").index(i)),
                format!("unknown behaviour `{id}`"),
            );
            found = match cx.did_you_mean(id, ids) {
                Some(help) => found.with_help(help),
                None => found.with_help(
                    "use an id from assets/guidance/behaviours.ron (docs/grading.md lists them)",
                ),
            };
            out.push(found);
        }
    }
}
