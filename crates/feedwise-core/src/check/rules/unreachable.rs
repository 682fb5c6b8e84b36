//! `unreachable`: a beat or ending that no path from `start` reaches is content nobody sees.
//! Reachability comes from the engine's exploration of every path, flags included, so a
//! route whose condition can never hold is caught too; for a scenario the engine cannot
//! explore (a loop), the plain beat graph is used and `cycle` reports the loop.
use std::collections::HashSet;

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
    let by_graph = graph::reachable_from_start(cx.scenario);
    // An id that a misspelt reference was probably meant to name is unreachable only because of
    // the misspelling, which `unknown-target` reports with this id as its suggestion.
    let mut ids: Vec<&str> = graph::nodes(cx.scenario).keys().copied().collect();
    ids.sort_unstable(); // ties go to the same id as `unknown-target`'s suggestion

    let meant: HashSet<&str> = graph::unknown_targets(cx.scenario)
        .into_iter()
        .filter_map(|(_, target)| crate::check::suggest::closest(target, ids.iter().copied()))
        .collect();
    let by_play: Option<HashSet<&str>> = cx.exploration().map(|e| {
        e.beats_reached
            .iter()
            .chain(&e.endings_reached)
            .map(String::as_str)
            .collect()
    });
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
        let reached = match &by_play {
            Some(played) => played.contains(id),
            None => by_graph.contains(id),
        };
        if reached || meant.contains(id) {
            continue;
        }
        let mut found = cx.report(
            &RULE,
            At::Value(&path.field("id")),
            format!("no path from `start` reaches {what} `{id}`"),
        );
        found = if by_graph.contains(id) {
            found
                .with_note("a route leads here, but its condition never holds on any path")
                .with_help("check the flags that routes to it test, and the options that set them")
        } else {
            found.with_help(format!(
                "point an option's `next` or a route's `to` at `{id}`, or remove it"
            ))
        };
        out.push(found);
    }
}
