//! `me-persona`: exactly one persona has the role `Me`: the trainee whose account it is.
use super::prelude::*;
use crate::scenario::Role;

pub const RULE: Rule = Rule {
    code: "me-persona",
    severity: Severity::Error,
    summary: "the cast must have exactly one persona with role `Me` (the trainee)",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cast = ValuePath::root().field("cast");
    let mine: Vec<usize> = (cx.scenario.cast.iter().enumerate())
        .filter(|(_, persona)| persona.role == Role::Me)
        .map(|(i, _)| i)
        .collect();
    match mine.as_slice() {
        [_] => {}
        [] => out.push(
            cx.report(
                &RULE,
                At::Name(&cast),
                "no persona in the cast has role `Me`",
            )
            .with_help(
                "add the trainee, e.g. `(id: \"me\", name: \"...\", handle: \"...\", role: Me)`",
            ),
        ),
        [_, extra @ ..] => {
            for &i in extra {
                out.push(cx.report(
                    &RULE,
                    At::Value(&cast.index(i).field("role")),
                    format!(
                        "persona `{}` is a second `Me`; the trainee is one persona",
                        cx.scenario.cast[i].id
                    ),
                ));
            }
        }
    }
}
