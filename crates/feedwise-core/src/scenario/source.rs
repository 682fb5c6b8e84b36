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
    /// Whether the file began with a byte-order mark (which some Windows editors write), left
    /// out of `text` so that columns are those an editor shows.
    pub byte_order_mark: bool,
    line_starts: Vec<usize>,
    /// (byte, characters before it) every `CHECKPOINT` bytes, so that a column on a very long
    /// line (a minified file) costs a bounded count, not the whole line, per diagnostic.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between character-count checkpoints.
const CHECKPOINT: usize = 4096;

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
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Missing, unreadable, a folder where a file was expected: the caller's problem (exit 2).
    #[error("{0}")]
    Io(std::io::Error),
    /// Over [`MAX_FILE_BYTES`].
    #[error("the file is too large ({bytes} bytes; at most {MAX_FILE_BYTES})")]
    TooLarge { bytes: u64 },
    /// Not UTF-8; the location is that of the first bad byte.
    #[error("not UTF-8 text at {at}")]
    NotUtf8 { at: Location, text_before: String },
}

impl ReadError {
    /// The problem for a person, naming the file and, when it is too large, what it should
    /// have been (`a plan`, `a run record`).
    pub fn about(&self, path: &Path, what: &str) -> String {
        match self {
            ReadError::Io(error) => format!("cannot read {}: {error}", path.display()),
            ReadError::TooLarge { bytes } => {
                format!(
                    "{} is too large to be {what} ({bytes} bytes)",
                    path.display()
                )
            }
            ReadError::NotUtf8 { at, .. } => format!("{}:{at}: not UTF-8 text", path.display()),
        }
    }
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let byte_order_mark = text.starts_with('\u{feff}');
        if byte_order_mark {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut checkpoints = vec![(0, 0)];
        let mut chars = 0;
        let mut from = 0;
        while from + CHECKPOINT < text.len() {
            let at = floor_char_boundary(&text, from + CHECKPOINT);
            chars += text[from..at].chars().count();
            checkpoints.push((at, chars));
            from = at;
        }
        SourceFile {
            path: path.into(),
            text,
            byte_order_mark,
            line_starts,
            checkpoints,
        }
    }

    /// Reads a file, refusing oversized and non-UTF-8 content before any parsing, and anything
    /// that is not a regular file (a FIFO would block forever, a device never end).
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let file = open_regular(path).map_err(ReadError::Io)?;
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
        let line_index = self.line_starts.partition_point(|&start| start <= byte) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.chars_before(byte) - self.chars_before(line_start) + 1;
        Location {
            line: line_index + 1,
            column,
        }
    }

    /// Characters in the text before `byte`.
    fn chars_before(&self, byte: usize) -> usize {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let at = self.checkpoints.partition_point(|&(from, _)| from <= byte) - 1;
        let (from, chars) = self.checkpoints[at];
        chars + self.text[from..byte].chars().count()
    }

    /// The byte offset of a location (clamped to its line).
    pub fn offset(&self, at: Location) -> usize {
        let Some(&start) = self.line_starts.get(at.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = start + self.line_text(at.line).len();
        self.text[start..end]
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }

    /// Up to `before` and `after` characters of the line around byte `at`, marked `...` where
    /// the line goes on, and the 1-based column of `at` within that excerpt. A diagnostic keeps
    /// this, never a whole (possibly megabyte-long) line.
    pub fn excerpt(&self, at: usize, before: usize, after: usize) -> (String, usize) {
        let at = floor_char_boundary(&self.text, at.min(self.text.len()));
        let line = self.location(at).line;
        let start = self.line_starts[line - 1];
        let end = start + self.line_text(line).len();
        let at = at.clamp(start, end.max(start));
        // A line that fits is shown whole.
        if end - start <= before + after {
            let column = self.text[start..at].chars().count() + 1;
            return (self.text[start..end].to_owned(), column);
        }
        let first = self.text[start..at]
            .char_indices()
            .rev()
            .take(before)
            .last()
            .map_or(at, |(i, _)| start + i);
        let last = self.text[at..end]
            .char_indices()
            .nth(after)
            .map_or(end, |(i, _)| at + i);
        let prefix = if first > start { "..." } else { "" };
        let suffix = if last < end { "..." } else { "" };
        let column = prefix.len() + self.text[first..at].chars().count() + 1;
        (
            format!("{prefix}{}{suffix}", &self.text[first..last]),
            column,
        )
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

/// Opens `path` for reading if it is a regular file. On Unix it is opened without blocking
/// (opening a FIFO with no writer would otherwise wait forever) and checked once open, so a
/// file swapped after a check cannot slip through.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
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
        assert_eq!(source.offset(Location { line: 2, column: 3 }), 7);
    }

    #[test]
    fn columns_on_a_long_line_cross_checkpoints_correctly() {
        // Two-byte characters make bytes and characters differ across many checkpoints.
        let line: String = "\u{e9}a".repeat(10_000);
        let source = SourceFile::new("x.ron", format!("first\n{line}\n"));
        let byte = 6 + 3 * 7_001; // the start of the 7,002nd pair on line 2
        assert_eq!(
            source.location(byte),
            Location {
                line: 2,
                column: 14_003
            }
        );
        assert_eq!(
            source.offset(Location {
                line: 2,
                column: 14_003
            }),
            byte
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_folder_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("documents.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let started = std::time::Instant::now();
        let Err(ReadError::Io(error)) = SourceFile::read(&fifo) else {
            panic!("a FIFO is not read")
        };
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(matches!(
            SourceFile::read(dir.path()),
            Err(ReadError::Io(_))
        ));
    }

    #[test]
    fn an_excerpt_is_a_window_of_a_long_line() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let source = SourceFile::new("x.ron", line);
        let (excerpt, column) = source.excerpt(500, 10, 20);
        assert_eq!(
            excerpt,
            format!("...{}X{}...", "a".repeat(10), "b".repeat(19))
        );
        assert_eq!(excerpt.chars().nth(column - 1), Some('X'));
        let short = SourceFile::new("y.ron", "ab\ncd");
        assert_eq!(short.excerpt(4, 10, 20), ("cd".to_owned(), 2));
    }
}
