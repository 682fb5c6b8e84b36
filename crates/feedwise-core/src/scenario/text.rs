//! `{variable}` placeholders in scenario text.

/// A placeholder found in a text: its name and its byte range within the text (braces included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub name: &'a str,
    pub range: std::ops::Range<usize>,
}

/// Every `{name}` in `text`. `{{` and `}}` stand for literal braces.
pub fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'{' => match text[i + 1..].find('}') {
                Some(len) => {
                    found.push(Placeholder {
                        name: &text[i + 1..i + 1 + len],
                        range: i..i + len + 2,
                    });
                    i += len + 2;
                }
                // No `}` after this one, so none after any later `{` either: stop, rather
                // than search the rest of the text again from every brace.
                None => break,
            },
            _ => i += 1,
        }
    }
    found
}

/// Replaces each `{name}` with `lookup(name)`, leaving unknown names as written.
pub fn interpolate(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    // Most texts have no braces at all: copy them as they are.
    if !text.contains(['{', '}']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for placeholder in placeholders(text) {
        push_unescaped(&mut out, &text[rest..placeholder.range.start]);
        match lookup(placeholder.name) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&text[placeholder.range.clone()]),
        }
        rest = placeholder.range.end;
    }
    push_unescaped(&mut out, &text[rest..]);
    out
}

/// Appends `text` with each doubled brace (`{{`, `}}`) written once, without a copy per brace.
fn push_unescaped(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if (c == '{' || c == '}') && chars.peek() == Some(&c) {
            chars.next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_braces_are_written_once_and_plain_text_is_copied() {
        let none = |_: &str| None;
        assert_eq!(interpolate("no braces here", &none), "no braces here");
        assert_eq!(interpolate("a {{b}} c {{{{", &none), "a {b} c {{");
        assert_eq!(interpolate("}}x", &none), "}x");
    }

    #[test]
    fn finds_and_fills_placeholders() {
        let text = "Hi {name}, see {{braces}} in {town}";
        let names: Vec<_> = placeholders(text).iter().map(|p| p.name).collect();
        assert_eq!(names, ["name", "town"]);
        let filled = interpolate(text, &|name| (name == "name").then(|| "Sam".to_owned()));
        assert_eq!(filled, "Hi Sam, see {braces} in {town}");
    }
}
