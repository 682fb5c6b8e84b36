//! The ids in a scenario's text and what each names, found by the core's tolerant scanner
//! (`outline`; not the loader's span index, which needs text that parses): an editor asks for
//! completion and definitions in text that is half typed.
//!
//! Every string literal is classified by where it stands: the field it is the value of, the
//! struct or enum variant around it (`Post(`, `Flag(`), and the fields that lead to it
//! (`beats`, `cast`, `decision`, `options`, `cite`, `effects`).

use std::ops::Range;

use feedwise_core::scenario::outline::{self, Frame};

/// What an id names. Beats and endings share one namespace (`Step`): `next`, `to` and
/// `start` may name either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Persona,
    Step,
    Post,
    Decision,
    /// Options are unique within their decision only: see `Occurrence::scope`.
    Option,
    Flag,
    Principle,
    /// A behaviour of the guidance catalogue, in an option's `behaviours`.
    Behaviour,
    Document,
    /// A citation's paragraph or section; `Occurrence::document` is the document it is in.
    Paragraph,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Persona => "persona",
            Kind::Step => "beat or ending",
            Kind::Post => "post",
            Kind::Decision => "decision",
            Kind::Option => "option",
            Kind::Flag => "flag",
            Kind::Principle => "principle",
            Kind::Behaviour => "behaviour",
            Kind::Document => "document",
            Kind::Paragraph => "paragraph",
        }
    }
}

/// Where a string literal stands: what kind of id belongs there, and whether it defines one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub kind: Kind,
    /// `id: "x"` of a persona, beat, ending, post, decision or option; `set: ["x"]` of a flag.
    pub definition: bool,
    /// For options: where their decision starts (byte offset), which scopes their ids.
    pub scope: Option<usize>,
    /// For paragraphs: the document of the citation, when written before it.
    pub document: Option<String>,
    /// For definitions of steps: "beat" or "ending".
    pub what: Option<&'static str>,
}

/// One string literal that names an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The literal with its quotes.
    pub span: Range<usize>,
    /// Between the quotes, as a byte range (a curly quote is three bytes, a straight one one).
    pub inner: Range<usize>,
    /// The text between the quotes (escapes not resolved: ids have none).
    pub value: String,
    pub slot: Slot,
}

impl Occurrence {
    /// Whether `other` names the same thing.
    pub fn same_as(&self, other: &Occurrence) -> bool {
        self.value == other.value
            && self.slot.kind == other.slot.kind
            && self.slot.scope == other.slot.scope
            && (self.slot.kind != Kind::Paragraph || self.slot.document == other.slot.document)
    }
}

/// Every id in a text, and, when the text ends inside a string or after a field, the slot there.
#[derive(Debug, Default)]
pub struct Symbols {
    pub occurrences: Vec<Occurrence>,
    /// Set by `scan` when the text ends inside an unterminated string: where it starts, and
    /// its slot.
    pub open_string: Option<(usize, Option<Slot>)>,
    /// The slot a string would fill at the end of the text (when not inside a string).
    pub at_end: Option<Slot>,
}

impl Symbols {
    /// The occurrence whose literal contains `offset` (its quotes included).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Definitions of what `occurrence` names.
    pub fn definitions<'s>(
        &'s self,
        occurrence: &'s Occurrence,
    ) -> impl Iterator<Item = &'s Occurrence> {
        self.occurrences
            .iter()
            .filter(move |o| o.slot.definition && o.same_as(occurrence))
    }

    /// Every occurrence of what `occurrence` names, definitions included.
    pub fn references<'s>(
        &'s self,
        occurrence: &'s Occurrence,
    ) -> impl Iterator<Item = &'s Occurrence> {
        self.occurrences
            .iter()
            .filter(move |o| o.same_as(occurrence))
    }

    /// Ids defined for a kind (within `scope` for options), first definition first, once each.
    pub fn defined(&self, kind: Kind, scope: Option<usize>) -> Vec<&Occurrence> {
        let mut seen = std::collections::HashSet::new();
        self.occurrences
            .iter()
            .filter(|o| o.slot.definition && o.slot.kind == kind && o.slot.scope == scope)
            .filter(|o| seen.insert(o.value.as_str()))
            .collect()
    }
}

