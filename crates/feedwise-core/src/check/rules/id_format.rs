//! `id-format`: ids are kebab-case ASCII (lowercase letters, digits, single hyphens). Ids are
//! typed in `--scenario`, matched in references and stored in transcripts, so an id with an
//! invisible character or a letter from another script that looks Latin would be a different
//! id from the one an author reads: an error at the character itself.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "id-format",
    severity: Severity::Error,
    summary: "an id is not kebab-case ASCII (an invisible or look-alike character, a capital, a space)",
};

/// Whether `id` is lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether a variant name is a placeholder name: lowercase ASCII letters, digits and `_`
/// (`{me_first}`); variant names are written inside texts, not typed as ids.
fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, what, id, quoted) in ids(cx) {
        let variant = what == "variant name";
        if (variant && is_placeholder_name(id)) || (!variant && is_kebab(id)) {
            continue;
        }
        let odd = id.chars().find(|c| !c.is_ascii());
        let message = match odd {
            Some(c) if is_invisible(c) => format!(
                "{what} `{}` contains an invisible character (U+{:04X})",
                id.escape_default(),
                u32::from(c)
            ),
            Some(c) => format!(
                "{what} `{id}` contains `{c}` (U+{:04X}), which is not an ASCII letter though it may look like one",
                u32::from(c)
            ),
            None if variant => format!(
                "{what} `{}` is not lowercase ASCII letters, digits and `_`",
                id.escape_default()
            ),
            None => format!("{what} `{}` is not kebab-case", id.escape_default()),
        };
        let at = match odd {
            Some(c) => c.to_string(),
            None if quoted => format!("\"{id}\""),
            None => id.to_owned(),
        };
        out.push(
            cx.report(&RULE, At::Within(&path, &at), message)
                .with_help(format!(
                    "use lowercase ASCII letters, digits and single hyphens, e.g. `{}`",
                    suggestion(id)
                )),
        );
    }
}

/// Zero-width and other formatting characters that show as nothing.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}')
        || c.is_whitespace()
        || c.is_control()
}

/// A kebab-case id close to `id`, for the help line.
fn suggestion(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == '-' || c == '_' || c == ' ') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    match out.trim_end_matches('-') {
        "" => "my-id".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

/// Every id the scenario declares, with where it is, what it names, and whether it is written
/// in quotes at that path (flags are found inside a condition or a list).
fn ids<'a>(cx: &Context<'a>) -> Vec<(ValuePath, &'static str, &'a str, bool)> {
    let root = ValuePath::root();
    let s = cx.scenario;
    let mut found = vec![(root.field("id"), "scenario id", s.id.as_str(), false)];
    for (i, persona) in s.cast.iter().enumerate() {
        found.push((
            root.field("cast").index(i).field("id"),
            "persona id",
            persona.id.as_str(),
            false,
        ));
    }
    for name in s.variants.keys() {
        found.push((root.field("variants"), "variant name", name.as_str(), true));
    }
    for (i, beat) in s.beats.iter().enumerate() {
        let path = root.field("beats").index(i);
        found.push((path.field("id"), "beat id", beat.id.as_str(), false));
        for (j, route) in beat.then.iter().enumerate() {
            let when = path.field("then").index(j).field("when");
            found.extend(
                route
                    .when
                    .flags()
                    .into_iter()
                    .map(|flag| (when.clone(), "flag", flag, true)),
            );
        }
    }
    for (i, ending) in s.endings.iter().enumerate() {
        found.push((
            root.field("endings").index(i).field("id"),
            "ending id",
            ending.id.as_str(),
            false,
        ));
    }
    for (path, decision) in walk::decisions(s) {
        found.push((path.field("id"), "decision id", decision.id.as_str(), false));
    }
    for (path, option) in walk::outcomes(s) {
        found.push((path.field("id"), "option id", option.id.as_str(), false));
        found.extend(
            option
                .set
                .iter()
                .map(|flag| (path.field("set"), "flag", flag.as_str(), true)),
        );
    }
    for (path, happening) in walk::happenings(s) {
        if let Some(id) = happening.new_post_id() {
            found.push((path.field("id"), "post id", id, false));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_is_lowercase_ascii_in_hyphenated_groups() {
        for good in ["a", "post-1", "d1-o0", "x2y"] {
            assert!(is_kebab(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a_b",
            "a b",
            "c\u{430}lm",
            "b\u{200b}ad",
        ] {
            assert!(!is_kebab(bad), "{bad}");
        }
        assert_eq!(suggestion("Tell_Manager now"), "tell-manager-now");
    }
}
