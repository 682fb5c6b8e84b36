//! The guidance catalogue as an author browses it: the principles options are scored on, and
//! the documents with every part that may be cited and what each is about, or only what
//! matches some words. `feedwise guidance`, the app's guidance list (author mode) and the
//! language server's hover read the same list, so an author with only the installed app can
//! see every valid id.

use super::Catalogue;
use super::catalogue::{Document, DocumentKind, Principle, WHOLE_DOCUMENT};

/// A principle that matched, with its sources as `DOC part`.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleEntry<'c> {
    pub principle: &'c Principle,
    pub sources: Vec<String>,
}

/// A document that matched, with the parts that did (all of them when the document itself
/// matched): each part's id and what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentEntry<'c> {
    pub document: &'c Document,
    pub parts: Vec<(&'c str, Option<&'c str>)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing<'c> {
    pub principles: Vec<PrincipleEntry<'c>>,
    pub documents: Vec<DocumentEntry<'c>>,
}

impl Listing<'_> {
    pub fn is_empty(&self) -> bool {
        self.principles.is_empty() && self.documents.is_empty()
    }
}

/// Words a clinician searches with that the guidance words differently.
const SAME_MEANING: &[&[&str]] = &[
    &["privacy", "private", "confidential"],
    &["bullying", "harassment", "abuse"],
    &["advert", "promot", "endorse", "sponsor"],
    &["gift", "incentive", "hospitality"],
    &["honest", "candour", "truth"],
    &["anonym", "traced", "identify yourself"],
];

/// Whether `text` (in lower case) says `word` or one of its kin.
fn says(text: &str, word: &str) -> bool {
    let kin = SAME_MEANING.iter().find(|group| {
        group
            .iter()
            .any(|w| word.starts_with(w) || w.starts_with(word))
    });
    text.contains(word) || kin.is_some_and(|group| group.iter().any(|w| text.contains(w)))
}

/// Whether `text` says every one of `words` (in lower case), case ignored.
fn matches(text: &str, words: &[String]) -> bool {
    let text = text.to_lowercase();
    words.iter().all(|word| says(&text, word))
}

/// Everything in the catalogue, or what says every word of `search` (case ignored; a word
/// finds its kin: "privacy" finds "confidential").
pub fn browse<'c>(catalogue: &'c Catalogue, search: &str) -> Listing<'c> {
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let principles = catalogue
        .principles
        .iter()
        .filter(|p| matches(&format!("{} {} {}", p.id, p.title, p.summary), &words))
        .map(|principle| PrincipleEntry {
            principle,
            sources: principle
                .sources
                .iter()
                .map(|s| format!("{} {}", s.cite.document(), s.cite.part()))
                .collect(),
        })
        .collect();
    let documents = catalogue
        .documents
        .iter()
        .filter_map(|document| {
            let all = parts(document);
            let about_whole = format!("{} {} {}", document.id, document.title, document.publisher);
            let parts = if matches(&about_whole, &words) {
                all
            } else {
                all.into_iter()
                    .filter(|(part, about)| {
                        *part != WHOLE_DOCUMENT && about.is_some_and(|about| matches(about, &words))
                    })
                    .collect()
            };
            (!parts.is_empty()).then_some(DocumentEntry { document, parts })
        })
        .collect();
    Listing {
        principles,
        documents,
    }
}

/// Every part of a document that may be cited, in its order, the whole document last.
fn parts(document: &Document) -> Vec<(&str, Option<&str>)> {
    document
        .part_ids()
        .map(|part| {
            let about = match part {
                WHOLE_DOCUMENT => Some("the document as a whole"),
                _ => document.about(part),
            };
            (part, about)
        })
        .collect()
}

/// The listing as text: principles, then documents, each part on a line of its own.
pub fn to_text(listing: &Listing<'_>) -> String {
    let mut out = String::new();
    if !listing.principles.is_empty() {
        out.push_str("Principles (what options are scored on: `effects`, `focus`)\n");
        for entry in &listing.principles {
            let p = entry.principle;
            out.push_str(&format!("  {}  {}\n", p.id, p.title));
            out.push_str(&format!("      {}\n", p.summary));
            out.push_str(&format!("      cites: {}\n", entry.sources.join(", ")));
        }
    }
    if !listing.documents.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("Documents (what feedback cites: `cite: [(\"DOCUMENT\", \"PART\")]`)\n");
        for entry in &listing.documents {
            let d = entry.document;
            let kind = match d.kind {
                DocumentKind::Regulator => "regulator",
                _ => "advice",
            };
            let replaced = d
                .replaced_by
                .as_ref()
                .map(|by| format!("; replaced by {by}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {}  {} ({}, {}; {kind}{replaced})\n",
                d.id, d.title, d.publisher, d.edition
            ));
            let width = entry.parts.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
            for (part, about) in &entry.parts {
                out.push_str(&format!(
                    "      {part:<width$}  {}\n",
                    about.unwrap_or("(no heading)")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_keeps_what_says_every_word_and_its_kin() {
        let catalogue = Catalogue::embedded().unwrap();
        let everything = browse(&catalogue, "");
        assert_eq!(everything.principles.len(), catalogue.principles.len());
        assert_eq!(everything.documents.len(), catalogue.documents.len());

        let privacy = browse(&catalogue, "privacy");
        let publishers: Vec<&str> = privacy
            .documents
            .iter()
            .map(|d| d.document.publisher.as_str())
            .collect();
        for regulator in ["GMC", "HCPC"] {
            assert!(publishers.contains(&regulator), "{publishers:?}");
        }
        // Only the matching parts of a document that did not match as a whole.
        let sm24 = privacy
            .documents
            .iter()
            .find(|d| d.document.id == "SM24")
            .expect("SM24 speaks of privacy");
        assert!(sm24.parts.len() < 5 && !sm24.parts.is_empty());
        // A document named is listed whole.
        let nmc = browse(&catalogue, "nmc");
        assert!(
            nmc.documents
                .iter()
                .any(|d| d.document.id == "NMC" && d.parts.len() == d.document.part_ids().count())
        );
        assert!(browse(&catalogue, "zzzz qqqq").is_empty());
    }
}
