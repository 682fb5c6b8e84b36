//! Author mode in the real window under Xvfb: with an untimed decision open and no input (the
//! window asleep, as a user's idle one is), a save that fails its check is on screen within a
//! second, in the strip kept below the screen, and no option or button lies under it.
//!
//! cargo test --test it -- --ignored e2e_author::
#![cfg(feature = "app")]

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common;
use crate::common::display::start_display;

/// The base fixture (an untimed decision after events at 0 and 5 s) as an author's file.
const SCENARIO: &str = "tests/fixtures/check/base.ron";

/// Share of pixels in the bottom third of a 1280x720 RGBA screenshot that are the problems'
/// red (the palette's breach colour and its antialiased edges).
fn red_share_at_the_bottom(png_path: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).expect("screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let bottom = &buffer[width * channels * (height * 2 / 3)..info.buffer_size()];
    let pixels = bottom.len() / channels;
    let red = bottom
        .chunks(channels)
        .filter(|px| px[0] > 170 && px[1] < 120 && px[2] < 120)
        .count();
    red as f64 / pixels as f64
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn a_failing_save_reaches_an_idle_window_within_a_second_and_covers_no_option() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    let original = std::fs::read_to_string(SCENARIO).unwrap();
    std::fs::write(&file, &original).unwrap();
    let (before, after) = (dir.path().join("before.png"), dir.path().join("after.png"));
    let script = dir.path().join("script.txt");
    std::fs::write(
        &script,
        format!(
            "frames 5\nwait 3\nexpect Deciding\nscreenshot {}\nidle 8\nscreenshot {}\nexpect-uncovered\nexit\n",
            before.display(),
            after.display()
        ),
    )
    .unwrap();
    let log = dir.path().join("log.txt");
    let display = start_display();
    let app = common::app_logging_to(&display.name, &log)
        .args(["--fresh-settings", "--as", "doctor", "--speed", "5"])
        .args(["--window-size", "1280x720", "--scenario", "fixture"])
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--author")
        .arg(&file)
        .arg("--script")
        .arg(&script)
        .spawn()
        .expect("feedwise starts");

    common::line_with(&log, "script: idle for", Duration::from_secs(120));
    // Let the window fall asleep before the save.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(&file, original.replace("by: \"pt\"", "by: \"nobody\"")).unwrap();
    let saved = Instant::now();
    let shown = common::line_with(&log, "problems of ", Duration::from_secs(5));
    let seen_after = saved.elapsed();
    let millis: u64 = shown
        .split(" on screen ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no time in {shown}"));
    assert!(
        millis <= 1000 && seen_after <= Duration::from_millis(1500),
        "the problems reached the screen {millis} ms after the save ({seen_after:?} here)"
    );

    let output = common::finish_within(app, Duration::from_secs(120), "the scripted run");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(output.status.success(), "the script failed:\n{text}");
    assert!(
        text.contains("expect-uncovered:"),
        "the strip was checked:\n{text}"
    );
    let (red_before, red_after) = (
        red_share_at_the_bottom(&before),
        red_share_at_the_bottom(&after),
    );
    assert!(
        red_before < 0.001 && red_after > red_before + 0.002,
        "the problems' red border and headline appear at the bottom: {red_before} then {red_after}"
    );
}
