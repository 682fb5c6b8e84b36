//! `feedwise graph`: a scenario's beats, decisions, options and endings as a picture.
//!
//! [`build`] turns a scenario into a [`Graph`] (nodes, edges with condition labels, and which
//! nodes play can reach); [`layout`] places it in layers from `start`; [`svg`] draws it with
//! feedwise's own layout and [`dot`] writes it for Graphviz. No Bevy, no clock, no I/O.

pub mod dot;
pub mod layout;
pub mod svg;

use std::collections::HashSet;

use crate::engine::paths::explore;
use crate::scenario::{Condition, DecisionKind, Grade, Scenario, Tone};

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Beat,
    /// A beat's decision, with its kind in words (`Choose`, `Rank`, `Choose 2`).
    Decision {
        kind: String,
    },
    /// An option of a decision, or its timeout default (`timeout: true`).
    Option {
        grade: Grade,
        critical: bool,
        timeout: bool,
    },
    /// Where options without a `next` fall through to the beat's `then` routes.
    Then,
    Ending {
        tone: Option<Tone>,
    },
}

/// One box in the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Unique in the graph: `beat:ID`, `decision:ID`, `option:DECISION/ID`, `then:BEAT`,
    /// `ending:ID`.
    pub key: String,
    /// The scenario id the node shows (beat, decision, option or ending id).
    pub id: String,
    pub kind: NodeKind,
    /// The first line, bold: what it is and its id.
    pub title: String,
    /// Further lines (a prompt, an option's words, an ending's title), unwrapped.
    pub text: String,
    /// Grade and critical in words for options (`BREACH · critical`), the tone for endings.
    pub badge: Option<String>,
    /// Whether some play from `start` reaches it.
    pub reachable: bool,
}

impl Node {
    /// The badge as drawn: `unreachable` added when play cannot reach the node.
    pub fn shown_badge(&self) -> Option<String> {
        match &self.badge {
            _ if self.reachable => self.badge.clone(),
            Some(badge) => Some(format!("{badge} · unreachable")),
            None => Some("unreachable".to_string()),
        }
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// Beat to its decision, decision to its options, option to `then`.
    Flow,
    /// An option's own `next`.
    Next,
    /// A `then` route, labelled with its condition.
    Route,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// The route's condition in short words (`kind`, `not rude`, `a and b`, `otherwise`).
    pub label: Option<String>,
    /// Whether play can take it (both ends reachable).
    pub reachable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    pub scenario: String,
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The node `start` names.
    pub start: Option<usize>,
}

impl Graph {
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes.iter().find(|node| node.key == key)
    }

    pub fn index(&self, key: &str) -> Option<usize> {
        self.nodes.iter().position(|node| node.key == key)
    }

    /// Edges between the nodes with these keys.
    pub fn edges_between(&self, from: &str, to: &str) -> Vec<&Edge> {
        let (Some(from), Some(to)) = (self.index(from), self.index(to)) else {
            return Vec::new();
        };
        self.edges
            .iter()
            .filter(|edge| edge.from == from && edge.to == to)
            .collect()
    }
}

/// A condition in short words: `kind`, `not rude`, `a and b`, `a or (b and c)`.
pub fn condition_label(condition: &Condition) -> String {
    fn part(condition: &Condition, inside: bool) -> String {
        let text = condition_label(condition);
        let compound =
            matches!(condition, Condition::All(list) | Condition::Any(list) if list.len() > 1);
        if inside && compound {
            format!("({text})")
        } else {
            text
        }
    }
    match condition {
        Condition::Always => "always".to_string(),
        Condition::Flag(flag) => flag.clone(),
        Condition::NotFlag(flag) => format!("not {flag}"),
        Condition::All(list) if list.is_empty() => "always".to_string(),
        Condition::Any(list) if list.is_empty() => "never".to_string(),
        Condition::All(list) => join(list, " and ", &part),
        Condition::Any(list) => join(list, " or ", &part),
    }
}

