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
    for (i, beat) in cx.scenario.beats.iter().enumerate() {
        for (j, route) in beat.then.iter().enumerate() {
            let when = ValuePath::root()
                .field("beats")
                .index(i)
                .field("then")
                .index(j)
                .field("when");
            for flag in route.when.flags() {
                if !set.contains(flag) {
                    let quoted = format!("\"{flag}\"");
                    let mut found = cx.report(
                        &RULE,
                        At::Within(&when, &quoted),
                        format!("no option sets the flag `{flag}`"),
                    );
                    found = found.with_help(cx.near_or_list(flag, set.iter().copied()));
                    out.push(found);
                }
            }
        }
    }
}
