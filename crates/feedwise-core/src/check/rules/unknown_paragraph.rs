//! `unknown-paragraph`: a citation's paragraph or section must be one the catalogue lists for
//! that document, so that nothing cites a paragraph that was never checked.
use super::prelude::*;
use crate::check::suggest;
use crate::scenario::catalogue::Document;

pub const RULE: Rule = Rule {
    code: "unknown-paragraph",
    severity: Severity::Error,
    summary: "a citation names a paragraph or section the catalogue does not list for its document",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, option) in walk::outcomes(cx.scenario) {
        for (i, citation) in option.cite.iter().enumerate() {
            let Some(document) = cx.catalogue.document(citation.document()) else {
                continue;
            };
            let part = citation.part();
            if !document.has_part(part) {
                let at = path.field("cite").index(i).index(1);
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&at),
                        format!(
                            "`{}` has no paragraph or section `{part}` in the catalogue",
                            document.id
                        ),
                    )
                    .with_help(help(
                        document,
                        &format!("{} {}", option.text, option.feedback),
                    )),
                );
            }
        }
    }
}

/// Parts listed at most when none is about the option's words.
const LISTED: usize = 8;

/// The parts about what the option says and does, by meaning; else what the document lists.
fn help(document: &Document, claim: &str) -> String {
    let headed: Vec<(&str, &str)> = document
        .part_ids()
        .filter_map(|p| Some((p, document.about(p)?)))
        .collect();
    let shown = |parts: &[(&str, &str)]| {
        parts
            .iter()
            .map(|(part, about)| format!("`{part}` ({about})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let whole = format!(
        "or cite the whole document: (\"{}\", \"whole\")",
        document.id
    );
    let about = suggest::parts_about(claim, headed.iter().copied(), 3);
    if !about.is_empty() {
        return format!(
            "parts of `{}` about what this option says: {}; {whole}",
            document.id,
            shown(&about)
        );
    }
    if headed.is_empty() {
        return format!("`{}` has no numbered parts to cite; {whole}", document.id);
    }
    let more = headed.len().saturating_sub(LISTED);
    let tail = if more > 0 {
        format!(
            " and {more} more (`feedwise guidance --search {}` lists them)",
            document.id
        )
    } else {
        String::new()
    };
    format!(
        "`{}` lists {}{tail}; {whole}",
        document.id,
        shown(&headed[..headed.len().min(LISTED)])
    )
}
