//! `duplicate-id`: ids name things for references and transcripts, so each must be unique in
//! its namespace: personas; beats and endings together; decisions; options of one decision;
//! posts and replies; and keys within one map (serde would keep only the last value).
use std::collections::HashMap;

use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "duplicate-id",
    severity: Severity::Error,
    summary: "an id is used twice where it must be unique",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let s = cx.scenario;
    let personas = listed("cast", s.cast.iter().map(|p| p.id.as_str()));
    report_repeats(cx, out, "persona", personas);
    let mut nodes = listed("beats", s.beats.iter().map(|b| b.id.as_str()));
    nodes.extend(listed("endings", s.endings.iter().map(|e| e.id.as_str())));
    report_repeats(cx, out, "beat or ending", nodes);
    let decisions = walk::decisions(s);
    report_repeats(
        cx,
        out,
        "decision",
        decisions
            .iter()
            .map(|(p, d)| (p.field("id"), d.id.as_str()))
            .collect(),
    );
    for (path, decision) in &decisions {
        let options = walk::outcomes_of(path, decision).into_iter();
        let ids = options.map(|(p, o)| (p.field("id"), o.id.as_str()));
        report_repeats(cx, out, "option", ids.collect());
    }
    let posts = walk::happenings(s)
        .into_iter()
        .filter_map(|(path, happening)| Some((path.field("id"), happening.new_post_id()?)));
    report_repeats(cx, out, "post or reply", posts.collect());
    for (path, span) in cx.spans.repeated_keys() {
        let key = match path.0.last() {
            Some(crate::scenario::spans::Seg::Key(key)) => key.as_str(),
            _ => "",
        };
        let label = crate::check::Label::from_bytes(cx.source, span.clone());
        out.push(
            Diagnostic::new(
                &RULE,
                &cx.source.path,
                format!("key `{key}` appears twice in the same map"),
            )
            .at(label)
            .with_help("only the last value would count; merge the two entries"),
        );
    }
}

/// The ids of a list at the document's root (`cast`, `beats`), each with its path.
fn listed<'s>(list: &str, ids: impl Iterator<Item = &'s str>) -> Vec<(ValuePath, &'s str)> {
    let path = ValuePath::root().field(list);
    ids.enumerate()
        .map(|(i, id)| (path.index(i).field("id"), id))
        .collect()
}

fn report_repeats(
    cx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
    what: &str,
    ids: Vec<(ValuePath, &str)>,
) {
    let mut first: HashMap<&str, &ValuePath> = HashMap::new();
    for (path, id) in &ids {
        match first.get(id) {
            Some(earlier) => {
                let line = cx.label(At::Value(earlier)).start.line;
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(path),
                        format!("{what} id `{id}` is used twice"),
                    )
                    .with_note(format!("first used on line {line}")),
                );
            }
            None => {
                first.insert(id, path);
            }
        }
    }
}
