//! `empty-platform`: a group chat nobody writes in, or a chatbot the trainee never talks to:
//! the centre of the play screen would stay empty.
use super::prelude::*;
use crate::scenario::{Happening, Platform, Role};

pub const RULE: Rule = Rule {
    code: "empty-platform",
    severity: Severity::Warning,
    summary: "a `GroupChat` with no posts, or a `Chatbot` with no messages to or from its bot",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let happenings = walk::happenings(cx.scenario);
    let me = cx.scenario.cast.iter().find(|p| p.role == Role::Me);
    let (used, message, help) = match &cx.scenario.platform {
        Platform::Feed | Platform::ShortVideo => return,
        Platform::GroupChat { .. } => (
            happenings
                .iter()
                .any(|(_, h)| matches!(h, Happening::Post { .. })),
            "no post in the group chat: its messages are `Post` events",
            "write the group's messages as `Post(id: ..., by: ..., text: ...)`",
        ),
        // `chatbot-persona` reports a bot that is not in the cast.
        Platform::Chatbot { bot } if cx.scenario.persona(bot).is_none() => return,
        Platform::Chatbot { bot } => (
            happenings.iter().any(|(_, h)| match h {
                Happening::Message { from, to, .. } => {
                    let between = |a: &str, b: &str| a == bot && me.is_some_and(|me| me.id == b);
                    between(from, to) || between(to, from)
                }
                _ => false,
            }),
            "no message between the trainee and the chatbot",
            "write the conversation as `Message(from: \"me\", to: <bot>, ...)` and back",
        ),
    };
    if !used {
        let path = ValuePath::root().field("platform");
        out.push(cx.report(&RULE, At::Value(&path), message).with_help(help));
    }
}
