//! `feedwise export` as a user runs it: formats to standard output or a file, selection
//! errors with exit code 2, warnings for unreadable records, the pseudonym kept in the config
//! folder, and (with strace, run by .ci/run) no socket unless `--send` is given.
//!
//! cargo test --test export_cli -- --include-ignored      (the strace test needs strace)

use crate::common;

use std::path::Path;
use std::process::Command;

use crate::export_support::{Play, play};
use feedwise::record::RunStatus;
use feedwise::record::store::Store;

struct Folders {
    data: tempfile::TempDir,
    config: tempfile::TempDir,
}

/// A data folder with three runs: finished (2026-12-01), abandoned (12-02), in progress (12-03).
fn folders() -> Folders {
    let data = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(data.path());
    let finished = play("tests/fixtures/engine/all-kinds.ron", Play::default());
    let abandoned = play(
        "scenarios/ward-selfie.ron",
        Play {
            id_byte: 8,
            stop_after: Some(1),
            started: Play::default().started + 86_400,
            ..Play::default()
        },
    );
    let mut in_progress = play(
        "scenarios/two-am-reply.ron",
        Play {
            id_byte: 9,
            stop_after: Some(1),
            started: Play::default().started + 2 * 86_400,
            ..Play::default()
        },
    );
    in_progress.status = RunStatus::InProgress;
    for record in [&finished, &abandoned, &in_progress] {
        store.save(record).unwrap();
    }
    Folders {
        data,
        config: tempfile::tempdir().unwrap(),
    }
}

struct Ran {
    code: i32,
    out: String,
    err: String,
}

