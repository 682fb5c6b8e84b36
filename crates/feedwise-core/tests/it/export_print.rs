//! The HTML note printed to A4 by headless Chromium, its pages read back (scripts/print_note.py,
//! pypdf): the reflection starts a page and all of it is on that page, the last, for each
//! regulator's headings and for a note of many runs. Ignored unless asked for: it needs
//! Chromium and pypdf (`.ci/run` runs it).

use std::path::PathBuf;
use std::process::Command;

use crate::common::repo;
use crate::export_support::{Play, play};
use feedwise_core::export;
use feedwise_core::record::RunRecord;

/// The printer's Python: the venv `.ci/run` makes, or `FEEDWISE_PRINT_PYTHON`.
fn python() -> PathBuf {
    std::env::var_os("FEEDWISE_PRINT_PYTHON").map_or_else(
        || {
            let home = std::env::var_os("HOME").unwrap_or_default();
            PathBuf::from(home).join(".cache/feedwise-print/v/bin/python")
        },
        PathBuf::from,
    )
}

/// Each printed page's lines, ligatures undone.
fn printed(runs: &[&RunRecord]) -> Vec<Vec<String>> {
    let folder = tempfile::tempdir().unwrap();
    let (html, pdf) = (
        folder.path().join("note.html"),
        folder.path().join("note.pdf"),
    );
    std::fs::write(&html, export::note::html(runs)).unwrap();
    let output = Command::new(python())
        .arg(repo("scripts/print_note.py"))
        .args([&html, &pdf])
        .output()
        .expect("the printer's python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pages = json["pages"].as_array().unwrap();
    // A PDF's text keeps the typeface's ligatures: ff, fi, fl, ffi, ffl.
    let plain = |line: &str| -> String {
        let ligatures = [
            ("\u{fb00}", "ff"),
            ("\u{fb01}", "fi"),
            ("\u{fb02}", "fl"),
            ("\u{fb03}", "ffi"),
            ("\u{fb04}", "ffl"),
        ];
        ligatures
            .iter()
            .fold(line.to_owned(), |text, (from, to)| text.replace(from, to))
    };
    let page = |lines: &serde_json::Value| -> Vec<String> {
        (lines.as_array().unwrap().iter())
            .map(|line| plain(line.as_str().unwrap()))
            .collect()
    };
    pages.iter().map(page).collect()
}

#[test]
#[ignore = "needs chromium and pypdf; run by .ci/run"]
fn the_whole_reflection_prints_on_the_last_page_for_each_regulator() {
    let gmc = play("tests/fixtures/engine/all-kinds.ron", Play::default());
    let nmc = play("scenarios/ward-selfie.ron", Play::default());
    let hcpc = play("scenarios/closed-group-image.ron", Play::default());
    let many = [&gmc, &nmc, &gmc, &hcpc, &gmc];
    for (what, runs) in [
        ("GMC", &[&gmc][..]),
        ("NMC", &[&nmc][..]),
        ("HCPC", &[&hcpc][..]),
        ("five runs", &many[..]),
    ] {
        let pages = printed(runs);
        let regulator = export::Regulator::of_runs(runs);
        let (_, headings) = export::note::reflection_headings(regulator);
        let starts = pages
            .iter()
            .position(|lines| lines.iter().any(|l| l == "My reflection"));
        assert_eq!(
            starts,
            Some(pages.len() - 1),
            "{what}: the reflection starts the last page: {:?}",
            &pages[pages.len().saturating_sub(2)..]
        );
        let last = pages.last().unwrap();
        for (heading, _) in headings {
            assert!(
                last.iter().any(|l| l == heading),
                "{what}: `{heading}` on the last page: {last:?}"
            );
        }
    }
}
