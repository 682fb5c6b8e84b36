//! `no-ending-reachable`: from every beat some path must reach an ending, or a trainee could be
//! left without a debrief.
use super::prelude::*;
use crate::check::graph;

pub const RULE: Rule = Rule {
    code: "no-ending-reachable",
    severity: Severity::Error,
    summary: "no ending can be reached from a beat",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let good = graph::reaching_an_ending(cx.scenario);
    // A beat whose way on names an unknown id is already an `unknown-target` error: fixing
    // that is what will tell whether it reaches an ending.
    let misdirected: Vec<usize> = graph::unknown_targets(cx.scenario)
        .into_iter()
        .map(|(beat, _)| beat)
        .collect();
    for (i, beat) in cx.scenario.beats.iter().enumerate() {
        // A beat with no way on at all is a `dead-end`; report only beats whose ways all fail.
        if good.contains(beat.id.as_str())
            || graph::edges(cx.scenario, i).is_empty()
            || misdirected.contains(&i)
        {
            continue;
        }
        let path = ValuePath::root().field("beats").index(i).field("id");
        out.push(cx.report(
            &RULE,
            At::Value(&path),
            format!("no ending can be reached from beat `{}`", beat.id),
        ));
    }
}
