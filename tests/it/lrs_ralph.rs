//! A real learning record store: Ralph (ralph-malph 5.1, fs backend) on 127.0.0.1, started
//! for the test with a temporary data folder as /work/shared/lrs-ralph.md describes, and
//! stopped when the test ends, passed or not. `feedwise export --xapi --send` sends the
//! statements of runs made here; each is read back with the xAPI query API and must equal
//! what was exported; sending again stores nothing twice; a wrong password is reported as
//! refused credentials; a statement changed since it was sent is reported as a conflict with
//! its id.
//!
//! cargo test --test lrs_ralph -- --ignored
//! (needs Ralph in a venv at ~/.cache/feedwise-ralph/v, or the one FEEDWISE_RALPH_VENV names;
//! .ci/run installs it)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::export_support::{Play, play};
use feedwise::record::store::Store;
use serde_json::Value;

fn venv() -> PathBuf {
    let venv = std::env::var_os("FEEDWISE_RALPH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/feedwise-ralph/v")
        });
    assert!(
        venv.join("bin/ralph").is_file(),
        "Ralph is not installed in {}: run .ci/run, or\n  python3 -m venv {0} && {0}/bin/pip install 'ralph-malph[cli,lrs]==5.1.0' requests",
        venv.display()
    );
    venv
}

/// Ralph serving on a free loopback port; killed when dropped.
struct Ralph {
    server: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

impl Ralph {
    fn start() -> Ralph {
        let venv = venv();
        let folder = tempfile::tempdir().unwrap();
        let env = |command: &mut Command| {
            command
                .env("RALPH_RUNSERVER_BACKEND", "fs")
                .env("RALPH_AUTH_FILE", folder.path().join("auth.json"))
                .env(
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH",
                    folder.path().join("data"),
                );
        };
        let mut auth = Command::new(venv.join("bin/ralph"));
        auth.args(["auth", "-u", "fw", "-p", "secret", "-s", "all"])
            .args(["-M", "mailto:fw@example.org", "-w"]);
        env(&mut auth);
        let made = auth.output().expect("ralph auth runs");
        assert!(
            made.status.success(),
            "ralph auth: {}",
            String::from_utf8_lossy(&made.stderr)
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::fs::File::create(folder.path().join("server.log")).unwrap();
        let mut serve = Command::new(venv.join("bin/python"));
        serve
            .arg("scripts/ralph-serve.py")
            .arg(port.to_string())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        env(&mut serve);
        let server = serve.spawn().expect("python runs");
        let mut ralph = Ralph {
            server,
            port,
            folder,
        };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = ralph.server.try_wait() {
                panic!("Ralph stopped ({status}):\n{}", ralph.log());
            }
            if get(&format!("http://127.0.0.1:{port}/__heartbeat__")).0 == 200 {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Ralph did not answer within 60 s:\n{}",
                ralph.log()
            );
            std::thread::sleep(Duration::from_millis(250));
        }
        ralph
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.folder.path().join("server.log")).unwrap_or_default()
    }

    fn statements_url(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/statements", self.port)
    }

    /// A query of the statements resource, as the statements it returns.
    fn query(&self, query: &str) -> Vec<Value> {
        let (status, body) = get(&format!("{}?{query}", self.statements_url()));
        assert_eq!(status, 200, "GET ?{query}: {body}");
        let result: Value = serde_json::from_str(&body).unwrap();
        assert!(
            result
                .get("more")
                .is_none_or(|m| m.as_str().unwrap_or("").is_empty()),
            "one page holds them all: {result}"
        );
        result["statements"].as_array().unwrap().clone()
    }

    /// Lines in the fs backend's file: every statement it ever wrote.
    fn stored_lines(&self) -> usize {
        std::fs::read_to_string(self.folder.path().join("data/fs_lrs.jsonl"))
            .unwrap_or_default()
            .lines()
            .count()
    }
}

fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    match agent
        .get(url)
        // fw:secret
        .header("Authorization", "Basic Znc6c2VjcmV0")
        .header("X-Experience-API-Version", "1.0.3")
        .call()
    {
        Ok(response) => {
            let status = response.status().as_u16();
            (
                status,
                response.into_body().read_to_string().unwrap_or_default(),
            )
        }
        Err(_) => (0, String::new()),
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct Ran {
    code: i32,
    out: String,
    err: String,
}

fn export(data: &Path, config: &Path, args: &[&str]) -> Ran {
    let output = Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .arg("export")
        .arg("--xapi")
        .args(args)
        .arg("--data")
        .arg(data)
        .env("FEEDWISE_CONFIG_DIR", config)
        .env_remove("FEEDWISE_LRS_AUTH")
        .output()
        .unwrap();
    Ran {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8(output.stdout).unwrap(),
        err: String::from_utf8(output.stderr).unwrap(),
    }
}

fn exported(data: &Path, config: &Path) -> Vec<Value> {
    let ran = export(data, config, &[]);
    assert_eq!(ran.code, 0, "{}", ran.err);
    serde_json::from_str(&ran.out).unwrap()
}

#[test]
#[ignore = "needs Ralph (ralph-malph) in a venv; run by .ci/run"]
fn a_real_lrs_stores_each_statement_once_and_reports_what_it_refuses() {
    let ralph = Ralph::start();
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(data.path());
    let abandoned = play(
        "scenarios/ward-selfie.ron",
        Play {
            id_byte: 2,
            stop_after: Some(1),
            ..Play::default()
        },
    );
    for record in [
        play("tests/fixtures/engine/all-kinds.ron", Play::default()),
        play(
            "scenarios/two-am-reply.ron",
            Play {
                id_byte: 1,
                style: 2,
                started: Play::default().started + 3_600,
                ..Play::default()
            },
        ),
        abandoned.clone(),
    ] {
        store.save(&record).unwrap();
    }
    let statements = exported(data.path(), config.path());
    let total = statements.len();

    // Sent: every statement accepted and stored as it was exported.
    let sent = export(
        data.path(),
        config.path(),
        &["--send", &ralph.statements_url(), "--auth", "fw:secret"],
    );
    assert_eq!(sent.code, 0, "{}{}\n{}", sent.out, sent.err, ralph.log());
    assert!(
        sent.out.contains(&format!(
            "{total} of {total} statements accepted, 0 refused"
        )),
        "{}",
        sent.out
    );
    for statement in &statements {
        let id = statement["id"].as_str().unwrap();
        let found = ralph.query(&format!("statementId={id}"));
        assert_eq!(found.len(), 1, "{id}");
        let mut stored = found[0].clone();
        let fields = stored.as_object_mut().unwrap();
        assert!(fields.remove("stored").is_some());
        assert_eq!(
            fields.remove("authority").unwrap()["mbox"],
            "mailto:fw@example.org"
        );
        assert_eq!(&stored, statement, "statement {id} as stored");
    }
    let actor = &statements[0]["actor"];
    let agent = serde_json::json!({ "account": actor["account"] }).to_string();
    let by_agent = format!("agent={}&limit=1000", encode(&agent));
    assert_eq!(ralph.query(&by_agent).len(), total);
    let mut per_run: BTreeMap<&str, usize> = BTreeMap::new();
    for statement in &statements {
        *per_run
            .entry(statement["context"]["registration"].as_str().unwrap())
            .or_default() += 1;
    }
    assert_eq!(per_run.len(), 3);
    for (run, count) in &per_run {
        assert_eq!(
            ralph.query(&format!("registration={run}&limit=1000")).len(),
            *count,
            "statements of run {run}"
        );
    }
    assert_eq!(ralph.stored_lines(), total);

    // Sent again, to the xAPI base this time: accepted, and nothing stored twice.
    let base = ralph.statements_url().replace("/statements", "/");
    let again = export(
        data.path(),
        config.path(),
        &["--send", &base, "--auth", "fw:secret"],
    );
    assert_eq!(again.code, 0, "{}{}", again.out, again.err);
    assert!(
        again
            .out
            .contains(&format!("{total} of {total} statements accepted"))
    );
    assert_eq!(ralph.query(&by_agent).len(), total, "no duplicates");
    assert_eq!(ralph.stored_lines(), total, "nothing written again");

    // A wrong password: refused credentials, said plainly, the password never printed.
    let wrong = export(
        data.path(),
        config.path(),
        &[
            "--send",
            &ralph.statements_url(),
            "--auth",
            "fw:not-the-password",
        ],
    );
    assert_eq!(wrong.code, 1);
    assert!(
        wrong
            .err
            .contains("the LRS refused the key and secret (401): {\"detail\":\"Invalid authentication credentials\"}"),
        "{}",
        wrong.err
    );
    assert!(wrong.err.contains(&format!(
        "0 of {total} statements accepted, 0 refused, {total} not sent"
    )));
    assert!(!wrong.err.contains("not-the-password") && !wrong.out.contains("not-the-password"));

    // A run changed since it was sent: its changed statement conflicts, by id; the rest are
    // accepted as already stored, and the store keeps the first version.
    let mut changed = abandoned;
    changed.scenario_title = "Last shift selfie (renamed)".into();
    changed.title_as_written = Some(changed.scenario_title.clone());
    store.save(&changed).unwrap();
    let now = exported(data.path(), config.path());
    let differing: Vec<&str> = now
        .iter()
        .zip(&statements)
        .filter(|(new, old)| new != old)
        .map(|(new, _)| new["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        differing.len(),
        1,
        "the abandoned run's `attempted` names the scenario"
    );
    let conflict = export(
        data.path(),
        config.path(),
        &["--send", &ralph.statements_url(), "--auth", "fw:secret"],
    );
    assert_eq!(conflict.code, 1, "{}", conflict.err);
    for id in &differing {
        assert!(
            conflict.err.contains(&format!(
                "error: statement {id} conflict: the LRS already has a different statement with this id: {{\"detail\":\"Differing statements already exist with the same ID: {id}\"}}"
            )),
            "{}",
            conflict.err
        );
    }
    assert!(conflict.err.contains(&format!(
        "{} of {total} statements accepted, 1 refused, 0 not sent",
        total - 1
    )));
    let kept = ralph.query(&format!("statementId={}", differing[0]));
    assert_eq!(
        kept[0]["object"]["definition"]["name"]["en-GB"],
        "Last shift selfie"
    );
    assert_eq!(ralph.stored_lines(), total);
}
