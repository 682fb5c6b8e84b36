//! Parsing a source file into the typed model, keeping ron's position on failure.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::explain::explain;
use super::outline::{self, CURLY_QUOTES, Quote};
use super::source::{Location, SourceFile};
use super::spans::SpanIndex;

/// A file that is text but not a valid document of the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// The fix, in an author's words, when it is known.
    pub help: Option<String>,
    pub start: Location,
    pub end: Location,
}

/// A parsed document and where its values stand in the text.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub value: T,
    pub spans: SpanIndex,
    /// Strings written between curly quotes (a word processor's `“ ”`), read as if straight:
    /// the literal with its quotes, each.
    pub curly_strings: Vec<std::ops::Range<usize>>,
}

/// The RON dialect of scenario files: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses a document of type `T` (a scenario or a catalogue list).
pub fn parse<T: DeserializeOwned>(source: &SourceFile) -> Result<Parsed<T>, SyntaxError> {
    let (straightened, curly_strings) = straighten(&source.text);
    // The same bytes at the same offsets, so spans and offsets carry over to the original.
    let read = match &straightened {
        Some(text) => &SourceFile::new(&source.path, text.clone()),
        None => source,
    };
    match ron_options().from_str::<T>(&read.text) {
        Ok(value) => Ok(Parsed {
            value,
            spans: SpanIndex::build(&read.text),
            curly_strings,
        }),
        Err(error) => {
            let position = |p: ron::error::Position| Location {
                line: p.line.max(1),
                column: p.col.max(1),
            };
            let (start, end) = on_token(read, position(error.span.start), position(error.span.end));
            let (start, end) = (read.offset(start), read.offset(end));
            let explained = explain(&source.text, &error.code, start, document_word::<T>());
            Err(SyntaxError {
                message: explained.message,
                help: explained.help,
                start: source.location(start),
                end: source.location(end),
            })
        }
    }
}

/// The text with every curly-quoted string made straight, without moving a byte: `“` becomes
/// two spaces and `"`, `”` becomes `"` and two spaces (both are three bytes). `None` when the
/// text has none; else also where each such string stands.
fn straighten(text: &str) -> (Option<String>, Vec<std::ops::Range<usize>>) {
    if !text.contains(CURLY_QUOTES) {
        return (None, Vec::new());
    }
    // Each curly-quoted string: the literal with its quotes, and where its text ends.
    let mut curly = Vec::new();
    outline::scan(text, |literal, _| {
        if literal.closed
            && outline::opening_quote(&text[literal.span.start..]) == Some(Quote::Curly)
        {
            curly.push((literal.span.clone(), literal.inner.end));
        }
    });
    if curly.is_empty() {
        return (None, Vec::new());
    }
    let mut bytes = text.as_bytes().to_vec();
    for (span, text_end) in &curly {
        bytes[span.start..span.start + 3].copy_from_slice(b"  \"");
        // The closing quote: a curly one (three bytes) or a straight one.
        let padded: &[u8] = if span.end - text_end == 3 {
            b"\"  "
        } else {
            b"\""
        };
        bytes[*text_end..span.end].copy_from_slice(padded);
    }
    // Only whole characters were replaced by ASCII.
    let spans = curly.into_iter().map(|(span, _)| span).collect();
    (String::from_utf8(bytes).ok(), spans)
}

/// What a file of type `T` is called in messages ("the file ends before the scenario is
/// complete").
fn document_word<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    match name.rsplit("::").next().unwrap_or(name) {
        "Scenario" => "scenario",
        "Plan" => "session plan",
        "RunRecord" => "record",
        "Settings" => "settings file",
        _ => "catalogue file",
    }
}

/// ron's span may start on the whitespace before the token it stopped at (`minutes:  "five"`
/// points after the colon): move it onto the token, and when the span held only whitespace,
/// make it cover that token (a string with its quotes, a word or number, or one character).
fn on_token(source: &SourceFile, start: Location, end: Location) -> (Location, Location) {
    let text = source.text.as_str();
    let from = source.offset(start);
    let found = text[from..].find(|c: char| !c.is_whitespace());
    let Some(skip) = found.filter(|&skip| skip > 0) else {
        return (start, end);
    };
    let token = from + skip;
    let rest = &text[token..];
    let length = if let Some(inside) = rest.strip_prefix('"') {
        // To the closing quote on the same line, past escaped ones.
        let mut escaped = false;
        inside
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
            .map_or(1, |(i, _)| i + 2)
    } else {
        let word = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        word.max(rest.chars().next().map_or(0, char::len_utf8))
    };
    let old_end = source.offset(end);
    let new_end = if old_end > token {
        old_end
    } else {
        token + length
    };
    (source.location(token), source.location(new_end))
}

/// Serializes a value back to the scenario dialect (used by round-trip tests and tools).
pub fn to_ron<T: serde::Serialize>(value: &T) -> Result<String, ron::Error> {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron_options().to_string_pretty(value, pretty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    /// The error's (line, start column, end column) for a scenario with `field` on line 4.
    fn caret(field: &str) -> (usize, usize, usize) {
        let text = format!("(\n    id: \"x\",\n    title: \"T\",\n{field}\n)\n");
        let error = parse::<Scenario>(&SourceFile::new("x.ron", text)).unwrap_err();
        (error.start.line, error.start.column, error.end.column)
    }

    #[test]
    fn a_wrong_value_after_spaces_is_marked_itself_not_the_spaces() {
        // `"five"` starts at column 14 and ends before column 20.
        assert_eq!(caret("    minutes: \"five\","), (4, 14, 20));
        assert_eq!(caret("    minutes:    \"fi\\\"ve\","), (4, 17, 25));
    }

    #[test]
    fn a_stray_character_after_spaces_is_marked() {
        let (line, start, end) = caret("    minutes:   @5,");
        assert_eq!((line, start), (4, 16), "on the `@`");
        assert!(end > start);
        let (_, start, end) = caret("    cast: [ (id:  ) ],");
        assert_eq!((start, end), (19, 20), "on the `)`");
    }

    #[test]
    fn a_span_already_on_its_token_is_kept() {
        assert_eq!(caret("    minuets: 3,").1, 5);
    }
}
