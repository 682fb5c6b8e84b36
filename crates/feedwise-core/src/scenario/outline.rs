//! A tolerant reading of RON text that need not parse: which brackets are open at a point, the
//! field each is the value of, and every string literal with the brackets around it.
//!
//! The language server classifies the ids of half-typed text with it; the checker uses it to
//! say which bracket a broken file left open. Strings written between curly quotes (a word
//! processor's `“ ”`) count as strings, as the loader accepts them.

use std::ops::Range;

/// One open bracket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// `(`, `[` or `{`.
    pub open: u8,
    /// Byte offset of the bracket.
    pub start: usize,
    /// The field whose value this bracket is (inherited through lists, tuples and `Some(`).
    pub field: Option<String>,
    /// The name written just before `(`: `Post`, `Flag`, `Some`, `Rank`.
    pub ctor: Option<String>,
    /// In a struct, the field being written.
    pub current: Option<String>,
    /// Items before the current one in a tuple or list.
    pub index: usize,
    /// In a map, whether a key comes next.
    pub key_next: bool,
    /// In a tuple, its first string (a citation's document).
    pub first_string: Option<String>,
}

/// A string literal met on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal<'t> {
    /// The literal with its quotes; to the end of the text when it is not closed.
    pub span: Range<usize>,
    /// Between the quotes, as a byte range (a curly quote is three bytes, a straight one one).
    pub inner: Range<usize>,
    /// The text between the quotes (escapes not resolved: ids have none).
    pub value: &'t str,
    pub closed: bool,
}

/// The curly quotes a word processor puts where `"` was typed.
pub const CURLY_QUOTES: [char; 2] = ['\u{201c}', '\u{201d}'];

/// Walks `text`, calling `on_string` with each string literal and the brackets open around it.
/// An unclosed string ends the walk (after its call). Returns the brackets still open at the end.
pub fn scan<'t>(text: &'t str, mut on_string: impl FnMut(&Literal<'t>, &[Frame])) -> Vec<Frame> {
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut pending_ctor: Option<String> = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        if let Some(end) = trivia_end(bytes, pos) {
            pos = end;
            continue;
        }
        // A name is the constructor of the bracket right after it (spaces between).
        let ctor = pending_ctor.take();
        if let Some(quote) = opening_quote(&text[pos..]) {
            let start = pos;
            let (end, closed, inner) = string_end(text, pos, quote);
            let literal = Literal {
                span: start..end,
                value: &text[inner.clone()],
                inner,
                closed,
            };
            on_string(&literal, &frames);
            if !closed {
                return frames;
            }
            if let Some(frame) = frames.last_mut()
                && frame.open == b'('
                && frame.current.is_none()
                && frame.index == 0
            {
                frame.first_string = Some(literal.value.to_owned());
            }
            pos = end;
            continue;
        }
        match b {
            b'\'' => {
                pos += 1;
                while pos < bytes.len() && bytes[pos] != b'\'' {
                    pos += if bytes[pos] == b'\\' { 2 } else { 1 };
                }
                pos += 1;
            }
            b'(' | b'[' | b'{' => {
                let field = frames.last().and_then(|parent| match &parent.current {
                    Some(current) if parent.open == b'(' => Some(current.clone()),
                    _ => parent.field.clone(),
                });
                frames.push(Frame {
                    open: b,
                    start: pos,
                    field,
                    ctor: ctor.filter(|_| b == b'('),
                    current: None,
                    index: 0,
                    key_next: b == b'{',
                    first_string: None,
                });
                pos += 1;
            }
            b')' | b']' | b'}' => {
                frames.pop();
                pos += 1;
            }
            b',' => {
                if let Some(frame) = frames.last_mut() {
                    frame.index += 1;
                    frame.current = None;
                    frame.key_next = frame.open == b'{';
                }
                pos += 1;
            }
            b':' => {
                if let Some(frame) = frames.last_mut()
                    && frame.open == b'{'
                {
                    frame.key_next = false;
                }
                pending_ctor = ctor;
                pos += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = pos;
                pos = ident_end(bytes, pos);
                let name = text[start..pos].to_owned();
                let after = skip_space(bytes, pos);
                let is_field =
                    bytes.get(after) == Some(&b':') && bytes.get(after + 1) != Some(&b':');
                match frames.last_mut() {
                    Some(frame) if is_field && frame.open == b'(' => {
                        frame.current = Some(name);
                        pos = after + 1;
                    }
                    _ => pending_ctor = Some(name),
                }
            }
            _ => {
                // Byte by byte: the scanner stops only on ASCII (and whole curly quotes), so a
                // character's inner bytes are never taken for one.
                pos += 1;
            }
        }
    }
    frames
}

/// The brackets open at `offset` (before the byte there).
pub fn open_at(text: &str, offset: usize) -> Vec<Frame> {
    scan(&text[..text.floor_char_boundary(offset)], |_, _| {})
}

