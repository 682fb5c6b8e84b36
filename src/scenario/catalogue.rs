//! The guidance catalogue: the principles that are scored and the documents they come from.
//!
//! It lives in `assets/guidance/` as two RON files so that an edition change is a data change.
//! A copy is compiled into the binary so that the tools work from any folder.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::Citation;

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

/// Both lists together, as the checker and engine use them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalogue {
    pub documents: Vec<Document>,
    pub principles: Vec<Principle>,
}

impl Catalogue {
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|principle| principle.id == id)
    }

    /// Citations as a reference list: numbered paragraphs of one document are joined into one
    /// reference ("paragraphs 6 and 20.10"), so a trainee reads each document once.
    pub fn describe_all(&self, citations: &[Citation]) -> Vec<String> {
        let mut listed: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut described = Vec::new();
        for citation in citations {
            let numbered = self
                .document(citation.document())
                .is_some_and(|d| d.paragraphs.iter().any(|p| p == citation.part()));
            if !numbered {
                described.push((citation.document(), self.describe(citation)));
                continue;
            }
            match listed.iter_mut().find(|(d, _)| *d == citation.document()) {
                Some((_, parts)) => parts.push(citation.part()),
                None => {
                    listed.push((citation.document(), vec![citation.part()]));
                    described.push((citation.document(), String::new()));
                }
            }
        }
        // Fill each document's placeholder with its joined paragraphs, in citation order.
        described
            .into_iter()
            .map(|(document, text)| {
                if !text.is_empty() {
                    return text;
                }
                let parts = &listed.iter().find(|(d, _)| *d == document).unwrap().1;
                let first = self.describe(&Citation(document.to_owned(), parts[0].to_owned()));
                if parts.len() == 1 {
                    return first;
                }
                let word = &self.document(document).unwrap().numbering;
                let (last, rest) = parts.split_last().unwrap();
                first.replacen(
                    &format!(", {word} {}", parts[0]),
                    &format!(", {word}s {} and {last}", rest.join(", ")),
                    1,
                )
            })
            .collect()
    }

    /// A citation as a clinician writes a reference: document (publisher, year), then the
    /// paragraph or section heading; a replaced document says what replaced it and when.
    /// e.g. "Using social media as a medical professional (GMC, 2024), paragraph 18".
    pub fn describe(&self, citation: &Citation) -> String {
        let Some(document) = self.document(citation.document()) else {
            return format!("{} {}", citation.document(), citation.part());
        };
        let mut text = format!(
            "{} ({}, {})",
            document.title, document.publisher, document.edition
        );
        let part = citation.part();
        if let Some(heading) = document.sections.get(part) {
            text.push_str(&format!(", section \u{201c}{heading}\u{201d}"));
        } else if part != WHOLE_DOCUMENT {
            text.push_str(&format!(", {} {part}", document.numbering));
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
