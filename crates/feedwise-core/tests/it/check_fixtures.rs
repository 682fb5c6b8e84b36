//! One fixture per diagnostic code: each file in `tests/fixtures/check/` is the valid
//! `base.ron` with one mistake, and its first line says which code it must raise and where.

use std::path::{Path, PathBuf};

use feedwise_core::check::{Severity, check_file, check_paths, rules};
use feedwise_core::scenario::Catalogue;
use feedwise_core::scenario::library::GuidanceSources;

use crate::common::ron_files_in as fixtures_in;

fn fixtures() -> Vec<PathBuf> {
    fixtures_in(&crate::common::repo("tests/fixtures/check"))
}

/// The `// expect: CODE LINE:COL` line at the top of a fixture.
fn expectation(path: &Path) -> Option<(String, usize, usize)> {
    let bytes = std::fs::read(path).expect("fixture readable");
    let text = String::from_utf8_lossy(&bytes);
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()?
        .to_owned();
    let rest = first.strip_prefix("// expect: ")?;
    let (code, position) = rest.split_once(' ')?;
    let (line, column) = position.split_once(':')?;
    Some((code.to_owned(), line.parse().ok()?, column.parse().ok()?))
}

fn catalogue() -> Catalogue {
    Catalogue::embedded().expect("embedded catalogue parses")
}

#[test]
fn base_fixture_is_clean() {
    let result = check_file(
        &crate::common::repo("tests/fixtures/check/base.ron"),
        &catalogue(),
    );
    assert!(
        result.diagnostics.is_empty(),
        "base.ron should be clean: {:#?}",
        result.diagnostics
    );
}

#[test]
fn each_fixture_raises_its_code_at_its_position() {
    let catalogue = catalogue();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in fixtures() {
        let Some((code, line, column)) = expectation(&path) else {
            assert!(
                path.ends_with("base.ron"),
                "{} has no `// expect:` line",
                path.display()
            );
            continue;
        };
        let result = check_file(&path, &catalogue);
        let found = result.diagnostics.iter().any(|d| {
            d.code == code
                && d.location()
                    .is_some_and(|at| (at.line, at.column) == (line, column))
        });
        let seen: Vec<String> = result
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} at {:?}: {}",
                    d.code,
                    d.location().map(|l| (l.line, l.column)),
                    d.message
                )
            })
            .collect();
        if !found {
            failures.push(format!(
                "{}: expected {code} at {line}:{column}, found {seen:#?}",
                path.display()
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 25, "only {checked} fixtures were checked");
}

#[test]
fn every_rule_has_a_fixture() {
    let covered: Vec<String> = fixtures()
        .iter()
        .chain(&fixtures_in(&crate::common::repo(
            "tests/fixtures/sessions",
        )))
        .chain(&crate::mistakes::fixtures())
        .filter_map(|p| expectation(p))
        .map(|(code, ..)| code)
        .collect();
    // These need more than one file, or a bug to report: they have tests of their own below.
    let special = ["file-too-large", "duplicate-scenario", "internal"];
    for rule in rules::all() {
        assert!(
            covered.iter().any(|code| code == rule.code) || special.contains(&rule.code),
            "rule `{}` has no fixture in tests/fixtures/check, sessions or mistakes",
            rule.code
        );
    }
}

#[test]
fn duplicate_scenario_ids_across_files_are_reported_on_the_second() {
    let folder = crate::common::repo("tests/fixtures/check-duplicate-scenario");
    let (report, _) = check_paths(&[folder], &GuidanceSources::embedded());
    let duplicate: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "duplicate-scenario")
        .collect();
    assert_eq!(duplicate.len(), 1, "{:#?}", report.diagnostics);
    assert!(duplicate[0].file.ends_with("b.ron"));
    let at = duplicate[0].location().expect("has a position");
    assert_eq!((at.line, at.column), (3, 9));
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn file_too_large_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(5 * 1024 * 1024).expect("grow");
    let result = check_file(&path, &catalogue());
    assert_eq!(result.diagnostics.len(), 1);
    let found = &result.diagnostics[0];
    assert_eq!(found.code, "file-too-large");
    assert_eq!(found.severity, Severity::Error);
    assert!(found.message.contains("4.0 MiB"), "{}", found.message);
}

#[test]
fn did_you_mean_names_the_closest_principle() {
    let result = check_file(
        &crate::common::repo("tests/fixtures/check/unknown-principle.ron"),
        &catalogue(),
    );
    let found = result
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-principle")
        .expect("reported");
    assert_eq!(found.help.as_deref(), Some("did you mean `boundaries`?"));
}

