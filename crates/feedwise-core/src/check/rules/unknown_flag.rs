//! `unknown-flag`: a condition tests a flag that no option sets, so it can never change.
use std::collections::HashSet;

use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unknown-flag",
    severity: Severity::Warning,
    summary: "a condition tests a flag that no option sets",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let set: HashSet<&str> = walk::outcomes(cx.scenario)
        .into_iter()
        .flat_map(|(_, option)| option.set.iter().map(String::as_str))
        .collect();
    for (path, route) in walk::routes(cx.scenario) {
        let when = path.field("when");
        for flag in route.when.flags() {
            if !set.contains(flag) {
                let quoted = format!("\"{flag}\"");
                let message = format!("no option sets the flag `{flag}`");
                let at = At::Within(&when, &quoted);
                out.push(cx.unknown(&RULE, at, message, flag, set.iter().copied()));
            }
        }
    }
}
