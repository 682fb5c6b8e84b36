//! The reflective note's HTML through axe-core (Deque's accessibility rules for WCAG 2.2 A and
//! AA) in headless Chromium, at 100% and 200% zoom (scripts/axe_audit.py): no violation, no
//! sideways scrolling, no text cut off. Ignored unless asked for: it needs Chromium and the
//! axe-core package that `.ci/run` installs into ~/.cache/feedwise-axe (or FEEDWISE_AXE): `common::axe_audit`.

use crate::common::axe_audit;
use crate::export_support::{Play, play};
use feedwise_core::export;
use feedwise_core::scenario::Profession;

#[test]
#[ignore = "needs chromium and axe-core; run by .ci/run"]
fn the_reflective_note_passes_axe_at_100_and_200_percent_zoom_and_320_pixels_wide() {
    // A note of two runs, one of them a nurse's (the NMC's headings), with emoji in the posts.
    let doctor = play("scenarios/anonymous-account.ron", Play::default());
    let nurse = play(
        "scenarios/ward-selfie.ron",
        Play {
            profession: Some(Profession::Nurse),
            ..Play::default()
        },
    );
    let folder = tempfile::tempdir().unwrap();
    let (one, two) = (
        folder.path().join("note-one.html"),
        folder.path().join("note-two.html"),
    );
    std::fs::write(&one, export::note::html(&[&nurse])).unwrap();
    std::fs::write(&two, export::note::html(&[&doctor, &nurse])).unwrap();
    axe_audit(&[
        format!("file://{}", one.display()),
        format!("file://{}", two.display()),
    ]);
}
