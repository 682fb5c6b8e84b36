//! Escaping text for the markup feedwise writes: HTML notes and SVG pictures. Scenario text is
//! the author's and may hold anything; it must always read as text, never as markup.

/// Text for HTML or XML, as content or an attribute value: `& < > " '` as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One line of text for XML (an SVG `<text>`): escaped as [`escape`] does, with line breaks and
/// tabs as spaces and the characters XML 1.0 cannot hold at all (other controls, U+FFFE,
/// U+FFFF) as U+FFFD, so the file always parses.
pub fn escape_xml_line(text: &str) -> String {
    let line: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    escape(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jo's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jo&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("line\none"), "line\none", "HTML keeps its breaks");
    }

    #[test]
    fn an_xml_line_has_no_breaks_and_nothing_xml_refuses() {
        assert_eq!(escape_xml_line("a\nb\tc\r"), "a b c ");
        assert_eq!(escape_xml_line("bell\u{7}<"), "bell\u{FFFD}&lt;");
        assert_eq!(escape_xml_line("\u{FFFE}\u{FFFF}é"), "\u{FFFD}\u{FFFD}é");
    }
}
