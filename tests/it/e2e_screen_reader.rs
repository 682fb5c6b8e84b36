//! A screen reader's view of the app: the real window under Xvfb, read over AT-SPI (the Linux
//! accessibility bus) by scripts/read_a11y.py, as Orca reads it. The app plays
//! tests/e2e/screen-reader.txt and waits on each screen until the reader has found what a
//! trainee needs there, with roles and names.
//!
//! cargo test --test it -- --ignored e2e_screen_reader::
//!
//! Needs `dbus-run-session` (dbus), at-spi2-core and python3-pyatspi from Debian, and
//! /usr/bin/python3 (`.ci/run` installs them).
#![cfg(feature = "app")]

use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use crate::common;
use crate::common::display::start_display;

/// The reader's report, from one run shared by the tests below.
fn report() -> &'static serde_json::Value {
    static REPORT: OnceLock<serde_json::Value> = OnceLock::new();
    REPORT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let out = dir.path().join("read");
        let display = start_display();
        let reader = Command::new("dbus-run-session")
            .args(["--", "/usr/bin/python3", "scripts/read_a11y.py"])
            .arg(env!("CARGO_BIN_EXE_feedwise"))
            .arg(&out)
            .env("DISPLAY", &display.name)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("dbus-run-session (Debian's dbus package)");
        let output = common::finish_within(reader, Duration::from_secs(600), "the screen reader");
        let report = std::fs::read_to_string(out.join("report.json")).unwrap_or_else(|e| {
            panic!(
                "no report ({e}): {}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        serde_json::from_str(&report).expect("the report is JSON")
    })
}

fn heard() -> Vec<String> {
    report()["heard"]
        .as_array()
        .expect("heard")
        .iter()
        .map(|h| h["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The nodes of one screen's tree with `role`, as (name, checked).
fn nodes(screen: &str, role: &str) -> Vec<(String, bool)> {
    report()["screens"][screen]["tree"]
        .as_array()
        .unwrap_or_else(|| {
            panic!(
                "no tree read on the {screen} screen: {}",
                report()["failed"]
            )
        })
        .iter()
        .filter(|n| n["role"] == role)
        .map(|n| {
            let name = n["name"].as_str().unwrap_or_default().to_owned();
            (name, n["checked"].as_bool().unwrap_or(false))
        })
        .collect()
}

#[test]
#[ignore = "needs Xvfb, Mesa, D-Bus, at-spi2-core and python3-pyatspi; run by .ci/run"]
fn a_screen_reader_finds_what_a_trainee_needs_on_every_screen() {
    assert!(
        report()["failed"].is_null(),
        "the reader stopped: {}",
        report()["failed"]
    );
    let read: Vec<&String> = report()["screens"]
        .as_object()
        .expect("screens")
        .keys()
        .collect();
    for screen in [
        "library", "play", "decision", "feedback", "several", "debrief",
    ] {
        assert!(read.iter().any(|s| *s == screen), "{screen} not read");
    }
    // The library's cards are buttons named by their titles, not by everything on them.
    let cards = nodes("library", "push button");
    assert!(
        cards
            .iter()
            .any(|(name, _)| name == "Just a quick second opinion"),
        "{cards:?}"
    );
    // A single choice is a group of radio buttons, numbered as on screen, one chosen after 2.
    let options = nodes("decision", "radio button");
    assert!(options.len() >= 3, "{options:?}");
    assert!(
        options
            .iter()
            .enumerate()
            .all(|(i, (name, _))| name.starts_with(&format!("{}. ", i + 1)))
    );
    assert!(
        options.iter().all(|(_, checked)| !checked),
        "nothing is chosen as it opens"
    );
    // Choose several: tick boxes.
    assert!(nodes("several", "check box").len() >= 4);
    // The debrief names each principle in words, not only in bars.
    let labels = nodes("debrief", "label");
    assert!(
        labels
            .iter()
            .any(|(name, _)| name.contains("confidentiality")),
        "{labels:?}"
    );
}

#[test]
#[ignore = "needs Xvfb, Mesa, D-Bus, at-spi2-core and python3-pyatspi; run by .ci/run"]
fn opening_a_decision_is_announced_once_and_its_feedback_with_its_grade() {
    let heard = heard();
    let openings: Vec<&String> = heard
        .iter()
        .filter(|t| t.starts_with("Decision: "))
        .collect();
    // Two decisions in this play-through, each said once however often its options change.
    assert_eq!(openings.len(), 2, "{heard:#?}");
    let feedback_at = heard
        .iter()
        .position(|t| {
            t.starts_with("EXEMPLARY")
                || t.starts_with("ACCEPTABLE")
                || t.starts_with("POOR")
                || t.starts_with("BREACH")
        })
        .unwrap_or_else(|| panic!("no feedback announced: {heard:#?}"));
    let opening_at = heard
        .iter()
        .position(|t| t.starts_with("Decision: "))
        .unwrap();
    assert!(
        opening_at < feedback_at,
        "the decision is announced before its feedback"
    );
    // New posts and messages are announced as they arrive, by who wrote them.
    assert!(
        heard.iter().any(|t| t.starts_with("Jo Shah @Jo_Shah84")),
        "{heard:#?}"
    );
}
