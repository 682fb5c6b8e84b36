//! The trainee's record in the app (headless): each decision is kept as it is answered, a run
//! left part-way is offered for resuming at the next start, and a run left or finished is kept
//! with its status.
#![cfg(feature = "app")]

use crate::common;

use std::path::Path;
use std::time::Duration;

use bevy::prelude::*;
use feedwise::app::notices::Notices;
use feedwise::app::records::{ResumeOffer, RunHistory};
use feedwise::app::session::CurrentRun;
use feedwise::app::{ActiveSession, LaunchOptions, PlayPhase, Screen};
use feedwise::record::store::Store;
use feedwise::record::{RunRecord, RunStatus};

use crate::common::headless::{digit, key_for, phase, press, screen, until_phase};

/// The app on the test library, keeping its runs in `data`.
fn app_keeping_runs_in(data: &Path) -> App {
    common::headless::app(LaunchOptions {
        data_dir: Some(data.to_path_buf()),
        ..common::headless::on_test_library()
    })
}

/// Updates until the history has been read (the writer thread reads it first).
fn until_history_loaded(app: &mut App) {
    for _ in 0..300 {
        if app.world().resource::<RunHistory>().loaded {
            return;
        }
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the history loads");
}

/// The records on disk once the writer has caught up with `want` of them in `status`.
fn records_on_disk(
    app: &mut App,
    data: &Path,
    want: impl Fn(&[RunRecord]) -> bool,
) -> Vec<RunRecord> {
    for _ in 0..300 {
        let history = Store::in_data_folder(data).load();
        if want(&history.runs) {
            return history.runs;
        }
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!(
        "records not as wanted: {:#?}",
        Store::in_data_folder(data).load().runs
    );
}

/// Starts the first scenario and answers its first decision with `a`.
fn answer_first_decision(app: &mut App) {
    press(app, KeyCode::Enter);
    until_phase(app, PlayPhase::Deciding, 20);
    let a = key_for(app, "a");
    press(app, a);
    press(app, KeyCode::Enter);
    assert_eq!(phase(app), Some(PlayPhase::Feedback));
}

#[test]
fn each_answer_is_kept_and_a_run_left_part_way_is_offered_and_resumed_at_the_next_decision() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    answer_first_decision(&mut app);
    let runs = records_on_disk(&mut app, data.path(), |runs| {
        runs.len() == 1 && runs[0].decisions.len() == 1
    });
    assert_eq!(runs[0].status, RunStatus::InProgress);
    assert_eq!(runs[0].decisions[0].chosen, ["a"]);
    let run_id = runs[0].run.clone();
    // The window is closed here: nothing more is written.
    drop(app);

    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    let offered = app.world().resource::<ResumeOffer>().0.clone();
    assert_eq!(offered.map(|r| r.run.clone()), Some(run_id.clone()));
    // The library's keys wait for the answer: Enter does not start a scenario.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Library);
    press(&mut app, KeyCode::KeyC);
    until_phase(&mut app, PlayPhase::Deciding, 5);
    let session = &app.world().resource::<ActiveSession>().0;
    assert_eq!(session.outcomes().len(), 1, "the answer is replayed");
    assert_eq!(
        session.pending().map(|o| o.decision.as_str()),
        Some("order"),
        "the decision in progress is open"
    );
    assert_eq!(app.world().resource::<CurrentRun>().0.run, run_id);
    assert!(app.world().resource::<ResumeOffer>().0.is_none());
}

#[test]
fn a_run_closed_after_its_last_answer_carries_on_to_its_debrief_and_is_finished() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    // `c` is critical and leads straight to an ending: the last answer of the run.
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let c = key_for(&app, "c");
    press(&mut app, c);
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    let runs = records_on_disk(&mut app, data.path(), |runs| runs.len() == 1);
    assert_eq!(
        (runs[0].status, runs[0].ending.as_ref()),
        (RunStatus::InProgress, None)
    );
    // Closed (or killed) on the feedback, before the ending showed.
    drop(app);

    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    press(&mut app, KeyCode::KeyC);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        !notices.iter().any(|n| n.contains("has changed")),
        "{notices:?}"
    );
    let runs = records_on_disk(&mut app, data.path(), |runs| {
        runs.first()
            .is_some_and(|r| r.status == RunStatus::Finished)
    });
    assert_eq!(
        runs[0].ending.as_ref().map(|e| e.id.as_str()),
        Some("end-breach")
    );
    drop(app);
    // Nothing is offered again.
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    assert!(app.world().resource::<ResumeOffer>().0.is_none());
}

