//! `feedwise check` as a user runs it: exit status and messages for good, bad and hostile input.

use std::path::Path;
use std::process::{Command, Output};

fn feedwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .args(args)
        .output()
        .expect("feedwise runs")
}

fn check(path: &Path) -> (i32, String) {
    let output = feedwise(&["check", path.to_str().expect("utf-8 path")]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (
        output
            .status
            .code()
            .expect("exited normally, not by a signal"),
        text,
    )
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

#[test]
fn shipped_scenarios_pass() {
    let output = feedwise(&["check", "scenarios"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("no problems") || text.contains("0 errors"),
        "{text}"
    );
}

#[test]
fn empty_file_is_an_error_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check(&write(dir.path(), "empty.ron", ""));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error[syntax]: the file is empty"), "{text}");
    assert!(text.contains("empty.ron:1:1"), "{text}");
}

#[test]
fn truncated_file_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    let cut = &whole[..whole.find("beats:").unwrap() + 12];
    let (code, text) = check(&write(dir.path(), "cut.ron", cut));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error[syntax]"), "{text}");
    assert!(text.contains("cut.ron:"), "{text}");
}

#[test]
fn unbalanced_brackets_point_at_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check(&write(
        dir.path(),
        "open.ron",
        "(id: \"x\", tags: [\"a\", \"b\")",
    ));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("open.ron:1:"), "{text}");
}

#[test]
fn binary_bytes_are_refused_as_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
        .collect();
    let (code, text) = check(&write(dir.path(), "noise.ron", bytes));
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("error[not-utf8]") && text.contains("noise.ron:1:1"),
        "{text}"
    );
}

#[test]
fn invalid_utf8_reports_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check(&write(
        dir.path(),
        "latin1.ron",
        b"(\n  id: \"caf\xe9\",\n)",
    ));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("latin1.ron:2:11"), "{text}");
}

#[test]
fn deep_nesting_is_refused_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let brackets = "[".repeat(200_000) + &"]".repeat(200_000);
    let (code, text) = check(&write(dir.path(), "brackets.ron", &brackets));
    assert_eq!(code, 1, "{text}");
    // Nesting where the scenario shape allows it (conditions nest) meets the recursion limit.
    let whole = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    let deep = "All([".repeat(200_000) + "Flag(\"kind\")" + &"])".repeat(200_000);
    let nested = whole.replace("Flag(\"kind\")", &deep);
    let (code, text) = check(&write(dir.path(), "conditions.ron", nested));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("nested too deeply"), "{text}");
}

#[test]
fn a_64_mib_string_meets_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let huge = format!("(id: \"{}\")", "a".repeat(64 * 1024 * 1024));
    let (code, text) = check(&write(dir.path(), "huge.ron", huge));
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("error[file-too-large]") && text.contains("at most 4.0 MiB"),
        "{text}"
    );
}

#[test]
fn valid_ron_of_the_wrong_shape_says_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check(&write(dir.path(), "list.ron", "[1, 2, 3]"));
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("expected") && text.contains("list.ron:1:1"),
        "{text}"
    );
    let (code, text) = check(&write(
        dir.path(),
        "partial.ron",
        "(id: \"x\", title: \"t\")",
    ));
    assert_eq!(code, 1, "{text}");
    // What is missing, and the fix.
    assert!(
        text.contains("needs `summary`") && text.contains("add `summary: ...`"),
        "{text}"
    );
}

#[test]
fn a_missing_path_exits_2() {
    let (code, text) = check(Path::new("no/such/scenario.ron"));
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("cannot read no/such/scenario.ron"), "{text}");
}

#[test]
fn an_unreadable_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "plain.ron", "()");
    // A path through a file is unreadable for every user, root included.
    let (code, text) = check(&file.join("inner.ron"));
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("cannot read"), "{text}");
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/check/base.ron",
        dir.path().join("a-good.ron"),
    )
    .unwrap();
    let bad = std::fs::read_to_string("tests/fixtures/check/unknown-persona.ron").unwrap();
    write(
        dir.path(),
        "b-bad.ron",
        bad.replace("id: \"fixture\"", "id: \"other\""),
    );
    write(dir.path(), "c-empty.ron", "");
    let (code, text) = check(dir.path());
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("checked 3 scenario files: 2 errors"),
        "{text}"
    );
    assert!(
        text.contains("b-bad.ron") && text.contains("c-empty.ron"),
        "{text}"
    );
    assert!(!text.contains("a-good.ron"), "{text}");
}

