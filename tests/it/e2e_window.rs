//! End-to-end: the binary in a real window under Xvfb with Mesa's software Vulkan,
//! driven through one scenario by key presses (tests/e2e/play-through.txt), with a
//! screenshot of each screen checked here. The script's `expect` steps fail the run when the
//! wrong screen is shown.
//!
//! cargo test --test e2e_window -- --ignored
//!
//! Needs `xvfb mesa-vulkan-drivers libvulkan1` (`.ci/run` installs them). Set
//! FEEDWISE_E2E_OUT=docs/screenshots to keep the screenshots.
#![cfg(feature = "app")]

use crate::common;

use crate::common::display::start_display;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

struct Shot {
    width: u32,
    height: u32,
    rgb: Vec<[u8; 3]>,
}

fn load(path: &Path) -> Shot {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    let channels = info.color_type.samples();
    let rgb = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|px| [px[0], px[1], px[2]])
        .collect();
    Shot {
        width: info.width,
        height: info.height,
        rgb,
    }
}

impl Shot {
    /// Share of pixels that differ from the most common colour (the background).
    fn content_share(&self) -> f64 {
        let mut counts = std::collections::HashMap::new();
        for px in &self.rgb {
            *counts.entry(*px).or_insert(0usize) += 1;
        }
        let background = counts.values().max().copied().unwrap_or(0);
        1.0 - background as f64 / self.rgb.len() as f64
    }

    fn distinct_colours(&self) -> usize {
        self.rgb
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len()
    }

