//! Checks on the guidance catalogue itself: parse the three files, unique ids, principle
//! sources that cite documents and parts the catalogue has, and behaviours whose principles
//! exist and whose paragraphs are their regulators' own.

use std::collections::HashSet;
use std::ops::Range;

use crate::scenario::catalogue::DocumentKind;
use crate::scenario::library::GuidanceSources;
use crate::scenario::load::Parsed;
use crate::scenario::source::SourceFile;
use crate::scenario::spans::{SpanIndex, ValuePath};
use crate::scenario::{Catalogue, Citation};

use super::diagnostic::{Diagnostic, Label, Rule};
use super::rules::id_format::is_kebab;
use super::rules::{
    duplicate_id, id_format, missing_citation, replaced_citation, unknown_document,
    unknown_paragraph, unknown_principle,
};
use super::suggest::did_you_mean;

/// A catalogue file with where its values stand, to point diagnostics into it.
struct CatalogueFile<'a> {
    source: &'a SourceFile,
    spans: &'a SpanIndex,
}

impl<'a> CatalogueFile<'a> {
    /// The file, once what was read past in it is added to `found`.
    fn read<T>(source: &'a SourceFile, parsed: &'a Parsed<T>, found: &mut Vec<Diagnostic>) -> Self {
        found.extend(super::accepted(source, &parsed.curly_strings));
        CatalogueFile {
            source,
            spans: &parsed.spans,
        }
    }

    /// A diagnostic over `range` of the file (its start when unknown).
    fn report(&self, rule: &Rule, range: Option<Range<usize>>, message: String) -> Diagnostic {
        let label = Label::from_bytes(self.source, range.unwrap_or(0..0));
        Diagnostic::new(rule, &self.source.path, message).at(label)
    }

    /// A diagnostic at the value at `path`.
    fn at(&self, rule: &Rule, path: &ValuePath, message: String) -> Diagnostic {
        self.report(rule, self.spans.value(path), message)
    }

    /// Each id of the list `list` used a second time.
    fn repeats<'i>(
        &self,
        list: &str,
        what: &str,
        ids: impl Iterator<Item = &'i str>,
        found: &mut Vec<Diagnostic>,
    ) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                let path = ValuePath::root().field(list).index(i).field("id");
                let message = format!("{what} id `{id}` is used twice");
                found.push(self.at(&duplicate_id::RULE, &path, message));
            }
        }
    }

    /// A citation at `cite`: an unknown document, a part the catalogue does not list and, when it
    /// is listed under a regulator, another publisher's document or a replaced one.
    fn check_citation(
        &self,
        catalogue: &Catalogue,
        cite: &ValuePath,
        citation: &Citation,
        regulator: Option<&str>,
        found: &mut Vec<Diagnostic>,
    ) {
        let document_path = cite.index(0);
        match (catalogue.document(citation.document()), regulator) {
            (None, _) => {
                let mut unknown = self.at(
                    &unknown_document::RULE,
                    &document_path,
                    format!("unknown document `{}`", citation.document()),
                );
                let ids = catalogue.documents.iter().map(|d| d.id.as_str());
                unknown.help = did_you_mean(citation.document(), ids);
                found.push(unknown);
            }
            (Some(document), Some(regulator)) if document.publisher != regulator => found.push(
                self.at(
                    &unknown_document::RULE,
                    &document_path,
                    format!(
                        "`{}` is published by {}, not {regulator}",
                        document.id, document.publisher
                    ),
                )
                .with_help(format!(
                    "list it under `\"{}\"`, or cite a {regulator} document here",
                    document.publisher
                )),
            ),
            (Some(document), _) if !document.has_part(citation.part()) => found.push(self.at(
                &unknown_paragraph::RULE,
                &cite.index(1),
                format!(
                    "`{}` has no paragraph or section `{}` in the catalogue",
                    document.id,
                    citation.part()
                ),
            )),
            (Some(document), Some(_)) => {
                if let Some(newer) = &document.replaced_by {
                    found.push(
                        self.at(
                            &replaced_citation::RULE,
                            &document_path,
                            format!(
                                "`{}` ({} {}) has been replaced by `{newer}`",
                                document.id, document.publisher, document.edition
                            ),
                        )
                        .with_help(format!(
                            "list the paragraph of `{newer}` that says the same"
                        )),
                    );
                }
            }
            (Some(_), None) => {}
        }
    }
}

