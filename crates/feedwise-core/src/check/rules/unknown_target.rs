//! `unknown-target`: `start`, an option's `next` and a route's `to` name a beat or an ending.
use super::prelude::*;
use crate::check::graph;

pub const RULE: Rule = Rule {
    code: "unknown-target",
    severity: Severity::Error,
    summary: "`start`, `next` or `to` names no beat or ending",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let nodes = graph::nodes(cx.scenario);
    let mut references = vec![(ValuePath::root().field("start"), cx.scenario.start.as_str())];
    for (path, option) in walk::outcomes(cx.scenario) {
        if let Some(next) = &option.next {
            references.push((path.field("next"), next));
        }
    }
    for (path, route) in walk::routes(cx.scenario) {
        references.push((path.field("to"), &route.to));
    }
    for (path, target) in references {
        if !nodes.contains_key(target) {
            let message = format!("no beat or ending has the id `{target}`");
            out.push(cx.unknown(&RULE, At::Value(&path), message, target, sorted_ids(&nodes)));
        }
    }
}

/// Node ids in a fixed order, so that a tie between suggestions always goes the same way.
fn sorted_ids<'a>(nodes: &std::collections::HashMap<&'a str, bool>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = nodes.keys().copied().collect();
    ids.sort_unstable();
    ids
}
