//! The graph in Graphviz's DOT language, for those who have Graphviz: `dot -Tsvg`.

use std::fmt::Write;

use super::svg::grade_colours;
use super::{EdgeKind, Graph, NodeKind};

/// Quotes a DOT id or label: backslashes and double quotes escaped, line breaks as `\n`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The whole graph as a `digraph`.
pub fn render(graph: &Graph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&graph.scenario));
    let _ = writeln!(
        out,
        "  label={};",
        quote(&format!("{}: {}", graph.scenario, graph.title))
    );
    out.push_str("  labelloc=t;\n  rankdir=LR;\n");
    out.push_str("  node [fontname=\"DejaVu Sans\", fontsize=11, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\"];\n");
    out.push_str("  edge [fontname=\"DejaVu Sans\", fontsize=10];\n");
    for node in &graph.nodes {
        let mut label = node.title.clone();
        let text = super::svg::wrap(&node.text, 36, 3).join("\n");
        if !text.is_empty() {
            label.push('\n');
            label.push_str(&text);
        }
        let mut badge = node.badge.clone();
        if !node.reachable {
            badge = Some(match badge {
                Some(b) => format!("{b} · unreachable"),
                None => "unreachable".to_string(),
            });
        }
        if let Some(badge) = badge {
            label.push('\n');
            label.push_str(&badge);
        }
        let mut attrs = vec![format!("label={}", quote(&label))];
        match node.kind {
            NodeKind::Beat => attrs.push("fillcolor=\"#efeafc\", color=\"#5b3fb5\"".into()),
            NodeKind::Decision { .. } => attrs.push("style=filled".into()),
            NodeKind::Option {
                grade, critical, ..
            } => {
                let (fill, stroke) = grade_colours(grade);
                if critical {
                    attrs.push(format!(
                        "fillcolor=\"{fill}\", color=\"#d00000\", penwidth=4"
                    ));
                } else {
                    attrs.push(format!("fillcolor=\"{fill}\", color=\"{stroke}\""));
                }
            }
            NodeKind::Then => attrs.push("shape=circle, fontsize=9".into()),
            NodeKind::Ending { .. } => {
                attrs.push("shape=doubleoctagon, fillcolor=\"#fff6d6\"".into())
            }
        }
        if !node.reachable {
            attrs.push(
                "style=\"rounded,filled,dashed\", fillcolor=\"#eeeeee\", fontcolor=\"#808080\""
                    .into(),
            );
        }
        let _ = writeln!(out, "  {} [{}];", quote(&node.key), attrs.join(", "));
    }
    for edge in &graph.edges {
        let mut attrs = Vec::new();
        if let Some(label) = &edge.label {
            attrs.push(format!("label={}", quote(label)));
        }
        match edge.kind {
            EdgeKind::Flow => attrs.push("color=\"#666666\"".into()),
            EdgeKind::Next => attrs.push("penwidth=1.6".into()),
            EdgeKind::Route => attrs.push("color=\"#5b3fb5\", fontcolor=\"#5b3fb5\"".into()),
        }
        if !edge.reachable {
            attrs.push("style=dashed, color=\"#a0a0a0\"".into());
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&graph.nodes[edge.from].key),
            quote(&graph.nodes[edge.to].key),
            attrs.join(", ")
        );
    }
    out.push_str("}\n");
    out
}
