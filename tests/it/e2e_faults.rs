//! Faults in the real app under Xvfb: killed with SIGKILL at random moments of scripted play,
//! then started again; and a data folder that is full or read-only. The history must survive
//! whole: every record readable, finished runs unchanged, at most the decision in progress
//! lost, and the run left part-way offered and resumed where its record stops.
//!
//! cargo test --test e2e_faults -- --ignored
//!
//! Needs Xvfb and Mesa's software Vulkan (as tests/e2e_window.rs), and `unshare` with user
//! namespaces for the full and read-only folders (util-linux; `.ci/run` runs this).
#![cfg(feature = "app")]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::display::{Display, start_display};
use feedwise::record::store::Store;
use feedwise::record::{RunRecord, RunStatus};

/// How many times the app is killed.
const KILLS: u64 = 20;

/// The app on `display` with its runs in `data`, driven by `script` (the text of one), its
/// log written to `log`.
fn app(display: &Display, data: &Path, script: &str, log: &Path) -> Command {
    let script_file = data.with_extension(format!("{}.txt", script.len()));
    std::fs::write(&script_file, script).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedwise"));
    command
        .args(["--fresh-settings", "--speed", "100", "--data-dir"])
        .arg(data)
        .arg("--script")
        .arg(&script_file)
        .env("DISPLAY", &display.name)
        .env("RUST_LOG", "warn,feedwise=info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap());
    command
}

/// The last decision each run logged as answered: run id to count.
fn answered_in(log: &str) -> BTreeMap<String, usize> {
    let mut last = BTreeMap::new();
    for line in log.lines() {
        let Some(rest) = line.split("answered decision ").nth(1) else {
            continue;
        };
        let mut words = rest.split(" of run ");
        let (Some(n), Some(run)) = (words.next(), words.next()) else {
            continue;
        };
        if let Ok(n) = n.trim().parse::<usize>() {
            last.insert(run.trim().to_owned(), n);
        }
    }
    last
}

/// A small deterministic generator, so a failing kill schedule can be repeated.
struct Lcg(u64);

impl Lcg {
    fn next_below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn killed_at_random_moments_the_history_survives_and_the_run_in_progress_resumes() {
    let display = start_display();
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let store = Store::in_data_folder(&data);
    let mut finished: BTreeMap<String, RunRecord> = BTreeMap::new();
    let mut schedule = Lcg(2026);
    let (mut resumed, mut lost_nothing) = (0, 0);
    for round in 0..KILLS {
        let log = folder.path().join(format!("round-{round}.log"));
        let script = format!("frames 3\nplay-random 500 {round}\nexit\n");
        let mut child = app(&display, &data, &script, &log)
            .spawn()
            .expect("feedwise starts");
        let after = Duration::from_millis(1_500 + schedule.next_below(4_500));
        std::thread::sleep(after);
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let logged = std::fs::read_to_string(&log).unwrap();

        let history = store.load();
        assert!(
            history.problems.is_empty(),
            "round {round} (killed after {after:?}): every record is readable: {:?}",
            history.problems
        );
        let by_id: BTreeMap<&str, &RunRecord> =
            history.runs.iter().map(|r| (r.run.as_str(), r)).collect();
        for (id, record) in &finished {
            assert_eq!(
                by_id.get(id.as_str()),
                Some(&record),
                "round {round}: a finished run is kept as it was"
            );
        }
        for (run, answered) in answered_in(&logged) {
            let kept = by_id.get(run.as_str()).map_or(0, |r| r.decisions.len());
            assert!(
                kept + 1 >= answered,
                "round {round} (killed after {after:?}): run {run} answered {answered} decisions, its record keeps {kept}"
            );
            if kept == answered {
                lost_nothing += 1;
            }
        }
        for record in &history.runs {
            if record.status == RunStatus::Finished {
                finished.insert(record.run.clone(), record.clone());
            }
        }

        // Start again: the newest run left part-way is offered and carried on at its next
        // decision.
        let Some(left) = history
            .runs
            .iter()
            .find(|r| r.status == RunStatus::InProgress)
        else {
            continue;
        };
        let log = folder.path().join(format!("round-{round}-resume.log"));
        // Play, or the debrief when the kill came after the run's last answer.
        let resume = "frames 5\nkey KeyC\nframes 10\nexit\n";
        let status = app(&display, &data, resume, &log)
            .status()
            .expect("feedwise starts again");
        let logged = std::fs::read_to_string(&log).unwrap();
        assert!(
            status.success(),
            "round {round}: the resumed app runs:\n{logged}"
        );
        let said = format!(
            "resumed run {} of `{}` at decision {}",
            left.run,
            left.scenario(),
            left.decisions.len() + 1
        );
        assert!(logged.contains(&said), "round {round}: {said}\n{logged}");
        resumed += 1;
    }
    assert!(
        finished.len() >= 5 && resumed >= 5,
        "the kills met enough finished runs ({}) and runs to resume ({resumed})",
        finished.len()
    );
    eprintln!(
        "{KILLS} kills: {} finished runs kept, {resumed} runs resumed, {lost_nothing} runs lost no decision",
        finished.len()
    );
}

#[test]
#[ignore = "needs Xvfb and Mesa's software Vulkan; run by .ci/run"]
fn killed_after_the_last_answer_the_run_carries_on_to_its_debrief_and_is_finished() {
    let display = start_display();
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let store = Store::in_data_folder(&data);
    let log = folder.path().join("play.log");
    let script = "frames 3\nplay-random 1 11 hold-last\n";
    let mut child = app(&display, &data, script, &log)
        .spawn()
        .expect("feedwise starts");
    // Killed on the feedback of the last answer, once that answer is on disk.
    let holding = (0..600).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        std::fs::read_to_string(&log).is_ok_and(|l| l.contains("holding on the feedback"))
    });
    let answered = (0..100).find_map(|_| {
        std::thread::sleep(Duration::from_millis(100));
        let runs = store.load().runs;
        let run = runs.first()?;
        let logged = answered_in(&std::fs::read_to_string(&log).ok()?);
        (logged.get(&run.run) == Some(&run.decisions.len())).then(|| run.clone())
    });
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    assert!(
        holding,
        "the run reached its last answer:\n{}",
        std::fs::read_to_string(&log).unwrap()
    );
    let left = answered.expect("the last answer was kept");
    assert_eq!(
        (left.status, left.ending.as_ref()),
        (RunStatus::InProgress, None)
    );

    let log = folder.path().join("resume.log");
    let resume = "frames 5\nkey KeyC\nframes 10\nexpect Debrief\nexit\n";
    let status = app(&display, &data, resume, &log)
        .status()
        .expect("starts again");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(status.success(), "the debrief shows:\n{logged}");
    assert!(!logged.contains("has changed"), "{logged}");
    let runs = store.load().runs;
    let run = runs
        .iter()
        .find(|r| r.run == left.run)
        .expect("the run is kept");
    assert_eq!(run.status, RunStatus::Finished);
    assert!(run.ending.is_some());
    assert_eq!(run.decisions, left.decisions, "its answers as they were");
}