/// The end of white space or a comment starting at `pos` (`//` to the line's end, nested
/// `/* */`), or `None` when none starts there.
pub fn trivia_end(bytes: &[u8], pos: usize) -> Option<usize> {
    match (bytes.get(pos), bytes.get(pos + 1)) {
        (Some(b), _) if b.is_ascii_whitespace() => Some(skip_space(bytes, pos)),
        (Some(b'/'), Some(b'/')) => Some(
            bytes[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |n| pos + n),
        ),
        (Some(b'/'), Some(b'*')) => {
            let mut pos = pos + 2;
            let mut open = 1;
            while pos < bytes.len() && open > 0 {
                if bytes[pos..].starts_with(b"*/") {
                    open -= 1;
                    pos += 2;
                } else if bytes[pos..].starts_with(b"/*") {
                    open += 1;
                    pos += 2;
                } else {
                    pos += 1;
                }
            }
            Some(pos)
        }
        _ => None,
    }
}

/// Past ASCII white space from `pos`.
pub fn skip_space(bytes: &[u8], pos: usize) -> usize {
    pos + bytes[pos.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count()
}

/// Past an identifier's letters, digits, underscores and non-ASCII bytes from `pos`.
pub fn ident_end(bytes: &[u8], pos: usize) -> usize {
    pos + bytes[pos.min(bytes.len())..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
        .count()
}

/// How a string literal opens at the start of `rest`: a straight quote, a curly one, or a raw
/// string's `r"`/`r#"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    Straight,
    Curly,
    /// `r` and this many `#`.
    Raw(usize),
}

pub fn opening_quote(rest: &str) -> Option<Quote> {
    if rest.starts_with('"') {
        return Some(Quote::Straight);
    }
    if rest.starts_with(CURLY_QUOTES) {
        return Some(Quote::Curly);
    }
    let hashes = rest
        .strip_prefix('r')?
        .bytes()
        .take_while(|&b| b == b'#')
        .count();
    rest[1 + hashes..]
        .starts_with('"')
        .then_some(Quote::Raw(hashes))
}

/// The end of the string literal opening at `start` (past its closing quote, or the text's end),
/// whether it closed, and the byte range between its quotes. A curly-quoted string closes at
/// the next quote of any kind: a word processor may have turned only one of them.
pub fn string_end(text: &str, start: usize, quote: Quote) -> (usize, bool, Range<usize>) {
    let bytes = text.as_bytes();
    match quote {
        Quote::Straight => {
            let mut pos = start + 1;
            while pos < bytes.len() {
                match bytes[pos] {
                    b'\\' => pos += 2,
                    b'"' => return (pos + 1, true, start + 1..pos),
                    _ => pos += 1,
                }
            }
            // An escape at the very end steps past it.
            let end = bytes.len();
            (end, false, (start + 1).min(end)..end)
        }
        Quote::Curly => {
            let from = start + CURLY_QUOTES[0].len_utf8();
            match text[from..].find(|c| c == '"' || CURLY_QUOTES.contains(&c)) {
                Some(n) => {
                    let close = from + n;
                    let width = text[close..].chars().next().map_or(1, char::len_utf8);
                    (close + width, true, from..close)
                }
                None => (text.len(), false, from..text.len()),
            }
        }
        Quote::Raw(hashes) => {
            let from = start + 2 + hashes;
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            match text[from..].find(&closing) {
                Some(n) => (from + n + closing.len(), true, from..from + n),
                None => (text.len(), false, from..text.len()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Vec<(String, bool)> {
        let mut found = Vec::new();
        scan(text, |literal, _| {
            found.push((literal.value.to_owned(), literal.closed))
        });
        found
    }

    #[test]
    fn reads_straight_curly_and_raw_strings() {
        let text =
            "(a: \"x\\\"y\", b: \u{201c}Night shift\u{201d}, c: r#\"say \"hi\"\"#, d: \"open";
        assert_eq!(
            strings(text),
            [
                ("x\\\"y".to_owned(), true),
                ("Night shift".to_owned(), true),
                ("say \"hi\"".to_owned(), true),
                ("open".to_owned(), false),
            ]
        );
    }

    #[test]
    fn knows_which_brackets_are_open_and_their_fields() {
        let text = "(\n  beats: [\n    (id: \"a\", decision: (options: [ (id: \"x\", ";
        let open = open_at(text, text.len());
        let fields: Vec<Option<&str>> = open.iter().map(|f| f.field.as_deref()).collect();
        assert_eq!(
            fields,
            [
                None,
                Some("beats"),
                Some("beats"),
                Some("decision"),
                Some("options"),
                Some("options")
            ]
        );
        // Comments and strings hide their brackets.
        let text = "( // (\n a: \"(\", /* ( */ b: [";
        assert_eq!(open_at(text, text.len()).len(), 2);
    }
}
