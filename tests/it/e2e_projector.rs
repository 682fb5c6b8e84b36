//! The projector in a real window under Xvfb, at 1280x720 and 1920x1080: phones on loopback
//! (W), the join slide, then a decision of 4 options and one of 8, voting and revealed after a
//! show of hands. The script's `expect-fits` step fails the run when any option's words lie
//! outside the window or the decision's area; each view is kept as a screenshot.
//!
//! cargo test --test e2e_projector -- --ignored
//!
//! Set FEEDWISE_E2E_OUT=docs/screenshots/projector to keep the screenshots.
#![cfg(feature = "app")]

use crate::common;

use crate::common::display::start_display_of;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The digit that picks loopback in the W list (other addresses come first).
fn loopback_digit() -> usize {
    let list = feedwise::facilitate::interfaces::list();
    list.iter()
        .position(|i| i.is_loopback())
        .expect("loopback is listed")
        + 1
}

/// Steps to the decision, votes open, a show of hands of `hands`, the reveal.
fn script(out: &Path, name: &str, hands: &[u32], join_slide: bool) -> String {
    let mut steps = vec![
        "frames 5".to_owned(),
        "expect Facilitate".to_owned(),
        "key KeyW".to_owned(),
        format!("key Digit{}", loopback_digit()),
        "wait 1".to_owned(),
    ];
    if join_slide {
        let size = name.split_once('-').map_or(name, |(_, size)| size);
        steps.push(format!("screenshot {}/join-{size}.png", out.display()));
    }
    // N skips to the next event until the decision stops the room's clock.
    steps.extend(std::iter::repeat_n("key KeyN".to_owned(), 20));
    steps.push("key KeyV".to_owned());
    steps.push("wait 1".to_owned());
    steps.push("expect-fits".to_owned());
    steps.push(format!("screenshot {}/vote-{name}.png", out.display()));
    steps.push("key KeyH".to_owned());
    for count in hands {
        for digit in count.to_string().chars() {
            steps.push(format!("key Digit{digit}"));
        }
        steps.push("key Enter".to_owned());
    }
    steps.push("key KeyR".to_owned());
    steps.push("wait 1".to_owned());
    steps.push("expect-fits".to_owned());
    steps.push(format!("screenshot {}/reveal-{name}.png", out.display()));
    steps.push("exit".to_owned());
    steps.join("\n") + "\n"
}

fn run(size: &str, scenario: &str, seed: u64, hands: &[u32], join_slide: bool, out: &Path) {
    let name = format!("{}-{size}", hands.len());
    let script_path = out.join(format!("script-{name}.txt"));
    std::fs::write(&script_path, script(out, &name, hands, join_slide)).unwrap();
    let display = start_display_of(size);
    let data = tempfile::tempdir().unwrap();
    let app = Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .args(["--fresh-settings", "--facilitate", "--scenario", scenario])
        .args([
            "--seed",
            &seed.to_string(),
            "--window-size",
            size,
            "--script",
        ])
        .arg(&script_path)
        .arg("--data-dir")
        .arg(data.path())
        .env("DISPLAY", &display.name)
        .env("RUST_LOG", "warn,feedwise=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("feedwise starts");
    let output = common::finish_within(app, Duration::from_secs(180), "the scripted run");
    let log = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{size}, {scenario}:\n{log}");
    let checked = log.matches("expect-fits: ").count();
    assert_eq!(checked, 2, "voting and the reveal were checked:\n{log}");
    for view in ["vote", "reveal"] {
        let shot = out.join(format!("{view}-{name}.png"));
        assert!(
            std::fs::metadata(&shot).is_ok_and(|m| m.len() > 20_000),
            "{shot:?}"
        );
    }
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn four_and_eight_options_fit_the_projector_at_720_and_1080_lines() {
    let out = match std::env::var_os("FEEDWISE_E2E_OUT") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("feedwise-projector-{}", std::process::id())),
    };
    std::fs::create_dir_all(&out).unwrap();
    let out = out.canonicalize().unwrap();
    for size in ["1280x720", "1920x1080"] {
        run(size, "patient-dm-results", 7, &[5, 3, 9, 1], true, &out);
        run(
            size,
            "colleague-pile-on",
            11,
            &[5, 3, 12, 0, 4, 7, 2, 1],
            false,
            &out,
        );
    }
}