/// Runs the app in its own mount namespace with `data` a tiny tmpfs prepared by `prepare`
/// (shell commands on `$D`), playing three random runs; returns its exit status and log.
fn with_data_on_tmpfs(display: &Display, prepare: &str) -> (bool, String) {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let log = folder.path().join("app.log");
    let script = "frames 3\nplay-random 3 5\nexpect Library\nexit\n";
    let inner = app(display, &data, script, &log);
    let mut command = Command::new("unshare");
    command
        .args(["-Urm", "sh", "-c"])
        .arg(format!(
            "D=\"$1\"; shift; mount -t tmpfs -o size=64k tmpfs \"$D\" && {prepare} && exec \"$@\""
        ))
        .arg("sh")
        .arg(&data)
        .arg(inner.get_program())
        .args(inner.get_args())
        .envs(inner.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let status = command
        .status()
        .expect("unshare runs (util-linux, with user namespaces)");
    let logged = std::fs::read_to_string(&log).unwrap();
    (status.success(), logged)
}

#[test]
#[ignore = "needs Xvfb, Mesa's software Vulkan and unshare; run by .ci/run"]
fn a_full_data_folder_is_said_and_the_app_plays_on() {
    let display = start_display();
    // Fill the 64 KiB folder to the last byte.
    let (ok, log) = with_data_on_tmpfs(
        &display,
        "{ head -c 1000000 /dev/zero > \"$D/fill\" || true; }",
    );
    assert!(ok, "the app finishes its script:\n{log}");
    assert!(
        log.contains("could not save progress to") && log.contains("the disk is full"),
        "{log}"
    );
    assert!(log.contains("play-random: 3 runs done"), "{log}");
}

#[test]
#[ignore = "needs Xvfb, Mesa's software Vulkan and unshare; run by .ci/run"]
fn a_read_only_data_folder_is_said_and_the_app_plays_on() {
    let display = start_display();
    let (ok, log) = with_data_on_tmpfs(&display, "mkdir \"$D/runs\" && mount -o remount,ro \"$D\"");
    assert!(ok, "the app finishes its script:\n{log}");
    assert!(
        log.contains("could not save progress to") && log.contains("cannot be written to"),
        "{log}"
    );
    assert!(log.contains("play-random: 3 runs done"), "{log}");
}
