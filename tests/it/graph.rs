//! `feedwise graph`: the model (nodes, edges, condition labels, reachability), the SVG and DOT
//! it writes, the layout's boxes, and the command line.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use feedwise::graph::{self, EdgeKind, Graph, NodeKind};
use feedwise::scenario::{Condition, Grade, Scenario};

fn scenario(path: &str) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap();
    parse(&text)
}

fn parse(text: &str) -> Scenario {
    feedwise::scenario::load::ron_options()
        .from_str(text)
        .unwrap()
}

const ALL_KINDS: &str = "tests/fixtures/engine/all-kinds.ron";
const UNREACHABLE: &str = "tests/fixtures/graph/unreachable-ending.ron";

fn edge_labels(graph: &Graph, from: &str, to: &str) -> Vec<(EdgeKind, Option<String>)> {
    graph
        .edges_between(from, to)
        .into_iter()
        .map(|e| (e.kind, e.label.clone()))
        .collect()
}

#[test]
fn the_model_has_every_beat_decision_option_and_ending_with_its_edges() {
    let s = scenario(ALL_KINDS);
    let g = graph::build(&s);
    for beat in &s.beats {
        assert_eq!(
            g.node(&format!("beat:{}", beat.id)).unwrap().kind,
            NodeKind::Beat
        );
        let decision = beat.decision.as_ref().unwrap();
        let key = format!("decision:{}", decision.id);
        assert!(g.node(&key).is_some(), "{key}");
        assert_eq!(
            edge_labels(&g, &format!("beat:{}", beat.id), &key),
            [(EdgeKind::Flow, None)]
        );
        for option in decision.all_outcomes() {
            let option_key = format!("option:{}/{}", decision.id, option.id);
            let node = g
                .node(&option_key)
                .unwrap_or_else(|| panic!("{option_key}"));
            match node.kind {
                NodeKind::Option {
                    grade, critical, ..
                } => {
                    assert_eq!(grade, option.grade);
                    assert_eq!(critical, option.critical);
                }
                ref other => panic!("{option_key} is {other:?}"),
            }
            assert_eq!(edge_labels(&g, &key, &option_key).len(), 1);
        }
    }
    for ending in &s.endings {
        assert!(matches!(
            g.node(&format!("ending:{}", ending.id)).unwrap().kind,
            NodeKind::Ending { .. }
        ));
    }
    // 3 beats, 3 decisions, 3 + 1 timeout + 5 + 4 options, 3 then, 3 endings.
    assert_eq!(g.nodes.len(), 3 + 3 + 13 + 3 + 3);
    assert_eq!(g.start, g.index("beat:open"));

    // The critical option's own `next`; the others fall through to `then`.
    assert_eq!(
        edge_labels(&g, "option:first/c", "ending:end-breach"),
        [(EdgeKind::Next, None)]
    );
    assert!(g.edges_between("option:first/c", "then:open").is_empty());
    for fall in ["a", "b", "none"] {
        assert_eq!(
            edge_labels(&g, &format!("option:first/{fall}"), "then:open"),
            [(EdgeKind::Flow, None)]
        );
    }
    // Routes carry the order they are tried in and their conditions.
    assert_eq!(
        edge_labels(&g, "then:open", "beat:rank-beat"),
        [(EdgeKind::Route, Some("1. kind".into()))]
    );
    assert_eq!(
        edge_labels(&g, "then:open", "beat:several-beat"),
        [(EdgeKind::Route, Some("2. otherwise".into()))]
    );
    assert_eq!(
        edge_labels(&g, "then:several-beat", "ending:end-poor"),
        [(EdgeKind::Route, Some("1. rude".into()))]
    );
    // A lone unconditional route needs no label.
    assert_eq!(
        edge_labels(&g, "then:rank-beat", "beat:several-beat"),
        [(EdgeKind::Route, None)]
    );
    let count = |kind| g.edges.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(EdgeKind::Next), 1);
    assert_eq!(count(EdgeKind::Route), 5);
    // beat->decision 3, decision->option 13, option->then 12 (all but `c`).
    assert_eq!(count(EdgeKind::Flow), 3 + 13 + 12);
    assert!(
        g.nodes.iter().all(|n| n.reachable),
        "all-kinds reaches everything"
    );
    assert!(g.edges.iter().all(|e| e.reachable));
}