fn export(folders: &Folders, args: &[&str]) -> Ran {
    let output = Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .arg("export")
        .args(args)
        .env("FEEDWISE_DATA_DIR", folders.data.path())
        .env("FEEDWISE_CONFIG_DIR", folders.config.path())
        .env("FEEDWISE_STATE_DIR", folders.config.path().join("state"))
        .output()
        .unwrap();
    Ran {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8(output.stdout).unwrap(),
        err: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn the_default_is_a_markdown_note_of_finished_and_abandoned_runs_on_standard_output() {
    let folders = folders();
    let ran = export(&folders, &[]);
    assert_eq!(ran.code, 0, "{}", ran.err);
    assert!(ran.out.starts_with(
        "# Reflective note: simulated social media practice, 2026-12-01 to 2026-12-02\n"
    ));
    assert!(ran.out.contains("## What happened: Last shift selfie"));
    assert!(
        !ran.out.contains("2 a.m."),
        "the run in progress is left out"
    );
    let with = export(&folders, &["--in-progress", "--latest"]);
    assert!(
        with.out
            .starts_with("# Reflective note: 2 a.m., thumb over Reply\n"),
        "{}",
        with.out
    );
}

#[test]
fn each_format_to_a_file_written_whole() {
    let folders = folders();
    let out = folders.data.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    for (flag, file, starts) in [
        ("--markdown", "note.md", "# Reflective note: "),
        ("--html", "note.html", "<!DOCTYPE html>"),
        ("--csv-runs", "runs.csv", "run,scenario,title,"),
        ("--csv-decisions", "decisions.csv", "run,scenario,decision,"),
        ("--xapi", "statements.json", "[\n  {"),
    ] {
        let path = out.join(file);
        let ran = export(
            &folders,
            &[flag, "--since", "2026-12-01", "-o", path.to_str().unwrap()],
        );
        assert_eq!(ran.code, 0, "{flag}: {}", ran.err);
        assert_eq!(ran.out, "", "{flag} writes nothing to standard output");
        assert!(ran.err.contains("wrote 2 runs to "), "{}", ran.err);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(starts),
            "{flag}: {}",
            &text[..80.min(text.len())]
        );
    }
    // Nothing but the five files: no temporary left behind.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 5);
}

#[cfg(unix)]
#[test]
fn out_onto_a_link_writes_its_file_and_a_device_or_pipe_is_refused_untouched() {
    use std::os::unix::fs::FileTypeExt;
    let folders = folders();
    let portfolio = folders.data.path().join("portfolio");
    std::fs::create_dir(&portfolio).unwrap();
    std::fs::write(portfolio.join("note.md"), "last month's").unwrap();
    let link = folders.data.path().join("note.md");
    std::os::unix::fs::symlink(portfolio.join("note.md"), &link).unwrap();
    let ran = export(&folders, &["-o", link.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{}", ran.err);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let note = std::fs::read_to_string(portfolio.join("note.md")).unwrap();
    assert!(note.starts_with("# Reflective note: "), "{note}");

    let pipe = folders.data.path().join("pipe");
    let made = Command::new("mkfifo").arg(&pipe).status();
    let mut refused = vec!["/dev/null".to_owned()];
    if made.is_ok_and(|s| s.success()) {
        refused.push(pipe.to_str().unwrap().to_owned());
    }
    for target in &refused {
        let ran = export(&folders, &["-o", target]);
        assert_eq!(ran.code, 2, "{target}: {}", ran.err);
        assert!(
            ran.err.contains("not a regular file"),
            "{target}: {}",
            ran.err
        );
        let kind = std::fs::symlink_metadata(target).unwrap().file_type();
        assert!(
            kind.is_fifo() || kind.is_char_device(),
            "{target} left as it was"
        );
    }
    let ran = export(&folders, &["-o", portfolio.to_str().unwrap()]);
    assert_eq!(ran.code, 2);
    assert!(ran.err.contains("is a folder"), "{}", ran.err);
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let folders = folders();
    for (args, message) in [
        (
            &["--since", "2026-02-30"][..],
            "--since `2026-02-30` is not a date; write it as YYYY-MM-DD",
        ),
        (
            &["--until", "yesterday"][..],
            "--until `yesterday` is not a date",
        ),
        (&["--run", "ffff"][..], "no run has the id `ffff`"),
        (&["--run", "0"][..], "give more of the id"),
        (
            &["--since", "2030-01-01"][..],
            "no runs match the selection",
        ),
        (
            &["--account", "me"][..],
            "--account is for statements: add --xapi",
        ),
        (
            &["--xapi", "--activity-base", "not a url"][..],
            "--activity-base `not a url` is not an http or https URL",
        ),
        (
            &["--xapi", "--account", "a\u{1b}b"][..],
            "--account: the account name has control",
        ),
    ] {
        let ran = export(&folders, args);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.err);
        assert!(ran.err.contains(message), "{args:?}: {}", ran.err);
        assert_eq!(ran.out, "");
    }
    // Two formats at once: clap's usage error.
    let ran = export(&folders, &["--html", "--xapi"]);
    assert_eq!(ran.code, 2);
    assert!(ran.err.contains("cannot be used with"), "{}", ran.err);
    // An empty data folder.
    let empty = Folders {
        data: tempfile::tempdir().unwrap(),
        config: tempfile::tempdir().unwrap(),
    };
    let ran = export(&empty, &[]);
    assert_eq!(ran.code, 2);
    assert!(ran.err.contains("no runs in "), "{}", ran.err);
}

#[test]
fn an_unreadable_record_is_a_warning_and_the_rest_export() {
    let folders = folders();
    let runs = folders.data.path().join("runs");
    std::fs::write(runs.join("broken.ron"), "(schema: 1, run: ").unwrap();
    let ran = export(&folders, &["--csv-runs"]);
    assert_eq!(ran.code, 0, "{}", ran.err);
    assert!(ran.err.starts_with("warning: "), "{}", ran.err);
    assert!(ran.err.contains("broken.ron") && ran.err.contains("quarantine"));
    assert_eq!(ran.out.lines().count(), 3, "a header and two runs");
}

#[test]
fn another_data_folder_with_data() {
    let folders = folders();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut record = play("scenarios/closed-group-image.ron", Play::default());
    record.scenario_title = "Line one\u{1b}[2J, \"quoted\"".into();
    Store::in_data_folder(elsewhere.path())
        .save(&record)
        .unwrap();
    let ran = export(
        &folders,
        &["--csv-runs", "--data", elsewhere.path().to_str().unwrap()],
    );
    assert_eq!(ran.code, 0, "{}", ran.err);
    assert_eq!(
        ran.out.matches("\r\n").count(),
        2,
        "CSV keeps its CRLF line ends"
    );
    // On a terminal the escape is shown, not obeyed; in a file it is kept as it is.
    assert!(
        ran.out.contains("\"Line one\\u{1b}[2J, \"\"quoted\"\"\""),
        "{}",
        ran.out
    );
    let file = elsewhere.path().join("runs.csv");
    let ran = export(
        &folders,
        &[
            "--csv-runs",
            "--data",
            elsewhere.path().to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(ran.code, 0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Line one\u{1b}[2J")
    );
}

#[test]
fn statements_are_made_as_a_pseudonym_kept_in_the_config_folder() {
    let folders = folders();
    let first = export(&folders, &["--xapi", "--latest"]);
    assert_eq!(first.code, 0, "{}", first.err);
    let kept = std::fs::read_to_string(folders.config.path().join("account.ron")).unwrap();
    let name = kept
        .split('"')
        .nth(1)
        .expect("a quoted name in account.ron")
        .to_owned();
    assert!(
        name.len() == 16
            && name.starts_with("trainee-")
            && name[8..].bytes().all(|b| b.is_ascii_hexdigit()),
        "{name}"
    );
    assert!(
        first.err.contains(&format!("pseudonym {name}")),
        "{}",
        first.err
    );
    let statements: serde_json::Value = serde_json::from_str(&first.out).unwrap();
    assert_eq!(statements[0]["actor"]["account"]["name"], name.as_str());
    // Kept: the same name, no note, the same bytes.
    let second = export(&folders, &["--xapi", "--latest"]);
    assert_eq!(second.out, first.out);
    assert_eq!(second.err, "");
    // One export as another name leaves the kept one alone.
    let other = export(
        &folders,
        &["--xapi", "--latest", "--account", "ward-7-learner"],
    );
    let statements: serde_json::Value = serde_json::from_str(&other.out).unwrap();
    assert_eq!(statements[0]["actor"]["account"]["name"], "ward-7-learner");
    assert_eq!(
        std::fs::read_to_string(folders.config.path().join("account.ron")).unwrap(),
        kept
    );
}

fn strace(args: &[&str], folders: &Folders, trace: &Path) -> String {
    let output = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,bind,socketpair",
            "-o",
        ])
        .arg(trace)
        .arg(env!("CARGO_BIN_EXE_feedwise"))
        .arg("export")
        .args(args)
        .env("FEEDWISE_DATA_DIR", folders.data.path())
        .env("FEEDWISE_CONFIG_DIR", folders.config.path())
        .output()
        .expect("strace runs (apt-get install strace; .ci/run installs it)");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(trace).expect("strace output")
}

#[test]
#[ignore = "needs strace; run by .ci/run"]
fn exporting_opens_no_socket_unless_sending() {
    let folders = folders();
    let out = folders.data.path().join("out");
    for (n, args) in [
        &["--markdown"][..],
        &["--html", "-o", out.to_str().unwrap()][..],
        &["--csv-runs"][..],
        &["--csv-decisions"][..],
        &["--xapi"][..],
    ]
    .iter()
    .enumerate()
    {
        let calls = strace(
            args,
            &folders,
            &folders.data.path().join(format!("trace-{n}")),
        );
        common::assert_no_network(&calls, None);
        assert!(
            !calls.contains("socket("),
            "{args:?} opened a socket:\n{calls}"
        );
    }
}