#[test]
fn json_format_carries_code_and_position() {
    let output = feedwise(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/check/unknown-persona.ron",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "unknown-persona");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], 21);
    assert_eq!(first["column"], 50);
    assert_eq!(json["errors"], 1);
}

#[test]
fn usage_errors_exit_2() {
    let output = feedwise(&["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_broken_catalogue_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["documents.ron", "behaviours.ron"] {
        std::fs::copy(
            Path::new("assets/guidance").join(file),
            dir.path().join(file),
        )
        .unwrap();
    }
    let principles = std::fs::read_to_string("assets/guidance/principles.ron").unwrap();
    write(
        dir.path(),
        "principles.ron",
        principles.replacen("\"SM24\"", "\"SM42\"", 1),
    );
    let output = feedwise(&[
        "check",
        "--guidance",
        dir.path().to_str().unwrap(),
        "tests/fixtures/check/base.ron",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[unknown-document]: unknown document `SM42`"),
        "{text}"
    );
    assert!(text.contains("principles.ron:"), "{text}");
}

#[cfg(feature = "app")]
#[test]
fn an_out_of_range_speed_is_a_usage_error_before_any_window() {
    for speed in ["0", "-2", "1000", "NaN", "fast"] {
        let output = feedwise(&[&format!("--speed={speed}")]);
        let text = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "--speed {speed}: {text}");
        assert!(text.contains("--speed"), "{text}");
    }
}

#[cfg(not(feature = "app"))]
#[test]
fn without_the_app_no_subcommand_is_a_usage_error_that_says_so() {
    let output = feedwise(&[]);
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("built without the app"), "{text}");
}

#[test]
fn check_without_paths_checks_the_scenarios_and_the_session_plans() {
    let output = feedwise(&["check"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("and 2 session plans: no problems"), "{text}");
}

#[test]
fn a_plan_checked_alone_is_checked_against_the_scenarios_beside_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenarios = dir.path().join("scenarios");
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::copy(
        "tests/fixtures/check/base.ron",
        scenarios.join("fixture.ron"),
    )
    .unwrap();
    let plan = write(
        &sessions,
        "plan.ron",
        "(id: \"p\", title: \"P\", audiences: [Doctor], scenarios: [\n    (scenario: \"fixture\", seed: 1, minutes: 5, discuss: {\"d2\": [\"Why?\"]}),\n])\n",
    );
    let (code, text) = check(&plan);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error[plan-unknown-decision]"), "{text}");
    assert!(text.contains("plan.ron:2:58"), "{text}");
    assert!(text.contains("did you mean `d1`?"), "{text}");
    assert!(
        text.contains("checked 0 scenario files and 1 session plan"),
        "{text}"
    );
}

#[cfg(feature = "app")]
#[test]
fn a_window_size_out_of_range_is_a_usage_error_before_any_window() {
    for size in ["100x100", "1920", "axb", "99999x1080"] {
        let output = feedwise(&[&format!("--window-size={size}")]);
        let text = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "--window-size {size}: {text}"
        );
        assert!(text.contains("--window-size"), "{text}");
    }
}