#[test]
fn conditions_read_as_short_words() {
    let flag = |f: &str| Condition::Flag(f.into());
    assert_eq!(graph::condition_label(&flag("kind")), "kind");
    assert_eq!(
        graph::condition_label(&Condition::NotFlag("rude".into())),
        "not rude"
    );
    assert_eq!(
        graph::condition_label(&Condition::All(vec![flag("a"), flag("b")])),
        "a and b"
    );
    assert_eq!(
        graph::condition_label(&Condition::Any(vec![
            flag("a"),
            Condition::All(vec![flag("b"), Condition::NotFlag("c".into())])
        ])),
        "a or (b and not c)"
    );
    assert_eq!(
        graph::condition_label(&Condition::Any(vec![flag("x")])),
        "x"
    );
}

#[test]
fn unreachable_endings_and_routes_are_marked() {
    let s = scenario(UNREACHABLE);
    let g = graph::build(&s);
    let reachable = |key: &str| g.node(key).unwrap().reachable;
    assert!(reachable("beat:first"));
    assert!(reachable("option:d1/good"));
    assert!(reachable("ending:end-plain"));
    assert!(!reachable("ending:end-secret"), "its flag is never set");
    assert!(!reachable("ending:orphan"), "nothing leads to it");
    let secret = g.edges_between("then:first", "ending:end-secret");
    assert_eq!(secret.len(), 1);
    assert_eq!(secret[0].label.as_deref(), Some("1. kind and secret"));
    assert!(!secret[0].reachable);
    assert!(g.edges_between("then:first", "ending:end-plain")[0].reachable);

    let svg = graph::svg::render(&g);
    let node_text = |key: &str| {
        let start = svg.find(&format!(r#"id="{key}""#)).unwrap();
        let end = start + svg[start..].find("</g>").unwrap();
        svg[start..end].to_string()
    };
    assert!(node_text("ending:end-secret").contains("unreachable"));
    assert!(node_text("ending:orphan").contains("unreachable"));
    assert!(node_text("ending:orphan").contains("#eeeeee"), "greyed");
    assert!(!node_text("ending:end-plain").contains("unreachable"));
    let dot = graph::dot::render(&g);
    let line = dot
        .lines()
        .find(|l| l.contains("\"ending:orphan\" ["))
        .unwrap();
    assert!(
        line.contains("unreachable") && line.contains("dashed"),
        "{line}"
    );
}

/// A checker of XML well-formedness, enough for what we write: tags nest and close, attribute
/// values are quoted, every `&` starts a known entity, and no `<` sits in text.
fn assert_well_formed(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    let mut roots = 0;
    let check_text = |text: &str| {
        let mut at = text;
        while let Some(i) = at.find('&') {
            let entity = &at[i..];
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e));
            assert!(ok, "bare & in {:?}", &entity[..entity.len().min(20)]);
            at = &at[i + 1..];
        }
    };
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        check_text(text);
        if !stack.is_empty() || text.trim().is_empty() {
        } else {
            panic!("text outside the root: {text:?}");
        }
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "< inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body.split_whitespace().next().expect("tag name");
            // Attributes: name="value" pairs, values without `<` or bare `&`.
            let mut attrs = body[name.len()..].trim();
            while !attrs.is_empty() {
                let eq = attrs.find('=').expect("attribute without =");
                let quote = attrs[eq + 1..].chars().next().unwrap();
                assert!(quote == '"' || quote == '\'', "unquoted attribute in {tag}");
                let end = attrs[eq + 2..].find(quote).expect("unterminated value") + eq + 2;
                check_text(&attrs[eq + 2..end]);
                attrs = attrs[end + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name.to_string());
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root");
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let start = t.find('>').unwrap() + 1;
            let end = t.find("</text>").unwrap();
            t[start..end].to_string()
        })
        .collect()
}

