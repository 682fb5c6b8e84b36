//! Parsing a source file into the typed model, keeping ron's position on failure.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::source::{Location, SourceFile};
use super::spans::SpanIndex;

/// A file that is text but not a valid document of the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub start: Location,
    pub end: Location,
}

/// A parsed document and where its values stand in the text.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub value: T,
    pub spans: SpanIndex,
}

/// The RON dialect of scenario files: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses a document of type `T` (a scenario or a catalogue list).
pub fn parse<T: DeserializeOwned>(source: &SourceFile) -> Result<Parsed<T>, SyntaxError> {
    match ron_options().from_str::<T>(&source.text) {
        Ok(value) => Ok(Parsed {
            value,
            spans: SpanIndex::build(&source.text),
        }),
        Err(error) => Err(SyntaxError {
            message: describe(&error.code),
            start: Location {
                line: error.span.start.line.max(1),
                column: error.span.start.col.max(1),
            },
            end: Location {
                line: error.span.end.line.max(1),
                column: error.span.end.col.max(1),
            },
        }),
    }
}

/// ron's messages, with the commonest ones put in an author's words.
fn describe(error: &ron::Error) -> String {
    match error {
        ron::Error::Eof => "the file ends before the scenario is complete".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply (more than 128 levels)".to_owned()
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// Serializes a value back to the scenario dialect (used by round-trip tests and tools).
pub fn to_ron<T: serde::Serialize>(value: &T) -> Result<String, ron::Error> {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron_options().to_string_pretty(value, pretty)
}
