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
    let root = ValuePath::root();
    let s = cx.scenario;
    let personas = s
        .cast
        .iter()
        .enumerate()
        .map(|(i, p)| (root.field("cast").index(i).field("id"), p.id.as_str()));
    report_repeats(cx, out, "persona", personas.collect());
    let beats = s
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| (root.field("beats").index(i).field("id"), b.id.as_str()));
    let endings = s
        .endings
        .iter()
        .enumerate()
        .map(|(i, e)| (root.field("endings").index(i).field("id"), e.id.as_str()));
    report_repeats(cx, out, "beat or ending", beats.chain(endings).collect());
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
        let options = decision
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| (path.field("options").index(i).field("id"), o.id.as_str()));
        let default = decision.timeout.iter().map(|t| {
            (
                path.field("timeout").field("default").field("id"),
                t.default.id.as_str(),
            )
        });
        report_repeats(cx, out, "option", options.chain(default).collect());
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