fn join(list: &[Condition], with: &str, part: &dyn Fn(&Condition, bool) -> String) -> String {
    list.iter()
        .map(|c| part(c, list.len() > 1))
        .collect::<Vec<_>>()
        .join(with)
}

fn kind_words(kind: &DecisionKind) -> String {
    match kind {
        DecisionKind::Choose => "Choose".to_string(),
        DecisionKind::Rank { .. } => "Rank".to_string(),
        DecisionKind::ChooseSeveral { pick, .. } => format!("Choose {pick}"),
    }
}

fn tone_words(tone: Tone) -> &'static str {
    match tone {
        Tone::Praise => "Praise",
        Tone::Mixed => "Mixed",
        Tone::Recovered => "Recovered",
        Tone::Concern => "Concern",
    }
}

/// Where an option stands in its decision's key: `key 2 of 5` in a ranking, `in the key` of a
/// selection.
fn key_place(kind: &DecisionKind, option: &str) -> Option<String> {
    match kind {
        DecisionKind::Rank { key } => key
            .iter()
            .position(|id| id == option)
            .map(|i| format!("key {} of {}", i + 1, key.len())),
        DecisionKind::ChooseSeveral { key, .. } => key
            .iter()
            .any(|id| id == option)
            .then(|| "in the key".to_owned()),
        DecisionKind::Choose => None,
    }
}

/// The badge of an option: its grade in words, and `critical` when it is.
pub fn option_badge(grade: Grade, critical: bool, timeout: bool) -> String {
    let mut badge = grade.word().to_uppercase();
    if critical {
        badge.push_str(" · critical");
    }
    if timeout {
        badge.push_str(" · on timeout");
    }
    badge
}

/// Which beats and endings play reaches: the engine's exploration of every path (flags
/// included), or the plain beat graph when the scenario cannot be explored (a loop).
pub fn reachable(scenario: &Scenario) -> HashSet<String> {
    match explore(scenario) {
        Ok(exploration) => exploration
            .beats_reached
            .into_iter()
            .chain(exploration.endings_reached)
            .collect(),
        Err(_) => crate::check::graph::reachable_from_start(scenario)
            .into_iter()
            .map(str::to_string)
            .collect(),
    }
}

/// The graph of a scenario. References to unknown ids are left out (`check` reports them).
pub fn build(scenario: &Scenario) -> Graph {
    build_with(scenario, &reachable(scenario))
}

