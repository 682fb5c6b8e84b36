//! The beat graph: which beat or ending each beat can lead to, and through which reference.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::scenario::Scenario;
use crate::scenario::spans::ValuePath;

/// A reference from a beat to a beat or an ending, with the path of the reference.
pub struct Edge<'a> {
    pub to: &'a str,
    pub path: ValuePath,
}

/// The references out of beat `index`: options' `next`, and the `then` routes whenever some
/// outcome (or the absence of a decision) falls through to them.
pub fn edges(scenario: &Scenario, index: usize) -> Vec<Edge<'_>> {
    let beat = &scenario.beats[index];
    let path = ValuePath::root().field("beats").index(index);
    let mut found = Vec::new();
    let mut falls_through = beat.decision.is_none();
    if let Some(decision) = &beat.decision {
        for (option_path, option) in super::walk::outcomes_of(&path.field("decision"), decision) {
            match &option.next {
                Some(next) => found.push(Edge {
                    to: next,
                    path: option_path.field("next"),
                }),
                None => falls_through = true,
            }
        }
    }
    if falls_through {
        for (i, route) in beat.then.iter().enumerate() {
            found.push(Edge {
                to: &route.to,
                path: path.field("then").index(i).field("to"),
            });
        }
    }
    found
}

/// Node names (beats and endings) mapped to whether they are endings.
pub fn nodes(scenario: &Scenario) -> HashMap<&str, bool> {
    let beats = scenario.beats.iter().map(|b| (b.id.as_str(), false));
    let endings = scenario.endings.iter().map(|e| (e.id.as_str(), true));
    beats.chain(endings).collect()
}

/// Successor ids of every beat, keeping only references to known nodes.
pub fn adjacency(scenario: &Scenario) -> BTreeMap<&str, Vec<&str>> {
    let known = nodes(scenario);
    scenario
        .beats
        .iter()
        .enumerate()
        .map(|(i, beat)| {
            let next = edges(scenario, i)
                .into_iter()
                .map(|edge| edge.to)
                .filter(|to| known.contains_key(to))
                .collect();
            (beat.id.as_str(), next)
        })
        .collect()
}

/// Every node reachable from the start beat (the start included, if it exists).
pub fn reachable_from_start(scenario: &Scenario) -> HashSet<&str> {
    let adjacency = adjacency(scenario);
    let mut seen = HashSet::new();
    let mut stack = vec![scenario.start.as_str()];
    if !nodes(scenario).contains_key(scenario.start.as_str()) {
        return seen;
    }
    while let Some(node) = stack.pop() {
        if seen.insert(node) {
            stack.extend(adjacency.get(node).into_iter().flatten().copied());
        }
    }
    seen
}

/// Every node from which some ending can be reached (endings included).
pub fn reaching_an_ending(scenario: &Scenario) -> HashSet<&str> {
    // Backwards from the endings over reversed edges: linear in the size of the graph.
    let mut predecessors: HashMap<&str, Vec<&str>> = HashMap::new();
    for (beat, next) in adjacency(scenario) {
        for to in next {
            predecessors.entry(to).or_default().push(beat);
        }
    }
    let mut good: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = scenario.endings.iter().map(|e| e.id.as_str()).collect();
    while let Some(node) = stack.pop() {
        if good.insert(node) {
            stack.extend(predecessors.get(node).into_iter().flatten().copied());
        }
    }
    good
}

/// References to ids that name no beat or ending (`unknown-target` reports each), by the index
/// of the beat they leave from. Other rules stay quiet about what only these cause.
pub fn unknown_targets(scenario: &Scenario) -> Vec<(usize, &str)> {
    let known = nodes(scenario);
    (0..scenario.beats.len())
        .flat_map(|i| {
            edges(scenario, i)
                .into_iter()
                .filter(|edge| !known.contains_key(edge.to))
                .map(move |edge| (i, edge.to))
        })
        .collect()
}
