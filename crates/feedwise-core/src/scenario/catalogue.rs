//! The guidance catalogue: the principles that are scored, the documents they come from, and
//! the behaviours that fix one grade for the same conduct across the library.
//!
//! It lives in `assets/guidance/` as three RON files so that an edition change is a data change.
//! A copy is compiled into the binary so that the tools work from any folder.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Citation, Grade};

/// The part that cites a document as a whole, valid for every document.
pub const WHOLE_DOCUMENT: &str = "whole";

/// `assets/guidance/documents.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentList {
    pub documents: Vec<Document>,
}

/// `assets/guidance/principles.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipleList {
    pub principles: Vec<Principle>,
}

/// `assets/guidance/behaviours.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BehaviourList {
    pub behaviours: Vec<Behaviour>,
}

/// One kind of conduct and the grade it earns wherever it appears, so that two scenarios never
/// teach two lessons about the same thing. Options name it in `behaviours`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    pub id: String,
    /// What the trainee does, in one line of our own words.
    pub summary: String,
    pub grade: Grade,
    /// Whether a regulator treats it as serious whatever else the trainee did.
    #[serde(default)]
    pub critical: bool,
    /// The principles it bears on, by id.
    pub principles: Vec<String>,
    /// The paragraphs that govern it, by regulator (a Regulator document's publisher); a
    /// regulator with none is left out.
    pub cite: BTreeMap<String, Vec<Citation>>,
}

impl Behaviour {
    /// The paragraphs listed for a regulator (empty when it has none).
    pub fn cited_for(&self, regulator: &str) -> &[Citation] {
        self.cite.get(regulator).map_or(&[], Vec::as_slice)
    }
}

/// A guidance document and the parts of it that scenarios may cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Short ref used in citations and `edition`, e.g. `SM24`.
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub edition: String,
    /// ISO date from which the edition applies.
    pub in_force: String,
    /// Set when a newer edition replaced this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Whether the document binds registrants (a regulator) or only advises.
    pub kind: DocumentKind,
    /// What a number in this document is called when shown: "paragraph", "rule", "standard".
    #[serde(default = "paragraph_word", skip_serializing_if = "is_paragraph_word")]
    pub numbering: String,
    /// Numbers that may be cited: only those checked against the published text.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Sections cited by name where no number is confirmed: id -> the heading trainees see.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sections: BTreeMap<String, String>,
    /// What each listed paragraph is about, in our own words (never the guidance's): what
    /// authors search and the checker matches a claim against to suggest a citation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headings: BTreeMap<String, String>,
}

fn paragraph_word() -> String {
    "paragraph".to_owned()
}

fn is_paragraph_word(word: &String) -> bool {
    word == "paragraph"
}

impl Document {
    /// Whether a citation may name this part: a listed number, a section, or the whole document.
    pub fn has_part(&self, part: &str) -> bool {
        part == WHOLE_DOCUMENT
            || self.paragraphs.iter().any(|p| p == part)
            || self.sections.contains_key(part)
    }

    /// Every part that may be cited, for suggestions.
    pub fn part_ids(&self) -> impl Iterator<Item = &str> {
        self.paragraphs
            .iter()
            .map(String::as_str)
            .chain(self.sections.keys().map(String::as_str))
            .chain(std::iter::once(WHOLE_DOCUMENT))
    }

    /// What a part is about: a paragraph's heading, a section's name, or none.
    pub fn about(&self, part: &str) -> Option<&str> {
        self.headings
            .get(part)
            .or_else(|| self.sections.get(part))
            .map(String::as_str)
    }

    /// The year the edition came into force, from `in_force` (ISO date).
    pub fn year(&self) -> &str {
        self.in_force.get(..4).unwrap_or(&self.edition)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    Regulator,
    Advice,
}

/// One scored principle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub id: String,
    pub title: String,
    /// One line, paraphrased; never quoted guidance.
    pub summary: String,
    pub sources: Vec<Source>,
}

/// Where a principle comes from and how strongly the source puts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub cite: Citation,
    pub strength: Strength,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strength {
    Must,
    Should,
    Advice,
}

/// An option's references ordered for who reads them (see `Catalogue::guidance_for`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Guidance {
    /// The reader's own regulator's references (or all, when none is theirs).
    pub first: Vec<String>,
    /// The rest, shown folded under "Also".
    pub also: Vec<String>,
}