#[test]
fn a_checker_that_panics_reports_an_internal_error_on_that_file_and_checks_the_rest() {
    use feedwise_core::check::{FileResult, check_files_with};
    fn panics_on_base(path: &Path, catalogue: &Catalogue) -> FileResult {
        if path.ends_with("base.ron") {
            panic!("a deliberate bug");
        }
        check_file(path, catalogue)
    }
    let files = vec![
        crate::common::repo("tests/fixtures/check/base.ron"),
        crate::common::repo("tests/fixtures/check/cycle.ron"),
    ];
    let results = check_files_with(panics_on_base, &files, &catalogue());
    assert_eq!(results.len(), 2, "no file is lost");
    let internal = &results[0].diagnostics;
    assert_eq!(internal.len(), 1);
    assert_eq!(internal[0].code, "internal");
    assert_eq!(internal[0].severity, Severity::Error);
    assert!(
        internal[0].message.contains("a deliberate bug"),
        "{}",
        internal[0].message
    );
    assert!(results[1].diagnostics.iter().any(|d| d.code == "cycle"));
}

/// Session plan fixtures (`tests/fixtures/sessions/`), checked against the shipped scenarios.
#[test]
fn each_plan_fixture_raises_its_code_at_its_position() {
    use feedwise_core::check::plan::{check_plan, known};
    use feedwise_core::scenario::source::SourceFile;
    let (files, _) =
        feedwise_core::scenario::library::scenario_files(&[crate::common::repo("scenarios")]);
    let scenarios: Vec<_> = files
        .iter()
        .filter_map(|f| check_file(f, &catalogue()).scenario)
        .collect();
    let library = known(&scenarios.iter().collect::<Vec<_>>());
    let mut checked = 0;
    for path in fixtures_in(&crate::common::repo("tests/fixtures/sessions")) {
        let source = SourceFile::read(&path).expect("readable");
        let (plan, diagnostics) = check_plan(&source, &library);
        assert!(plan.is_some(), "{} parses", path.display());
        match expectation(&path) {
            None => assert!(
                diagnostics.is_empty(),
                "base plan is clean: {diagnostics:#?}"
            ),
            Some((code, line, column)) => {
                assert!(
                    diagnostics.iter().any(|d| d.code == code
                        && d.location()
                            .is_some_and(|at| (at.line, at.column) == (line, column))),
                    "{}: expected {code} at {line}:{column}, found {diagnostics:#?}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 5);
}

/// An error caused by an earlier one is not reported again: a misspelt route target is one
/// `unknown-target`, not also an unreachable ending and a beat with no ending.
#[test]
fn a_misspelt_target_is_reported_once() {
    let result = check_file(
        &crate::common::repo("tests/fixtures/check/unknown-target.ron"),
        &catalogue(),
    );
    let errors: Vec<&str> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code)
        .collect();
    assert_eq!(errors, vec!["unknown-target"], "{:#?}", result.diagnostics);
    let help = result.diagnostics[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("end-good"), "the fix is suggested: {help}");
}

/// The options `praise-after-poor` reports in base.ron changed by `edits` (from, to).
fn praise_after_poor(edits: &[(&str, &str)]) -> Vec<String> {
    use feedwise_core::scenario::source::SourceFile;
    let mut text =
        std::fs::read_to_string(crate::common::repo("tests/fixtures/check/base.ron")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let (_, diagnostics) = feedwise_core::check::check_source(
        &SourceFile::new("edited.ron", text.as_str()),
        &catalogue(),
    );
    diagnostics
        .iter()
        .filter(|d| d.code == "praise-after-poor")
        .map(|d| d.message.split('`').nth(1).unwrap_or_default().to_owned())
        .collect()
}

const GOOD_PRAISED: (&str, &str) = (
    "debrief: \"Well done.\")",
    "debrief: \"Well done.\", tone: Praise)",
);
const POOR_PRAISED: (&str, &str) = (
    "debrief: \"Think again.\")",
    "debrief: \"Think again.\", tone: Praise)",
);

/// What the trainee did at a decision is what play counts: the option put first of a ranking,
/// every option of a selection, the timeout default when time ran out.
#[test]
fn praise_after_poor_counts_the_answer_as_play_does() {
    // A poor option ranked second does not act; put first, it does.
    let rank = ("kind: Choose", "kind: Rank(key: [\"good\", \"bad\"])");
    assert!(praise_after_poor(&[rank, GOOD_PRAISED]).is_empty());
    assert_eq!(praise_after_poor(&[rank, POOR_PRAISED]), ["bad"]);
    // A poor option chosen beside the good one that sets the flag: never merged with a good
    // option that is not flagged either.
    let several = (
        "kind: Choose",
        "kind: ChooseSeveral(pick: 2, key: [\"good\", \"meh\"])",
    );
    let third = (
        "options: [",
        "options: [\n                    (id: \"meh\", text: \"Wait\", grade: Acceptable, effects: {\"boundaries\": 1}, feedback: \"Fine.\", cite: [(\"SM24\", \"18\")]),",
    );
    assert_eq!(praise_after_poor(&[several, third, GOOD_PRAISED]), ["bad"]);
    // A timed-out decision counts as its default: here it sets the flag that leads to praise.
    let timeout = (
        "                ],\n            ),",
        "                ],\n                timeout: (seconds: 10, default: (id: \"late\", text: \"Nothing\", grade: Poor, effects: {\"boundaries\": -1}, feedback: \"Too slow.\", cite: [(\"SM24\", \"18\")], set: [\"kind\"])),\n            ),",
    );
    assert!(praise_after_poor(&[GOOD_PRAISED]).is_empty());
    assert_eq!(praise_after_poor(&[timeout, GOOD_PRAISED]), ["late"]);
}

/// What `addresses-one-audience` and `by-audience-missing` report on the doctors-and-nurses
/// fixture with `edit` applied: each finding's code and the words it underlines.
fn audience_findings(edit: impl Fn(String) -> String) -> Vec<(String, String)> {
    let text = edit(
        std::fs::read_to_string(crate::common::repo("tests/fixtures/engine/by-audience.ron"))
            .unwrap(),
    );
    let source = feedwise_core::scenario::source::SourceFile::new("edited.ron", text.as_str());
    let (_, diagnostics) = feedwise_core::check::check_source(&source, &catalogue());
    diagnostics
        .iter()
        .filter(|d| d.code.contains("audience"))
        .map(|d| (d.code.to_owned(), d.message.clone()))
        .collect()
}

fn message_to_me(text: &str) -> impl Fn(String) -> String + '_ {
    move |scenario: String| scenario.replace("\"Thanks, {me_title}\"", &format!("\"{text}\""))
}

#[test]
fn addresses_one_audience_finds_titles_and_roles_said_to_the_trainee() {
    assert_eq!(audience_findings(|s| s), [], "the fixture is clean");
    for (said, word) in [
        ("Thanks Dr {me_surname}", "`Dr {me_surname}`"),
        ("Are you Dr Okafor?", "`Dr`"),
        ("are you a nurse? small world", "`nurse`"),
        ("You're my GP!", "`GP`"),
        ("Thanks nurse {me_first}", "`nurse {me_first}`"),
    ] {
        let found = audience_findings(message_to_me(said));
        assert!(
            found.len() == 1 && found[0].0 == "addresses-one-audience" && found[0].1.contains(word),
            "{said}: {found:?}"
        );
    }
    // The `me` persona's bio.
    let found = audience_findings(|s| {
        s.replace(
            "role: Me)",
            "role: Me, bio: \"Staff nurse. Views my own.\")",
        )
    });
    assert!(
        found.len() == 1 && found[0].1.contains("`nurse`"),
        "{found:?}"
    );
}

#[test]
fn addresses_one_audience_leaves_other_people_and_one_audience_scenarios_alone() {
    for said in [
        "My doctor told me to ask you",
        "Dr Bell said you would know",
        "The nurse on the ward was lovely",
        "sister-in-law says hi",
    ] {
        assert_eq!(audience_findings(message_to_me(said)), [], "{said}");
    }
    // A scenario for doctors alone may call the trainee Dr.
    let doctors_only = audience_findings(|s| {
        message_to_me("Thanks Dr {me_surname}")(s)
            .replace("audiences: [Doctor, Nurse]", "audiences: [Doctor]")
            .replace(", Nurse: \"{me_first}\"", "")
    });
    assert_eq!(doctors_only, []);
}

#[test]
fn by_audience_needs_every_audience_and_a_name_of_its_own() {
    let found = audience_findings(|s| s.replace("\"me_title\": {", "\"me_first\": {"));
    assert!(
        found
            .iter()
            .any(|(code, message)| code == "by-audience-missing" && message.contains("variant")),
        "{found:?}"
    );
    let found = audience_findings(|s| {
        s.replace(
            "audiences: [Doctor, Nurse]",
            "audiences: [Doctor, Nurse, Midwife]",
        )
    });
    assert!(
        found
            .iter()
            .any(|(code, message)| code == "by-audience-missing" && message.contains("Midwife")),
        "{found:?}"
    );
}

#[test]
fn a_plan_not_on_disk_is_found_among_the_built_in_ones_by_name() {
    use feedwise_core::check::plan::read_plan;
    let shipped: Vec<_> = crate::common::shipped_scenarios()
        .iter()
        .map(crate::common::scenario)
        .collect();
    let library: Vec<&feedwise_core::scenario::Scenario> =
        shipped.iter().map(|s| s.as_ref()).collect();
    let from_anywhere = read_plan(
        std::path::Path::new("/nowhere/forty-five-minute-workshop.ron"),
        &library,
    )
    .expect("the shipped plan is built in");
    let by_name = read_plan(std::path::Path::new("forty-five-minute-workshop"), &library).unwrap();
    assert_eq!(from_anywhere, by_name);
    assert!(!by_name.scenarios.is_empty());
    let missing = read_plan(std::path::Path::new("no-such-plan.ron"), &library).unwrap_err();
    assert!(
        missing.contains("no-such-plan.ron")
            && missing.contains("built-in plans are forty-five-minute-workshop"),
        "{missing}"
    );
}
