//! Reading a file into text, with the limits that keep untrusted scenario packs harmless,
//! and turning byte offsets into the 1-based line and character column users see.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest scenario or catalogue file accepted. The biggest shipped scenario is tens of KiB;
/// the limit stops a stray or hostile file from costing memory and time.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The text of one file, with an index of where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a file could not become text.
#[derive(Debug)]
pub enum ReadError {
    /// Missing, unreadable, a folder where a file was expected: the caller's problem (exit 2).
    Io(std::io::Error),
    /// Over [`MAX_FILE_BYTES`].
    TooLarge { bytes: u64 },
    /// Not UTF-8; the location is that of the first bad byte.
    NotUtf8 { at: Location, text_before: String },
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads a file, refusing oversized and non-UTF-8 content before any parsing.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let file = std::fs::File::open(path).map_err(ReadError::Io)?;
        let bytes_on_disk = file.metadata().map_err(ReadError::Io)?.len();
        if bytes_on_disk > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge {
                bytes: bytes_on_disk,
            });
        }
        // Read one byte past the limit so a file that grows while we read is still caught.
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge {
                bytes: bytes.len() as u64,
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                // Valid by construction: these are the bytes before the first invalid one.
                let before = String::from_utf8_lossy(valid).into_owned();
                let at = SourceFile::new(path, before.clone()).location(before.len());
                Err(ReadError::NotUtf8 {
                    at,
                    text_before: before,
                })
            }
        }
    }

    /// Location of a byte offset (clamped to the text).
    pub fn location(&self, byte: usize) -> Location {
        let byte = byte.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..floor_char_boundary(&self.text, byte)]
            .chars()
            .count()
            + 1;
        Location {
            line: line_index + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_characters_not_bytes() {
        let source = SourceFile::new("x.ron", "ab\n\u{e9}\u{e9}x\n");
        assert_eq!(source.location(0), Location { line: 1, column: 1 });
        assert_eq!(source.location(3), Location { line: 2, column: 1 });
        // 'x' is at byte 7 (two 2-byte characters before it) but character column 3.
        assert_eq!(source.location(7), Location { line: 2, column: 3 });
        assert_eq!(source.line_text(2), "\u{e9}\u{e9}x");
        assert_eq!(source.line_text(9), "");
    }
}