#[test]
fn declining_the_offer_keeps_the_run_as_abandoned() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    answer_first_decision(&mut app);
    records_on_disk(&mut app, data.path(), |runs| runs.len() == 1);
    drop(app);

    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    press(&mut app, KeyCode::KeyD);
    assert!(app.world().resource::<ResumeOffer>().0.is_none());
    let runs = records_on_disk(&mut app, data.path(), |runs| {
        runs.first()
            .is_some_and(|r| r.status == RunStatus::Abandoned)
    });
    assert_eq!(runs[0].decisions.len(), 1, "nothing is lost by declining");
    // The library is usable again.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
}

#[test]
fn leaving_for_the_library_abandons_the_run_and_a_restart_starts_a_new_one() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    answer_first_decision(&mut app);
    // Restart from the pause menu: the first run is left, a second begins.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit2);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let a = key_for(&app, "a");
    press(&mut app, a);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit3);
    assert_eq!(screen(&app), Screen::Library);
    let runs = records_on_disk(&mut app, data.path(), |runs| {
        runs.len() == 2 && runs.iter().all(|r| r.status == RunStatus::Abandoned)
    });
    assert_ne!(runs[0].run, runs[1].run);
    assert!(runs.iter().all(|r| r.decisions.len() == 1));
    // The writer thread tells the app after the file is on disk: a few frames later, under load.
    for _ in 0..200 {
        if app.world().resource::<RunHistory>().runs.len() == 2 {
            break;
        }
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(app.world().resource::<RunHistory>().runs.len(), 2);
}

#[test]
fn a_run_whose_scenario_changed_resumes_up_to_the_first_decision_that_no_longer_applies() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    answer_first_decision(&mut app);
    let mut runs = records_on_disk(&mut app, data.path(), |runs| runs.len() == 1);
    drop(app);
    // The option answered has since been renamed: the record's answer no longer applies.
    runs[0].transcript.decisions[0].chosen = vec!["renamed".into()];
    Store::in_data_folder(data.path()).save(&runs[0]).unwrap();

    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    press(&mut app, KeyCode::KeyC);
    until_phase(&mut app, PlayPhase::Deciding, 5);
    let session = &app.world().resource::<ActiveSession>().0;
    assert!(session.outcomes().is_empty());
    assert_eq!(
        session.pending().map(|o| o.decision.as_str()),
        Some("first")
    );
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices.iter().any(|n| n.contains("has changed since")
            && n.contains("decision 1 (`first`) no longer applies")
            && n.contains("after the 0 decisions")),
        "{notices:?}"
    );
}

#[test]
fn a_full_or_unwritable_data_folder_is_shown_once_and_play_goes_on() {
    let folder = tempfile::tempdir().unwrap();
    // The data folder is a file: nothing can be written inside it, whoever runs the test.
    let blocked = folder.path().join("data");
    std::fs::write(&blocked, "a file").unwrap();
    let mut app = app_keeping_runs_in(&blocked);
    until_history_loaded(&mut app);
    let save_failures = |app: &App| {
        app.world()
            .resource::<Notices>()
            .0
            .iter()
            .filter(|n| n.starts_with("could not save progress to ") && n.contains("runs"))
            .count()
    };
    for _ in 0..100 {
        if save_failures(&app) > 0 {
            break;
        }
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    // Said at the start, before anything is played.
    assert_eq!(
        save_failures(&app),
        1,
        "{:?}",
        app.world().resource::<Notices>().0
    );
    answer_first_decision(&mut app);
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(save_failures(&app), 1, "not said again at the first answer");
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    // The ranking as shown (1 keeps it) is a second answer, and a second failed save.
    press(&mut app, digit(1));
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Play, "play goes on");
    assert_eq!(save_failures(&app), 1, "said once");
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "a file");
}

