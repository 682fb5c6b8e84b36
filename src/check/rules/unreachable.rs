//! `unreachable`: a beat or ending that no path from `start` reaches is content nobody sees.
use super::prelude::*;
use crate::check::graph;

pub const RULE: Rule = Rule {
    code: "unreachable",
    severity: Severity::Error,
    summary: "no path from `start` reaches a beat or an ending",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !graph::nodes(cx.scenario).contains_key(cx.scenario.start.as_str()) {
        return; // `unknown-target` reports the bad start; everything would be unreachable.
    }
    let reached = graph::reachable_from_start(cx.scenario);
    let root = ValuePath::root();
    let beats = cx
        .scenario
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| ("beat", root.field("beats").index(i), b.id.as_str()));
    let endings = cx
        .scenario
        .endings
        .iter()
        .enumerate()
        .map(|(i, e)| ("ending", root.field("endings").index(i), e.id.as_str()));
    for (what, path, id) in beats.chain(endings) {
        if !reached.contains(id) {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("id")),
                    format!("no path from `start` reaches {what} `{id}`"),
                )
                .with_help(format!(
                    "point an option's `next` or a route's `to` at `{id}`, or remove it"
                )),
            );
        }
    }
}
