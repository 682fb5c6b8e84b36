//! `feedwise lsp` driven as an editor drives it: the built binary, JSON-RPC messages framed
//! with Content-Length on its stdin, replies read from its stdout with a timeout.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Editor {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<Value>,
    next_id: i64,
}

impl Editor {
    fn start() -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_feedwise"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("feedwise lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, replies) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("JSON body");
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        let mut editor = Editor {
            child,
            stdin,
            replies,
            next_id: 1,
        };
        let capabilities = editor.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        let capabilities = &capabilities["capabilities"];
        assert_eq!(capabilities["textDocumentSync"], 1, "full sync");
        for provider in ["definitionProvider", "referencesProvider", "hoverProvider"] {
            assert_eq!(capabilities[provider], true, "{provider}");
        }
        assert!(capabilities["completionProvider"].is_object());
        editor.notify("initialized", json!({}));
        editor
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for the first message that `wanted` accepts, passing over others.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.replies.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => {}
                Err(_) => panic!("no {what} within {TIMEOUT:?}"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let reply = self.wait_for(method, |m| m["id"] == id);
        assert!(reply.get("error").is_none(), "{method}: {reply}");
        reply["result"].clone()
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let published = self.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn at(uri: &str, position: (u32, u32)) -> Value {
        json!({"textDocument": {"uri": uri}, "position": {"line": position.0, "character": position.1}})
    }

    /// Shutdown and exit; the process must end by itself with status 0.
    fn finish(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "feedwise lsp exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "feedwise lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The LSP position (0-based line, UTF-16 column) of a byte offset.
fn position(text: &str, byte: usize) -> (u32, u32) {
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..byte].matches('\n').count();
    let units: usize = text[line_start..byte].chars().map(char::len_utf16).sum();
    (line as u32, units as u32)
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", std::fs::canonicalize(path).unwrap().display())
}

fn range_of(diagnostic: &Value) -> ((u64, u64), (u64, u64)) {
    let range = &diagnostic["range"];
    let at = |p: &Value| {
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    (at(&range["start"]), at(&range["end"]))
}

const SHIPPED: &str = "scenarios/colleague-row.ron";

#[test]
fn diagnostics_follow_the_text_as_it_is_edited() {
    let mut editor = Editor::start();
    let shipped = std::fs::read_to_string(SHIPPED).unwrap();
    let diagnostics = editor.open(&uri_of(Path::new(SHIPPED)), &shipped);
    assert!(
        diagnostics.iter().all(|d| d["severity"] != 1),
        "a shipped scenario has no errors: {diagnostics:?}"
    );

    // A persona that is not in the cast, after accented letters and an emoji on its line: the
    // range is in UTF-16 units.
    let base = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    let broken = base.replace(
        r#"Post(id: "p1", by: "pt", text: "Hello")"#,
        r#"Post(id: "p1", text: "Héllo 😀 again", by: "nobody")"#,
    );
    assert_ne!(broken, base);
    let uri = "file:///tmp/feedwise-lsp-test/broken.ron";
    let diagnostics = editor.open(uri, &broken);
    let unknown = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-persona")
        .unwrap_or_else(|| panic!("unknown-persona in {diagnostics:?}"));
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["source"], "feedwise");
    assert!(unknown["message"].as_str().unwrap().contains("nobody"));
    let quote = broken.find(r#""nobody""#).unwrap();
    let (line, column) = position(&broken, quote);
    // "Héllo 😀 again" is 13 characters but 14 UTF-16 units; bytes would say 16.
    assert_eq!(
        range_of(unknown),
        (
            (line as u64, column as u64),
            (line as u64, column as u64 + 8)
        )
    );
    // The same codes as `feedwise check` gives the same text.
    let source = feedwise::scenario::source::SourceFile::new("broken.ron", broken.as_str());
    let catalogue = feedwise::scenario::Catalogue::embedded().unwrap();
    let (_, expected) = feedwise::check::check_source(&source, &catalogue);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = expected.iter().map(|d| d.code).collect();
    assert_eq!(codes, expected);

    // Mid-edit, the text does not parse: one syntax diagnostic, and the server carries on.
    let cut = &broken[..broken.find("decision: (").unwrap() + "decision: (\n        id: \"d".len()];
    let diagnostics = editor.change(uri, 2, cut);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "syntax");
    assert_eq!(diagnostics[0]["severity"], 1);
    let fixed = editor.change(uri, 3, &base);
    assert!(fixed.iter().all(|d| d["severity"] != 1), "{fixed:?}");

    // Closing the file clears its diagnostics.
    editor.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(editor.diagnostics(uri).is_empty());
    editor.finish();
}

#[test]
fn definition_references_completion_and_hover() {
    let mut editor = Editor::start();
    let text = std::fs::read_to_string(SHIPPED).unwrap();
    let uri = uri_of(Path::new(SHIPPED));
    editor.open(&uri, &text);

    // From a `next: "x"` to the `id: "x"` of its beat or ending.
    let next = text.find("next: \"").expect("a next in the scenario") + "next: \"".len();
    let target = &text[next..next + text[next..].find('"').unwrap()];
    let definition_at = text
        .find(&format!("id: \"{target}\""))
        .expect("the target's id")
        + "id: \"".len();
    let found = editor.request(
        "textDocument/definition",
        Editor::at(&uri, position(&text, next + 1)),
    );
    let found = found.as_array().expect("a list of locations");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["uri"], uri.as_str());
    let (line, column) = position(&text, definition_at);
    assert_eq!(
        range_of(&found[0]),
        (
            (line as u64, column as u64),
            (line as u64, (column as usize + target.len()) as u64)
        )
    );

    // References from the definition: every `next`, `to` and `start` naming it, and the id.
    let references = editor.request(
        "textDocument/references",
        json!({
            "textDocument": {"uri": uri}, "position": {"line": line, "character": column},
            "context": {"includeDeclaration": true},
        }),
    );
    let starts: Vec<(u64, u64)> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|r| range_of(r).0)
        .collect();
    let quoted = format!("\"{target}\"");
    let written = text.matches(&quoted).count();
    assert!(starts.len() >= 2 && starts.len() <= written, "{starts:?}");
    let (next_line, next_column) = position(&text, next);
    assert!(starts.contains(&(next_line as u64, next_column as u64)));
    assert!(starts.contains(&(line as u64, column as u64)));

    // Principle ids inside `effects: {"`.
    let catalogue = feedwise::scenario::Catalogue::embedded().unwrap();
    let key = text.find("effects: {\"").unwrap() + "effects: {\"".len();
    let items = editor.request(
        "textDocument/completion",
        Editor::at(&uri, position(&text, key)),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    let principles: Vec<&str> = catalogue.principles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(labels, principles);

    // Hover on that principle: its title and summary from the catalogue.
    let principle = &text[key..key + text[key..].find('"').unwrap()];
    let hover = editor.request(
        "textDocument/hover",
        Editor::at(&uri, position(&text, key + 1)),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    let expected = catalogue.principle(principle).unwrap();
    assert!(shown.contains(&expected.title), "{shown}");
    assert!(shown.contains(&expected.summary), "{shown}");

    // Hover on a citation's paragraph: the reference as feedback shows it.
    let cite = text.find("cite: [(\"").unwrap() + "cite: [(\"".len();
    let document = &text[cite..cite + text[cite..].find('"').unwrap()];
    let part_at = cite + document.len() + "\", \"".len();
    let part = &text[part_at..part_at + text[part_at..].find('"').unwrap()];
    let hover = editor.request(
        "textDocument/hover",
        Editor::at(&uri, position(&text, part_at)),
    );
    let citation = feedwise::scenario::Citation(document.to_owned(), part.to_owned());
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains(&catalogue.describe(&citation))
    );
    editor.finish();
}

