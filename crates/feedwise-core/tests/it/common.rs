//! Shared test helpers: loading checked scenarios and driving sessions. The room's and the
//! root's tests include this file too (`#[path]`), so paths are taken from the repository's
//! root, wherever the including crate sits.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use feedwise_core::check::checked_scenario;
use feedwise_core::engine::{Answer, PlayEvent, Session};
use feedwise_core::scenario::{Catalogue, Scenario};

/// `path` (relative to the repository's root) from wherever the test runs.
pub fn repo(path: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|folder| folder.join("Cargo.lock").is_file())
        .expect("the workspace's root");
    root.join(path)
}

pub fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::embedded().expect("embedded catalogue parses"))
}

/// A scenario file that must pass `check` without errors.
pub fn scenario(path: impl AsRef<Path>) -> Arc<Scenario> {
    let path = repo(&path.as_ref().to_string_lossy());
    let path = path.as_path();
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
    ron_files_in(&repo("scenarios"))
}

/// The `.ron` files in a folder, sorted.
pub fn ron_files_in(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
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
            happening: feedwise_core::scenario::Happening::Message { text, .. },
            ..
        } => Some(text.clone()),
        _ => None,
    })
}

/// Runs scripts/axe_audit.py (axe-core in headless Chromium, at 100% and 200% zoom and 320
/// pixels wide) over `urls`, panicking with its report on any finding; the report. axe-core's
/// browser build comes from FEEDWISE_AXE or where `.ci/run` installs it.
#[allow(dead_code)]
pub fn axe_audit(urls: &[String]) -> serde_json::Value {
    let axe = std::env::var_os("FEEDWISE_AXE").map_or_else(
        || {
            let home = std::env::var_os("HOME").unwrap_or_default();
            PathBuf::from(home).join(".cache/feedwise-axe/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    );
    let output = std::process::Command::new("python3")
        .arg(repo("scripts/axe_audit.py"))
        .arg(axe)
        .args(urls)
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&report).expect("a JSON report");
    // Three views of each page.
    assert_eq!(
        json["results"].as_array().map(Vec::len),
        Some(urls.len() * 3),
        "{report}"
    );
    json
}
