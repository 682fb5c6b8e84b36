//! `video-without-picture`: on a short-video platform every post is a video, and a video with
//! neither `shows` nor `image` is an empty frame to the trainee and to a screen reader.
use super::prelude::*;
use crate::scenario::{Happening, Platform};

pub const RULE: Rule = Rule {
    code: "video-without-picture",
    severity: Severity::Warning,
    summary: "a post on a `ShortVideo` platform says nothing of what the video shows",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.scenario.platform != Platform::ShortVideo {
        return;
    }
    for (path, happening) in walk::happenings(cx.scenario) {
        if let Happening::Post {
            id,
            shows: None,
            image: None,
            ..
        } = happening
        {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path),
                    format!("video `{id}` has no `shows`: the trainee sees an empty frame"),
                )
                .with_help(
                    "say what is on screen, e.g. `shows: \"Two nurses dance in a ward corridor\"`",
                ),
            );
        }
    }
}
