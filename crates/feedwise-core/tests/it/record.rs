//! The trainee's record: what a run keeps, and how the store writes and reads it, including
//! records that cannot be read.

use crate::common;

use crate::common::{all_kinds, answer, session};
use feedwise_core::engine::{Answer, paths, replay};
use feedwise_core::record::store::Store;
use feedwise_core::record::{AnswerKind, RunClock, RunStatus, SCHEMA, build, run_id, time};

fn clock(answers: usize) -> RunClock {
    RunClock {
        run: run_id([7; 16]),
        started: 1_796_098_215,
        answered: (0..answers as u64)
            .map(|i| 1_796_098_300 + i * 60)
            .collect(),
        now: 1_796_099_000,
        practice: None,
    }
}

/// all-kinds played to its end: a kind choice, a ranking, then a selection.
fn finished_record() -> feedwise_core::record::RunRecord {
    let scenario = all_kinds();
    let mut run = session(&scenario, 3);
    answer(&mut run, Answer::Choose("a".into()));
    answer(
        &mut run,
        Answer::Rank(["r2", "r1", "r3", "r4", "r5"].map(String::from).to_vec()),
    );
    run.advance_to_decision();
    while let Some(offer) = run.pending().cloned() {
        let ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
        let answered = match offer.kind {
            feedwise_core::engine::OfferKind::ChooseSeveral { pick } => {
                Answer::Several(ids.into_iter().take(pick as usize).collect())
            }
            feedwise_core::engine::OfferKind::Rank => Answer::Rank(ids),
            feedwise_core::engine::OfferKind::Choose => Answer::Choose(ids[0].clone()),
        };
        run.answer(answered).unwrap();
        run.advance_to_decision();
    }
    assert!(run.is_finished());
    let explored = paths::explore(&scenario).unwrap();
    build(
        &run,
        &clock(run.outcomes().len()),
        RunStatus::Finished,
        Some(&explored),
    )
}

#[test]
fn a_record_keeps_each_decision_with_its_key_answer_marks_and_time() {
    let record = finished_record();
    assert_eq!(record.schema, SCHEMA);
    assert_eq!(record.run, "07070707-0707-4707-8707-070707070707");
    assert_eq!(record.started, "2026-12-01T04:10:15Z");
    assert!(record.scenario_title.starts_with("All kinds for "));
    assert!(record.audience.contains("(GMC)"), "{}", record.audience);
    let first = &record.decisions[0];
    assert_eq!(first.kind, AnswerKind::Choose);
    assert_eq!(
        first.key,
        ["a"],
        "the best-graded option of a choice is its key"
    );
    assert_eq!(first.chosen, ["a"]);
    assert_eq!(first.answered, time::rfc3339(1_796_098_300));
    assert!(
        first.guidance.iter().any(|g| g.contains("GMC")),
        "{:?}",
        first.guidance
    );
    let ranking = &record.decisions[1];
    assert_eq!(ranking.kind, AnswerKind::Rank);
    assert_eq!(ranking.key, ["r1", "r2", "r3", "r4", "r5"]);
    let (earned, available) = ranking.marks.expect("a ranking has marks");
    assert!(
        earned < available,
        "one swap loses marks: {earned}/{available}"
    );
    assert_eq!(ranking.options.len(), 5);
    assert!(record.ending.is_some());
    assert!(
        record
            .principles
            .iter()
            .all(|p| p.min <= p.total && p.total <= p.max)
    );
}

#[test]
fn a_record_replays_to_the_same_run() {
    let record = finished_record();
    let replayed = replay(all_kinds(), common::catalogue(), &record.transcript);
    assert!(replayed.problems.is_empty(), "{:?}", replayed.problems);
    assert_eq!(
        replayed.session.ending(),
        record.ending.as_ref().map(|e| e.id.as_str())
    );
}