#[test]
fn session_plans_are_checked_as_plans() {
    let mut editor = Editor::start();
    let path = Path::new("sessions/forty-five-minute-workshop.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let uri = uri_of(path);
    let diagnostics = editor.open(&uri, &text);
    assert!(
        diagnostics.iter().all(|d| d["severity"] != 1),
        "{diagnostics:?}"
    );
    let broken = text.replacen(
        "scenario: \"patient-dm-results\"",
        "scenario: \"no-such-scenario\"",
        1,
    );
    let diagnostics = editor.change(&uri, 2, &broken);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "plan-unknown-scenario"),
        "{diagnostics:?}"
    );
    editor.finish();
}

#[test]
fn completion_offers_the_ids_that_fit_each_place() {
    let mut editor = Editor::start();
    let text = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    let uri = "file:///tmp/feedwise-lsp-test/base.ron";
    editor.open(uri, &text);
    let mut labels_at = |marker: &str| -> Vec<Value> {
        let at = text.find(marker).unwrap_or_else(|| panic!("{marker}")) + marker.len();
        let items = editor.request(
            "textDocument/completion",
            Editor::at(uri, position(&text, at)),
        );
        // No completion is `null`.
        items.as_array().cloned().unwrap_or_default()
    };
    let labels = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    // A persona in `by:`, the whole cast.
    assert_eq!(labels(&labels_at(r#"Post(id: "p1", by: ""#)), ["me", "pt"]);
    // Beats and endings in a route's `to:`.
    assert_eq!(
        labels(&labels_at(r#"(when: Flag("kind"), to: ""#)),
        ["first", "calm", "end-good", "end-poor"]
    );
    // A flag in a condition.
    assert_eq!(labels(&labels_at(r#"(when: Flag(""#)), ["kind"]);
    // The parts of the document cited, replacing the text of the string.
    let items = labels_at(r#"cite: [("SM24", ""#);
    let parts = labels(&items);
    assert!(parts.iter().any(|p| p == "18") && parts.iter().any(|p| p == "whole"));
    let eighteen = items.iter().find(|i| i["label"] == "18").unwrap();
    let at = text.find(r#"cite: [("SM24", "18""#).unwrap() + r#"cite: [("SM24", ""#.len();
    let (line, column) = position(&text, at);
    assert_eq!(
        range_of(&eighteen["textEdit"]),
        (
            (line as u64, column as u64),
            (line as u64, column as u64 + 2)
        )
    );
    // Documents as a citation's first item.
    assert!(
        labels(&labels_at(r#"cite: [(""#))
            .iter()
            .any(|d| d == "SM24")
    );
    // No ids where none belong.
    assert!(labels_at(r#"prompt: ""#).is_empty());
    editor.finish();
}

#[test]
fn a_burst_of_changes_ends_with_the_diagnostics_of_the_last() {
    let mut editor = Editor::start();
    let base = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    let uri = "file:///tmp/feedwise-lsp-test/typing.ron";
    editor.open(uri, &base);
    // Typing a persona's id one letter at a time, as fast as the pipe takes it.
    let word = "nobody";
    for typed in 1..=word.len() {
        let text = base.replace(r#"by: "pt""#, &format!("by: \"{}\"", &word[..typed]));
        editor.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": typed + 1}, "contentChanges": [{"text": text}]}),
        );
    }
    let last = word.len() as i64 + 1;
    let published = editor.wait_for("the last version's diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == last
    });
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    let unknown = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-persona")
        .unwrap();
    assert!(unknown["message"].as_str().unwrap().contains("`nobody`"));
    // A request after the burst is answered after it: the server is not behind.
    let hover = editor.request(
        "textDocument/hover",
        Editor::at(
            uri,
            position(&base, base.find("\"boundaries\"").unwrap() + 1),
        ),
    );
    assert!(hover["contents"]["value"].is_string());
    editor.finish();
}

/// A scenario whose check takes seconds: seven decisions of eight options, each setting a flag
/// of its own that the last route reads, so no two of the 8^7 paths share a state and the
/// exploration runs to its limit.
fn slow_scenario() -> String {
    let flags: Vec<String> = (0..7)
        .flat_map(|b| (0..8).map(move |o| format!("Flag(\"f{b}x{o}\")")))
        .collect();
    let beats: Vec<String> = (0..7)
        .map(|b| {
            let options: Vec<String> = (0..8)
                .map(|o| format!(
                    "(id: \"o{o}\", text: \"Option {o}\", grade: Acceptable, effects: {{\"boundaries\": 1}}, feedback: \"Why.\", cite: [(\"SM24\", \"18\")], set: [\"f{b}x{o}\"])"
                ))
                .collect();
            let then = if b < 6 {
                format!("[(to: \"b{}\")]", b + 1)
            } else {
                format!("[(when: All([{}]), to: \"end\"), (to: \"end\")]", flags.join(", "))
            };
            format!(
                "(id: \"b{b}\", decision: (id: \"d{b}\", prompt: \"?\", kind: Choose, options: [{}]), then: {then})",
                options.join(", ")
            )
        })
        .collect();
    format!(
        "(\n    id: \"slow\", title: \"Slow\", summary: \"Many paths.\", edition: \"SM24\", audiences: [Doctor], minutes: 3, version: 1,\n    cast: [(id: \"me\", name: \"Me\", handle: \"me\", role: Me)],\n    start: \"b0\",\n    beats: [{}],\n    endings: [(id: \"end\", title: \"End\", debrief: \"Done.\")],\n)\n",
        beats.join(",\n")
    )
}

#[test]
fn requests_are_answered_while_a_slow_check_runs() {
    let mut editor = Editor::start();
    let slow = slow_scenario();
    let uri = "file:///tmp/feedwise-lsp-test/slow.ron";
    editor.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": slow}}),
    );
    let started = Instant::now();
    let hover = editor.request(
        "textDocument/hover",
        Editor::at(
            uri,
            position(&slow, slow.find("\"boundaries\"").unwrap() + 1),
        ),
    );
    let answered = started.elapsed();
    assert!(hover["contents"]["value"].is_string(), "{hover}");
    // The check's diagnostics come after the answer (`request` passes over any message
    // before its reply, so diagnostics published first would never be seen here).
    let diagnostics = editor.diagnostics(uri);
    let checked = started.elapsed();
    assert!(
        diagnostics.iter().any(|d| d["code"] == "no-behaviour"),
        "{diagnostics:?}"
    );
    eprintln!("hover answered in {answered:?}; the check published after {checked:?}");
    editor.finish();
}

/// Longer than the check of `slow_scenario` takes in a debug build here (2.5 s).
const SLOW_CHECK_ENDS: Duration = Duration::from_secs(8);

#[test]
fn a_newer_change_overtakes_a_slow_check() {
    let mut editor = Editor::start();
    let slow = slow_scenario();
    let uri = "file:///tmp/feedwise-lsp-test/overtaken.ron";
    editor.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": slow}}),
    );
    // A quick change while the slow check runs: only its diagnostics are published.
    let base = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    let broken = base.replace(r#"by: "pt""#, r#"by: "nobody""#);
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let published = editor.wait_for("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(published["params"]["version"], 2, "{published}");
    // The slow check ends later (well within this wait) and publishes nothing.
    std::thread::sleep(SLOW_CHECK_ENDS);
    let stale = editor
        .replies
        .try_iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1);
    assert!(stale.is_none(), "the overtaken check published: {stale:?}");
    editor.finish();
}

#[test]
fn a_principle_or_document_goes_to_the_catalogue_file_beside_the_scenarios() {
    let mut editor = Editor::start();
    let text = std::fs::read_to_string(SHIPPED).unwrap();
    let uri = uri_of(Path::new(SHIPPED));
    editor.open(&uri, &text);
    for (marker, file) in [
        ("effects: {\"", "assets/guidance/principles.ron"),
        ("cite: [(\"", "assets/guidance/documents.ron"),
    ] {
        let at = text.find(marker).unwrap() + marker.len();
        let id = &text[at..at + text[at..].find('"').unwrap()];
        let found = editor.request(
            "textDocument/definition",
            Editor::at(&uri, position(&text, at + 1)),
        );
        assert_eq!(found["uri"], uri_of(Path::new(file)), "{found}");
        let catalogue = std::fs::read_to_string(file).unwrap();
        let defined = catalogue.find(&format!("id: \"{id}\"")).unwrap() + "id: \"".len();
        let (line, column) = position(&catalogue, defined);
        assert_eq!(
            range_of(&found).0,
            (line as u64, column as u64),
            "{id} in {file}"
        );
    }
    editor.finish();
}

#[test]
fn a_buffer_over_the_size_limit_gets_one_diagnostic() {
    let mut editor = Editor::start();
    let huge = format!("(\n{}\n)", "// padding\n".repeat(400_000));
    let diagnostics = editor.open("file:///tmp/feedwise-lsp-test/huge.ron", &huge);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "file-too-large");
    assert_eq!(range_of(&diagnostics[0]), ((0, 0), (0, 0)));
    editor.finish();
}

#[test]
fn a_file_of_many_mistakes_gets_as_many_diagnostics_as_check_shows() {
    let mut editor = Editor::start();
    let path = Path::new("tests/fixtures/check/more-problems.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let diagnostics = editor.open(&uri_of(path), &text);
    let cap = feedwise::check::MAX_DIAGNOSTICS_PER_FILE;
    assert_eq!(diagnostics.len(), cap + 1, "the first {cap}, then a count");
    assert_eq!(diagnostics[cap]["code"], "more-problems");
    assert!(
        diagnostics[cap]["message"]
            .as_str()
            .unwrap()
            .contains("more problems in this file are not shown"),
        "{}",
        diagnostics[cap]
    );
    editor.finish();
}

#[test]
fn a_scenario_is_checked_against_the_catalogue_in_its_folder_and_sees_edits_to_it() {
    let root = tempfile::tempdir().unwrap();
    let guidance = root.path().join("assets/guidance");
    std::fs::create_dir_all(&guidance).unwrap();
    std::fs::create_dir_all(root.path().join("scenarios")).unwrap();
    let principles = std::fs::read_to_string("assets/guidance/principles.ron").unwrap();
    for file in ["documents.ron", "behaviours.ron"] {
        std::fs::copy(Path::new("assets/guidance").join(file), guidance.join(file)).unwrap();
    }
    // This catalogue names `respect` differently, so a shipped scenario that scores it is
    // wrong here, though right against the built-in catalogue.
    let renamed = principles.replace("id: \"respect\"", "id: \"respectful\"");
    assert_ne!(renamed, principles);
    std::fs::write(guidance.join("principles.ron"), &renamed).unwrap();
    let scenario = root.path().join("scenarios/colleague-row.ron");
    let text = std::fs::read_to_string(SHIPPED).unwrap();
    std::fs::write(&scenario, &text).unwrap();

    let mut editor = Editor::start();
    let uri = uri_of(&scenario);
    let diagnostics = editor.open(&uri, &text);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "unknown-principle"
            && d["message"].as_str().unwrap().contains("respect")),
        "{diagnostics:?}"
    );
    // The author puts the catalogue back; the next change is checked against it. The file's
    // time is moved on so the edit is seen even on a file system with coarse times.
    std::fs::write(guidance.join("principles.ron"), &principles).unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(guidance.join("principles.ron"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let diagnostics = editor.change(&uri, 2, &text);
    assert!(
        !diagnostics.iter().any(|d| d["code"] == "unknown-principle"),
        "{diagnostics:?}"
    );
    editor.finish();
}

#[test]
fn a_behaviour_is_completed_shown_on_hover_and_found_in_the_catalogue() {
    let mut editor = Editor::start();
    let path = Path::new("tests/fixtures/check/base.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let uri = uri_of(path);
    editor.open(&uri, &text);
    let catalogue = feedwise::scenario::Catalogue::embedded().unwrap();
    let at = text.find("behaviours: [\"").unwrap() + "behaviours: [\"".len();
    let id = &text[at..at + text[at..].find('"').unwrap()];

    // Every behaviour of the catalogue, with its grade.
    let items = editor.request(
        "textDocument/completion",
        Editor::at(&uri, position(&text, at)),
    );
    let items = items.as_array().expect("items");
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    let ids: Vec<&str> = catalogue.behaviours.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(labels, ids);

    // Hover: the summary, the grade and whether it is critical.
    let behaviour = catalogue.behaviour(id).unwrap();
    let hover = editor.request(
        "textDocument/hover",
        Editor::at(&uri, position(&text, at + 1)),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains(&behaviour.summary), "{shown}");
    assert!(shown.contains(behaviour.grade.word()), "{shown}");
    let critical = catalogue.behaviours.iter().find(|b| b.critical).unwrap();
    let swapped = text.replacen(id, &critical.id, 1);
    editor.change(&uri, 2, &swapped);
    let hover = editor.request(
        "textDocument/hover",
        Editor::at(&uri, position(&swapped, at + 1)),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("critical"), "{shown}");
    editor.change(&uri, 3, &text);

    // Definition: its `id` in assets/guidance/behaviours.ron.
    let file = "assets/guidance/behaviours.ron";
    let found = editor.request(
        "textDocument/definition",
        Editor::at(&uri, position(&text, at + 1)),
    );
    assert_eq!(found["uri"], uri_of(Path::new(file)), "{found}");
    let written = std::fs::read_to_string(file).unwrap();
    let defined = written.find(&format!("id: \"{id}\"")).unwrap() + "id: \"".len();
    let (line, column) = position(&written, defined);
    assert_eq!(range_of(&found).0, (line as u64, column as u64));
    editor.finish();
}

#[test]
fn by_audience_is_checked_and_the_server_answers_inside_it() {
    let mut editor = Editor::start();
    let path = Path::new("tests/fixtures/engine/by-audience.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let uri = uri_of(path);
    let diagnostics = editor.open(&uri, &text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    // Hover and completion inside `by_audience` answer, not with an error (`request` fails
    // on an error reply).
    let inside = text.find("Dr {me_surname}").unwrap() + 1;
    for method in ["textDocument/hover", "textDocument/completion"] {
        editor.request(method, Editor::at(&uri, position(&text, inside)));
    }
    // A missing audience is reported where the text is.
    let broken = text.replace(", Nurse: \"{me_first}\"", "");
    let diagnostics = editor.change(&uri, 2, &broken);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "by-audience-missing" && d["severity"] == 1),
        "{diagnostics:?}"
    );
    editor.finish();
}
