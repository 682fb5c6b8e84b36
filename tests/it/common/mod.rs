//! The root's test helpers: the core's (scenarios, sessions, HTTP) and those for the app and
//! the command line.
#![allow(dead_code)]

#[cfg(feature = "app")]
pub mod display;
#[cfg(feature = "app")]
pub mod headless;

#[path = "../../../crates/feedwise-core/tests/it/common.rs"]
mod core;
pub use core::*;

use std::time::Duration;

/// Checks an strace log of socket calls: every socket is a local (Unix) one, and every
/// connection goes to the X display, or to glibc's name-service cache (`nscd`, asked for the
/// user's home folder; local, and absent on most machines), or to the user's D-Bus session
/// and accessibility buses (where a screen reader finds the app: AccessKit asks whether one is
/// on). No Internet or netlink socket, no listening socket.
pub fn assert_no_network(trace: &str, display: Option<&str>) {
    for line in trace.lines() {
        let call = line
            .split_once(' ')
            .map_or(line, |(_, rest)| rest)
            .trim_start();
        if call.starts_with("socket(") || call.starts_with("socketpair(") {
            assert!(call.contains("(AF_UNIX"), "a non-local socket: {line}");
        } else if call.starts_with("connect(") {
            let to_display = display.is_some_and(|path| call.contains(&format!("\"{path}\"")));
            let to_nscd = call.contains("\"/var/run/nscd/socket\"");
            let to_desktop_bus = (call.contains("sun_path=\"/run/user/")
                && (call.contains("/bus\"") || call.contains("/at-spi/")))
                || call.contains("sun_path=@\"/tmp/dbus-");
            assert!(
                to_display || to_nscd || to_desktop_bus,
                "a connection to something else: {line}"
            );
        } else if call.starts_with("bind(") {
            panic!("feedwise bound a socket: {line}");
        }
    }
}

/// The output of `child` once it exits; killed, with a panic naming `what`, past `limit`.
pub fn finish_within(
    mut child: std::process::Child,
    limit: Duration,
    what: &str,
) -> std::process::Output {
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} did not finish in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().expect("output")
}

/// The app's binary on an X `display`, feedwise's info log written to `log`: what the window
/// tests start and read.
pub fn app_logging_to(display: &str, log: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_feedwise"));
    command
        .env("DISPLAY", display)
        .env("RUST_LOG", "warn,feedwise=info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(log).expect("log file"));
    command
}

/// Waits until the log at `path` has a line containing `marker`; that line.
pub fn line_with(path: &std::path::Path, marker: &str, limit: Duration) -> String {
    let started = std::time::Instant::now();
    loop {
        let log = std::fs::read_to_string(path).unwrap_or_default();
        if let Some(line) = log.lines().find(|l| l.contains(marker)) {
            return line.to_owned();
        }
        assert!(
            started.elapsed() < limit,
            "no `{marker}` in {limit:?}; the log:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