#[test]
fn saved_records_load_back_newest_first() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(folder.path());
    let older = finished_record();
    let mut newer = finished_record();
    newer.run = run_id([9; 16]);
    newer.started = time::rfc3339(1_796_200_000);
    store.save(&older).unwrap();
    store.save(&newer).unwrap();
    let history = store.load();
    assert!(history.problems.is_empty(), "{:?}", history.problems);
    assert_eq!(history.runs, vec![newer, older]);
}

#[test]
fn a_missing_runs_folder_is_an_empty_history() {
    let folder = tempfile::tempdir().unwrap();
    let history = Store::in_data_folder(&folder.path().join("not-yet")).load();
    assert!(history.runs.is_empty() && history.problems.is_empty());
}

#[test]
fn truncated_and_garbage_records_are_moved_aside_and_the_rest_still_load() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(folder.path());
    let good = finished_record();
    let saved = store.save(&good).unwrap();
    let text = std::fs::read_to_string(&saved).unwrap();
    let truncated = store.folder().join("truncated.ron");
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let garbage = store.folder().join("garbage.ron");
    std::fs::write(&garbage, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let history = store.load();
    assert_eq!(history.runs, vec![good]);
    assert_eq!(history.problems.len(), 2, "{:?}", history.problems);
    for (name, problem) in ["garbage.ron", "truncated.ron"]
        .iter()
        .zip(&history.problems)
    {
        assert!(problem.contains(name), "{problem}");
        assert!(problem.contains("quarantine"), "{problem}");
        let moved = store.quarantine().join(name);
        assert!(moved.exists(), "{} kept, not deleted", moved.display());
    }
    // The parse error names the line and column where the text stops.
    let position = history.problems[1]
        .split("truncated.ron:")
        .nth(1)
        .and_then(|rest| rest.split(": ").next())
        .unwrap_or_default();
    let numbers: Vec<&str> = position.split(':').collect();
    assert!(
        numbers.len() == 2 && numbers.iter().all(|n| n.parse::<u32>().is_ok()),
        "line:col in {}",
        history.problems[1]
    );
    assert!(!truncated.exists() && !garbage.exists());
    // A second load finds nothing more to move, and a second bad file of the same name is
    // kept beside the first rather than over it.
    std::fs::write(&truncated, "(").unwrap();
    let again = store.load();
    assert_eq!(again.runs.len(), 1);
    assert!(store.quarantine().join("truncated.ron.1").exists());
}

#[test]
fn a_record_from_a_newer_feedwise_is_left_in_place() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(folder.path());
    let mut newer = finished_record();
    newer.schema = SCHEMA + 1;
    let path = store.save(&newer).unwrap();
    let history = store.load();
    assert!(history.runs.is_empty());
    assert!(
        history.problems[0].contains("newer feedwise"),
        "{:?}",
        history.problems
    );
    assert!(path.exists());
}

#[test]
fn a_newer_record_with_fields_this_version_does_not_know_is_left_in_place_and_named() {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::in_data_folder(folder.path());
    let path = store.save(&finished_record()).unwrap();
    // As a later feedwise might write it: schema 99 and a field unknown here.
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        &format!("schema: {SCHEMA},"),
        "schema: 99,\n    mood: \"calm\",",
        1,
    );
    assert!(text.contains("mood"), "{text}");
    std::fs::write(&path, &text).unwrap();
    let history = store.load();
    assert!(history.runs.is_empty());
    assert_eq!(history.problems.len(), 1, "{:?}", history.problems);
    let problem = &history.problems[0];
    assert!(
        problem.contains("newer feedwise") && problem.contains("format 99"),
        "{problem}"
    );
    assert!(problem.contains(&path.display().to_string()), "{problem}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "left as it was"
    );
    assert!(!store.quarantine().exists(), "nothing moved aside");
    // A record of this version with an unknown field is still broken, and moved aside.
    let broken = text.replacen("schema: 99,", &format!("schema: {SCHEMA},"), 1);
    std::fs::write(&path, broken).unwrap();
    let history = store.load();
    let problem = &history.problems[0];
    assert!(problem.contains("moved to"), "{problem}");
    assert!(
        problem.contains("not a run record this feedwise can read"),
        "{problem}"
    );
    assert!(
        !problem.contains("mood") && !problem.contains("expected"),
        "no field names: {problem}"
    );
}

