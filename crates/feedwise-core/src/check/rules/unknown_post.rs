//! `unknown-post`: replies, count changes, deletions, screenshots and notifications refer to
//! posts by id; the id must belong to a post or reply in the scenario.
use std::collections::HashSet;

use super::prelude::*;
use crate::scenario::Happening;

pub const RULE: Rule = Rule {
    code: "unknown-post",
    severity: Severity::Error,
    summary: "an event refers to a post or reply id that no event creates",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let happenings = walk::happenings(cx.scenario);
    let posts: HashSet<&str> = happenings
        .iter()
        .filter_map(|(_, h)| h.new_post_id())
        .collect();
    for (path, happening) in &happenings {
        let reference = match happening {
            Happening::Reply { to, .. } => Some(("to", to)),
            Happening::Engagement { post, .. }
            | Happening::Deleted { post }
            | Happening::Resurfaced { post, .. } => Some(("post", post)),
            Happening::Notification {
                about: Some(about), ..
            } => Some(("about", about)),
            _ => None,
        };
        if let Some((field, id)) = reference
            && !posts.contains(id.as_str())
        {
            let at = path.field(field);
            let message = format!("no post or reply has the id `{id}`");
            out.push(cx.unknown(&RULE, At::Value(&at), message, id, posts.iter().copied()));
        }
    }
}
