//! `chatbot-persona`: a chatbot platform's `bot` is a persona of the cast, not the trainee.
use super::prelude::*;
use crate::scenario::{Platform, Role};

pub const RULE: Rule = Rule {
    code: "chatbot-persona",
    severity: Severity::Error,
    summary: "a `Chatbot` platform's `bot` must be a persona of the cast other than the trainee",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Platform::Chatbot { bot } = &cx.scenario.platform else {
        return;
    };
    let path = ValuePath::root().field("platform").field("bot");
    match cx.scenario.persona(bot) {
        Some(persona) if persona.role == Role::Me => out.push(
            cx.report(
                &RULE,
                At::Value(&path),
                format!("the chatbot `{bot}` is the trainee"),
            )
            .with_help("add a persona for the assistant, e.g. `(id: \"bot\", name: \"...\", handle: \"...\", role: Organisation)`"),
        ),
        Some(_) => {}
        None => {
            let ids = cx.scenario.cast.iter().map(|p| p.id.as_str());
            let message = format!("unknown persona `{bot}`");
            out.push(cx.unknown(&RULE, At::Value(&path), message, bot, ids));
        }
    }
}