#[test]
fn svg_is_well_formed_escaped_and_names_each_grade() {
    let source = std::fs::read_to_string(ALL_KINDS)
        .unwrap()
        .replace(
            "Redirect kindly",
            "Redirect <b>kindly</b> & say \\\"no\\\" 'now'",
        )
        .replace(
            "Rank these.",
            "Rank these <script>alert(1)</script> & those.",
        );
    let s = parse(&source);
    let svg = graph::svg::render(&graph::build(&s));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_well_formed(&svg);
    assert!(!svg.to_lowercase().contains("<script"), "no script");
    for piece in [
        "Redirect &lt;b&gt;kindly&lt;/b&gt; &amp; say",
        "&quot;no&quot; &#39;now&#39;",
    ] {
        assert!(svg.contains(piece), "{piece}");
    }
    assert!(svg.contains("&lt;script&gt;"));
    // Grades are words, in each option's box (not colour alone) and in the legend.
    let words = texts(&svg);
    for grade in [
        Grade::Exemplary,
        Grade::Acceptable,
        Grade::Poor,
        Grade::Breach,
    ] {
        let word = grade.word().to_uppercase();
        let n = words.iter().filter(|t| t.starts_with(&word)).count();
        assert!(n >= 2, "{word}: {n} (legend and an option)");
    }
    assert!(words.iter().any(|t| t == "BREACH · critical"));
    assert!(words.iter().any(|t| t == "critical option"));
    assert!(words.iter().any(|t| t == "unreachable"), "legend");
    assert!(words.iter().any(|t| t == "1. kind"), "route label");
    // The critical option has the thick red border.
    let critical = svg.split(r#"id="option:first/c""#).nth(1).unwrap();
    let rect = &critical[..critical.find("/>").unwrap()];
    assert!(
        rect.contains(r##"stroke="#d00000" stroke-width="4""##),
        "{rect}"
    );
}

#[test]
fn dot_has_the_shape_of_a_digraph() {
    let source = std::fs::read_to_string(ALL_KINDS)
        .unwrap()
        .replace("Redirect kindly", "Redirect \\\"kindly\\\" \\\\ {now}");
    let g = graph::build(&parse(&source));
    let dot = graph::dot::render(&g);
    assert!(dot.starts_with("digraph \"all-kinds\" {"));
    assert!(dot.trim_end().ends_with('}'));
    // Outside quoted strings, braces balance and every statement ends with `;`.
    let mut depth = 0i32;
    let mut in_quote = false;
    let mut escaped = false;
    let mut outside = String::new();
    for c in dot.chars() {
        if in_quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quote = false;
                outside.push('Q');
            }
            continue;
        }
        match c {
            '"' => in_quote = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                assert!(depth >= 0);
            }
            _ => {}
        }
        outside.push(c);
    }
    assert!(!in_quote, "an unterminated string");
    assert_eq!(depth, 0);
    assert!(dot.contains(r#"Redirect \"kindly\" \\ {now}"#));
    // Every edge's ends are declared nodes, and every graph edge is there.
    let declared: HashSet<&str> = dot
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.contains(" -> "))
        .map(|l| l.trim().split(" [").next().unwrap())
        .collect();
    let edges: Vec<&str> = dot.lines().filter(|l| l.contains("\" -> \"")).collect();
    assert_eq!(edges.len(), g.edges.len());
    for line in &edges {
        let (from, rest) = line.trim().split_once(" -> ").unwrap();
        let to = rest.split(" [").next().unwrap();
        assert!(declared.contains(from), "{from} undeclared");
        assert!(declared.contains(to), "{to} undeclared");
    }
    assert_eq!(declared.len(), g.nodes.len());
    assert!(dot.contains(r#""then:open" -> "beat:rank-beat" [label="1. kind""#));
    // If Graphviz is installed, it must accept the file.
    if let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "dot refused the file");
    }
}

#[test]
fn no_two_boxes_overlap_in_any_shipped_scenario() {
    let mut seen = 0;
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let s = scenario(path.to_str().unwrap());
        let g = graph::build(&s);
        let placed = graph::svg::place(&g);
        assert_eq!(placed.nodes.len(), g.nodes.len());
        for (i, a) in placed.nodes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0, "{}: {a:?}", path.display());
            assert!(a.x + a.w <= placed.width && a.y + a.h <= placed.height);
            for (j, b) in placed.nodes.iter().enumerate().skip(i + 1) {
                assert!(
                    !a.overlaps(b),
                    "{}: {} {a:?} overlaps {} {b:?}",
                    path.display(),
                    g.nodes[i].key,
                    g.nodes[j].key
                );
            }
        }
        // Play goes left to right, or on to a row below when the story wraps.
        for (edge, points) in g.edges.iter().zip(&placed.edges) {
            let from = placed.nodes[edge.from];
            let to = placed.nodes[edge.to];
            assert!(
                to.x > from.x + from.w || to.y > from.y + from.h,
                "{}: edge leftwards",
                path.display()
            );
            assert!(points.len() >= 2);
        }
        // Shipped scenarios pass `check`, so everything in them is reachable.
        assert!(g.nodes.iter().all(|n| n.reachable), "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} scenarios");
}

