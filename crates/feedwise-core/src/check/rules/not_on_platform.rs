//! `not-on-platform`: an event the scenario's platform has no place for, which play would
//! not show. A chatbot has no feed: posts and what happens to them belong to another platform.
use super::prelude::*;
use crate::scenario::{Happening, Platform};

pub const RULE: Rule = Rule {
    code: "not-on-platform",
    severity: Severity::Warning,
    summary: "an event the scenario's platform does not show",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(cx.scenario.platform, Platform::Chatbot { .. }) {
        return;
    }
    for (path, happening) in walk::happenings(cx.scenario) {
        let kind = match happening {
            Happening::Post { .. } => "a post",
            Happening::Reply { .. } => "a reply",
            Happening::Engagement { .. } => "a change of counts",
            Happening::Deleted { .. } => "a deletion",
            Happening::Resurfaced { .. } => "a screenshot",
            Happening::Message { .. } | Happening::Notification { .. } => continue,
        };
        out.push(
            cx.report(
                &RULE,
                At::Value(&path),
                format!("{kind} on a `Chatbot` platform, which has no feed to show it in"),
            )
            .with_help(
                "tell it with a `Message` or a `Notification` (\"Your post has 40 shares\")",
            ),
        );
    }
}