/// The app started with `display` as DISPLAY (none when `None`): its one line of error,
/// after checking that it exits 2 with no panic.
#[cfg(all(feature = "app", target_os = "linux"))]
fn app_refused_for_display(display: Option<&str>) -> String {
    let folder = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_feedwise"));
    command
        .args(["--fresh-settings", "--data-dir"])
        .arg(folder.path())
        .env_remove("WAYLAND_DISPLAY");
    match display {
        Some(display) => command.env("DISPLAY", display),
        None => command.env_remove("DISPLAY"),
    };
    let output = command.output().unwrap();
    let text = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("error: no display"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[cfg(all(feature = "app", target_os = "linux"))]
#[test]
fn with_no_display_the_app_says_so_in_one_line_and_exits_2() {
    let text = app_refused_for_display(None);
    assert!(text.contains("DISPLAY is not set"), "{text}");
}

#[cfg(all(feature = "app", target_os = "linux"))]
#[test]
fn with_a_display_nothing_answers_on_the_app_says_so_in_one_line_and_exits_2() {
    // A display number no X server here uses (a closed session's DISPLAY, a stopped Xvfb).
    assert!(!std::path::Path::new("/tmp/.X11-unix/X64999").exists());
    let text = app_refused_for_display(Some(":64999"));
    assert!(text.contains("DISPLAY=:64999"), "{text}");
}

#[test]
fn random_play_summarises_many_runs_the_same_way_for_the_same_seed() {
    let run = |seed: &str| {
        feedwise(&[
            "play",
            "tests/fixtures/engine/all-kinds.ron",
            "--random",
            "3000",
            "--seed",
            seed,
            "--format",
            "json",
        ])
    };
    let first = run("3");
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&first.stdout).expect("json");
    assert_eq!(summary["runs"], 3000);
    let reached: u64 = summary["endings"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(reached, 3000, "every run ends: {summary}");
    // Random play stays inside what exploring every path says is possible.
    let scenario = feedwise::scenario::load::parse::<feedwise::scenario::Scenario>(
        &feedwise::scenario::source::SourceFile::read(Path::new(
            "tests/fixtures/engine/all-kinds.ron",
        ))
        .unwrap(),
    )
    .unwrap()
    .value;
    let explored = feedwise::engine::paths::explore(&scenario).unwrap();
    for ending in summary["endings"].as_object().unwrap().keys() {
        assert!(explored.endings_reached.contains(ending), "{ending}");
    }
    for range in &explored.principles {
        let seen = &summary["principles"][&range.principle];
        assert!(
            seen[0].as_i64().unwrap() >= range.min,
            "{}",
            range.principle
        );
        assert!(
            seen[2].as_i64().unwrap() <= range.max,
            "{}",
            range.principle
        );
    }
    assert_eq!(
        run("3").stdout,
        first.stdout,
        "the same seed, the same runs"
    );
    assert_ne!(run("4").stdout, first.stdout);
    for bad in [
        vec![
            "play",
            "tests/fixtures/engine/all-kinds.ron",
            "--random",
            "0",
        ],
        vec![
            "play",
            "tests/fixtures/engine/all-kinds.ron",
            "--random",
            "5",
            "--choose",
            "a",
        ],
    ] {
        assert_eq!(feedwise(&bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn new_writes_a_scenario_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().unwrap();
    for kind in ["choose", "rank", "choose-several"] {
        for audience in ["doctor", "nurse", "midwife", "allied-health", "student"] {
            let id = format!("new-{kind}-{audience}");
            let made = feedwise(&[
                "new",
                &id,
                "--kind",
                kind,
                "--audience",
                audience,
                "--out",
                out,
            ]);
            assert_eq!(
                made.status.code(),
                Some(0),
                "{id}: {}",
                String::from_utf8_lossy(&made.stderr)
            );
        }
    }
    let output = feedwise(&["check", out]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("checked 15 scenario files: no problems"),
        "{text}"
    );
    let file = dir.path().join("new-rank-nurse.ron");
    std::fs::write(&file, "my edits").unwrap();
    let again = feedwise(&["new", "new-rank-nurse", "--out", out]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my edits");
    assert_eq!(
        feedwise(&["new", "Not_Kebab", "--out", out]).status.code(),
        Some(2)
    );
    let played = feedwise(&[
        "play",
        &dir.path()
            .join("new-choose-doctor.ron")
            .display()
            .to_string(),
        "--seed",
        "1",
        "--choose",
        "redirect",
    ]);
    assert!(String::from_utf8_lossy(&played.stdout).contains("ENDING: Boundaries kept"));
}

#[test]
fn coverage_counts_options_that_name_a_behaviour_and_lists_every_exception() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string("tests/fixtures/check/base.ron").unwrap();
    // `bad` is graded more leniently than its behaviour, with a reason; `good` names none.
    let text = base
        .replace(
            "grade: Poor,",
            "grade: Acceptable, exception: \"Asked by a colleague, not a patient.\",",
        )
        .replace(
            ", behaviours: [\"redirects-patient-to-proper-channel\"]",
            "",
        );
    let file = write(dir.path(), "fixture.ron", &text);
    let output = feedwise(&["check", "--coverage", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("warning[no-behaviour]"), "{text}");
    assert!(!text.contains("error["), "an exception is no error: {text}");
    assert!(
        text.contains("options that name a behaviour (timeout defaults included): 1 of 2"),
        "{text}"
    );
    assert!(
        text.contains("  fixture                        1 of   2"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "exceptions to a behaviour's grade (1):\n  {}:30: option `bad`: behaviour `advises-patient-on-personal-account` is Poor, the option Acceptable: Asked by a colleague, not a patient.",
            file.display()
        )),
        "{text}"
    );
}

#[test]
fn a_broken_behaviour_catalogue_is_reported_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["documents.ron", "principles.ron"] {
        std::fs::copy(
            Path::new("assets/guidance").join(file),
            dir.path().join(file),
        )
        .unwrap();
    }
    write(
        dir.path(),
        "behaviours.ron",
        r#"(
    behaviours: [
        (
            id: "Posts-Photo",
            summary: "Posts a photo.",
            grade: Breach,
            critical: true,
            principles: ["confidentiallity"],
            cite: {
                "GMC": [("NMC", "20.10"), ("SM24", "99")],
                "NMS": [("NMC", "20.10")],
                "HCPC": [],
            },
        ),
        (id: "redirects", summary: "Redirects.", grade: Exemplary, principles: [], cite: {"GMC": [("GMC13", "17")]}),
        (id: "redirects", summary: "Again.", grade: Exemplary, principles: [], cite: {}),
    ],
)
"#,
    );
    let output = feedwise(&[
        "check",
        "--guidance",
        dir.path().to_str().unwrap(),
        "tests/fixtures/check/base.ron",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for (code, at) in [
        ("id-format", "behaviours.ron:4:17"),
        ("unknown-principle", "behaviours.ron:8:26"),
        ("unknown-document", "behaviours.ron:10:26"),
        ("unknown-paragraph", "behaviours.ron:10:52"),
        ("unknown-document", "behaviours.ron:11:17"),
        ("missing-citation", "behaviours.ron:12:25"),
        ("replaced-citation", "behaviours.ron:15:100"),
        ("duplicate-id", "behaviours.ron:16:14"),
    ] {
        let found = text
            .split("\n\n")
            .any(|block| block.contains(&format!("[{code}]")) && block.contains(at));
        assert!(found, "{code} at {at}:\n{text}");
    }
    assert!(text.contains("is published by NMC, not GMC"), "{text}");
    assert!(text.contains("did you mean `confidentiality`?"), "{text}");
}

#[test]
fn the_regenerate_command_prints_docs_grading_md() {
    let output = feedwise(&["reference", "grading"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        std::fs::read_to_string("docs/grading.md").unwrap()
    );
}

#[test]
fn play_as_a_nurse_reads_the_nurses_text_and_the_nmc_first() {
    let play = |who: &[&str]| {
        let mut args = vec![
            "play",
            "tests/fixtures/engine/by-audience.ron",
            "--seed",
            "1",
            "--choose",
            "good",
        ];
        args.extend_from_slice(who);
        let output = feedwise(&args);
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_eq!(output.status.code(), Some(0), "{text}");
        text
    };
    let nurse = play(&["--as", "nurse"]);
    assert!(nurse.contains("(seed 1, as a nurse)"), "{nurse}");
    assert!(nurse.contains("Thanks, Hannah"), "{nurse}");
    let see = nurse.find("see The Code").expect("the NMC's Code first");
    let also = nurse.find("also Using social media as a medical professional (GMC");
    assert!(also.is_some_and(|also| also > see), "{nurse}");

    // Without --as: the first audience's text (doctors), references in the order cited.
    let anyone = play(&[]);
    assert!(anyone.contains("Thanks, Dr Okafor"), "{anyone}");
    assert!(!anyone.contains("also "), "{anyone}");
    assert!(
        anyone.find("(GMC, 2024), paragraph 18") < anyone.find("(NMC, 2018)"),
        "{anyone}"
    );
    let output = feedwise(&[
        "play",
        "tests/fixtures/engine/by-audience.ron",
        "--as",
        "surgeon",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn coverage_counts_scenarios_by_platform() {
    let output = feedwise(&["check", "--coverage", "tests/fixtures/platforms"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("error["), "{text}");
    assert!(
        text.contains("platforms: a group chat 1, a short-video app 1, an AI chatbot 1"),
        "{text}"
    );
}

#[test]
fn a_scripted_play_can_let_a_timed_decision_run_out_but_not_an_untimed_one() {
    let output = feedwise(&[
        "play",
        "tests/fixtures/engine/all-kinds.ron",
        "--seed",
        "1",
        "--choose",
        "@timeout,@timeout",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("time ran out on `first`: `none` was taken"),
        "{text}"
    );
    // The ranking that follows has no limit: waiting for ever is refused, not attempted.
    assert!(
        text.contains("error: decision `pick` has no time limit"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}