/// Scans a whole text (or the part before a cursor).
pub fn scan(text: &str) -> Symbols {
    let mut symbols = Symbols::default();
    let open = outline::scan(text, |literal, frames| {
        let slot = classify(frames);
        if !literal.closed {
            symbols.open_string = Some((literal.span.start, slot));
        } else if let Some(slot) = slot {
            symbols.occurrences.push(Occurrence {
                span: literal.span.clone(),
                inner: literal.inner.clone(),
                value: literal.value.to_owned(),
                slot,
            });
        }
    });
    if symbols.open_string.is_none() {
        symbols.at_end = classify(&open);
    }
    symbols
}

fn slot(kind: Kind) -> Option<Slot> {
    Some(Slot {
        kind,
        definition: false,
        scope: None,
        document: None,
        what: None,
    })
}

fn definition(kind: Kind, what: Option<&'static str>) -> Option<Slot> {
    Some(Slot {
        definition: true,
        what,
        ..slot(kind)?
    })
}

/// An option's slot, scoped by where the nearest decision starts.
fn scoped(slot: Option<Slot>, frames: &[Frame]) -> Option<Slot> {
    let decision = frames
        .iter()
        .rev()
        .find(|f| f.field.as_deref() == Some("decision"));
    Some(Slot {
        scope: decision.map(|f| f.start),
        ..slot?
    })
}

