//! `addresses-one-audience`: fixed text that names the trainee by one profession's title or
//! role ("Dr {me_surname}", "are you a nurse?", a bio saying "midwife") in a scenario also
//! written for another audience, who would read themselves called what they are not. Such
//! text belongs in `by_audience`. Kept narrow, to raise few false alarms: a role word right
//! before a `{me_...}` variable in any text; "are you / you're / as a" and a role word in
//! messages and replies to the trainee; any role word in the `me` persona's name and bio, and
//! in the values of `me_...` variants (which the seed picks, not who plays).
use std::collections::HashMap;
use std::ops::Range;

use super::prelude::*;
use crate::scenario::{Audience, Happening, Role};

pub const RULE: Rule = Rule {
    code: "addresses-one-audience",
    severity: Severity::Warning,
    summary: "fixed text addresses the trainee as one profession in a scenario for several",
};

/// Words that name one audience's profession (compared without regard to case).
const ROLE_WORDS: &[(Audience, &[&str])] = &[
    (
        Audience::Doctor,
        &["dr", "doctor", "gp", "registrar", "consultant"],
    ),
    (Audience::Nurse, &["nurse", "sister", "matron"]),
    (Audience::Midwife, &["midwife"]),
    (
        Audience::AlliedHealth,
        &[
            "physio",
            "physiotherapist",
            "radiographer",
            "dietitian",
            "paramedic",
        ],
    ),
];

/// Words before a role word that say the text is about the reader: "are you a doctor",
/// "you're a nurse", "as a GP".
const ABOUT_YOU: &[&[&str]] = &[
    &["are", "you"],
    &["you", "are"],
    &["you're"],
    &["you\u{2019}re"],
    &["youre"],
    &["ur"],
    &["as"],
];

const ARTICLES: &[&str] = &["a", "an", "the", "my", "our"];

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let scenario = cx.scenario;
    if scenario.audiences.len() < 2 {
        return;
    }
    let Some((me_index, me)) = (scenario.cast.iter().enumerate()).find(|(_, p)| p.role == Role::Me)
    else {
        return;
    };
    let listed = |audience: Audience| scenario.audiences.contains(&audience);
    // What was found: the text's path, the text, the words' range, whose role they name.
    let mut found: Vec<(ValuePath, &str, Range<usize>, Audience)> = Vec::new();
    let by_audience = ValuePath::root().field("by_audience");
    let addressed = addressed_texts(scenario, &me.id);
    for (path, text) in walk::texts(scenario) {
        if path.0.first() == by_audience.0.first() {
            continue;
        }
        let words = words(text);
        for (i, (range, word)) in words.iter().enumerate() {
            let Some(audience) = role_of(word).filter(|a| listed(*a)) else {
                continue;
            };
            let after = text[range.end..].trim_start_matches('.');
            let before_me =
                after.starts_with(char::is_whitespace) && after.trim_start().starts_with("{me_");
            if before_me {
                let end = range.end + (text[range.end..].len() - after.len());
                let name_end = end + after.find('}').map_or(0, |close| close + 1);
                found.push((path.clone(), text, range.start..name_end, audience));
            } else if addressed.contains(&path) && about_you(&words[..i]) {
                found.push((path.clone(), text, range.clone(), audience));
            }
        }
    }
    let me_path = ValuePath::root().field("cast").index(me_index);
    let fields = [("name", Some(&me.name)), ("bio", me.bio.as_ref())];
    for (field, text) in fields {
        let Some(text) = text else { continue };
        let path = me_path.field(field);
        for (range, word) in words(text) {
            // "Dr {me_first}" in the name was found above, whole.
            let seen = (found.iter()).any(|(p, _, r, _)| *p == path && r.start == range.start);
            if let Some(audience) = role_of(word).filter(|a| listed(*a) && !seen) {
                found.push((path.clone(), text, range, audience));
            }
        }
    }
    // A `me_...` variant describes the trainee, and the seed, not who plays, picks its value.
    let variants = ValuePath::root().field("variants");
    for (name, values) in scenario
        .variants
        .iter()
        .filter(|(n, _)| n.starts_with("me_"))
    {
        for (i, value) in values.iter().enumerate() {
            for (range, word) in words(value) {
                if let Some(audience) = role_of(word).filter(|a| listed(*a)) {
                    found.push((variants.key(name).index(i), value, range, audience));
                }
            }
        }
    }
    for (path, text, range, audience) in found {
        let others: Vec<&str> = (scenario.audiences.iter())
            .filter(|a| **a != audience)
            .map(|a| a.word())
            .collect();
        let written = &text[range];
        out.push(
            cx.report(
                &RULE,
                At::Within(&path, written),
                format!(
                    "`{written}` addresses the trainee as one of the {}, but the scenario is also for {}",
                    audience.word(),
                    others.join(" and ")
                ),
            )
            .with_help(
                "move it into `by_audience`, e.g. `\"me_title\": {Doctor: \"Dr {me_surname}\", Nurse: \"{me_first}\"}`, and write `{me_title}` here",
            ),
        );
    }
}

/// The audience whose role `word` names, if any.
fn role_of(word: &str) -> Option<Audience> {
    ROLE_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
        .map(|(audience, _)| *audience)
}

/// Whether the words just before a role word say it is about the reader.
fn about_you(before: &[(Range<usize>, &str)]) -> bool {
    let article = (before.last())
        .is_some_and(|(_, word)| ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(word)));
    let end = before.len() - usize::from(article);
    ABOUT_YOU.iter().any(|phrase| {
        end >= phrase.len()
            && (before[end - phrase.len()..end].iter())
                .zip(phrase.iter())
                .all(|((_, word), expected)| word.eq_ignore_ascii_case(expected))
    })
}

/// The words of a text with their byte ranges; an apostrophe stays inside a word ("you're").
fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || ((c == '\'' || c == '\u{2019}') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push((s..i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    found
}

/// The paths of the texts written to the trainee: messages to them, and replies to their
/// posts and replies.
fn addressed_texts(scenario: &crate::scenario::Scenario, me: &str) -> Vec<ValuePath> {
    let happenings = walk::happenings(scenario);
    let authors: HashMap<&str, &str> = (happenings.iter())
        .filter_map(|(_, happening)| match happening {
            Happening::Post { id, by, .. } | Happening::Reply { id, by, .. } => {
                Some((id.as_str(), by.as_str()))
            }
            _ => None,
        })
        .collect();
    happenings
        .iter()
        .filter(|(_, happening)| match happening {
            Happening::Message { to, .. } => to == me,
            Happening::Reply { to, by, .. } => by != me && authors.get(to.as_str()) == Some(&me),
            _ => false,
        })
        .map(|(path, _)| path.field("text"))
        .collect()
}
