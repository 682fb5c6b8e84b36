//! Every statement feedwise exports passes a published xAPI validator: Learning Locker's
//! `@learninglocker/xapi-validation` (npm), run by scripts/validate-xapi.js over statements
//! from a run of every shipped scenario (finished, and one abandoned). The validator is first
//! shown to reject a broken statement, so a validator that checks nothing cannot pass.
//!
//! cargo test --test export_xapi_validator -- --ignored
//! (needs node and the validator in ~/.cache/feedwise-xapi-validator, or the folder named by
//! FEEDWISE_XAPI_VALIDATOR; .ci/run installs it)

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::export_support::{Play, play};
use feedwise_core::export::xapi::{self, Actor, DEFAULT_BASE};

fn validator() -> PathBuf {
    let folder = std::env::var_os("FEEDWISE_XAPI_VALIDATOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME"))
                .join(".cache/feedwise-xapi-validator")
        });
    let modules = folder.join("node_modules");
    assert!(
        modules.join("@learninglocker/xapi-validation").is_dir(),
        "the xAPI validator is not installed in {}: run .ci/run, or\n  npm install --prefix {} @learninglocker/xapi-validation@3.0.0",
        folder.display(),
        folder.display()
    );
    modules
}

/// Runs the validator over a file: exit code and what it printed.
fn validate(file: &Path) -> (i32, String) {
    let output = Command::new("node")
        .arg(crate::common::repo("scripts/validate-xapi.js"))
        .arg(file)
        .env("NODE_PATH", validator())
        .output()
        .unwrap_or_else(|e| {
            panic!("node cannot be run ({e}): install Node.js (apt-get install nodejs)")
        });
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

#[test]
#[ignore = "needs node and @learninglocker/xapi-validation; run by .ci/run"]
fn the_validator_rejects_a_broken_statement() {
    let dir = tempfile::tempdir().unwrap();
    let record = play("tests/fixtures/engine/all-kinds.ron", Play::default());
    let mut statements = xapi::statements(&[&record], &Actor::at(DEFAULT_BASE, "t"), DEFAULT_BASE);
    statements[1].id = "not-a-uuid".into();
    statements[1].result.as_mut().unwrap().duration = Some("12 seconds".into());
    let file = dir.path().join("broken.json");
    std::fs::write(&file, xapi::to_json(&statements)).unwrap();
    let (code, printed) = validate(&file);
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains("statement 1 (not-a-uuid): statement.id"),
        "{printed}"
    );
    assert!(printed.contains("statement.result.duration"), "{printed}");
}

#[test]
#[ignore = "needs node and @learninglocker/xapi-validation; run by .ci/run"]
fn every_statement_of_every_shipped_scenario_is_valid_xapi() {
    let mut records = Vec::new();
    for (n, path) in common::shipped_scenarios().iter().enumerate() {
        records.push(play(
            path,
            Play {
                id_byte: n as u8,
                style: n,
                seed: n as u64,
                ..Play::default()
            },
        ));
    }
    records.push(play(
        "tests/fixtures/engine/all-kinds.ron",
        Play {
            id_byte: 0xee,
            ..Play::default()
        },
    ));
    records.push(play(
        "tests/fixtures/engine/all-kinds.ron",
        Play {
            id_byte: 0xed,
            time_out: true,
            ..Play::default()
        },
    ));
    assert!(
        records.last().unwrap().decisions[0].timed_out,
        "a timed-out answer is among those validated"
    );
    records.push(play(
        "scenarios/two-am-reply.ron",
        Play {
            id_byte: 0xef,
            stop_after: Some(1),
            ..Play::default()
        },
    ));
    // A practice set: one registration, grouped under the set's activity.
    records.extend(super::practice_set::played_set(2));
    let runs: Vec<_> = records.iter().collect();
    let base = xapi::activity_base("https://lrs.example.org/feedwise").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, actor, base) in [
        (
            "default.json",
            Actor::at(DEFAULT_BASE, "trainee-0badc0de"),
            DEFAULT_BASE,
        ),
        (
            "theirs.json",
            Actor::at(&base, "ward 7 learner"),
            base.as_str(),
        ),
    ] {
        let statements = xapi::statements(&runs, &actor, base);
        let kinds: std::collections::BTreeSet<_> = statements
            .iter()
            .filter_map(|s| s.object.definition.as_ref()?.interaction_type.clone())
            .collect();
        assert_eq!(
            kinds.len(),
            2,
            "choice and sequencing interactions: {kinds:?}"
        );
        let file = dir.path().join(name);
        std::fs::write(&file, xapi::to_json(&statements)).unwrap();
        let (code, printed) = validate(&file);
        assert_eq!(code, 0, "{name}:\n{printed}");
        assert!(
            printed.contains(&format!("{} statements valid", statements.len())),
            "{printed}"
        );
    }
}
