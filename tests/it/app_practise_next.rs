//! "Practise next" on the library: what the core recommends from the record, drawn with its
//! reason, and 1 starting it.
#![cfg(feature = "app")]

use crate::common;

use std::sync::Arc;

use bevy::prelude::*;
use feedwise::app::Screen;
use feedwise::app::records::RunHistory;
use feedwise::app::screens::practise_next::Recommended;
use feedwise::engine::{DecisionTime, Transcript};
use feedwise::practice::Why;
use feedwise::record::{PrincipleTotal, RunRecord, RunStatus, SCHEMA, time};

use crate::common::headless::{press, screen};

fn texts(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

/// A finished run of the test library's scenario ten days ago that lost every mark on
/// confidentiality.
fn poor_on_confidentiality() -> RunRecord {
    let at = time::rfc3339(feedwise::clock::unix_now() - 10 * 24 * 60 * 60);
    RunRecord {
        schema: SCHEMA,
        run: "00000000-0000-4000-8000-000000000001".to_owned(),
        scenario_title: "All kinds".to_owned(),
        title_as_written: None,
        audience: "doctors (GMC)".to_owned(),
        started: at.clone(),
        updated: at,
        status: RunStatus::Finished,
        transcript: Transcript {
            scenario: "all-kinds".to_owned(),
            version: 1,
            content_hash: String::new(),
            seed: 1,
            profession: None,
            decision_time: DecisionTime::default(),
            decisions: vec![],
            ending: None,
        },
        decisions: vec![],
        percentage: 20,
        principles: vec![PrincipleTotal {
            principle: "confidentiality".to_owned(),
            title: "Protect confidentiality".to_owned(),
            total: -5,
            min: -5,
            max: 0,
        }],
        ending: None,
        practice: None,
    }
}

/// The app on the test library, its record holding `poor_on_confidentiality`.
fn app_after_a_poor_run() -> App {
    let mut app = common::headless::app(common::headless::on_test_library());
    app.world_mut()
        .resource_mut::<RunHistory>()
        .runs
        .push(Arc::new(poor_on_confidentiality()));
    app.update();
    app
}

#[test]
fn a_first_start_offers_the_unplayed_scenario_and_1_starts_it() {
    let mut app = common::headless::app(common::headless::on_test_library());
    app.update();
    let next = app.world().resource::<Recommended>().next.clone();
    assert_eq!(next.len(), 1, "{next:#?}");
    assert_eq!(next[0].scenario, "all-kinds");
    assert_eq!(next[0].why, Why::Unplayed);
    let shown = texts(&mut app);
    assert!(shown.iter().any(|t| t == "Practise next"), "{shown:#?}");
    assert!(shown.iter().any(|t| t == &next[0].reason), "{shown:#?}");
    press(&mut app, KeyCode::Digit1);
    app.update();
    common::headless::assert_playing(&app, "all-kinds");
}

#[test]
fn a_run_that_lost_marks_on_confidentiality_brings_it_back_with_its_reason() {
    let mut app = app_after_a_poor_run();
    let recommended = app.world().resource::<Recommended>().clone();
    assert_eq!(
        recommended.next[0].why,
        Why::Weak {
            principle: "confidentiality".to_owned()
        }
    );
    assert_eq!(
        recommended.next[0].reason,
        "you lost marks on “Protect confidentiality” in your last run; last practised 10 days ago"
    );
    assert_eq!(recommended.due, ["Protect confidentiality"]);
    let shown = texts(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t == "Due for review: Protect confidentiality"),
        "{shown:#?}"
    );
}

#[test]
fn resetting_the_schedule_in_settings_forgets_earlier_runs_but_keeps_them() {
    let mut app = app_after_a_poor_run();
    assert!(!app.world().resource::<Recommended>().due.is_empty());
    press(&mut app, KeyCode::KeyS);
    assert_eq!(screen(&app), Screen::Settings);
    press(&mut app, KeyCode::Digit6);
    let since = app
        .world()
        .resource::<feedwise::app::settings::CurrentSettings>()
        .0
        .practice_since
        .clone();
    assert!(since.is_some(), "the reset time is kept in the settings");
    press(&mut app, KeyCode::Escape);
    app.update();
    let recommended = app.world().resource::<Recommended>().clone();
    assert!(recommended.due.is_empty(), "{recommended:#?}");
    assert!(
        recommended.next.iter().all(|r| r.why
            != Why::Weak {
                principle: "confidentiality".to_owned()
            }),
        "{recommended:#?}"
    );
    assert_eq!(
        app.world().resource::<RunHistory>().runs.len(),
        1,
        "the run is kept"
    );
}

#[test]
fn the_history_chart_gives_each_principles_dates_and_marks_it_due() {
    let mut app = app_after_a_poor_run();
    press(&mut app, KeyCode::KeyH);
    assert_eq!(screen(&app), Screen::History);
    let date = &poor_on_confidentiality().updated[..10];
    let line = format!("latest -5 (best possible +0) · 1 run · {date} · due for review");
    let shown = texts(&mut app);
    assert!(shown.contains(&line), "{line}\n{shown:#?}");
}
