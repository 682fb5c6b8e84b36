//! `undrawable-character`: a text holds a character the app's fonts cannot draw (it would show
//! as a box), or an emoji joined with a zero-width joiner, which the monochrome emoji font
//! draws as separate symbols.
use super::prelude::*;
use crate::glyphs::{Undrawable, undrawable};

pub const RULE: Rule = Rule {
    code: "undrawable-character",
    severity: Severity::Warning,
    summary: "a text holds a character the app's fonts cannot draw",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, text) in walk::texts(cx.scenario) {
        let mut seen = Vec::new();
        for (at, problem) in undrawable(text) {
            if seen.contains(&problem) {
                continue;
            }
            seen.push(problem);
            let written = match problem {
                Undrawable::Missing(ch) => &text[at..at + ch.len_utf8()],
                Undrawable::Joiner => &text[at..at + '\u{200D}'.len_utf8()],
            };
            let found = match problem {
                Undrawable::Missing(ch) => cx
                    .report(
                        &RULE,
                        At::Within(&path, written),
                        format!(
                            "the app's fonts cannot draw `{ch}` (U+{:04X}); it would show as a box",
                            u32::from(ch)
                        ),
                    )
                    .with_help("use another character or a plain emoji"),
                Undrawable::Joiner => cx
                    .report(
                        &RULE,
                        At::Within(&path, written),
                        "a zero-width joiner: joined emoji show as separate symbols or a box",
                    )
                    .with_help("use a single emoji without joined parts"),
            };
            out.push(found);
        }
    }
}
