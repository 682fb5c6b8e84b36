//! A practice set played end to end in the app, on the shipped library: 4 on the library
//! starts five decisions from at least three scenarios, each replayed to on the keyed path and
//! answered with the keys; the summary, the record on disk, the history and its exports (CSV,
//! xAPI, the reflective note) all show the set.
#![cfg(feature = "app")]

use crate::common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use bevy::prelude::*;
use feedwise::app::records::RunHistory;
use feedwise::app::screens::play::PracticeLine;
use feedwise::app::screens::play::decision::DecisionUi;
use feedwise::app::{LaunchOptions, PlayPhase, Screen};
use feedwise::engine::OfferKind;
use feedwise::scenario::Profession;

use crate::common::headless::{digit, phase, press, screen, until_phase, until_screen};

fn texts(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

/// Answers the open decision with the keys: the first option, the order as shown, or the
/// first `pick` options.
fn answer_with_keys(app: &mut App) {
    let kind = app.world().resource::<DecisionUi>().offer.kind;
    match kind {
        OfferKind::Choose | OfferKind::Rank => press(app, digit(1)),
        OfferKind::ChooseSeveral { pick } => {
            for n in 1..=pick as usize {
                press(app, digit(n));
            }
        }
    }
    press(app, KeyCode::Enter);
}

/// The app on the shipped library for a nurse, keeping runs in `data` when given, with 4
/// pressed on the library: a practice set started.
fn set_started(data: Option<&std::path::Path>) -> App {
    let mut app = common::headless::app(LaunchOptions {
        scenario_dirs: vec![common::repo("scenarios")],
        data_dir: data.map(std::path::Path::to_path_buf),
        profession: Some(Profession::Nurse),
        ..common::headless::on_test_library()
    });
    press(&mut app, KeyCode::Digit4);
    for _ in 0..5 {
        app.update();
    }
    app
}

fn files_in(folder: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_practice_set_of_five_decisions_from_three_scenarios_is_played_and_kept() {
    let data = tempfile::tempdir().unwrap();
    let mut app = set_started(Some(data.path()));
    let mut scenarios = BTreeSet::new();
    for n in 1..=5 {
        // The feed is replayed to the decision and waits, the clock still, until Enter.
        for _ in 0..5 {
            app.update();
        }
        assert_eq!(phase(&app), Some(PlayPhase::Watching));
        let clock = app
            .world()
            .resource::<feedwise::app::ActiveSession>()
            .0
            .clock();
        for _ in 0..5 {
            app.update();
        }
        let active = &app.world().resource::<feedwise::app::ActiveSession>().0;
        assert!(active.pending().is_some());
        assert_eq!(
            active.clock(),
            clock,
            "the clock ran while the feed was read"
        );
        press(&mut app, KeyCode::Enter);
        until_phase(&mut app, PlayPhase::Deciding, 5);
        let line = {
            let mut query = app
                .world_mut()
                .query_filtered::<&Text, With<PracticeLine>>();
            query.single(app.world()).map(|t| t.0.clone()).unwrap()
        };
        assert!(
            line.starts_with(&format!("Practice set: decision {n} of 5 · “")),
            "{line}"
        );
        let active = app.world().resource::<feedwise::app::ActiveSession>();
        scenarios.insert(active.0.scenario().id.clone());
        // Replayed to: the keyed answers before this decision are already given.
        let replayed = active.0.outcomes().len();
        let set = app
            .world()
            .resource::<feedwise::app::practice_set::ActivePracticeSet>();
        assert_eq!(replayed, set.items[n - 1].before.len());
        answer_with_keys(&mut app);
        until_phase(&mut app, PlayPhase::Feedback, 5);
        let shown = texts(&mut app);
        let button = if n < 5 {
            "Next decision (Enter)"
        } else {
            "See how the set went (Enter)"
        };
        assert!(shown.iter().any(|t| t == button), "{shown:#?}");
        press(&mut app, KeyCode::Enter);
    }
    until_screen(&mut app, Screen::PracticeSet, 10);
    assert!(scenarios.len() >= 3, "{scenarios:?}");
    assert!(phase(&app).is_none());

    // The record: five decisions, one each, marked with one set, written to disk.
    for _ in 0..50 {
        app.update();
        let kept = app.world().resource::<RunHistory>().runs.len();
        if kept == 5 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let runs = app.world().resource::<RunHistory>().runs.clone();
    assert_eq!(runs.len(), 5, "only the answered decisions are kept");
    let sets: BTreeSet<&str> = (runs.iter())
        .map(|r| r.practice.as_ref().expect("marked").set.as_str())
        .collect();
    assert_eq!(sets.len(), 1);
    let set = sets.into_iter().next().unwrap().to_owned();
    assert!(runs.iter().all(|r| r.decisions.len() == 1));
    let on_disk = files_in(&data.path().join("runs"));
    assert_eq!(on_disk.len(), 5, "{on_disk:?}");
    let text = std::fs::read_to_string(&on_disk[0]).unwrap();
    assert!(text.contains(&set), "{text}");

    // The summary names each decision.
    let shown = texts(&mut app);
    assert!(
        shown.iter().any(|t| t == "Practice set: 5 decisions"),
        "{shown:#?}"
    );
    for run in &runs {
        let position = run.practice.as_ref().unwrap().position;
        let line = format!("{position}. {}", run.scenario_title);
        assert!(shown.contains(&line), "{line}\n{shown:#?}");
    }

    // The history lists them; its exports carry the set.
    press(&mut app, KeyCode::KeyH);
    assert_eq!(screen(&app), Screen::History);
    let shown = texts(&mut app);
    assert_eq!(
        shown
            .iter()
            .filter(|t| t.starts_with("Practice set: "))
            .count(),
        5,
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.contains("practice set, decision 5 of 5")),
        "{shown:#?}"
    );
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::KeyE);
    let exports = files_in(&data.path().join("exports"));
    let read = |suffix: &str| {
        let path = (exports.iter())
            .find(|p| p.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix} in {exports:?}"));
        std::fs::read_to_string(path).unwrap()
    };
    let csv: Vec<String> = (exports.iter())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(csv.len(), 2, "{exports:?}");
    for table in &csv {
        assert_eq!(table.matches(&set).count(), 5, "{table}");
    }
    assert!(csv.iter().any(|t| t.contains("5 of 5")));
    let xapi = read(".json");
    assert!(xapi.contains("practice-set"), "{xapi}");
    assert!(
        xapi.contains(&format!("\"registration\": \"{set}\"")),
        "{xapi}"
    );
    let note = (exports.iter())
        .find(|p| {
            let name = p.to_string_lossy();
            name.contains("feedwise-note-practice-set-") && name.ends_with(".md")
        })
        .unwrap_or_else(|| panic!("no note of the set in {exports:?}"));
    let note = std::fs::read_to_string(note).unwrap();
    assert!(
        note.starts_with("# Reflective note: a practice set of 5 decisions on "),
        "{note}"
    );
    for n in 1..=5 {
        assert!(note.contains(&format!("## Decision {n} of 5: ")), "{note}");
    }

    // Enter on one of them opens the set's summary again, and Esc goes back to the history.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::PracticeSet);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::History);
}

#[test]
fn restarting_from_the_pause_menu_replays_to_the_same_decision_not_the_scenarios_start() {
    let mut app = set_started(None);
    let item = app
        .world()
        .resource::<feedwise::app::practice_set::ActivePracticeSet>()
        .items[0]
        .clone();
    let run = |app: &App| {
        app.world()
            .resource::<feedwise::app::session::CurrentRun>()
            .0
            .run
            .clone()
    };
    let first = run(&app);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit2);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(run(&app), first, "the same run, started again");
    let active = &app.world().resource::<feedwise::app::ActiveSession>().0;
    assert_eq!(active.scenario().id, item.scenario);
    assert_eq!(
        active.pending().map(|o| o.decision.clone()),
        Some(item.decision.clone())
    );
    assert_eq!(active.outcomes().len(), item.before.len());
    let current = app.world().resource::<feedwise::app::session::CurrentRun>();
    assert_eq!(current.0.practice.as_ref().map(|p| p.position), Some(1));

    // Answered, then restarted from the feedback: the same run again, so the new answer
    // replaces the first instead of the set keeping the decision twice.
    let answered = run(&app);
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 5);
    answer_with_keys(&mut app);
    until_phase(&mut app, PlayPhase::Feedback, 5);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit2);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(run(&app), answered);
    assert_eq!(
        phase(&app),
        Some(PlayPhase::Watching),
        "back before the decision"
    );
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 5);
    answer_with_keys(&mut app);
    until_phase(&mut app, PlayPhase::Feedback, 5);
    for _ in 0..20 {
        app.update();
    }
    let kept = app.world().resource::<RunHistory>().runs.clone();
    assert_eq!(kept.len(), 1, "one record of the decision: {kept:#?}");
    assert_eq!(kept[0].run, answered);
}

#[test]
fn a_decision_the_scenario_no_longer_reaches_is_passed_by_with_a_notice() {
    let mut app = set_started(None);
    // The set's second decision, as if the scenario had been edited since: renamed.
    app.world_mut()
        .resource_mut::<feedwise::app::practice_set::ActivePracticeSet>()
        .items[1]
        .decision = "renamed-since".to_owned();
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 5);
    answer_with_keys(&mut app);
    until_phase(&mut app, PlayPhase::Feedback, 5);
    press(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        app.update();
    }
    let notices = app
        .world()
        .resource::<feedwise::app::notices::Notices>()
        .0
        .clone();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("`renamed-since`") && n.contains("the set goes on without it")),
        "{notices:#?}"
    );
    // On to the third decision.
    let current = app.world().resource::<feedwise::app::session::CurrentRun>();
    assert_eq!(current.0.practice.as_ref().map(|p| p.position), Some(3));
}
