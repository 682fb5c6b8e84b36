//! Checks on the guidance catalogue itself: parse the three files, unique ids, principle
//! sources that cite documents and parts the catalogue has, and behaviours whose principles
//! exist and whose paragraphs are their regulators' own.

use std::collections::HashMap;

use crate::scenario::Catalogue;
use crate::scenario::catalogue::DocumentKind;
use crate::scenario::library::GuidanceSources;
use crate::scenario::source::SourceFile;
use crate::scenario::spans::{SpanIndex, ValuePath};

use super::diagnostic::{Diagnostic, Label, Rule};
use super::rules::id_format::is_kebab;
use super::rules::{
    duplicate_id, id_format, missing_citation, replaced_citation, unknown_document,
    unknown_paragraph, unknown_principle,
};
use super::suggest::did_you_mean;

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
    let docs = &sources.documents;
    let principles = &sources.principles;
    let mut found = super::accepted(docs, &parsed.documents.curly_strings);
    found.extend(super::accepted(
        principles,
        &parsed.principles.curly_strings,
    ));
    found.extend(super::accepted(
        &sources.behaviours,
        &parsed.behaviours.curly_strings,
    ));
    let doc_ids = catalogue
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (i, d.id.as_str()));
    repeats(
        docs,
        &parsed.documents.spans,
        "documents",
        "document",
        doc_ids,
        &mut found,
    );
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
                let name = parsed.documents.spans.name(&key).unwrap_or(0..0);
                found.push(
                    Diagnostic::new(
                        &unknown_paragraph::RULE,
                        &docs.path,
                        format!("`{}` has a heading for `{part}`, which it does not list", document.id),
                    )
                    .at(Label::from_bytes(docs, name))
                    .with_help("add the number to `paragraphs` once it is checked against the published text, or remove the heading"),
                );
            }
        }
    }
    let principle_ids = catalogue
        .principles
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.id.as_str()));
    repeats(
        principles,
        &parsed.principles.spans,
        "principles",
        "principle",
        principle_ids,
        &mut found,
    );

    let spans = &parsed.principles.spans;
    let at = |path: &ValuePath| Label::from_bytes(principles, spans.value(path).unwrap_or(0..0));
    for (i, principle) in catalogue.principles.iter().enumerate() {
        let path = ValuePath::root().field("principles").index(i);
        if principle.sources.is_empty() {
            found.push(
                Diagnostic::new(
                    &missing_citation::RULE,
                    &principles.path,
                    format!("principle `{}` cites no guidance", principle.id),
                )
                .at(at(&path.field("sources"))),
            );
        }
        for (j, source) in principle.sources.iter().enumerate() {
            let cite = path.field("sources").index(j).field("cite");
            match catalogue.document(source.cite.document()) {
                None => {
                    let mut problem = Diagnostic::new(
                        &unknown_document::RULE,
                        &principles.path,
                        format!("unknown document `{}`", source.cite.document()),
                    )
                    .at(at(&cite.index(0)));
                    if let Some(help) = did_you_mean(
                        source.cite.document(),
                        catalogue.documents.iter().map(|d| d.id.as_str()),
                    ) {
                        problem = problem.with_help(help);
                    }
                    found.push(problem);
                }
                Some(document) if !document.has_part(source.cite.part()) => found.push(
                    Diagnostic::new(
                        &unknown_paragraph::RULE,
                        &principles.path,
                        format!(
                            "`{}` has no paragraph or section `{}` in the catalogue",
                            document.id,
                            source.cite.part()
                        ),
                    )
                    .at(at(&cite.index(1))),
                ),
                Some(_) => {}
            }
        }
    }
    let behaviour_ids = catalogue
        .behaviours
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.id.as_str()));
    repeats(
        &sources.behaviours,
        &parsed.behaviours.spans,
        "behaviours",
        "behaviour",
        behaviour_ids,
        &mut found,
    );
    check_behaviours(
        &catalogue,
        &sources.behaviours,
        &parsed.behaviours.spans,
        &mut found,
    );
    (Some(catalogue), found)
}

