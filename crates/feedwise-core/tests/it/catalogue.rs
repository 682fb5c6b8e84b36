//! The guidance catalogue as trainees read it: every citation written out as a reference.

use crate::common::{catalogue, scenario, shipped_scenarios};
use feedwise_core::check::walk::outcomes;
use feedwise_core::scenario::Citation;

fn describe(document: &str, part: &str) -> String {
    catalogue().describe(&Citation(document.into(), part.into()))
}

#[test]
fn a_numbered_paragraph_reads_as_document_publisher_year_and_paragraph() {
    assert_eq!(
        describe("SM24", "18"),
        "Using social media as a medical professional (GMC, 2024), paragraph 18"
    );
    assert_eq!(
        describe("HCPC", "9.2"),
        "Standards of conduct, performance and ethics (HCPC, 2024), standard 9.2"
    );
    assert!(describe("CAP", "15.6.3").ends_with(", rule 15.6.3"));
}

#[test]
fn a_section_reads_as_its_heading_and_a_whole_document_as_its_title() {
    assert_eq!(
        describe("RCGP", "principle-3"),
        "Social Media Highway Code (RCGP, 2013), section \u{201c}Principle 3\u{201d}"
    );
    assert_eq!(
        describe("NMC-SM", "whole"),
        "Guidance on using social media responsibly (NMC, 2019)"
    );
}

#[test]
fn a_replaced_document_says_what_replaced_it_and_when() {
    assert_eq!(
        describe("GMC13", "17"),
        "Doctors' use of social media (GMC, 2013), paragraph 17; replaced by Using social media as a medical professional (GMC) in 2024"
    );
}

#[test]
fn no_shipped_citation_shows_a_raw_id() {
    let catalogue = catalogue();
    let mut raw = Vec::new();
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        for (_, option) in outcomes(&scenario) {
            for citation in &option.cite {
                let text = catalogue.describe(citation);
                let document = catalogue
                    .document(citation.document())
                    .expect("check passed, so the document exists");
                // An id (a section id, or a document id the title does not contain) in the text
                // would mean the trainee reads `social-media-guidance` instead of a reference.
                let shows_section_id = citation.part().chars().any(char::is_alphabetic)
                    && text.contains(citation.part());
                let shows_document_id = !document.title.contains(&document.id)
                    && text.contains(&format!("{} ", document.id));
                if shows_section_id || shows_document_id {
                    raw.push(format!("{}: {text}", file.display()));
                }
            }
        }
    }
    assert!(raw.is_empty(), "{}", raw.join("\n"));
}

#[test]
fn paragraphs_of_one_document_are_listed_once() {
    let cite = |d: &str, p: &str| Citation(d.into(), p.into());
    let listed = catalogue().describe_all(&[
        cite("NMC-SM", "whole"),
        cite("NMC", "6"),
        cite("RCGP", "principle-3"),
        cite("NMC", "20.10"),
        cite("NMC", "1.1"),
    ]);
    assert_eq!(
        listed,
        vec![
            "Guidance on using social media responsibly (NMC, 2019)".to_owned(),
            "The Code: professional standards of practice and behaviour for nurses, midwives and nursing associates (NMC, 2018), paragraphs 6, 20.10 and 1.1".to_owned(),
            "Social Media Highway Code (RCGP, 2013), section \u{201c}Principle 3\u{201d}".to_owned(),
        ]
    );
}

#[test]
fn the_readers_regulator_comes_first_and_the_rest_is_also() {
    let cite = |d: &str, p: &str| Citation(d.into(), p.into());
    let cited = [
        cite("SM24", "18"),
        cite("NMC", "20.6"),
        cite("BMA", "whole"),
        cite("NMC", "20.10"),
    ];
    let catalogue = catalogue();
    let nurse = catalogue.guidance_for(&["NMC"], &cited);
    assert_eq!(nurse.first.len(), 1, "{nurse:?}");
    assert!(
        nurse.first[0].contains("(NMC, 2018), paragraphs 20.6 and 20.10"),
        "{nurse:?}"
    );
    assert!(
        nurse.also[0].contains("(GMC, 2024), paragraph 18"),
        "{nurse:?}"
    );
    assert!(nurse.also[1].contains("BMA"), "{nurse:?}");

    let doctor = catalogue.guidance_for(&["GMC"], &cited);
    assert!(doctor.first[0].contains("GMC"), "{doctor:?}");
    assert_eq!(doctor.also.len(), 2, "{doctor:?}");

    // A room of doctors and nurses reads both regulators first, in citation order.
    let room = catalogue.guidance_for(&["GMC", "NMC"], &cited);
    assert_eq!(room.first.len(), 2, "{room:?}");
    assert_eq!(room.also.len(), 1, "{room:?}");

    // An educator (no regulator), or a reader none of whose regulator's documents are cited,
    // reads everything in citation order with nothing folded away.
    for regulators in [&[][..], &["HCPC"][..]] {
        let all = catalogue.guidance_for(regulators, &cited);
        assert_eq!(all.first, catalogue.describe_all(&cited));
        assert!(all.also.is_empty());
    }
}

#[test]
fn a_catalogue_file_with_a_byte_order_mark_reads_and_says_so() {
    use feedwise_core::check::guidance::check_guidance;
    use feedwise_core::scenario::library::GuidanceSources;
    use feedwise_core::scenario::source::SourceFile;
    let mut sources = GuidanceSources::embedded();
    let text = format!("\u{feff}{}", sources.documents.text);
    sources.documents = SourceFile::new(sources.documents.path.clone(), text);
    let (catalogue, diagnostics) = check_guidance(&sources);
    assert!(catalogue.is_some(), "{diagnostics:#?}");
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["byte-order-mark"], "{diagnostics:#?}");
    assert!(diagnostics[0].file.ends_with("documents.ron"));
}