fn classify(frames: &[Frame]) -> Option<Slot> {
    let frame = frames.last()?;
    let field = frame.field.as_deref();
    let ctor = frame.ctor.as_deref();
    match frame.open {
        b'{' => (field == Some("effects") && frame.key_next)
            .then(|| slot(Kind::Principle))
            .flatten(),
        b'[' => match field {
            Some("set") => definition(Kind::Flag, None),
            Some("focus") => slot(Kind::Principle),
            Some("behaviours") => slot(Kind::Behaviour),
            Some("key") => scoped(slot(Kind::Option), frames),
            _ => None,
        },
        _ => match frame.current.as_deref() {
            None => match (ctor, field) {
                (Some("Some"), _) => classify(&frames[..frames.len() - 1]),
                (Some("Flag" | "NotFlag"), _) => slot(Kind::Flag),
                (None, Some("cite")) if frame.index == 0 => slot(Kind::Document),
                (None, Some("cite")) if frame.index == 1 => Some(Slot {
                    document: frame.first_string.clone(),
                    ..slot(Kind::Paragraph)?
                }),
                _ => None,
            },
            Some("id") => match (ctor, field) {
                (Some("Post" | "Reply"), _) => definition(Kind::Post, None),
                (_, Some("cast")) => definition(Kind::Persona, None),
                (_, Some("beats")) => definition(Kind::Step, Some("beat")),
                (_, Some("endings")) => definition(Kind::Step, Some("ending")),
                (_, Some("decision")) => definition(Kind::Decision, None),
                (_, Some("options" | "default")) => scoped(definition(Kind::Option, None), frames),
                _ => None,
            },
            Some("start") if frames.len() == 1 => slot(Kind::Step),
            Some("edition") if frames.len() == 1 => slot(Kind::Document),
            Some("next") => slot(Kind::Step),
            Some("to") => match (ctor, field) {
                (Some("Reply"), _) => slot(Kind::Post),
                (Some("Message"), _) => slot(Kind::Persona),
                (_, Some("then")) => slot(Kind::Step),
                _ => None,
            },
            Some("by" | "from") => slot(Kind::Persona),
            Some("post" | "about") => slot(Kind::Post),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// a comment with "quotes"
(
    id: "s", edition: "SM24", start: "b1", focus: ["boundaries"],
    cast: [(id: "me", name: "Me", handle: "me", role: Me), (id: "pat", name: "P", handle: "p", role: Patient)],
    beats: [
        (
            id: "b1",
            events: [(at: 0, show: Post(id: "p1", by: "pat", text: "hé 😀")), (at: 1, show: Reply(id: "r1", to: "p1", by: "me", text: "x")),
                     (at: 2, show: Message(from: "pat", to: "me", text: "y"))],
            decision: (id: "d1", prompt: "?", kind: Rank(key: ["a", "b"]), options: [
                (id: "a", text: "", grade: Poor, behaviours: ["advises-patient-on-personal-account"], effects: {"boundaries": -1, "confidentiality": 2}, feedback: "", cite: [("SM24", "18")], next: "end", set: ["f"]),
                (id: "b", text: "", grade: Poor, feedback: "", cite: [], next: Some("b2")),
            ]),
        ),
        (id: "b2", then: [(when: All([Flag("f"), NotFlag("g")]), to: "end")]),
    ],
    endings: [(id: "end", title: "", debrief: "")],
)"#;

    fn find<'s>(symbols: &'s Symbols, value: &str, kind: Kind, definition: bool) -> &'s Occurrence {
        symbols
            .occurrences
            .iter()
            .find(|o| o.value == value && o.slot.kind == kind && o.slot.definition == definition)
            .unwrap_or_else(|| panic!("no {value} {kind:?} {definition}"))
    }

    #[test]
    fn classifies_every_kind_of_id() {
        let symbols = scan(TEXT);
        find(&symbols, "SM24", Kind::Document, false);
        find(&symbols, "b1", Kind::Step, false);
        find(&symbols, "b1", Kind::Step, true);
        find(&symbols, "boundaries", Kind::Principle, false);
        find(&symbols, "confidentiality", Kind::Principle, false);
        find(
            &symbols,
            "advises-patient-on-personal-account",
            Kind::Behaviour,
            false,
        );
        find(&symbols, "pat", Kind::Persona, true);
        find(&symbols, "p1", Kind::Post, true);
        find(&symbols, "p1", Kind::Post, false);
        find(&symbols, "d1", Kind::Decision, true);
        let key = find(&symbols, "a", Kind::Option, false);
        let option = find(&symbols, "a", Kind::Option, true);
        assert_eq!(key.slot.scope, option.slot.scope);
        assert!(key.slot.scope.is_some());
        let paragraph = find(&symbols, "18", Kind::Paragraph, false);
        assert_eq!(paragraph.slot.document.as_deref(), Some("SM24"));
        find(&symbols, "b2", Kind::Step, false);
        find(&symbols, "f", Kind::Flag, true);
        find(&symbols, "f", Kind::Flag, false);
        find(&symbols, "g", Kind::Flag, false);
        assert_eq!(
            find(&symbols, "end", Kind::Step, true).slot.what,
            Some("ending")
        );
        // Texts, names and handles are not ids.
        assert!(
            symbols
                .occurrences
                .iter()
                .all(|o| o.value != "hé 😀" && o.value != "x")
        );
        // `to:` in a message names a persona, in a reply a post.
        let me = symbols
            .occurrences
            .iter()
            .filter(|o| o.value == "me" && o.slot.kind == Kind::Persona)
            .count();
        assert_eq!(me, 3); // the definition, a reply's `by` and a message's `to`
        let end = find(&symbols, "end", Kind::Step, true);
        assert_eq!(symbols.references(end).count(), 3);
        assert_eq!(
            symbols
                .definitions(find(&symbols, "end", Kind::Step, false))
                .count(),
            1
        );
    }

    #[test]
    fn an_id_between_curly_quotes_is_found_between_them() {
        let text = "(start: \u{201c}b1\u{201d}, beats: [(id: \"b1\")])";
        let symbols = scan(text);
        let start = find(&symbols, "b1", Kind::Step, false);
        assert_eq!(&text[start.inner.clone()], "b1");
        assert_eq!(
            start.span.len(),
            "b1".len() + 6,
            "both curly quotes are three bytes"
        );
    }

    #[test]
    fn every_prefix_of_a_text_scans_without_panicking() {
        // Escapes before a two-byte letter, in a character and in a string, and a text that
        // ends in the middle of an escape.
        let text = format!("{TEXT}\n'a \\\u{e9}' \"b\\\u{e9}\" (next: \"\\");
        for (at, _) in text.char_indices() {
            let symbols = scan(&text[..at]);
            assert!(symbols.occurrences.iter().all(|o| o.span.end <= at));
        }
    }

    #[test]
    fn slot_at_the_end_of_a_half_typed_text() {
        let cut = |marker: &str| &TEXT[..TEXT.find(marker).unwrap() + marker.len()];
        let inside = scan(cut(r#"effects: {"bound"#));
        let (_, slot) = inside.open_string.expect("inside a string");
        assert_eq!(slot.unwrap().kind, Kind::Principle);
        let after = scan(cut(r#"effects: {"boundaries": -1, "#));
        assert_eq!(after.at_end.unwrap().kind, Kind::Principle);
        let paragraph = scan(cut(r#"cite: [("SM24", "#));
        let slot = paragraph.at_end.unwrap();
        assert_eq!(
            (slot.kind, slot.document.as_deref()),
            (Kind::Paragraph, Some("SM24"))
        );
        assert_eq!(scan(cut(r#"next: "#)).at_end.unwrap().kind, Kind::Step);
        assert_eq!(
            scan(cut(r#"Post(id: "p1", by: "#)).at_end.unwrap().kind,
            Kind::Persona
        );
        // After a value's number, in a struct: no id goes there.
        assert!(scan(cut("(at: ")).at_end.is_none());
    }
}