    /// How many pixels are close to `colour` (antialiasing shifts edges a little).
    fn count_near(&self, colour: [u8; 3]) -> usize {
        self.rgb
            .iter()
            .filter(|px| px.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= 6))
            .count()
    }

    /// Whether some pixels are close to `colour`.
    fn shows(&self, colour: [u8; 3]) -> bool {
        self.count_near(colour) > 200
    }
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn a_scenario_is_played_by_keys_in_the_real_window() {
    let out = match std::env::var_os("FEEDWISE_E2E_OUT") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("feedwise-e2e-{}", std::process::id())),
    };
    std::fs::create_dir_all(&out).expect("output folder");
    let out = out.canonicalize().expect("absolute output folder");
    let script = std::fs::read_to_string("tests/e2e/play-through.txt")
        .expect("script")
        .replace("{out}", &out.display().to_string());
    let script_path = out.join("play-through.txt");
    std::fs::write(&script_path, script).expect("write script");

    let display = start_display();
    // The whole run under strace, to show it opens no socket but local ones: the display's, and
    // the desktop's D-Bus (where a screen reader finds the app).
    let syscalls = out.join("sockets.txt");
    let app = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "--seccomp-bpf",
            "-e",
            "trace=socket,connect,bind,socketpair",
        ])
        .arg("-o")
        .arg(&syscalls)
        .arg(env!("CARGO_BIN_EXE_feedwise"))
        .args([
            "--fresh-settings",
            "--speed",
            "5",
            "--seed",
            "7",
            "--script",
        ])
        .arg(&script_path)
        .env("DISPLAY", &display.name)
        .env("RUST_LOG", "warn,feedwise=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("feedwise starts under strace (apt-get install strace)");
    let output = common::finish_within(app, Duration::from_secs(180), "the scripted run");
    let status = output.status;
    let log = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        status.success(),
        "the script failed (an `expect` step or a crash):\n{log}"
    );

    let screens = [
        "library", "play", "decision", "feedback", "pause", "several", "debrief", "settings",
    ];
    let mut seen = std::collections::HashSet::new();
    for name in screens {
        let shot = load(&out.join(format!("{name}.png")));
        assert_eq!((shot.width, shot.height), (1280, 800), "{name}");
        assert!(
            shot.content_share() > 0.03,
            "{name}.png is blank ({:.3} non-background)",
            shot.content_share()
        );
        assert!(
            shot.distinct_colours() > 50,
            "{name}.png has too few colours to be a drawn screen"
        );
        assert!(
            seen.insert(shot.rgb.clone()),
            "{name}.png is the same picture as an earlier screen"
        );
    }
    let trace = std::fs::read_to_string(&syscalls).expect("strace output");
    let number = display.name.trim_start_matches(':');
    common::assert_no_network(&trace, Some(&format!("/tmp/.X11-unix/X{number}")));

    // The screens show what they should: the accent border of the decision panel, the green
    // "Exemplary" badge after the kind redirect, the black background of high contrast.
    assert!(
        load(&out.join("decision.png")).shows([0x5c, 0xcf, 0xb0]),
        "decision panel border"
    );
    assert!(
        load(&out.join("feedback.png")).shows([0x3f, 0xae, 0x6a]),
        "exemplary badge"
    );
    assert!(
        load(&out.join("debrief.png")).shows([0x3f, 0xae, 0x6a]),
        "principle bars and badges"
    );
    assert!(
        load(&out.join("settings.png")).shows([0, 0, 0]),
        "high contrast background"
    );
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn a_window_opened_with_no_input_draws_its_first_screen() {
    // No script and no input: nothing wakes the window but its own first frames, which must
    // carry on until the first screen is complete (frames 1 and 2 are black under software
    // rendering), not sleep until the idle wake a minute later.
    let display = start_display();
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("log.txt");
    let mut app = common::app_logging_to(&display.name, &log)
        .args(["--fresh-settings", "--data-dir"])
        .arg(data.path())
        .spawn()
        .expect("feedwise starts");
    // Killed whether or not the frame came, before the verdict.
    let drawn = std::panic::catch_unwind(|| {
        common::line_with(&log, "frame 4 prepared", Duration::from_secs(30))
    });
    let _ = app.kill();
    let _ = app.wait();
    assert!(drawn.is_ok(), "the first screen was not drawn within 30 s");
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn tab_shows_a_ring_at_every_text_size_and_contrast_and_enter_presses_the_ringed_button() {
    let out = match std::env::var_os("FEEDWISE_FOCUS_OUT") {
        Some(dir) => PathBuf::from(dir),
        None => tempfile::tempdir().expect("folder").keep(),
    };
    std::fs::create_dir_all(&out).expect("output folder");
    let o = out.display();
    // Library: Tab twice reaches Settings (S), and Enter presses it rather than starting the
    // selected scenario. In Settings a number key changes a setting and hides the ring; Tab
    // shows it again on the first button.
    let script = format!(
        "frames 5\nexpect Library\nkey Tab\nkey Tab\nframes 3\nscreenshot {o}/focus-library.png\n\
         key Enter\nframes 3\nexpect Settings\n\
         key Digit3\nkey Digit3\nframes 3\nscreenshot {o}/no-ring-100.png\n\
         key Tab\nframes 3\nscreenshot {o}/focus-ring-100.png\n\
         key Digit2\nframes 3\nscreenshot {o}/no-ring-100-high-contrast.png\n\
         key Tab\nframes 3\nscreenshot {o}/focus-ring-100-high-contrast.png\n\
         key Digit1\nkey Digit1\nkey Digit1\nkey Digit1\nframes 3\n\
         screenshot {o}/no-ring-200-high-contrast.png\n\
         key Tab\nframes 3\nscreenshot {o}/focus-ring-200-high-contrast.png\n\
         key Digit2\nframes 3\nscreenshot {o}/no-ring-200.png\n\
         key Tab\nframes 3\nscreenshot {o}/focus-ring-200.png\nexit\n"
    );
    let script_path = out.join("focus.txt");
    std::fs::write(&script_path, script).expect("script");
    let display = start_display();
    let data = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .args([
            "--fresh-settings",
            "--window-size",
            "1280x720",
            "--data-dir",
        ])
        .arg(data.path())
        .arg("--script")
        .arg(&script_path)
        .env("DISPLAY", &display.name)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("feedwise runs");
    assert!(status.success(), "a script step failed (see the expects)");
    // The ring is the accent colour: teal in the standard palette, yellow in high contrast. The
    // settings screen has none of it until the ring shows.
    let ring = |size: &str, contrast: &str, accent: [u8; 3]| {
        let without = load(&out.join(format!("no-ring-{size}{contrast}.png"))).count_near(accent);
        let with = load(&out.join(format!("focus-ring-{size}{contrast}.png"))).count_near(accent);
        assert!(
            with > 400 && with > without + 400,
            "{size}%{contrast}: {with} ring pixels, {without} without the ring"
        );
    };
    ring("100", "", [0x5c, 0xcf, 0xb0]);
    ring("200", "", [0x5c, 0xcf, 0xb0]);
    ring("100", "-high-contrast", [0xff, 0xd8, 0x00]);
    ring("200", "-high-contrast", [0xff, 0xd8, 0x00]);
}
