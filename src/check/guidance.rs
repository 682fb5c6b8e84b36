//! Checks on the guidance catalogue itself: parse both files, unique ids, and principle
//! sources that cite documents and parts the catalogue has.

use std::collections::HashMap;

use crate::scenario::Catalogue;
use crate::scenario::library::GuidanceSources;
use crate::scenario::source::SourceFile;
use crate::scenario::spans::{SpanIndex, ValuePath};

use super::diagnostic::{Diagnostic, Label, Rule};
use super::rules::{duplicate_id, missing_citation, syntax, unknown_document, unknown_paragraph};
use super::suggest::did_you_mean;

/// The catalogue, if both files parsed, and every problem found in it.
pub fn check_guidance(sources: &GuidanceSources) -> (Option<Catalogue>, Vec<Diagnostic>) {
    let parsed = match sources.parse() {
        Ok(parsed) => parsed,
        Err((file, error)) => {
            let found = Diagnostic::new(&syntax::RULE, &file.path, error.message)
                .at(Label::from_locations(file, error.start, error.end));
            return (None, vec![found]);
        }
    };
    let catalogue = parsed.catalogue();
    let mut found = Vec::new();
    let docs = &sources.documents;
    let principles = &sources.principles;
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
    (Some(catalogue), found)
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
