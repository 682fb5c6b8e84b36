//! Where each value of a parsed RON document stands in its text.
//!
//! serde gives us typed values without positions. After a document has parsed, this second,
//! structural pass over the same text records the byte span of every value by its path
//! (`beats[2].decision.options[0].next`), so a meaning error found on the typed model can
//! underline the exact word in the file. It assumes the text is valid RON (ron accepted it),
//! and gives up quietly on anything else: a missing span falls back to the nearest parent.

use std::collections::HashMap;
use std::ops::Range;

use super::outline::{self, Quote};

/// One step in a path from the document root.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Field(String),
    Index(usize),
    Key(String),
}

/// A path from the document root to a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ValuePath(pub Vec<Seg>);

impl ValuePath {
    pub fn root() -> Self {
        ValuePath(Vec::new())
    }

    pub fn field(&self, name: &str) -> Self {
        self.with(Seg::Field(name.to_owned()))
    }

    pub fn index(&self, index: usize) -> Self {
        self.with(Seg::Index(index))
    }

    pub fn key(&self, key: &str) -> Self {
        self.with(Seg::Key(key.to_owned()))
    }

    fn with(&self, seg: Seg) -> Self {
        let mut segs = self.0.clone();
        segs.push(seg);
        ValuePath(segs)
    }

    pub fn parent(&self) -> Option<Self> {
        let mut segs = self.0.clone();
        segs.pop()?;
        Some(ValuePath(segs))
    }
}

/// A stable 64-bit hash of a path (FNV-1a over its segments), the index's key.
fn path_hash(segs: &[Seg]) -> u64 {
    let mut hash = crate::hash::Fnv1a::default();
    let mut eat = |bytes: &[u8]| hash.write(bytes);
    for seg in segs {
        match seg {
            Seg::Field(name) => {
                eat(b".");
                eat(name.as_bytes());
            }
            Seg::Index(i) => {
                eat(b"[");
                eat(&i.to_le_bytes());
            }
            Seg::Key(key) => {
                eat(b"{");
                eat(key.as_bytes());
            }
        }
    }
    hash.finish()
}

/// Deepest nesting the scanner follows. ron refuses deeper documents before we get here.
const MAX_DEPTH: usize = 512;

/// Byte spans of values, and of field names and map keys, by path.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    // Keyed by a hash of the path: a clean file is indexed without copying a path per value.
    values: HashMap<u64, Range<usize>>,
    names: HashMap<u64, Range<usize>>,
    repeated_keys: Vec<(ValuePath, Range<usize>)>,
}

impl SpanIndex {
    pub fn build(text: &str) -> Self {
        let mut scanner = Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            index: SpanIndex::default(),
        };
        scanner.skip_trivia();
        // A leading `#![enable(...)]` attribute is not part of the value.
        while scanner.peek() == Some(b'#') {
            scanner.skip_attribute();
            scanner.skip_trivia();
        }
        let mut path = Vec::new();
        // A failure only means fewer spans are known.
        let _ = scanner.value(&mut path);
        scanner.index
    }

    /// Span of the value at `path`, or of its nearest recorded ancestor.
    pub fn value(&self, path: &ValuePath) -> Option<Range<usize>> {
        let mut current = Some(path.clone());
        while let Some(path) = current {
            if let Some(span) = self.values.get(&path_hash(&path.0)) {
                return Some(span.clone());
            }
            current = path.parent();
        }
        None
    }

    /// Span of the field name or map key that leads to `path`, else of the value.
    pub fn name(&self, path: &ValuePath) -> Option<Range<usize>> {
        self.names
            .get(&path_hash(&path.0))
            .cloned()
            .or_else(|| self.value(path))
    }

    /// Map keys written a second time in the same map (serde keeps only the last value),
    /// with the span of the repeat.
    pub fn repeated_keys(&self) -> &[(ValuePath, Range<usize>)] {
        &self.repeated_keys
    }

    /// Whether the document wrote this exact path (not a default filled in by serde).
    pub fn contains(&self, path: &ValuePath) -> bool {
        self.values.contains_key(&path_hash(&path.0))
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    index: SpanIndex,
}

