//! Characters that change how text reads without being seen: controls, and the marks that
//! reorder text right to left or hide between letters. Scenario text may hold them (pasted from
//! anywhere); the terminal output and the exports show them escaped, never raw.

/// Whether a character is shown escaped rather than written as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}