#[test]
fn an_unwritable_data_folder_is_an_error_naming_the_file_not_a_panic() {
    let folder = tempfile::tempdir().unwrap();
    // The data folder is a file: nothing can be made inside it, whoever runs the test.
    let blocked = folder.path().join("data");
    std::fs::write(&blocked, "a file").unwrap();
    let error = Store::in_data_folder(&blocked)
        .save(&finished_record())
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("could not save progress to "),
        "{message}"
    );
    assert!(message.contains("runs"), "{message}");
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "a file");
}

#[test]
fn a_timed_out_decision_keeps_the_default_taken_and_its_words() {
    let scenario = all_kinds();
    let mut run = session(&scenario, 3);
    run.advance_to_decision();
    let limit = run.pending().and_then(|o| o.time_limit).expect("timed");
    run.advance(common::secs(u64::from(limit) + 1));
    let record = build(&run, &clock(1), RunStatus::InProgress, None);
    let decision = &record.decisions[0];
    assert!(decision.timed_out);
    assert_eq!(decision.chosen, ["none"]);
    assert_eq!(decision.chosen_text, ["You did nothing"]);
    assert!(
        !decision.options.iter().any(|o| o.id == "none"),
        "the default is not an option the trainee could choose"
    );
    let note = feedwise_core::export::note::markdown(&[&record]);
    assert!(note.contains("You did nothing"), "{note}");
    let actor =
        feedwise_core::export::xapi::Actor::at(feedwise_core::export::xapi::DEFAULT_BASE, "t");
    let statements = feedwise_core::export::xapi::statements(
        &[&record],
        &actor,
        feedwise_core::export::xapi::DEFAULT_BASE,
    );
    let json = feedwise_core::export::xapi::to_json(&statements);
    assert!(
        json.contains("\"response\": \"\"") || json.contains("\"response\":\"\""),
        "{json}"
    );
    assert!(json.contains("default-taken"), "{json}");
}

#[test]
fn the_record_is_a_fold_each_decision_kept_as_it_was_answered() {
    // A record is written at every decision: each must begin with the decisions of the one
    // before, unchanged, and the debrief's figures must match the engine's debrief at the end.
    let scenario = all_kinds();
    let explored = paths::explore(&scenario).unwrap();
    let mut run = session(&scenario, 3);
    let mut records = Vec::new();
    for given in [
        Answer::Choose("a".into()),
        Answer::Rank(["r2", "r1", "r3", "r4", "r5"].map(String::from).to_vec()),
    ] {
        answer(&mut run, given);
        let status = RunStatus::InProgress;
        records.push(build(
            &run,
            &clock(run.outcomes().len()),
            status,
            Some(&explored),
        ));
    }
    let (first, second) = (&records[0], &records[1]);
    assert_eq!(first.decisions[..], second.decisions[..1]);
    let ranking = &second.decisions[1];
    assert_eq!(ranking.kind, AnswerKind::Rank);
    assert_eq!(ranking.key, ["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(ranking.chosen_text[..2], ["Two", "One"]);
    assert_eq!(ranking.options.len(), 5);
    let debrief = feedwise_core::engine::debrief::debrief_with(&run, Some(&explored));
    assert_eq!(second.percentage, debrief.percentage);
    let totals: Vec<(String, i64, i64, i64)> = (second.principles.iter())
        .map(|p| (p.principle.clone(), p.total, p.min, p.max))
        .collect();
    let expected: Vec<(String, i64, i64, i64)> = (debrief.principles.iter())
        .map(|p| (p.principle.clone(), p.total, p.min, p.max))
        .collect();
    assert_eq!(totals, expected);
}
