//! Text from scenario files reaches the terminal only made harmless: control characters (an
//! escape sequence could retitle, clear or rewrite the terminal) and bidirectional overrides
//! (which make text read differently from what it is) are written as visible `\u{..}` escapes,
//! and so are zero-width spaces, which would hide what is wrong with an id (joiners, which
//! emoji need, are kept). Newlines and tabs pass through.

use std::borrow::Cow;
use std::io::Write;

pub use crate::characters::is_unsafe;

/// `text` with every unsafe character written as `\u{hex}`.
pub fn safe(text: &str) -> Cow<'_, str> {
    escaped(text, |c| {
        is_unsafe(c).then(|| format!("\\u{{{:x}}}", u32::from(c)))
    })
}

/// JSON for a terminal: the same characters as JSON escapes (`\u202e`), which keep the document
/// valid (serde_json already escapes the control characters; non-ASCII only occurs in strings).
pub fn safe_json(json: &str) -> Cow<'_, str> {
    escaped(json, |c| {
        (is_unsafe(c) && c != '\r').then(|| format!("\\u{:04x}", u32::from(c)))
    })
}

/// `text` with each character `escape` has an escape for written as that escape; `text`
/// itself when it has no unsafe character.
fn escaped(text: &str, escape: impl Fn(char) -> Option<String>) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match escape(c) {
            Some(escape) => out.push_str(&escape),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer that passes everything through `safe`. A character split across two writes is
/// held back until it is whole.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            // An incomplete character at the end waits; invalid bytes are written replaced.
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let text = String::from_utf8_lossy(&self.pending[..valid]).into_owned();
        self.inner.write_all(safe(&text).as_bytes())?;
        self.pending.drain(..valid);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_made_visible() {
        let hostile = "Hello \u{1b}]0;pwned\u{7}\u{1b}[2J \u{202e}evil\r\nnext\tline";
        let shown = safe(hostile);
        assert_eq!(
            shown,
            "Hello \\u{1b}]0;pwned\\u{7}\\u{1b}[2J \\u{202e}evil\\u{d}\nnext\tline"
        );
        assert!(matches!(safe("plain é — ’"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_stays_valid_with_the_same_characters_escaped() {
        let json = serde_json::to_string(&"a\u{202e}b\u{1b}c").unwrap();
        let shown = safe_json(&json);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, "a\u{202e}b\u{1b}c");
    }

    #[test]
    fn a_character_split_between_writes_is_written_whole() {
        let mut out = SafeWriter::new(Vec::new());
        let text = "é\u{1b}";
        out.write_all(&text.as_bytes()[..1]).unwrap();
        out.write_all(&text.as_bytes()[1..]).unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), "é\\u{1b}");
    }
}