#[test]
fn fresh_settings_without_a_data_folder_keep_runs_quietly_for_the_session_only() {
    // A demonstration (`--fresh-settings`, as the workshop and the screenshots run it):
    // nothing is written and nothing is said, but this session's history has the run.
    let mut app = common::headless::app(common::headless::on_test_library());
    until_history_loaded(&mut app);
    answer_first_decision(&mut app);
    for _ in 0..100 {
        if !app.world().resource::<RunHistory>().runs.is_empty() {
            break;
        }
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(app.world().resource::<RunHistory>().runs.len(), 1);
    assert!(
        app.world().resource::<Notices>().0.is_empty(),
        "{:?}",
        app.world().resource::<Notices>().0
    );
}

/// A data folder with one finished run of the test scenario, played through the app.
fn data_with_a_finished_run() -> (tempfile::TempDir, RunRecord) {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    answer_first_decision(&mut app);
    // The ranking as shown (1 keeps it), then the two keyed picks, reach an ending.
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    press(&mut app, digit(1));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let (s1, s2) = (key_for(&app, "s1"), key_for(&app, "s2"));
    press(&mut app, s1);
    press(&mut app, s2);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let runs = records_on_disk(&mut app, data.path(), |runs| {
        runs.first()
            .is_some_and(|r| r.status == RunStatus::Finished)
    });
    (data, runs[0].clone())
}

#[test]
fn the_history_reopens_a_runs_debrief_and_saves_its_note_and_all_runs() {
    let (data, finished) = data_with_a_finished_run();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    press(&mut app, KeyCode::KeyH);
    assert_eq!(screen(&app), Screen::History);

    press(&mut app, KeyCode::KeyE);
    press(&mut app, KeyCode::KeyA);
    let exports = data.path().join("exports");
    let mut names: Vec<String> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let short = &finished.run[..8];
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(
        names.iter().any(|n| n.ends_with(&format!("{short}.md"))),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with(&format!("{short}.html"))),
        "{names:?}"
    );
    assert_eq!(names.iter().filter(|n| n.ends_with(".csv")).count(), 2);
    let statements = names.iter().find(|n| n.ends_with(".json")).unwrap();
    let json = std::fs::read_to_string(exports.join(statements)).unwrap();
    assert!(
        json.contains(&finished.run),
        "the registration is the run id"
    );
    let note = names.iter().find(|n| n.ends_with(".md")).unwrap();
    let note = std::fs::read_to_string(exports.join(note)).unwrap();
    assert!(note.contains("Report"), "the chosen texts are in the note");
    // `feedwise export` on the same folder makes its statements as the same actor.
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_feedwise"))
        .args(["export", "--xapi", "--data"])
        .arg(data.path())
        .env_remove("FEEDWISE_CONFIG_DIR")
        .env("HOME", data.path().join("elsewhere"))
        .env("XDG_CONFIG_HOME", data.path().join("elsewhere"))
        .output()
        .expect("feedwise export runs");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let actor = |json: &str| -> serde_json::Value {
        let statements: serde_json::Value = serde_json::from_str(json).unwrap();
        statements[0]["actor"].clone()
    };
    assert_eq!(actor(&String::from_utf8_lossy(&cli.stdout)), actor(&json));

    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);
    let shown = app
        .world()
        .resource::<feedwise::app::screens::debrief::ShownDebrief>()
        .0
        .clone();
    assert_eq!(shown.percentage, finished.percentage);
    assert_eq!(shown.ending.map(|e| e.id), finished.ending.map(|e| e.id));
    assert!(
        app.world().get_resource::<CurrentRun>().is_none(),
        "a debrief opened from the history is not a run that can be saved over"
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::History, "Esc goes back to the runs");
    // Nothing new was written by looking.
    assert_eq!(Store::in_data_folder(data.path()).load().runs.len(), 1);
}

