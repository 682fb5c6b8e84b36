//! The fonts the app draws with, and which characters they can draw.
//!
//! Both faces ship inside the `epaint_default_fonts` crate: Ubuntu Light for text and
//! monochrome Noto Emoji for symbols. The app loads these bytes and `check` reads their
//! character maps, so a character `check` accepts is one the app draws rather than a box.

use std::sync::OnceLock;

use skrifa::{FontRef, MetadataProvider};

/// The face every text is drawn in.
pub const TEXT_FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;
/// The face emoji fall back to; the app names its family "Noto Emoji".
pub const EMOJI_FONT: &[u8] = epaint_default_fonts::NOTO_EMOJI_REGULAR;

/// Why a character will not be drawn as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undrawable {
    /// Neither font has the character: it shows as a box.
    Missing(char),
    /// A zero-width joiner: the monochrome emoji font has no joined forms, so the sequence
    /// shows as separate symbols or a box.
    Joiner,
}

/// Whether `ch` can be drawn by one of the app's fonts (or needs no glyph at all).
pub fn drawable(ch: char) -> bool {
    if ch.is_control() || is_invisible_modifier(ch) {
        return true;
    }
    static MAPS: OnceLock<Vec<FontRef<'static>>> = OnceLock::new();
    let fonts = MAPS.get_or_init(|| {
        [TEXT_FONT, EMOJI_FONT]
            .into_iter()
            .filter_map(|bytes| FontRef::new(bytes).ok())
            .collect()
    });
    fonts.iter().any(|font| font.charmap().map(ch).is_some())
}

/// Whether `ch` is a symbol only the emoji face draws (not a letter, digit or punctuation
/// the text face has): what a page must bring its own font for, where the reader's system
/// may have no emoji font.
pub fn emoji_only(ch: char) -> bool {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        Some((
            FontRef::new(TEXT_FONT).ok()?,
            FontRef::new(EMOJI_FONT).ok()?,
        ))
    });
    faces.as_ref().is_some_and(|(text, emoji)| {
        !ch.is_ascii() && emoji.charmap().map(ch).is_some() && text.charmap().map(ch).is_none()
    })
}

/// Variation selectors pick a presentation and draw nothing themselves.
fn is_invisible_modifier(ch: char) -> bool {
    matches!(ch, '\u{FE00}'..='\u{FE0F}')
}

/// Every place in `text` that will not be drawn as written, with its byte offset.
pub fn undrawable(text: &str) -> Vec<(usize, Undrawable)> {
    text.char_indices()
        .filter_map(|(at, ch)| {
            if ch == '\u{200D}' {
                Some((at, Undrawable::Joiner))
            } else if !drawable(ch) {
                Some((at, Undrawable::Missing(ch)))
            } else {
                None
            }
        })
        .collect()
}
