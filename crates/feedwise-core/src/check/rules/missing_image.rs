//! `missing-image`: a safe image path names no file; the app would show initials instead.
use super::prelude::*;
use super::unsafe_path::{escapes_through_link, image_paths, problem};

pub const RULE: Rule = Rule {
    code: "missing-image",
    severity: Severity::Warning,
    summary: "an image path names no file beside the scenario",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, image) in image_paths(cx.scenario) {
        if problem(image).is_some() || escapes_through_link(cx.folder, image).is_some() {
            continue; // `unsafe-path` reports it.
        }
        let file = cx.folder.join(image);
        let message = match std::fs::metadata(&file) {
            Ok(meta) if meta.is_file() => continue,
            Ok(_) => format!("image path `{image}` is not a regular file"),
            Err(_) => format!("no image file `{image}` beside the scenario"),
        };
        out.push(cx.report(&RULE, At::Value(&path), message));
    }
}