/// Behaviours: kebab-case ids, known principles, and under each regulator only paragraphs of
/// that regulator's own documents that the catalogue lists, since `check` asks options to cite
/// them for that regulator's registrants.
fn check_behaviours(
    catalogue: &Catalogue,
    file: &SourceFile,
    spans: &SpanIndex,
    found: &mut Vec<Diagnostic>,
) {
    let at = |path: &ValuePath| Label::from_bytes(file, spans.value(path).unwrap_or(0..0));
    let mut regulators: Vec<&str> = catalogue
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Regulator)
        .map(|d| d.publisher.as_str())
        .collect();
    regulators.sort_unstable();
    regulators.dedup();
    let problem =
        |rule, message: String, label: Label| Diagnostic::new(rule, &file.path, message).at(label);
    for (i, behaviour) in catalogue.behaviours.iter().enumerate() {
        let path = ValuePath::root().field("behaviours").index(i);
        if !is_kebab(&behaviour.id) {
            found.push(
                problem(
                    &id_format::RULE,
                    format!("behaviour id `{}` is not kebab-case ASCII", behaviour.id),
                    at(&path.field("id")),
                )
                .with_help(
                    "use lowercase ASCII letters, digits and single hyphens, as options name it",
                ),
            );
        }
        for (j, principle) in behaviour.principles.iter().enumerate() {
            if catalogue.principle(principle).is_none() {
                let mut unknown = problem(
                    &unknown_principle::RULE,
                    format!("unknown principle `{principle}`"),
                    at(&path.field("principles").index(j)),
                );
                if let Some(help) = did_you_mean(
                    principle,
                    catalogue.principles.iter().map(|p| p.id.as_str()),
                ) {
                    unknown = unknown.with_help(help);
                }
                found.push(unknown);
            }
        }
        for (regulator, citations) in &behaviour.cite {
            let key = path.field("cite").key(regulator);
            if !regulators.contains(&regulator.as_str()) {
                let name = Label::from_bytes(file, spans.name(&key).unwrap_or(0..0));
                found.push(
                    problem(
                        &unknown_document::RULE,
                        format!("`{regulator}` publishes no regulator document in the catalogue"),
                        name,
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
                    problem(
                        &missing_citation::RULE,
                        format!(
                            "behaviour `{}` lists no {regulator} paragraphs",
                            behaviour.id
                        ),
                        at(&key),
                    )
                    .with_help(format!(
                        "leave `{regulator}` out of `cite` when none of its paragraphs governs the behaviour"
                    )),
                );
            }
            for (k, citation) in citations.iter().enumerate() {
                let cite = key.index(k);
                match catalogue.document(citation.document()) {
                    None => {
                        let mut unknown = problem(
                            &unknown_document::RULE,
                            format!("unknown document `{}`", citation.document()),
                            at(&cite.index(0)),
                        );
                        if let Some(help) = did_you_mean(
                            citation.document(),
                            catalogue.documents.iter().map(|d| d.id.as_str()),
                        ) {
                            unknown = unknown.with_help(help);
                        }
                        found.push(unknown);
                    }
                    Some(document) if document.publisher != *regulator => found.push(
                        problem(
                            &unknown_document::RULE,
                            format!(
                                "`{}` is published by {}, not {regulator}",
                                document.id, document.publisher
                            ),
                            at(&cite.index(0)),
                        )
                        .with_help(format!(
                            "list it under `\"{}\"`, or cite a {regulator} document here",
                            document.publisher
                        )),
                    ),
                    Some(document) if !document.has_part(citation.part()) => found.push(problem(
                        &unknown_paragraph::RULE,
                        format!(
                            "`{}` has no paragraph or section `{}` in the catalogue",
                            document.id,
                            citation.part()
                        ),
                        at(&cite.index(1)),
                    )),
                    Some(document) => {
                        if let Some(newer) = &document.replaced_by {
                            found.push(
                                problem(
                                    &replaced_citation::RULE,
                                    format!(
                                        "`{}` ({} {}) has been replaced by `{newer}`",
                                        document.id, document.publisher, document.edition
                                    ),
                                    at(&cite.index(0)),
                                )
                                .with_help(format!(
                                    "list the paragraph of `{newer}` that says the same"
                                )),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn repeats<'a>(
    source: &SourceFile,
    spans: &SpanIndex,
    list: &str,
    what: &str,
    ids: impl Iterator<Item = (usize, &'a str)>,
    found: &mut Vec<Diagnostic>,
) {
    let rule: &Rule = &duplicate_id::RULE;
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids {
        if first.insert(id, i).is_some() {
            let path = ValuePath::root().field(list).index(i).field("id");
            found.push(
                Diagnostic::new(
                    rule,
                    &source.path,
                    format!("{what} id `{id}` is used twice"),
                )
                .at(Label::from_bytes(
                    source,
                    spans.value(&path).unwrap_or(0..0),
                )),
            );
        }
    }
}
