//! Sending statements to an LRS (feedwise-core's export/send.rs) against a small fake store on loopback
//! that answers as told: batches, headers, retries after 5xx and 429, a refused batch sent
//! again one statement at a time, conflicts, refused credentials, an unreachable store, and
//! the command line's report (exit code, ids, escaped answers, never the secret). A real LRS
//! is tests/lrs_ralph.rs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::export_support::{Play, play};
use feedwise::export::send::{self, Lrs, SendOptions};
use feedwise::export::xapi::{self, Actor, DEFAULT_BASE, Statement};
use feedwise::record::store::Store;

#[derive(Debug, Clone)]
struct Request {
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The statements in the body: an array, or one statement.
    fn ids(&self) -> Vec<String> {
        let value: serde_json::Value = serde_json::from_str(&self.body).unwrap();
        match value {
            serde_json::Value::Array(list) => list
                .iter()
                .map(|s| s["id"].as_str().unwrap().to_owned())
                .collect(),
            one => vec![one["id"].as_str().unwrap().to_owned()],
        }
    }
}

type Handler = Box<dyn FnMut(&Request, usize) -> (u16, String) + Send>;

/// A store on 127.0.0.1 that answers each request with `handler(request, its number)` and
/// keeps every request it was sent.
struct FakeLrs {
    address: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl FakeLrs {
    fn start(mut handler: Handler) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    continue;
                }
                let path = line.split(' ').nth(1).unwrap_or_default().to_owned();
                let mut headers = Vec::new();
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(':').unwrap();
                    headers.push((name.trim().to_owned(), value.trim().to_owned()));
                }
                let length: usize = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .map_or(0, |(_, v)| v.parse().unwrap());
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let request = Request {
                    path,
                    headers,
                    body: String::from_utf8(body).unwrap(),
                };
                let number = {
                    let mut all = kept.lock().unwrap();
                    all.push(request.clone());
                    all.len()
                };
                let (status, text) = handler(&request, number);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} Answer\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
            }
        });
        FakeLrs { address, requests }
    }

    fn lrs(&self, secret: &str) -> Lrs {
        Lrs {
            statements: format!("http://{}/xAPI/statements", self.address),
            key: "fw".into(),
            secret: secret.into(),
        }
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

fn quick() -> SendOptions {
    SendOptions {
        batch: 50,
        tries: 3,
        backoff: Duration::from_millis(10),
        timeout: Duration::from_secs(10),
    }
}

/// `count` statements with distinct ids.
fn statements(count: usize) -> Vec<Statement> {
    let record = play("tests/fixtures/engine/all-kinds.ron", Play::default());
    let one = xapi::statements(&[&record], &Actor::at(DEFAULT_BASE, "t"), DEFAULT_BASE);
    (0..count)
        .map(|n| {
            let mut s = one[n % one.len()].clone();
            s.id = xapi::statement_id(&record.run, &format!("copy/{n}"));
            s
        })
        .collect()
}

#[test]
fn statements_go_in_batches_with_basic_auth_and_the_xapi_version() {
    let store = FakeLrs::start(Box::new(|_, _| (200, "[]".into())));
    let sent = statements(120);
    let report = send::send(&store.lrs("secret"), &sent, &quick());
    assert!(report.all_accepted(), "{report:?}");
    assert_eq!(report.accepted, 120);
    let requests = store.requests();
    let sizes: Vec<usize> = requests.iter().map(|r| r.ids().len()).collect();
    assert_eq!(sizes, [50, 50, 20]);
    let ids: Vec<String> = requests.iter().flat_map(Request::ids).collect();
    assert_eq!(
        ids,
        sent.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        "every statement once, in order"
    );
    for request in &requests {
        assert_eq!(request.path, "/xAPI/statements");
        // fw:secret
        assert_eq!(request.header("Authorization"), Some("Basic Znc6c2VjcmV0"));
        assert_eq!(request.header("X-Experience-API-Version"), Some("1.0.3"));
        assert_eq!(request.header("Content-Type"), Some("application/json"));
    }
}

#[test]
fn a_refused_batch_is_sent_one_by_one_to_name_each_refused_statement() {
    let sent = statements(5);
    let (conflict, bad) = (sent[1].id.clone(), sent[3].id.clone());
    let (c, b) = (conflict.clone(), bad.clone());
    let store = FakeLrs::start(Box::new(move |request, _| {
        let ids = request.ids();
        if request.body.starts_with('[') && ids.len() > 1 {
            (400, "{\"detail\":\"one statement is bad\"}".into())
        } else if ids[0] == c {
            (
                409,
                format!(
                    "{{\"detail\":\"Differing statements already exist with the same ID: {c}\"}}"
                ),
            )
        } else if ids[0] == b {
            (400, "\u{1b}[31mverb\n  is\tmissing\u{1b}[0m".into())
        } else {
            (200, format!("[\"{}\"]", ids[0]))
        }
    }));
    let report = send::send(&store.lrs("secret"), &sent, &quick());
    assert_eq!(report.accepted, 3);
    assert_eq!(report.not_sent, 0);
    assert_eq!(report.refused.len(), 2, "{report:?}");
    assert_eq!(report.refused[0].id, conflict);
    assert!(report.refused[0].conflict);
    assert_eq!(report.refused[0].status, 409);
    assert!(report.refused[0].reason.contains("Differing statements"));
    assert_eq!(report.refused[1].id, bad);
    assert!(!report.refused[1].conflict);
    assert_eq!(
        report.refused[1].reason,
        "\u{1b}[31mverb is missing\u{1b}[0m"
    );
    // One batch, then each statement alone (as an object, not an array).
    let requests = store.requests();
    assert_eq!(requests.len(), 6);
    assert!(requests[1..].iter().all(|r| r.body.starts_with('{')));
}

#[test]
fn server_errors_and_too_many_requests_are_tried_again_then_given_up() {
    let store = FakeLrs::start(Box::new(|_, n| match n {
        1 => (503, "busy".into()),
        2 => (429, "slow down".into()),
        _ => (200, "[]".into()),
    }));
    let report = send::send(&store.lrs("secret"), &statements(3), &quick());
    assert!(report.all_accepted(), "{report:?}");
    assert_eq!(store.requests().len(), 3);

    let failing = FakeLrs::start(Box::new(|_, _| (500, "broken".into())));
    let sent = statements(120);
    let report = send::send(&failing.lrs("secret"), &sent, &quick());
    assert_eq!(report.accepted, 0);
    assert_eq!(report.not_sent, 120);
    let reason = report.stopped.unwrap();
    assert!(reason.contains("500 after 3 tries"), "{reason}");
    assert_eq!(
        failing.requests().len(),
        3,
        "three tries of the first batch"
    );
}

#[test]
fn refused_credentials_stop_at_once() {
    let store = FakeLrs::start(Box::new(|_, _| {
        (
            401,
            "{\"detail\":\"Invalid authentication credentials\"}".into(),
        )
    }));
    let report = send::send(&store.lrs("wrong"), &statements(120), &quick());
    assert_eq!(report.not_sent, 120);
    let reason = report.stopped.unwrap();
    assert!(
        reason.contains("refused the key and secret (401)")
            && reason.contains("Invalid authentication credentials"),
        "{reason}"
    );
    assert_eq!(store.requests().len(), 1);
}

#[test]
fn an_unreachable_store_is_tried_a_bounded_number_of_times() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let lrs = Lrs {
        statements: format!("http://{address}/xAPI/statements"),
        key: "fw".into(),
        secret: "secret".into(),
    };
    let started = std::time::Instant::now();
    let report = send::send(&lrs, &statements(3), &quick());
    assert_eq!(report.not_sent, 3);
    let reason = report.stopped.unwrap();
    assert!(
        reason.starts_with(&format!("cannot reach http://{address}/xAPI/statements")),
        "{reason}"
    );
    assert!(reason.ends_with("after 3 tries"), "{reason}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

// ---- the command line ----

fn data_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(dir.path());
    store
        .save(&play(
            "tests/fixtures/engine/all-kinds.ron",
            Play::default(),
        ))
        .unwrap();
    dir
}

fn feedwise(
    args: &[&str],
    data: &std::path::Path,
    config: &std::path::Path,
) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .arg("export")
        .args(args)
        .arg("--data")
        .arg(data)
        .env("FEEDWISE_CONFIG_DIR", config)
        .env_remove("FEEDWISE_LRS_AUTH")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_command_line_reports_refused_statements_safely_and_never_the_secret() {
    let data = data_folder();
    let config = tempfile::tempdir().unwrap();
    let (code, exported, _) = feedwise(&["--xapi"], data.path(), config.path());
    assert_eq!(code, 0);
    let list: Vec<Statement> = serde_json::from_str(&exported).unwrap();
    let conflicted = list[2].id.clone();
    let seen = conflicted.clone();
    let store = FakeLrs::start(Box::new(move |request, _| {
        let ids = request.ids();
        if ids.contains(&seen) && ids.len() > 1 {
            (400, "no".into())
        } else if ids == [seen.clone()] {
            (409, "Differing statements \u{1b}]0;pwned\u{7} exist".into())
        } else {
            (200, "[]".into())
        }
    }));
    let url = format!("http://{}/xAPI", store.address);
    let (code, out, err) = feedwise(
        &["--xapi", "--send", &url, "--auth", "fw:hunter2-secret"],
        data.path(),
        config.path(),
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!(
            "error: statement {conflicted} conflict: the LRS already has a different statement with this id"
        )),
        "{err}"
    );
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}"), "escaped: {err}");
    assert!(!err.contains('\u{1b}'));
    assert!(
        err.contains(&format!(
            "{} of {} statements accepted, 1 refused",
            list.len() - 1,
            list.len()
        )),
        "{err}"
    );
    assert!(!out.contains("hunter2") && !err.contains("hunter2"));
    assert!(
        store
            .requests()
            .iter()
            .all(|r| r.path == "/xAPI/statements")
    );
    // The same statements as the export, byte for byte once parsed.
    let sent: Vec<String> = store.requests().iter().flat_map(Request::ids).collect();
    assert!(list.iter().all(|s| sent.contains(&s.id)));

    // All accepted: exit 0 and a summary on standard output.
    let accepting = FakeLrs::start(Box::new(|_, _| (204, String::new())));
    let url = format!("http://{}/xAPI/statements/", accepting.address);
    let (code, out, err) = feedwise(
        &["--xapi", "--send", &url, "--auth", "fw:hunter2-secret"],
        data.path(),
        config.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("{0} of {0} statements accepted", list.len())),
        "{out}"
    );
    assert_eq!(
        accepting.requests()[0].body,
        serde_json::to_string(&list).unwrap()
    );
}

#[test]
fn sending_needs_an_address_and_credentials_the_right_way() {
    let data = data_folder();
    let config = tempfile::tempdir().unwrap();
    let (code, _, err) = feedwise(
        &["--xapi", "--send", "http://127.0.0.1:9/xAPI"],
        data.path(),
        config.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("--send needs --auth"), "{err}");
    let (code, _, err) = feedwise(
        &[
            "--xapi",
            "--send",
            "http://fw:hunter2@127.0.0.1:9/xAPI",
            "--auth",
            "fw:hunter2",
        ],
        data.path(),
        config.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not in the address"), "{err}");
    assert!(!err.contains("hunter2"));
    // --send is for statements only.
    let (code, _, err) = feedwise(
        &[
            "--csv-runs",
            "--send",
            "http://127.0.0.1:9/xAPI",
            "--auth",
            "a:b",
        ],
        data.path(),
        config.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--xapi"), "{err}");
}
