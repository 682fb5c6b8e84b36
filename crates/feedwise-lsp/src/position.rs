//! Positions as editors count them: 0-based lines and UTF-16 code units within a line (the
//! LSP default), to and from byte offsets and feedwise's 1-based character columns.

use lsp_types::{Position, Range};

use feedwise_core::scenario::source::Location;

/// Where each line of a text starts, to turn offsets into positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The text of line `line` (0-based) without its line break, or "" past the end.
    fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.line_starts.get(line) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        text.get(start..end).unwrap_or("").trim_end_matches('\r')
    }

    /// The LSP position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, byte: usize) -> Position {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let units: usize = text[start..byte].chars().map(char::len_utf16).sum();
        Position::new(line as u32, units as u32)
    }

    /// The byte offset of an LSP position; a character past the end of its line means the
    /// end of the line, a line past the end of the text the end of the text, and a position
    /// inside a surrogate pair the start of its character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return text.len();
        };
        let line = self.line(text, position.line as usize);
        let mut units = 0;
        for (at, c) in line.char_indices() {
            if units + c.len_utf16() > position.character as usize {
                return start + at;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// The LSP position of a 1-based line and character column (as `feedwise check` reports
    /// them), clamped to the line.
    pub fn from_location(&self, text: &str, location: Location) -> Position {
        let line = location.line.saturating_sub(1);
        let chars = location.column.saturating_sub(1);
        let units: usize = self
            .line(text, line)
            .chars()
            .take(chars)
            .map(char::len_utf16)
            .sum();
        let line = line.min(self.line_starts.len().saturating_sub(1));
        Position::new(line as u32, units as u32)
    }

    /// The LSP range of a byte range.
    pub fn range(&self, text: &str, bytes: std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, bytes.start),
            self.position(text, bytes.end),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(id: \"café\",\n by: \"😀x\", // ok\r\n next: \"z\")";

    #[test]
    fn ascii_positions_are_byte_columns() {
        let index = LineIndex::new(TEXT);
        assert_eq!(index.position(TEXT, 1), Position::new(0, 1));
        assert_eq!(index.offset(TEXT, Position::new(0, 1)), 1);
    }

    #[test]
    fn accented_letter_is_one_utf16_unit_and_two_bytes() {
        let index = LineIndex::new(TEXT);
        // The closing quote after "café": byte 11 (é is two bytes), UTF-16 column 10.
        let quote = TEXT.find("é\"").unwrap() + 'é'.len_utf8();
        assert_eq!(quote, 11);
        assert_eq!(index.position(TEXT, quote), Position::new(0, 10));
        assert_eq!(index.offset(TEXT, Position::new(0, 10)), quote);
        // Column 11 in characters (1-based) is the same place.
        let location = Location {
            line: 1,
            column: 11,
        };
        assert_eq!(index.from_location(TEXT, location), Position::new(0, 10));
    }

    #[test]
    fn emoji_is_two_utf16_units_and_four_bytes() {
        let index = LineIndex::new(TEXT);
        let x = TEXT.find('x').unwrap();
        // Line 1 is ` by: "😀x"`: the x is character 7, UTF-16 unit 8.
        assert_eq!(index.position(TEXT, x), Position::new(1, 8));
        assert_eq!(index.offset(TEXT, Position::new(1, 8)), x);
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(index.offset(TEXT, Position::new(1, 7)), x - 4);
        let location = Location { line: 2, column: 8 };
        assert_eq!(index.from_location(TEXT, location), Position::new(1, 8));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let index = LineIndex::new(TEXT);
        // Past the end of line 1 (which ends in \r\n): the end of its text.
        let end_of_line = TEXT.find("\r\n").unwrap();
        assert_eq!(index.offset(TEXT, Position::new(1, 999)), end_of_line);
        assert_eq!(index.offset(TEXT, Position::new(9, 0)), TEXT.len());
        let location = Location {
            line: 1,
            column: 999,
        };
        assert_eq!(index.from_location(TEXT, location), Position::new(0, 12));
        assert_eq!(
            index.position(TEXT, TEXT.len() + 5),
            index.position(TEXT, TEXT.len())
        );
    }
}
