//! Shared test helpers: loading checked scenarios and driving sessions.
#![allow(dead_code)]

#[cfg(feature = "app")]
pub mod display;
#[cfg(feature = "app")]
pub mod headless;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use feedwise::check::checked_scenario;
use feedwise::engine::{Answer, PlayEvent, Session};
use feedwise::scenario::{Catalogue, Scenario};

pub fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::embedded().expect("embedded catalogue parses"))
}

/// A scenario file that must pass `check` without errors.
pub fn scenario(path: impl AsRef<Path>) -> Arc<Scenario> {
    let path = path.as_ref();
    match checked_scenario(path, &catalogue()) {
        Ok(scenario) => Arc::new(scenario),
        Err(errors) => panic!("{} has errors: {errors:#?}", path.display()),
    }
}

pub fn all_kinds() -> Arc<Scenario> {
    scenario("tests/fixtures/engine/all-kinds.ron")
}

pub fn session(scenario: &Arc<Scenario>, seed: u64) -> Session {
    Session::new(Arc::clone(scenario), catalogue(), seed)
}

pub fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Plays to the next decision and answers it; panics with the engine's message if refused.
pub fn answer(session: &mut Session, answer: Answer) -> Vec<PlayEvent> {
    let mut events = session.advance_to_decision();
    assert!(
        session.pending().is_some(),
        "expected a decision to be pending; events: {events:#?}"
    );
    events.extend(
        session
            .answer(answer)
            .unwrap_or_else(|e| panic!("answer refused: {e}")),
    );
    events
}

pub fn shipped_scenarios() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("scenarios")
        .expect("scenarios folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

/// Checks an strace log of socket calls: every socket is a local (Unix) one, and every
/// connection goes to the X display, or to glibc's name-service cache (`nscd`, asked for the
/// user's home folder; local, and absent on most machines). No Internet or netlink socket, no
/// listening socket.
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
            assert!(
                to_display || to_nscd,
                "a connection to something else: {line}"
            );
        } else if call.starts_with("bind(") {
            panic!("feedwise bound a socket: {line}");
        }
    }
}

/// An HTTP reply: its status, head and body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// One HTTP/1.1 request, written out in full, on a fresh connection (the voting server's
/// tests speak to it as a phone's browser would).
pub fn send(address: std::net::SocketAddr, request: &str) -> Reply {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// The text of the first direct message among `events`.
pub fn first_message(events: &[PlayEvent]) -> Option<String> {
    events.iter().find_map(|event| match event {
        PlayEvent::Shown {
            happening: feedwise::scenario::Happening::Message { text, .. },
            ..
        } => Some(text.clone()),
        _ => None,
    })
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
