//! `cycle`: scenarios run forward in time; a beat that leads back to an earlier one would
//! replay it and could loop for ever.
use std::collections::HashMap;

use super::prelude::*;
use crate::check::graph;

pub const RULE: Rule = Rule {
    code: "cycle",
    severity: Severity::Error,
    summary: "beats lead back to themselves, forming a loop",
};

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    Done,
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let scenario = cx.scenario;
    let index_of: HashMap<&str, usize> = scenario
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let mut marks: HashMap<usize, Mark> = HashMap::new();
    // Iterative depth-first search so that a generated scenario with thousands of beats in a
    // chain cannot overflow the stack.
    for root in 0..scenario.beats.len() {
        if marks.contains_key(&root) {
            continue;
        }
        let mut stack: Vec<(usize, Vec<graph::Edge<'_>>)> =
            vec![(root, graph::edges(scenario, root))];
        marks.insert(root, Mark::Open);
        while let Some((beat, edges)) = stack.last_mut() {
            let beat = *beat;
            let Some(edge) = edges.pop() else {
                marks.insert(beat, Mark::Done);
                stack.pop();
                continue;
            };
            let Some(&next) = index_of.get(edge.to) else {
                continue;
            };
            match marks.get(&next) {
                Some(Mark::Open) => out.push(
                    cx.report(
                        &RULE,
                        At::Value(&edge.path),
                        format!(
                            "beat `{}` leads back to `{}`, which forms a loop",
                            scenario.beats[beat].id, edge.to
                        ),
                    )
                    .with_help(
                        "point to a later beat or an ending; use flags to vary what a beat shows",
                    ),
                ),
                Some(Mark::Done) => {}
                None => {
                    marks.insert(next, Mark::Open);
                    stack.push((next, graph::edges(scenario, next)));
                }
            }
        }
    }
}