#[test]
fn page_down_and_up_scroll_the_progress_chart_and_nothing_else() {
    use feedwise::app::screens::history::ProgressChart;
    let (data, _) = data_with_a_finished_run();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    press(&mut app, KeyCode::KeyH);
    assert_eq!(screen(&app), Screen::History);
    let chart = |app: &mut App| {
        app.world_mut()
            .query_filtered::<&ScrollPosition, With<ProgressChart>>()
            .single(app.world())
            .map(|p| p.y)
            .expect("one progress chart")
    };
    let others = |app: &mut App| {
        app.world_mut()
            .query_filtered::<&ScrollPosition, Without<ProgressChart>>()
            .iter(app.world())
            .map(|p| p.y)
            .sum::<f32>()
    };
    assert_eq!(chart(&mut app), 0.0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(chart(&mut app), 300.0, "a page down");
    assert_eq!(others(&mut app), 0.0, "the runs and the detail stay put");
    assert_eq!(
        app.world()
            .resource::<feedwise::app::screens::history::HistoryView>()
            .selected,
        0,
        "the selection stays"
    );
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(chart(&mut app), 0.0, "back to the top, not above it");
}

#[test]
fn the_history_moves_aside_a_corrupt_record_and_says_so() {
    let (data, _) = data_with_a_finished_run();
    let runs = data.path().join("runs");
    std::fs::write(runs.join("broken.ron"), "(schema: 1, run: ").unwrap();
    let mut app = app_keeping_runs_in(data.path());
    until_history_loaded(&mut app);
    assert_eq!(app.world().resource::<RunHistory>().runs.len(), 1);
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices
            .iter()
            .any(|n| n.contains("broken.ron:1:") && n.contains("quarantine")),
        "{notices:?}"
    );
    assert!(runs.join("quarantine").join("broken.ron").exists());
}

/// The app with its built-in library, the user's folders in `data`. Who plays is given (as
/// `--as doctor`), so kept settings do not open on the first-start question.
fn app_with_built_in_library(data: &Path, fresh: bool) -> App {
    common::headless::app(LaunchOptions {
        fresh_settings: fresh,
        data_dir: Some(data.to_path_buf()),
        seed: Some(4),
        profession: Some(feedwise::scenario::Profession::Doctor),
        ..Default::default()
    })
}

#[test]
fn the_built_in_library_is_whole_and_a_users_copy_of_a_scenario_replaces_it_with_a_notice() {
    let data = tempfile::tempdir().unwrap();
    let mine = data.path().join("scenarios");
    std::fs::create_dir_all(&mine).unwrap();
    let shipped = std::fs::read_to_string("scenarios/two-am-reply.ron").unwrap();
    let title = shipped
        .lines()
        .find_map(|l| l.trim().strip_prefix("title: \""))
        .and_then(|rest| rest.strip_suffix("\","))
        .expect("a title line")
        .to_owned();
    std::fs::write(
        mine.join("my-two-am.ron"),
        shipped.replacen(&title, "My own two a.m.", 1),
    )
    .unwrap();
    let app = app_with_built_in_library(data.path(), true);
    let library = app.world().resource::<feedwise::app::library::Library>();
    let built_in = library.entries.iter().filter(|e| e.built_in).count();
    assert_eq!(
        built_in,
        common::shipped_scenarios().len(),
        "every shipped scenario is built in"
    );
    assert!(
        library
            .entries
            .iter()
            .filter(|e| e.built_in)
            .all(|e| e.path.starts_with("built-in")),
        "built-in entries say so"
    );
    let played = library.find("two-am-reply").expect("the id is playable");
    assert_eq!(played.title, "My own two a.m.", "the user's file wins");
    let replaced: Vec<_> = library
        .entries
        .iter()
        .filter(|e| e.replaced_by.is_some())
        .collect();
    assert_eq!(replaced.len(), 1);
    assert!(replaced[0].path.ends_with("two-am-reply.ron"));
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices.iter().any(|n| n.contains("`two-am-reply`")
            && n.contains("built-in/two-am-reply.ron")
            && n.contains("my-two-am.ron is used")),
        "{notices:?}"
    );
}

#[test]
fn the_library_comes_back_with_the_filter_and_scenario_left_selected() {
    let data = tempfile::tempdir().unwrap();
    let mut app = {
        let mut app = app_with_built_in_library(data.path(), false);
        // Choose a filter and the second card, then leave the library for the history.
        press(&mut app, KeyCode::KeyF);
        press(&mut app, KeyCode::ArrowDown);
        app
    };
    let view = app
        .world()
        .resource::<feedwise::app::screens::library::LibraryView>()
        .clone();
    assert!(view.filter.is_some() && view.selected == 1);
    press(&mut app, KeyCode::KeyH);
    drop(app);
    assert!(data.path().join("state").join("library.ron").exists());
    let mut again = app_with_built_in_library(data.path(), false);
    again.update();
    let restored = again
        .world()
        .resource::<feedwise::app::screens::library::LibraryView>()
        .clone();
    assert_eq!(restored, view);
}
