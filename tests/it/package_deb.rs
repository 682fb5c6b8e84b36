//! The Linux package as a user gets it: built by `scripts/package-deb.sh`, installed with
//! `dpkg -i`, started from its desktop entry under Xvfb by a user with a fresh home and no
//! toolchain on the PATH, with and without a scenario file (as a double-click gives one); the
//! installed binary and the package within their sizes; the installed `feedwise guidance`
//! listing what the regulators say about privacy.
//!
//! scripts/package-deb.sh && cargo test --test it -- --ignored package_deb::
#![cfg(feature = "app")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::display::start_display;

/// Largest package and installed binary the issue allows.
const PACKAGE_BYTES: u64 = 25 * 1024 * 1024;
const BINARY_BYTES: u64 = 60 * 1024 * 1024;

/// The newest package `scripts/package-deb.sh` built.
fn package() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"));
    let folder = target.join("debian");
    std::fs::read_dir(&folder)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/package-deb.sh first",
                folder.display()
            )
        })
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "deb"))
        .max_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok())
        .expect("a package; run scripts/package-deb.sh first")
}

/// The desktop entry's command, with `%f` replaced by `file` (or dropped).
fn desktop_command(file: Option<&Path>) -> Vec<String> {
    let entry = std::fs::read_to_string("/usr/share/applications/feedwise.desktop")
        .expect("the package installs its desktop entry");
    let exec = entry
        .lines()
        .find_map(|line| line.strip_prefix("Exec="))
        .expect("an Exec line");
    exec.split_whitespace()
        .filter_map(|word| match word {
            "%f" => file.map(|f| f.display().to_string()),
            word => Some(word.to_owned()),
        })
        .collect()
}

/// Starts the desktop entry's command as a fresh user (an empty home, PATH without cargo) and
/// waits until it has drawn a frame; its log.
fn start_from_the_menu(display: &str, home: &Path, file: Option<&Path>) -> String {
    let command = desktop_command(file);
    let log = home.join(format!("log-{}.txt", file.is_some()));
    let mut app = Command::new(&command[0])
        .args(&command[1..])
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .env("DISPLAY", display)
        .env("RUST_LOG", "warn,feedwise=info")
        .current_dir(home)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("the installed feedwise starts");
    let started = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("frame 4 prepared") {
            break text;
        }
        if let Ok(Some(status)) = app.try_wait() {
            panic!("feedwise exited ({status}) before drawing:\n{text}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no frame drawn in 90 s:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let _ = app.kill();
    let _ = app.wait();
    text
}

#[test]
#[ignore = "needs root, dpkg, Xvfb and the package scripts/package-deb.sh builds; run by .ci/run"]
fn the_package_installs_and_starts_from_its_desktop_entry() {
    let deb = package();
    let size = std::fs::metadata(&deb).unwrap().len();
    assert!(size <= PACKAGE_BYTES, "{} is {size} bytes", deb.display());
    let installed = Command::new("dpkg").arg("-i").arg(&deb).status().unwrap();
    assert!(installed.success(), "dpkg -i {}", deb.display());

    let binary = std::fs::metadata("/usr/bin/feedwise").expect("installed in /usr/bin");
    assert!(
        binary.len() <= BINARY_BYTES,
        "the binary is {} bytes",
        binary.len()
    );
    let mime = std::fs::read_to_string("/usr/share/mime/packages/feedwise.xml").unwrap();
    assert!(mime.contains("*.ron"), "scenario files are feedwise's");

    let home = tempfile::tempdir().unwrap();
    let display = start_display();
    // From the menu: the library.
    start_from_the_menu(&display.name, home.path(), None);
    // A double-click on a scenario file: feedwise opens with author mode on it.
    let file = home.path().join("night-post.ron");
    let new = Command::new("/usr/bin/feedwise")
        .args(["new", "night-post", "--audience", "nurse", "--out"])
        .arg(home.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    start_from_the_menu(&display.name, home.path(), Some(&file));

    // The guidance for an author with only the installed app.
    let listed = Command::new("/usr/bin/feedwise")
        .args(["guidance", "--search", "privacy"])
        .current_dir(home.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.status.success(), "{text}");
    for regulator in ["GMC", "NMC", "HCPC"] {
        assert!(text.contains(regulator), "no {regulator} in:\n{text}");
    }
    let removed = Command::new("dpkg")
        .args(["-r", "feedwise"])
        .status()
        .unwrap();
    assert!(removed.success());
}
