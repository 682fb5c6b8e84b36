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
        let text = super::svg::wrap(&node.text, 36, 3).join("\n");
        let label = std::iter::once(node.title.clone())
            .chain((!text.is_empty()).then_some(text))
            .chain(node.shown_badge())
            .collect::<Vec<_>>()
            .join("\n");
        let style: String = match node.kind {
            NodeKind::Beat => "fillcolor=\"#efeafc\", color=\"#5b3fb5\"".into(),
            NodeKind::Decision { .. } => "style=filled".into(),
            NodeKind::Option {
                grade, critical, ..
            } => {
                let (fill, stroke) = grade_colours(grade);
                if critical {
                    format!("fillcolor=\"{fill}\", color=\"#d00000\", penwidth=4")
                } else {
                    format!("fillcolor=\"{fill}\", color=\"{stroke}\"")
                }
            }
            NodeKind::Then => "shape=circle, fontsize=9".into(),
            NodeKind::Ending { .. } => "shape=doubleoctagon, fillcolor=\"#fff6d6\"".into(),
        };
        let mut attrs = vec![format!("label={}", quote(&label)), style];
        if !node.reachable {
            attrs.push(
                "style=\"rounded,filled,dashed\", fillcolor=\"#eeeeee\", fontcolor=\"#808080\""
                    .into(),
            );
        }
        let _ = writeln!(out, "  {} [{}];", quote(&node.key), attrs.join(", "));
    }
    for edge in &graph.edges {
        let mut attrs: Vec<String> = (edge.label.iter())
            .map(|label| format!("label={}", quote(label)))
            .collect();
        attrs.push(match edge.kind {
            EdgeKind::Flow => "color=\"#666666\"".into(),
            EdgeKind::Next => "penwidth=1.6".into(),
            EdgeKind::Route => "color=\"#5b3fb5\", fontcolor=\"#5b3fb5\"".into(),
        });
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