#[test]
fn overlapping_rectangles_are_detected() {
    use feedwise::graph::layout::Rect;
    let a = Rect {
        x: 0.0,
        y: 0.0,
        w: 10.0,
        h: 10.0,
    };
    assert!(a.overlaps(&Rect {
        x: 5.0,
        y: 5.0,
        w: 10.0,
        h: 10.0
    }));
    assert!(!a.overlaps(&Rect {
        x: 10.0,
        y: 0.0,
        w: 10.0,
        h: 10.0
    }));
}

fn feedwise(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_writes_to_stdout_and_to_a_file() {
    let out = feedwise(&["graph", ALL_KINDS]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg"));
    assert_well_formed(&svg);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all-kinds.svg");
    let out = feedwise(&["graph", ALL_KINDS, "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "the picture goes to the file only");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), svg);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left");

    let out = feedwise(&["graph", ALL_KINDS, "--format", "dot"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("digraph ")
    );
}

#[test]
fn the_command_draws_unreachable_parts_greyed_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.svg");
    let out = feedwise(&["graph", UNREACHABLE, "-o", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // check's errors are still shown, with their positions, and the picture greys those parts.
    assert!(stderr.contains("error[unreachable]"), "{stderr}");
    assert!(stderr.contains("unreachable-ending.ron:35:"), "{stderr}");
    assert!(stderr.contains("drawn greyed"), "{stderr}");
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(svg.contains("#eeeeee"), "greyed boxes");
}

#[test]
fn the_command_refuses_a_file_with_other_errors_and_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    // An unknown principle is not something a picture can show: the file is refused.
    let broken = dir.path().join("broken.ron");
    let text = std::fs::read_to_string(UNREACHABLE)
        .unwrap()
        .replace("{\"boundaries\": -2}", "{\"boundarys\": -2}");
    std::fs::write(&broken, text).unwrap();
    let file = dir.path().join("out.svg");
    let out = feedwise(&[
        "graph",
        broken.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[unknown-principle]"), "{stderr}");
    assert!(stderr.contains("broken.ron:26:72"), "{stderr}");
    assert!(stderr.contains("has errors"), "{stderr}");
    assert!(!file.exists(), "nothing written");
    assert!(out.stdout.is_empty());

    let missing = dir.path().join("missing.ron");
    let out = feedwise(&["graph", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(Path::new(UNREACHABLE).exists());
}

#[test]
fn routes_are_numbered_in_the_order_tried_and_options_show_their_place_in_the_key() {
    let g = graph::build(&scenario(ALL_KINDS));
    let routes: Vec<&str> = g
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Route)
        .filter_map(|e| e.label.as_deref())
        .collect();
    assert!(routes.iter().any(|l| l.starts_with("1. ")), "{routes:?}");
    assert!(routes.iter().any(|l| l.starts_with("2. ")), "{routes:?}");
    let badges: Vec<&str> = g.nodes.iter().filter_map(|n| n.badge.as_deref()).collect();
    assert!(
        badges.iter().any(|b| b.ends_with("key 1 of 5")),
        "{badges:?}"
    );
    assert!(
        badges.iter().any(|b| b.ends_with("in the key")),
        "{badges:?}"
    );
    // Endings are drawn in their tone's colour.
    let toned = graph::build(&scenario("scenarios/patient-dm-results.ron"));
    let svg = graph::svg::render(&toned);
    for (tone, fill) in [("Praise", "#e3f4e1"), ("Concern", "#fde7e4")] {
        let ending = toned
            .nodes
            .iter()
            .find(|n| n.badge.as_deref() == Some(tone))
            .unwrap_or_else(|| panic!("a {tone} ending"));
        let drawn = svg
            .split(&format!(r#"id="{}""#, ending.key))
            .nth(1)
            .unwrap();
        assert!(drawn.split("</g>").next().unwrap().contains(fill), "{tone}");
    }
}

#[test]
fn a_long_story_wraps_into_rows_instead_of_one_endless_row() {
    use feedwise::scenario::synthetic::{Mix, synthetic};
    let long = synthetic("long", 120, 3, Mix::AllKinds);
    let g = graph::build(&long);
    let placed = graph::svg::place(&g);
    assert!(
        placed.width <= graph::layout::ROW_WIDTH + 200.0,
        "{} px wide",
        placed.width
    );
    assert!(placed.height > placed.width, "rows one under the other");
    for (i, a) in placed.nodes.iter().enumerate() {
        for b in placed.nodes.iter().skip(i + 1) {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
    // Every edge's points stay inside the picture.
    for points in &placed.edges {
        for &(x, y) in points {
            assert!((0.0..=placed.width).contains(&x) && (0.0..=placed.height).contains(&y));
        }
    }
}
