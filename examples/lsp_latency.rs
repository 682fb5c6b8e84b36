//! How long `feedwise lsp` takes from a change to the largest shipped scenario to the
//! diagnostics it publishes: the didChange notification handled as the server handles it
//! (scan for ids, both passes of `check`, conversion to LSP positions; the check run here
//! rather than on its own thread) and the reply serialised to JSON, timed over many changes.
//!
//! cargo run --release --no-default-features --example lsp_latency

use std::time::{Duration, Instant};

use feedwise::lsp::{Outgoing, Server};
use lsp_server::Notification;
use serde_json::json;

fn main() {
    let largest = std::fs::read_dir("scenarios")
        .expect("run from the repository's root")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .max_by_key(|path| std::fs::metadata(path).map_or(0, |m| m.len()))
        .expect("a scenario");
    let text = std::fs::read_to_string(&largest).unwrap();
    let uri = format!(
        "file://{}",
        std::fs::canonicalize(&largest).unwrap().display()
    );
    // An edit inside a feedback text: the file stays valid, as most keystrokes leave it.
    let at = text.find("feedback: \"").unwrap() + "feedback: \"".len();
    let edited = format!("{}x{}", &text[..at], &text[at..]);

    let mut server = Server::default();
    // The server's end publishes; the editor's end reads what was published.
    let (server_end, editor_end) = lsp_server::Connection::memory();
    server.notification(Notification::new(
        "textDocument/didOpen".to_owned(),
        json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 0, "text": text}}),
    ));
    let rounds = 200;
    let mut times = Vec::with_capacity(rounds);
    let mut published = 0;
    for version in 1..=rounds {
        let text = if version % 2 == 0 { &text } else { &edited };
        let change = Notification::new(
            "textDocument/didChange".to_owned(),
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        let started = Instant::now();
        for outgoing in server.notification(change) {
            if let Outgoing::Check(check) = outgoing {
                check.run(&server_end.sender);
            }
        }
        for reply in editor_end.receiver.try_iter() {
            published += serde_json::to_string(&reply).unwrap().len();
        }
        times.push(started.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} ({} bytes), {rounds} changes: median {:.2} ms, 95th percentile {:.2} ms, max {:.2} ms ({published} bytes published)",
        largest.display(),
        text.len(),
        ms(times[rounds / 2]),
        ms(times[rounds * 95 / 100]),
        ms(times[rounds - 1]),
    );
}
