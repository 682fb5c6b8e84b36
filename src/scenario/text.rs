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
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    found
}

/// Replaces each `{name}` with `lookup(name)`, leaving unknown names as written.
pub fn interpolate(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for placeholder in placeholders(text) {
        out.push_str(
            &text[rest..placeholder.range.start]
                .replace("{{", "{")
                .replace("}}", "}"),
        );
        match lookup(placeholder.name) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&text[placeholder.range.clone()]),
        }
        rest = placeholder.range.end;
    }
    out.push_str(&text[rest..].replace("{{", "{").replace("}}", "}"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_fills_placeholders() {
        let text = "Hi {name}, see {{braces}} in {town}";
        let names: Vec<_> = placeholders(text).iter().map(|p| p.name).collect();
        assert_eq!(names, ["name", "town"]);
        let filled = interpolate(text, &|name| (name == "name").then(|| "Sam".to_owned()));
        assert_eq!(filled, "Hi Sam, see {braces} in {town}");
    }
}