/// The three lists together, as the checker and engine use them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalogue {
    pub documents: Vec<Document>,
    pub principles: Vec<Principle>,
    pub behaviours: Vec<Behaviour>,
}

impl Catalogue {
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|principle| principle.id == id)
    }

    pub fn behaviour(&self, id: &str) -> Option<&Behaviour> {
        self.behaviours.iter().find(|behaviour| behaviour.id == id)
    }

    /// A principle's title for people to read, or its id when the catalogue lacks it.
    pub fn principle_title(&self, id: &str) -> String {
        self.principle(id)
            .map_or_else(|| id.to_owned(), |principle| principle.title.clone())
    }

    /// Citations as a reference list: numbered paragraphs of one document are joined into one
    /// reference ("paragraphs 6 and 20.10"), so a trainee reads each document once.
    pub fn describe_all(&self, citations: &[Citation]) -> Vec<String> {
        // In citation order: a finished reference, or a document's paragraphs still gathering.
        let mut listed: Vec<Result<String, (&Document, Vec<&str>)>> = Vec::new();
        for citation in citations {
            let document = self.document(citation.document());
            match document.filter(|d| d.paragraphs.iter().any(|p| p == citation.part())) {
                Some(document) => {
                    let gathered = listed.iter_mut().find_map(|entry| match entry {
                        Err((d, parts)) if d.id == document.id => Some(parts),
                        _ => None,
                    });
                    match gathered {
                        Some(parts) => parts.push(citation.part()),
                        None => listed.push(Err((document, vec![citation.part()]))),
                    }
                }
                None => listed.push(Ok(self.describe(citation))),
            }
        }
        listed
            .into_iter()
            .map(|entry| match entry {
                Ok(text) => text,
                Err((document, parts)) => {
                    let word = &document.numbering;
                    let part = match parts.split_last() {
                        Some((last, rest)) if !rest.is_empty() => {
                            format!("{word}s {} and {last}", rest.join(", "))
                        }
                        _ => format!("{word} {}", parts.join("")),
                    };
                    self.reference(document, Some(part))
                }
            })
            .collect()
    }

    /// Citations as reference lists for a trainee bound by `regulators` (one for a trainee,
    /// several for a mixed room, none for an educator): the documents those regulators
    /// publish first, everything else (other regulators, advice) as "also", each list joined
    /// as `describe_all` joins it. With no regulator, or none of theirs cited, all come first.
    pub fn guidance_for(&self, regulators: &[&str], citations: &[Citation]) -> Guidance {
        let theirs = |citation: &Citation| {
            self.document(citation.document())
                .is_some_and(|document| regulators.contains(&document.publisher.as_str()))
        };
        let (own, other): (Vec<Citation>, Vec<Citation>) =
            citations.iter().cloned().partition(|c| theirs(c));
        let (first, also) = if own.is_empty() {
            (other, Vec::new())
        } else {
            (own, other)
        };
        Guidance {
            first: self.describe_all(&first),
            also: self.describe_all(&also),
        }
    }

    /// A citation as a clinician writes a reference: document (publisher, year), then the
    /// paragraph or section heading; a replaced document says what replaced it and when.
    /// e.g. "Using social media as a medical professional (GMC, 2024), paragraph 18".
    pub fn describe(&self, citation: &Citation) -> String {
        let Some(document) = self.document(citation.document()) else {
            return format!("{} {}", citation.document(), citation.part());
        };
        let part = citation.part();
        let phrase = match document.sections.get(part) {
            Some(heading) => Some(format!("section \u{201c}{heading}\u{201d}")),
            None if part == WHOLE_DOCUMENT => None,
            None => Some(format!("{} {part}", document.numbering)),
        };
        self.reference(document, phrase)
    }

    /// A document as a reference, with the part cited (if not the whole) and, for a replaced
    /// document, what replaced it and when.
    fn reference(&self, document: &Document, part: Option<String>) -> String {
        let mut text = format!(
            "{} ({}, {})",
            document.title, document.publisher, document.edition
        );
        if let Some(part) = part {
            text.push_str(&format!(", {part}"));
        }
        if let Some(newer) = document.replaced_by.as_deref() {
            text.push_str(&match self.document(newer) {
                Some(newer) => format!(
                    "; replaced by {} ({}) in {}",
                    newer.title,
                    newer.publisher,
                    newer.year()
                ),
                None => format!("; replaced by {newer}"),
            });
        }
        text
    }
}