/// The catalogue, if both files parsed, and every problem found in it.
pub fn check_guidance(sources: &GuidanceSources) -> (Option<Catalogue>, Vec<Diagnostic>) {
    let parsed = match sources.parse() {
        Ok(parsed) => parsed,
        Err((file, error)) => {
            let mut read = super::accepted(file, &[]);
            read.push(super::syntax_error(file, error));
            return (None, read);
        }
    };
    let catalogue = parsed.catalogue();
    let mut found = Vec::new();
    let docs = CatalogueFile::read(&sources.documents, &parsed.documents, &mut found);
    let principles = CatalogueFile::read(&sources.principles, &parsed.principles, &mut found);
    let behaviours = CatalogueFile::read(&sources.behaviours, &parsed.behaviours, &mut found);
    let ids = catalogue.documents.iter().map(|d| d.id.as_str());
    docs.repeats("documents", "document", ids, &mut found);
    // A heading says what a listed paragraph is about: one for any other number would let a
    // search find a paragraph nobody checked.
    for (i, document) in catalogue.documents.iter().enumerate() {
        for part in document.headings.keys() {
            if !document.paragraphs.contains(part) {
                let key = ValuePath::root()
                    .field("documents")
                    .index(i)
                    .field("headings")
                    .key(part);
                found.push(
                    docs.report(
                        &unknown_paragraph::RULE,
                        docs.spans.name(&key),
                        format!("`{}` has a heading for `{part}`, which it does not list", document.id),
                    )
                    .with_help("add the number to `paragraphs` once it is checked against the published text, or remove the heading"),
                );
            }
        }
    }
    let ids = catalogue.principles.iter().map(|p| p.id.as_str());
    principles.repeats("principles", "principle", ids, &mut found);
    for (i, principle) in catalogue.principles.iter().enumerate() {
        let path = ValuePath::root().field("principles").index(i);
        if principle.sources.is_empty() {
            let message = format!("principle `{}` cites no guidance", principle.id);
            found.push(principles.at(&missing_citation::RULE, &path.field("sources"), message));
        }
        for (j, source) in principle.sources.iter().enumerate() {
            let cite = path.field("sources").index(j).field("cite");
            principles.check_citation(&catalogue, &cite, &source.cite, None, &mut found);
        }
    }
    let ids = catalogue.behaviours.iter().map(|b| b.id.as_str());
    behaviours.repeats("behaviours", "behaviour", ids, &mut found);
    check_behaviours(&catalogue, &behaviours, &mut found);
    (Some(catalogue), found)
}

/// Behaviours: kebab-case ids, known principles, and under each regulator only paragraphs of
/// that regulator's own documents that the catalogue lists, since `check` asks options to cite
/// them for that regulator's registrants.
fn check_behaviours(catalogue: &Catalogue, file: &CatalogueFile<'_>, found: &mut Vec<Diagnostic>) {
    let mut regulators: Vec<&str> = catalogue
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Regulator)
        .map(|d| d.publisher.as_str())
        .collect();
    regulators.sort_unstable();
    regulators.dedup();
    for (i, behaviour) in catalogue.behaviours.iter().enumerate() {
        let path = ValuePath::root().field("behaviours").index(i);
        if !is_kebab(&behaviour.id) {
            found.push(
                file.at(
                    &id_format::RULE,
                    &path.field("id"),
                    format!("behaviour id `{}` is not kebab-case ASCII", behaviour.id),
                )
                .with_help(
                    "use lowercase ASCII letters, digits and single hyphens, as options name it",
                ),
            );
        }
        for (j, principle) in behaviour.principles.iter().enumerate() {
            if catalogue.principle(principle).is_none() {
                let mut unknown = file.at(
                    &unknown_principle::RULE,
                    &path.field("principles").index(j),
                    format!("unknown principle `{principle}`"),
                );
                let ids = catalogue.principles.iter().map(|p| p.id.as_str());
                unknown.help = did_you_mean(principle, ids);
                found.push(unknown);
            }
        }
        for (regulator, citations) in &behaviour.cite {
            let regulator = regulator.as_str();
            let key = path.field("cite").key(regulator);
            if !regulators.contains(&regulator) {
                found.push(
                    file.report(
                        &unknown_document::RULE,
                        file.spans.name(&key),
                        format!("`{regulator}` publishes no regulator document in the catalogue"),
                    )
                    .with_help(format!(
                        "key paragraphs by a regulator: {}",
                        regulators.join(", ")
                    )),
                );
                continue;
            }
            if citations.is_empty() {
                found.push(
                    file.at(
                        &missing_citation::RULE,
                        &key,
                        format!(
                            "behaviour `{}` lists no {regulator} paragraphs",
                            behaviour.id
                        ),
                    )
                    .with_help(format!(
                        "leave `{regulator}` out of `cite` when none of its paragraphs governs the behaviour"
                    )),
                );
            }
            for (k, citation) in citations.iter().enumerate() {
                let cite = key.index(k);
                file.check_citation(catalogue, &cite, citation, Some(regulator), found);
            }
        }
    }
}