/// The graph with the given beats and endings counted as reachable.
pub fn build_with(scenario: &Scenario, reached: &HashSet<String>) -> Graph {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let add = |nodes: &mut Vec<Node>, node: Node| {
        nodes.push(node);
        nodes.len() - 1
    };
    // Targets first, so that edges can name them: beats and endings.
    let mut beat_index = Vec::new();
    for beat in &scenario.beats {
        let events = beat.events.len();
        let text = match events {
            0 => String::new(),
            1 => "1 event".to_string(),
            n => format!("{n} events"),
        };
        beat_index.push(add(
            &mut nodes,
            Node {
                key: format!("beat:{}", beat.id),
                id: beat.id.clone(),
                kind: NodeKind::Beat,
                title: format!("beat {}", beat.id),
                text,
                badge: None,
                reachable: reached.contains(&beat.id),
            },
        ));
    }
    for ending in &scenario.endings {
        add(
            &mut nodes,
            Node {
                key: format!("ending:{}", ending.id),
                id: ending.id.clone(),
                kind: NodeKind::Ending { tone: ending.tone },
                title: format!("ending {}", ending.id),
                text: ending.title.clone(),
                badge: ending.tone.map(|t| tone_words(t).to_string()),
                reachable: reached.contains(&ending.id),
            },
        );
    }
    // The last node with the key, as a later one with the same id replaces it.
    let target = |nodes: &[Node], id: &str| {
        let find = |key: String| nodes.iter().rposition(|node| node.key == key);
        find(format!("beat:{id}")).or_else(|| find(format!("ending:{id}")))
    };
    for (beat, &beat_node) in scenario.beats.iter().zip(&beat_index) {
        let live = reached.contains(&beat.id);
        let mut falls_through = Vec::new();
        if let Some(decision) = &beat.decision {
            let decision_node = add(
                &mut nodes,
                Node {
                    key: format!("decision:{}", decision.id),
                    id: decision.id.clone(),
                    kind: NodeKind::Decision {
                        kind: kind_words(&decision.kind),
                    },
                    title: format!("decision {} · {}", decision.id, kind_words(&decision.kind)),
                    text: decision.prompt.clone(),
                    badge: decision
                        .timeout
                        .as_ref()
                        .map(|t| format!("{} s limit", t.seconds)),
                    reachable: live,
                },
            );
            edges.push(edge(beat_node, decision_node, EdgeKind::Flow, None, live));
            let options = decision.options.iter().map(|o| (o, false));
            let default = decision.timeout.iter().map(|t| (&t.default, true));
            for (option, timeout) in options.chain(default) {
                let mut badge = option_badge(option.grade, option.critical, timeout);
                if let Some(place) = key_place(&decision.kind, &option.id) {
                    badge = format!("{badge} · {place}");
                }
                let what = if timeout { "timeout" } else { "option" };
                let option_node = add(
                    &mut nodes,
                    Node {
                        key: format!("option:{}/{}", decision.id, option.id),
                        id: option.id.clone(),
                        kind: NodeKind::Option {
                            grade: option.grade,
                            critical: option.critical,
                            timeout,
                        },
                        title: format!("{what} {}", option.id),
                        text: option.text.clone(),
                        badge: Some(badge),
                        reachable: live,
                    },
                );
                edges.push(edge(decision_node, option_node, EdgeKind::Flow, None, live));
                match option.next.as_deref().and_then(|id| target(&nodes, id)) {
                    Some(to) => {
                        let alive = live && nodes[to].reachable;
                        edges.push(edge(option_node, to, EdgeKind::Next, None, alive));
                    }
                    None if option.next.is_none() => falls_through.push(option_node),
                    None => {}
                }
            }
        }
        if beat.then.is_empty() || (beat.decision.is_some() && falls_through.is_empty()) {
            continue;
        }
        let from = if beat.decision.is_some() {
            let then_node = add(
                &mut nodes,
                Node {
                    key: format!("then:{}", beat.id),
                    id: beat.id.clone(),
                    kind: NodeKind::Then,
                    title: "then".to_string(),
                    text: String::new(),
                    badge: None,
                    reachable: live,
                },
            );
            for option_node in falls_through {
                edges.push(edge(option_node, then_node, EdgeKind::Flow, None, live));
            }
            then_node
        } else {
            beat_node
        };
        let conditional = beat.then.iter().any(|route| !route.when.is_always());
        // Routes are tried in order and the first that holds is taken: numbered so.
        let numbered = beat.then.len() > 1;
        for (tried, route) in beat.then.iter().enumerate() {
            let Some(to) = target(&nodes, &route.to) else {
                continue;
            };
            let condition = if route.when.is_always() {
                conditional.then(|| "otherwise".to_string())
            } else {
                Some(condition_label(&route.when))
            };
            let label = match condition {
                Some(words) if numbered => Some(format!("{}. {words}", tried + 1)),
                Some(words) => Some(words),
                None if numbered => Some(format!("{}.", tried + 1)),
                None => None,
            };
            let alive = live && nodes[to].reachable;
            edges.push(edge(from, to, EdgeKind::Route, label, alive));
        }
    }
    let start = target(&nodes, &scenario.start);
    Graph {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        nodes,
        edges,
        start,
    }
}

fn edge(from: usize, to: usize, kind: EdgeKind, label: Option<String>, reachable: bool) -> Edge {
    Edge {
        from,
        to,
        kind,
        label,
        reachable,
    }
}
