//! The graph as an SVG picture, laid out by [`super::layout`]: no Graphviz, no script, every
//! piece of scenario text escaped.

use std::fmt::Write;

use super::layout::{Input, Layout, layout};
use super::{EdgeKind, Graph, Node, NodeKind};
use crate::markup::escape_xml_line;
use crate::scenario::{Grade, Tone};

const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";
/// Average width of a character at the 12 px text size, for wrapping and box widths.
const CHAR_W: f64 = 7.1;
const LINE_H: f64 = 15.0;
const LEGEND_H: f64 = 96.0;
/// Longest route label shown; longer conditions end in an ellipsis.
const LABEL_CHARS: usize = 60;

/// Fill and border colour of a grade.
pub fn grade_colours(grade: Grade) -> (&'static str, &'static str) {
    match grade {
        Grade::Exemplary => ("#d7f2df", "#1a7f37"),
        Grade::Acceptable => ("#dce8fb", "#1f5fbf"),
        Grade::Poor => ("#fde8c8", "#a85400"),
        Grade::Breach => ("#f9d3d3", "#b3261e"),
    }
}

const CRITICAL: &str = "#d00000";
const GREY_FILL: &str = "#eeeeee";
const GREY_LINE: &str = "#a0a0a0";
const GREY_TEXT: &str = "#808080";
const ROUTE: &str = "#5b3fb5";

/// The lines a node shows: title, wrapped text, badge.
pub struct Lines {
    pub title: String,
    pub text: Vec<String>,
    pub badge: Option<String>,
}

/// A node's box width and the number of text lines it may use.
fn shape(node: &Node) -> (f64, usize) {
    match node.kind {
        NodeKind::Beat => (170.0, 1),
        NodeKind::Decision { .. } => (250.0, 3),
        NodeKind::Option { .. } => (230.0, 2),
        NodeKind::Then => (44.0, 0),
        NodeKind::Ending { .. } => (200.0, 2),
    }
}

/// What a node says, wrapped to its box.
pub fn lines(node: &Node) -> Lines {
    let (width, max_lines) = shape(node);
    let chars = ((width - 14.0) / CHAR_W) as usize;
    Lines {
        title: clip(&node.title, chars),
        text: wrap(&node.text, chars, max_lines),
        badge: node.shown_badge().map(|b| clip(&b, chars)),
    }
}

/// The box size of a node.
pub fn size(node: &Node) -> (f64, f64) {
    let (width, _) = shape(node);
    if node.kind == NodeKind::Then {
        return (width, 22.0);
    }
    let lines = lines(node);
    let count = 1 + lines.text.len() + usize::from(lines.badge.is_some());
    (width, 10.0 + LINE_H * count as f64)
}

fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut clipped: String = text.chars().take(chars.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

/// Word-wraps `text` to lines of at most `chars` characters, at most `max` lines (the last one
/// ends with an ellipsis when text is left over).
pub fn wrap(text: &str, chars: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > chars {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let over = lines.len() > max;
    lines.truncate(max);
    if over && let Some(last) = lines.last_mut() {
        let mut kept: String = last.chars().take(chars.saturating_sub(1)).collect();
        kept.push('…');
        *last = kept;
    }
    lines.into_iter().map(|l| clip(&l, chars)).collect()
}

/// The layout of a graph, with boxes sized for their text.
pub fn place(graph: &Graph) -> Layout {
    let sizes: Vec<(f64, f64)> = graph.nodes.iter().map(size).collect();
    let edges: Vec<(usize, usize)> = graph.edges.iter().map(|e| (e.from, e.to)).collect();
    let label_widths: Vec<f64> = graph
        .edges
        .iter()
        .map(|e| {
            e.label.as_ref().map_or(0.0, |l| {
                l.chars().count().min(LABEL_CHARS) as f64 * 6.2 + 10.0
            })
        })
        .collect();
    layout(&Input {
        sizes: &sizes,
        edges: &edges,
        label_widths: &label_widths,
        start: graph.start,
    })
}

/// The whole picture.
pub fn render(graph: &Graph) -> String {
    let placed = place(graph);
    let width = placed.width.max(1120.0).ceil();
    let height = (placed.height + LEGEND_H).ceil();
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12">"#
    );
    let _ = writeln!(
        out,
        "<title>{}</title>",
        escape_xml_line(&format!("{}: {}", graph.scenario, graph.title))
    );
    out.push_str(concat!(
        "<defs>",
        r##"<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker>"##,
        r##"<marker id="arrow-route" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b3fb5"/></marker>"##,
        r##"<marker id="arrow-grey" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#a0a0a0"/></marker>"##,
        "</defs>\n"
    ));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    legend(&mut out, graph);
    let _ = writeln!(out, r#"<g transform="translate(0 {LEGEND_H})">"#);
    // Edges under the boxes, labels over everything.
    let mut labels = String::new();
    for (edge, points) in graph.edges.iter().zip(&placed.edges) {
        let (colour, marker, width, dash) = match (edge.reachable, edge.kind) {
            (false, _) => (GREY_LINE, "arrow-grey", 1.2, r#" stroke-dasharray="5 4""#),
            (true, EdgeKind::Flow) => ("#666666", "arrow", 1.1, ""),
            (true, EdgeKind::Next) => ("#333333", "arrow", 1.6, ""),
            (true, EdgeKind::Route) => (ROUTE, "arrow-route", 1.6, ""),
        };
        let _ = writeln!(
            out,
            r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#{marker})"/>"#,
            curve(points)
        );
        if let Some(label) = &edge.label
            && points.len() >= 2
        {
            let text = clip(label, LABEL_CHARS);
            // Just before the end of the curve's first stretch, where routes that fan out from
            // one `then` have drawn apart, so each label sits by its own line.
            let (x0, y0) = points[0];
            let (x1, y1) = points[1];
            let t: f64 = 0.85;
            // Just above the line, not on it, so the line stays visible beside its label.
            let y = y0 + (y1 - y0) * (3.0 * t * t - 2.0 * t * t * t) - 10.0;
            let w = text.chars().count() as f64 * 6.2 + 8.0;
            let x = (x1 - 14.0 - w / 2.0).max(x0 + w / 2.0 + 4.0);
            let fill = if edge.reachable { ROUTE } else { GREY_TEXT };
            let _ = writeln!(
                labels,
                r##"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="15" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="{fill}" stroke-width="0.6"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{fill}">{}</text>"##,
                x - w / 2.0,
                y - 8.0,
                y + 3.5,
                escape_xml_line(&text)
            );
        }
    }
    for (node, rect) in graph.nodes.iter().zip(&placed.nodes) {
        draw_node(&mut out, node, rect.x, rect.y, rect.w, rect.h);
    }
    out.push_str(&labels);
    out.push_str("</g>\n</svg>\n");
    out
}

/// A smooth curve through the points, leaving and entering each horizontally.
fn curve(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    if let Some(&(x, y)) = points.first() {
        let _ = write!(d, "M{x:.1},{y:.1}");
    }
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let dx = (x1 - x0) / 2.0;
        let _ = write!(
            d,
            " C{:.1},{y0:.1} {:.1},{y1:.1} {x1:.1},{y1:.1}",
            x0 + dx,
            x1 - dx
        );
    }
    d
}

fn draw_node(out: &mut String, node: &Node, x: f64, y: f64, w: f64, h: f64) {
    let (fill, stroke, stroke_width, rx) = match node.kind {
        NodeKind::Beat => ("#efeafc", "#5b3fb5", 1.5, 4.0),
        NodeKind::Decision { .. } => ("#ffffff", "#333333", 1.5, 2.0),
        NodeKind::Option {
            grade, critical, ..
        } => {
            let (fill, stroke) = grade_colours(grade);
            if critical {
                (fill, CRITICAL, 4.0, 6.0)
            } else {
                (fill, stroke, 1.5, 6.0)
            }
        }
        NodeKind::Then => ("#f2f2f2", "#666666", 1.0, 11.0),
        // Endings by tone: how the story closes is visible at a glance.
        NodeKind::Ending { tone } => match tone {
            Some(Tone::Praise) => ("#e3f4e1", "#2e7d32", 3.0, 14.0),
            Some(Tone::Recovered) => ("#e2eefb", "#1f5fa8", 3.0, 14.0),
            Some(Tone::Mixed) => ("#fff6d6", "#7a6500", 3.0, 14.0),
            Some(Tone::Concern) => ("#fde7e4", "#b3261e", 3.0, 14.0),
            None => ("#f4f4f4", "#555555", 3.0, 14.0),
        },
    };
    let critical = matches!(node.kind, NodeKind::Option { critical: true, .. });
    let (fill, stroke, text_colour, dash) = if node.reachable {
        (fill, stroke, "#1a1a1a", "")
    } else {
        (
            GREY_FILL,
            if critical { CRITICAL } else { GREY_LINE },
            GREY_TEXT,
            r#" stroke-dasharray="6 4""#,
        )
    };
    let _ = writeln!(
        out,
        r#"<g class="node" id="{}"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{dash}/>"#,
        escape_xml_line(&node.key)
    );
    if node.kind == NodeKind::Then {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{text_colour}">then</text></g>"#,
            x + w / 2.0,
            y + 15.0
        );
        return;
    }
    let lines = lines(node);
    // Title, text and badge, one line each from the top.
    let mut at = y + 5.0 + 11.5;
    let mut line = |attributes: &str, colour: &str, text: &str| {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{at:.1}"{attributes} fill="{colour}">{}</text>"#,
            x + 7.0,
            escape_xml_line(text)
        );
        at += LINE_H;
    };
    line(r#" font-weight="bold""#, text_colour, &lines.title);
    for text in &lines.text {
        line("", text_colour, text);
    }
    if let Some(badge) = &lines.badge {
        let colour = match node.kind {
            NodeKind::Option { critical: true, .. } => CRITICAL,
            NodeKind::Option { grade, .. } if node.reachable => grade_colours(grade).1,
            _ => text_colour,
        };
        line(r#" font-size="11" font-weight="bold""#, colour, badge);
    }
    out.push_str("</g>\n");
}

fn legend(out: &mut String, graph: &Graph) {
    let _ = writeln!(
        out,
        r##"<text x="20" y="26" font-size="16" font-weight="bold" fill="#1a1a1a">{}</text>"##,
        escape_xml_line(&format!("{}: {}", graph.scenario, graph.title))
    );
    let _ = writeln!(out, r#"<g class="legend">"#);
    let mut x = 20.0;
    let y = 44.0;
    for grade in [
        Grade::Exemplary,
        Grade::Acceptable,
        Grade::Poor,
        Grade::Breach,
    ] {
        let (fill, stroke) = grade_colours(grade);
        let word = grade.word().to_uppercase();
        let _ = writeln!(
            out,
            r##"<rect x="{x}" y="{y}" width="110" height="22" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><text x="{}" y="{}" font-weight="bold" fill="{stroke}">{word}</text>"##,
            x + 8.0,
            y + 15.0
        );
        x += 122.0;
    }
    let _ = writeln!(
        out,
        r##"<rect x="{x}" y="{y}" width="150" height="22" rx="6" fill="#ffffff" stroke="{CRITICAL}" stroke-width="4"/><text x="{}" y="{}" font-weight="bold" fill="{CRITICAL}">critical option</text>"##,
        x + 10.0,
        y + 15.0
    );
    x += 164.0;
    let _ = writeln!(
        out,
        r##"<rect x="{x}" y="{y}" width="120" height="22" rx="6" fill="{GREY_FILL}" stroke="{GREY_LINE}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="{}" y="{}" fill="{GREY_TEXT}">unreachable</text>"##,
        x + 10.0,
        y + 15.0
    );
    let y2 = y + 38.0;
    let mut x = 20.0;
    let items: [(&str, &str, &str, &str); 3] = [
        ("#333333", "arrow", "an option's next", ""),
        (
            ROUTE,
            "arrow-route",
            "a then route (label: the order it is tried in, and its condition)",
            "",
        ),
        (
            GREY_LINE,
            "arrow-grey",
            "never taken",
            r#" stroke-dasharray="5 4""#,
        ),
    ];
    for (colour, marker, words, dash) in items {
        let _ = writeln!(
            out,
            r##"<path d="M{x},{y2} L{},{y2}" stroke="{colour}" stroke-width="1.6"{dash} marker-end="url(#{marker})"/><text x="{}" y="{}" fill="#1a1a1a">{words}</text>"##,
            x + 40.0,
            x + 48.0,
            y2 + 4.0
        );
        x += 60.0 + words.chars().count() as f64 * CHAR_W;
    }
    let _ = writeln!(
        out,
        r##"<text x="{x}" y="{}" fill="#1a1a1a">boxes: beat, decision (prompt), option (grade; place in the key), then, ending (coloured by tone: praise green, recovered blue, mixed amber, concern red)</text>"##,
        y2 + 4.0
    );
    out.push_str("</g>\n");
}
