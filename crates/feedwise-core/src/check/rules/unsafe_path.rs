//! `unsafe-path`: scenario packs are shared between facilitators and are untrusted, so an image
//! path must stay inside the scenario's folder: no absolute path, no `..`, no URL, and no link
//! that leads out of it once resolved.
use std::path::{Component, Path};

use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "unsafe-path",
    severity: Severity::Error,
    summary: "an image path is absolute, leaves the scenario's folder (by `..` or a link), or is a URL",
};

/// The image paths of a scenario (avatars and post images), with their paths in the document.
pub fn image_paths(scenario: &crate::scenario::Scenario) -> Vec<(ValuePath, &str)> {
    let root = ValuePath::root();
    let avatars = scenario.cast.iter().enumerate().filter_map(|(i, persona)| {
        Some((
            root.field("cast").index(i).field("avatar"),
            persona.avatar.as_deref()?,
        ))
    });
    let images = walk::happenings(scenario)
        .into_iter()
        .filter_map(|(path, happening)| match happening {
            crate::scenario::Happening::Post {
                image: Some(image), ..
            } => Some((path.field("image"), image.as_str())),
            _ => None,
        });
    avatars.chain(images).collect()
}

/// Why a relative image path is unsafe, if it is.
pub fn problem(path: &str) -> Option<&'static str> {
    // `http://`, `data:` and the like: anything with a scheme is not a file beside the scenario.
    if path.contains("://")
        || path.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
    {
        return Some("is a URL; feedwise never downloads anything");
    }
    let as_path = Path::new(path);
    if as_path.is_absolute()
        || path.starts_with('/')
        || path.starts_with('\\')
        || path.get(1..2) == Some(":")
    {
        return Some("is absolute");
    }
    if as_path
        .components()
        .any(|c| matches!(c, Component::ParentDir))
        || path.split(['/', '\\']).any(|part| part == "..")
    {
        return Some("leaves the scenario's folder with `..`");
    }
    None
}

/// Where a relative image path really leads, links resolved, if it leads outside `folder`.
pub fn escapes_through_link(folder: &Path, image: &str) -> Option<std::path::PathBuf> {
    let target = std::fs::canonicalize(folder.join(image)).ok()?;
    let folder = std::fs::canonicalize(folder).ok()?;
    (!target.starts_with(&folder)).then_some(target)
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, image) in image_paths(cx.scenario) {
        let why = problem(image).map(str::to_owned).or_else(|| {
            escapes_through_link(cx.folder, image).map(|target| {
                format!(
                    "leads outside the scenario's folder through a link (to {})",
                    target.display()
                )
            })
        });
        if let Some(why) = why {
            out.push(
                cx.report(&RULE, At::Value(&path), format!("image path `{image}` {why}"))
                    .with_help("put the image beside the scenario file (or below it) and give its relative path"),
            );
        }
    }
}