type Scan = Result<(), ()>;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    fn expect(&mut self, byte: u8) -> Scan {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(())
        }
    }

    /// Skips white space and comments (`//` and nested `/* */`).
    fn skip_trivia(&mut self) {
        while let Some(end) = outline::trivia_end(self.bytes, self.pos) {
            self.pos = end;
        }
    }

    fn skip_attribute(&mut self) {
        let mut open = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'[' => open += 1,
                b']' => {
                    open = open.saturating_sub(1);
                    if open == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn ident(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        self.pos = outline::ident_end(self.bytes, self.pos);
        (self.pos > start).then_some(start..self.pos)
    }

    fn value(&mut self, path: &mut Vec<Seg>) -> Scan {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(());
        }
        self.skip_trivia();
        let start = self.pos;
        if self.peek() == Some(b'b') && self.peek_at(1) == Some(b'"') {
            self.pos += 1;
        }
        let quote = outline::opening_quote(&self.text[self.pos..]);
        let result = match self.peek().ok_or(())? {
            _ if quote.is_some() => self.string(quote.ok_or(())?),
            b'\'' => self.character(),
            b'(' => self.parens(path, false),
            b'[' => {
                self.expect(b'[')?;
                self.items(path, b']', false)
            }
            b'{' => self.map(path),
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let name = self.ident().ok_or(())?;
                let transparent = &self.bytes[name] == b"Some";
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parens(path, transparent)
                } else {
                    Ok(())
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b"+-._".contains(&b))
                {
                    self.pos += 1;
                }
                if self.pos == start { Err(()) } else { Ok(()) }
            }
        };
        self.depth -= 1;
        result?;
        self.index
            .values
            .entry(path_hash(path))
            .or_insert(start..self.pos);
        Ok(())
    }

    fn string(&mut self, quote: Quote) -> Scan {
        let (end, closed, _) = outline::string_end(self.text, self.pos, quote);
        self.pos = end;
        if closed { Ok(()) } else { Err(()) }
    }

    /// A `'c'` literal, with backslash escapes.
    fn character(&mut self) -> Scan {
        self.expect(b'\'')?;
        loop {
            match self.peek().ok_or(())? {
                b'\\' => self.pos += 2,
                b'\'' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => self.pos += 1,
            }
        }
    }

    /// `( ... )`: a struct when it starts with `name:`, else a tuple. The contents of `Some(..)`
    /// stand at the same path as the option itself, as serde sees them.
    fn parens(&mut self, path: &mut Vec<Seg>, transparent: bool) -> Scan {
        self.expect(b'(')?;
        self.skip_trivia();
        if self.looks_like_field() {
            self.fields(path)?;
            self.expect(b')')
        } else {
            self.items(path, b')', transparent)
        }
    }

    /// The items of a list or tuple up to and past `close`, each at its index below `path`
    /// (or, `transparent`, at `path` itself).
    fn items(&mut self, path: &mut Vec<Seg>, close: u8, transparent: bool) -> Scan {
        let mut index = 0;
        loop {
            self.skip_trivia();
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(());
            }
            if transparent {
                self.value(path)?;
            } else {
                self.child(path, Seg::Index(index))?;
            }
            index += 1;
            self.skip_comma();
        }
    }

    /// The value at `path` and `seg`.
    fn child(&mut self, path: &mut Vec<Seg>, seg: Seg) -> Scan {
        path.push(seg);
        let scanned = self.value(path);
        path.pop();
        scanned
    }

    fn skip_comma(&mut self) {
        self.skip_trivia();
        if self.peek() == Some(b',') {
            self.pos += 1;
        }
    }

    fn looks_like_field(&self) -> bool {
        let mut probe = Scanner {
            text: self.text,
            bytes: self.bytes,
            pos: self.pos,
            depth: 0,
            index: SpanIndex::default(),
        };
        if probe.ident().is_none() {
            return false;
        }
        probe.skip_trivia();
        probe.peek() == Some(b':') && probe.peek_at(1) != Some(b':')
    }

    fn fields(&mut self, path: &mut Vec<Seg>) -> Scan {
        loop {
            self.skip_trivia();
            if self.peek() == Some(b')') {
                return Ok(());
            }
            let name = self.ident().ok_or(())?;
            let field = String::from_utf8_lossy(&self.bytes[name.clone()])
                .trim_start_matches("r#")
                .to_owned();
            self.skip_trivia();
            self.expect(b':')?;
            path.push(Seg::Field(field));
            self.index.names.insert(path_hash(path), name);
            let scanned = self.value(path);
            path.pop();
            scanned?;
            self.skip_comma();
        }
    }

    /// `{ key: value }`: keys are recorded by their text, unquoted when they are strings.
    fn map(&mut self, path: &mut Vec<Seg>) -> Scan {
        self.expect(b'{')?;
        loop {
            self.skip_trivia();
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(());
            }
            let key_start = self.pos;
            let mut scratch = Vec::new();
            self.value(&mut scratch)?;
            let key_span = key_start..self.pos;
            let raw = String::from_utf8_lossy(&self.bytes[key_span.clone()]).into_owned();
            let key = raw
                .strip_prefix('"')
                .and_then(|k| k.strip_suffix('"'))
                .unwrap_or(&raw)
                .to_owned();
            self.skip_trivia();
            self.expect(b':')?;
            path.push(Seg::Key(key));
            match self.index.names.entry(path_hash(path)) {
                std::collections::hash_map::Entry::Occupied(_) => {
                    self.index
                        .repeated_keys
                        .push((ValuePath(path.clone()), key_span));
                }
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert(key_span);
                }
            }
            let scanned = self.value(path);
            path.pop();
            scanned?;
            self.skip_comma();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(text: &str, span: Option<Range<usize>>) -> &str {
        &text[span.expect("span recorded")]
    }

    #[test]
    fn records_fields_lists_maps_and_option_contents() {
        let text = r#"// a comment
(
    id: "x", /* block /* nested */ */
    beats: [
        (id: "a", decision: Some((id: "d", kind: Rank(key: ["p", "q"])))),
        (id: "b", effects: {"boundaries": -2}, cite: [("SM24", "18")]),
    ],
)"#;
        let index = SpanIndex::build(text);
        let beats = ValuePath::root().field("beats");
        assert_eq!(
            text_at(text, index.value(&ValuePath::root().field("id"))),
            "\"x\""
        );
        let decision = beats.index(0).field("decision");
        assert_eq!(text_at(text, index.value(&decision.field("id"))), "\"d\"");
        assert_eq!(
            text_at(
                text,
                index.value(&decision.field("kind").field("key").index(1))
            ),
            "\"q\""
        );
        let effect = beats.index(1).field("effects").key("boundaries");
        assert_eq!(text_at(text, index.value(&effect)), "-2");
        assert_eq!(text_at(text, index.name(&effect)), "\"boundaries\"");
        let cite = beats.index(1).field("cite").index(0);
        assert_eq!(text_at(text, index.value(&cite.index(1))), "\"18\"");
        // A path that was never written falls back to its parent.
        let missing = beats.index(1).field("next");
        assert!(!index.contains(&missing));
        assert!(text_at(text, index.value(&missing)).starts_with("(id: \"b\""));
    }
}
