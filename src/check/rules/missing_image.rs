//! `missing-image`: a safe image path names no file; the app would show initials instead.
use super::prelude::*;
use super::unsafe_path::{image_paths, problem};

pub const RULE: Rule = Rule {
    code: "missing-image",
    severity: Severity::Warning,
    summary: "an image path names no file beside the scenario",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, image) in image_paths(cx.scenario) {
        if problem(image).is_none() && !cx.folder.join(image).is_file() {
            out.push(cx.report(
                &RULE,
                At::Value(&path),
                format!("no image file `{image}` beside the scenario"),
            ));
        }
    }
}
