//! `feedwise guidance` as an author with only the installed command runs it: every principle,
//! document and citable paragraph with what it is about, or what speaks of some words.

use std::process::{Command, Output};

fn guidance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .arg("guidance")
        .args(args)
        .output()
        .expect("feedwise runs")
}

#[test]
fn every_principle_and_citable_paragraph_is_listed_with_what_it_is_about() {
    let output = guidance(&[]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    let catalogue = feedwise::scenario::Catalogue::embedded().unwrap();
    for principle in &catalogue.principles {
        assert!(text.contains(&format!("  {}  {}", principle.id, principle.title)));
    }
    for document in &catalogue.documents {
        assert!(text.contains(&format!("  {}  {}", document.id, document.title)));
        for part in document.part_ids() {
            if let Some(about) = document.about(part) {
                assert!(
                    text.lines()
                        .any(|l| l.trim_start().starts_with(part) && l.ends_with(about)),
                    "{} {part} ({about}) is not listed",
                    document.id
                );
            }
        }
    }
}

#[test]
fn a_search_lists_each_regulators_parts_and_nothing_found_says_so() {
    let output = guidance(&["--search", "privacy"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    for regulator in ["GMC", "NMC", "HCPC"] {
        assert!(text.contains(regulator), "no {regulator} in:\n{text}");
    }
    // Confidentiality is what the guidance calls it.
    assert!(text.contains("confidentiality"), "{text}");
    assert!(
        !text.contains("conflicts-of-interest"),
        "only what matches:\n{text}"
    );

    let output = guidance(&["--search", "zzzz"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing in the catalogue says"));
}
