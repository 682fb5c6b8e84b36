//! `dead-end`: play must always have a way on. A beat without a decision needs `then`; an
//! option without `next` needs its beat to have `then`.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "dead-end",
    severity: Severity::Error,
    summary: "a beat or an option leads nowhere (no `next` and no `then`)",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, beat) in cx.scenario.beats.iter().enumerate() {
        if !beat.then.is_empty() {
            continue;
        }
        let path = ValuePath::root().field("beats").index(i);
        match &beat.decision {
            None => out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("id")),
                    format!("beat `{}` has no decision and no `then`", beat.id),
                )
                .with_help("add `then: [(to: \"...\")]` naming the next beat or an ending"),
            ),
            Some(decision) => {
                for (option_path, option) in walk::outcomes_of(&path.field("decision"), decision) {
                    if option.next.is_none() {
                        out.push(
                            cx.report(
                                &RULE,
                                At::Value(&option_path.field("id")),
                                format!(
                                    "option `{}` has no `next` and beat `{}` has no `then`",
                                    option.id, beat.id
                                ),
                            )
                            .with_help(
                                "give the option `next: \"...\"`, or give the beat `then` routes",
                            ),
                        );
                    }
                }
            }
        }
    }
}
