//! What the server answers: diagnostics, definitions, references, completion and hover.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionTextEdit, DiagnosticSeverity,
    Documentation, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams,
    Location, MarkupContent, MarkupKind, NumberOrString, Range, ReferenceParams,
    TextDocumentPositionParams, TextEdit, Uri,
};

use feedwise_core::check::{
    Diagnostic, FileResult, Severity, check_guarded, check_source, keep_first, plan, rules,
};
use feedwise_core::scenario::catalogue::Behaviour;
use feedwise_core::scenario::library::{GUIDANCE_DIR, GUIDANCE_FILES, guidance_folder_above};
use feedwise_core::scenario::source::{MAX_FILE_BYTES, SourceFile};
use feedwise_core::scenario::{Catalogue, Citation};

use super::symbols::{self, Kind, Occurrence, Slot};
use super::{Document, Server};

/// `feedwise check`'s diagnostics for a document's text, as the editor places them.
/// A session plan (a file in a `sessions/` folder) is checked as `check` checks plans, against
/// the scenarios beside its folder; a file of the guidance catalogue gets none (it is not a
/// scenario, and `check` checks it as a whole catalogue).
pub fn diagnostics(document: &Document, catalogue: &Catalogue) -> Vec<lsp_types::Diagnostic> {
    let source = SourceFile::new(&document.path, document.text.as_str());
    if GUIDANCE_FILES
        .iter()
        .any(|file| document.path.ends_with(format!("{GUIDANCE_DIR}/{file}")))
    {
        return Vec::new();
    }
    // The limit `check` puts on files, so that a huge buffer costs no more here than there.
    if document.text.len() as u64 > MAX_FILE_BYTES {
        let found = Diagnostic::new(
            &rules::file_too_large::RULE,
            &document.path,
            format!(
                "the file is {:.1} MiB but scenario files may be at most {} MiB",
                document.text.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        );
        return vec![to_lsp(&found, document)];
    }
    let result = check_guarded(&document.path, || {
        let (scenario, diagnostics) = if plan::is_plan_file(&document.path) {
            let scenarios = plan::library_beside(&document.path);
            let known = plan::known(&scenarios.iter().collect::<Vec<_>>());
            (None, plan::check_plan(&source, &known).1)
        } else {
            check_source(&source, catalogue)
        };
        FileResult {
            path: document.path.clone(),
            diagnostics,
            scenario,
            ..FileResult::default()
        }
    });
    // As many as `check` shows, then one saying how many more there are.
    keep_first(result.diagnostics)
        .0
        .iter()
        .map(|found| to_lsp(found, document))
        .collect()
}

/// One diagnostic in LSP terms: its rule's code, source `feedwise`, help and note after the
/// message.
pub fn to_lsp(found: &Diagnostic, document: &Document) -> lsp_types::Diagnostic {
    let range = found.label.as_ref().map_or_else(Range::default, |label| {
        Range::new(
            document.index.from_location(&document.text, label.start),
            document.index.from_location(&document.text, label.end),
        )
    });
    let message = std::iter::once(found.message.clone())
        .chain(found.help.iter().map(|help| format!("help: {help}")))
        .chain(found.note.iter().map(|note| format!("note: {note}")))
        .collect::<Vec<_>>()
        .join("\n");
    lsp_types::Diagnostic {
        range,
        severity: Some(match found.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(found.code.to_owned())),
        source: Some("feedwise".to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// The document and byte offset a request points at.
fn locate<'s>(
    server: &'s Server,
    at: &TextDocumentPositionParams,
) -> Option<(&'s Document, usize)> {
    let document = server.documents.get(&at.text_document.uri)?;
    let offset = document.index.offset(&document.text, at.position);
    Some((document, offset))
}

fn location(uri: &Uri, document: &Document, occurrence: &Occurrence) -> Location {
    Location::new(uri.clone(), document.range(occurrence.inner.clone()))
}

/// Where the id under the cursor is defined: a beat's or ending's `id`, a persona's, a post's,
/// a decision's, an option's (in the same decision), or every `set` of a flag.
pub fn definition(
    server: &Server,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = &params.text_document_position_params;
    let (document, offset) = locate(server, at)?;
    let occurrence = document.symbols.at(offset)?;
    if matches!(
        occurrence.slot.kind,
        Kind::Principle | Kind::Behaviour | Kind::Document
    ) {
        return catalogue_definition(document, occurrence).map(GotoDefinitionResponse::Scalar);
    }
    let found: Vec<Location> = document
        .symbols
        .definitions(occurrence)
        .map(|o| location(&at.text_document.uri, document, o))
        .collect();
    (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
}

/// A principle's, behaviour's or document's `id` in the guidance catalogue's files, when the scenario is
/// in a folder that has them (`assets/guidance/` in this folder or one above it, as in this
/// repository); the built-in copy has no file to go to.
fn catalogue_definition(document: &Document, occurrence: &Occurrence) -> Option<Location> {
    let file = match occurrence.slot.kind {
        Kind::Principle => "principles.ron",
        Kind::Behaviour => "behaviours.ron",
        _ => "documents.ron",
    };
    let path = guidance_folder_above(&document.path)?.join(file);
    let text = std::fs::read_to_string(&path).ok()?;
    let id = format!("\"{}\"", occurrence.value);
    let at = text
        .match_indices(&id)
        .map(|(at, _)| at)
        .find(|&at| text[..at].trim_end().ends_with("id:"))?
        + 1;
    let index = super::position::LineIndex::new(&text);
    let range = index.range(&text, at..at + occurrence.value.len());
    Some(Location::new(super::file_uri(&path)?, range))
}

/// Every place the id under the cursor is written, its definition when asked for.
pub fn references(server: &Server, params: &ReferenceParams) -> Option<Vec<Location>> {
    let at = &params.text_document_position;
    let (document, offset) = locate(server, at)?;
    let occurrence = document.symbols.at(offset)?;
    let include = params.context.include_declaration;
    Some(
        document
            .symbols
            .references(occurrence)
            .filter(|o| include || !o.slot.definition)
            .map(|o| location(&at.text_document.uri, document, o))
            .collect(),
    )
}

/// Ids that fit where the cursor is: principles as `effects` keys and in `focus`, behaviours
/// in `behaviours`, documents
/// and their paragraphs in `cite`, personas in `by`/`from`/`to`, beats and endings in
/// `next`/`to`/`start`, posts, flags in conditions, options in a decision's key.
pub fn completion(server: &Server, params: &CompletionParams) -> Option<Vec<CompletionItem>> {
    let at = &params.text_document_position;
    let (document, offset) = locate(server, at)?;
    let before = symbols::scan(&document.text[..offset]);
    let (replace, slot) = match before.open_string {
        // Inside a string: replace its text up to the closing quote on the same line.
        Some((start, slot)) => {
            let rest = &document.text[offset..];
            let end = rest
                .find(['"', '\n'])
                .filter(|&i| rest.as_bytes()[i] == b'"')
                .unwrap_or(0);
            (Some(document.range(start + 1..offset + end)), slot?)
        }
        None => (None, before.at_end?),
    };
    let mut items = candidates(server, document, &slot);
    for item in &mut items {
        match replace {
            Some(range) => {
                let edit = TextEdit::new(range, item.label.clone());
                item.text_edit = Some(CompletionTextEdit::Edit(edit));
            }
            None => item.insert_text = Some(format!("\"{}\"", item.label)),
        }
    }
    Some(items)
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: String,
    doc: Option<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail),
        documentation: doc.map(Documentation::String),
        ..CompletionItem::default()
    }
}

fn candidates(server: &Server, document: &Document, slot: &Slot) -> Vec<CompletionItem> {
    let catalogue = &*server.catalogue_for(&document.path);
    match slot.kind {
        Kind::Principle => catalogue
            .principles
            .iter()
            .map(|p| {
                item(
                    &p.id,
                    CompletionItemKind::ENUM_MEMBER,
                    p.title.clone(),
                    Some(p.summary.clone()),
                )
            })
            .collect(),
        Kind::Behaviour => catalogue
            .behaviours
            .iter()
            .map(|b| {
                item(
                    &b.id,
                    CompletionItemKind::ENUM_MEMBER,
                    grade_words(b),
                    Some(b.summary.clone()),
                )
            })
            .collect(),
        Kind::Document => catalogue
            .documents
            .iter()
            .map(|d| {
                item(
                    &d.id,
                    CompletionItemKind::MODULE,
                    format!("{} ({}, {})", d.title, d.publisher, d.edition),
                    None,
                )
            })
            .collect(),
        Kind::Paragraph => slot
            .document
            .as_deref()
            .and_then(|id| catalogue.document(id))
            .map(|d| {
                d.part_ids()
                    .map(|part| {
                        let citation = Citation(d.id.clone(), part.to_owned());
                        item(
                            part,
                            CompletionItemKind::REFERENCE,
                            catalogue.describe(&citation),
                            d.about(part).map(str::to_owned),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        kind => {
            // Ids defined in the document itself (the whole text, not only before the cursor).
            document
                .symbols
                .defined(kind, slot.scope)
                .into_iter()
                .map(|o| {
                    let what = o.slot.what.unwrap_or(kind.word());
                    let kind = match kind {
                        Kind::Persona => CompletionItemKind::CLASS,
                        Kind::Flag => CompletionItemKind::CONSTANT,
                        _ => CompletionItemKind::REFERENCE,
                    };
                    item(&o.value, kind, what.to_owned(), None)
                })
                .collect()
        }
    }
}

/// A behaviour's grade as options must carry it: "Breach, critical".
fn grade_words(behaviour: &Behaviour) -> String {
    if behaviour.critical {
        format!("{}, critical", behaviour.grade.word())
    } else {
        behaviour.grade.word().to_owned()
    }
}

/// A principle's title, summary and sources, a behaviour's summary, grade and paragraphs, or
/// a citation's reference, from the catalogue.
pub fn hover(server: &Server, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let (document, offset) = locate(server, at)?;
    let occurrence = document.symbols.at(offset)?;
    let catalogue = &*server.catalogue_for(&document.path);
    let text = match occurrence.slot.kind {
        Kind::Principle => {
            let principle = catalogue.principle(&occurrence.value)?;
            let mut text = format!(
                "**{}** (`{}`)\n\n{}",
                principle.title, principle.id, principle.summary
            );
            if !principle.sources.is_empty() {
                text.push_str("\n\nFrom:");
                for source in &principle.sources {
                    text.push_str(&format!(
                        "\n- {} ({:?})",
                        catalogue.describe(&source.cite),
                        source.strength
                    ));
                }
            }
            text
        }
        Kind::Behaviour => {
            let behaviour = catalogue.behaviour(&occurrence.value)?;
            let mut text = format!(
                "**{}** (`{}`)\n\n{}",
                grade_words(behaviour),
                behaviour.id,
                behaviour.summary
            );
            if !behaviour.principles.is_empty() {
                text.push_str(&format!(
                    "\n\nPrinciples: {}",
                    behaviour.principles.join(", ")
                ));
            }
            for (regulator, citations) in &behaviour.cite {
                text.push_str(&format!("\n\n{regulator}:"));
                for line in catalogue.describe_all(citations) {
                    text.push_str(&format!("\n- {line}"));
                }
            }
            text
        }
        Kind::Document => {
            let document = catalogue.document(&occurrence.value)?;
            let parts: Vec<String> = document
                .part_ids()
                .filter_map(|part| Some(format!("- `{part}` {}", document.about(part)?)))
                .collect();
            let mut text = format!(
                "**{}** ({}, {})",
                document.title, document.publisher, document.edition
            );
            if !parts.is_empty() {
                text.push_str("\n\nParts that may be cited:\n");
                text.push_str(&parts.join("\n"));
            }
            text
        }
        Kind::Paragraph => {
            let id = occurrence.slot.document.as_deref()?;
            let cited = catalogue.document(id)?;
            if !cited.has_part(&occurrence.value) {
                return None;
            }
            let citation = Citation(id.to_owned(), occurrence.value.clone());
            let mut text = catalogue.describe(&citation);
            if let Some(about) = cited.about(&occurrence.value) {
                text.push_str(&format!("\n\n*About:* {about}"));
            }
            let principles: Vec<String> = catalogue
                .principles
                .iter()
                .filter(|p| p.sources.iter().any(|s| s.cite == citation))
                .map(|p| format!("**{}**: {}", p.title, p.summary))
                .collect();
            if !principles.is_empty() {
                text.push_str("\n\nPrinciples drawn from it:\n\n");
                text.push_str(&principles.join("\n\n"));
            }
            text
        }
        _ => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(document.range(occurrence.inner.clone())),
    })
}
