//! The guidance catalogue: the principles that are scored and the documents they come from.
//!
//! It lives in `assets/guidance/` as two RON files so that an edition change is a data change.
//! A copy is compiled into the binary so that the tools work from any folder.

use serde::{Deserialize, Serialize};

use super::model::Citation;

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
    /// Paragraph numbers and section names that may be cited.
    pub parts: Vec<String>,
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

    /// Human form of a citation, e.g. "Using social media as a medical professional (GMC, 2024), 18".
    pub fn describe(&self, citation: &Citation) -> String {
        match self.document(citation.document()) {
            Some(document) => format!(
                "{} ({}, {}), {}",
                document.title,
                document.publisher,
                document.edition,
                citation.part()
            ),
            None => format!("{} {}", citation.document(), citation.part()),
        }
    }
}
