//! The app without a window: screen flow and keyboard, on MinimalPlugins with the app's own
//! plugins. Scenario time advances one second per update.
#![cfg(feature = "app")]

use crate::common;

use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use feedwise::app::library::Library;
use feedwise::app::notices::Notices;
use feedwise::app::screens::debrief::ShownDebrief;
use feedwise::app::screens::play::decision::DecisionUi;
use feedwise::app::screens::play::feedback::FeedbackPanel;
use feedwise::app::screens::play::pause::PauseMenu;
use feedwise::app::screens::play::{FeedList, PostCard};
use feedwise::app::session::{LastOutcome, Paused};
use feedwise::app::settings::CurrentSettings;
use feedwise::app::theme::Palette;
use feedwise::app::{ActiveSession, LaunchOptions, PlayPhase, Screen};
use feedwise::engine::DecisionTime;
use feedwise::scenario::Grade;

use crate::common::headless::{digit, key_for, phase, press, screen, until_phase, until_screen};

fn app() -> App {
    app_with(|_| {})
}

/// The app on the test library, with `adjust` applied to the launch options.
fn app_with(adjust: impl FnOnce(&mut LaunchOptions)) -> App {
    let mut options = common::headless::on_test_library();
    adjust(&mut options);
    common::headless::app(options)
}

fn count<F: bevy::ecs::query::QueryFilter>(app: &mut App) -> usize {
    app.world_mut()
        .query_filtered::<Entity, F>()
        .iter(app.world())
        .count()
}

#[test]
fn library_lists_the_broken_file_with_its_error_and_will_not_start_it() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Library);
    let library = app.world().resource::<Library>();
    assert_eq!(library.entries.len(), 2);
    let broken = &library.entries[1];
    assert!(broken.scenario().is_none());
    let error = broken.error().expect("an error");
    assert!(
        error.contains("b-broken.ron:12:") && error.contains("unknown persona `nobody`"),
        "{error}"
    );
    let text: Vec<String> = app
        .world_mut()
        .query::<&Text>()
        .iter(app.world())
        .map(|t| t.0.clone())
        .collect();
    assert!(
        text.iter().any(|t| t.contains("unknown persona `nobody`")),
        "the card shows the error"
    );
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        screen(&app),
        Screen::Library,
        "a broken file cannot be started"
    );
}

#[test]
fn enter_at_a_decisions_opening_records_nothing_until_the_trainee_chooses() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    // A double press as the decision opens (the second of the pair that left the feedback).
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Deciding));
    let world = app.world();
    let session = &world.resource::<feedwise::app::session::ActiveSession>().0;
    assert!(session.outcomes().is_empty(), "no answer was recorded");
    let ui = world.resource::<feedwise::app::screens::play::decision::DecisionUi>();
    assert!(
        ui.problem
            .as_deref()
            .is_some_and(|p| p.contains("Choose an option first"))
    );
    // Choosing, then Enter, answers.
    let choose_a = key_for(&app, "a");
    press(&mut app, choose_a);
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
}

#[test]
fn a_trainee_plays_from_library_to_debrief_by_keyboard() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    assert!(
        count::<With<PostCard>>(&mut app) >= 1,
        "the post is in the feed"
    );
    assert_eq!(count::<With<FeedList>>(&mut app), 1);

    let choose_a = key_for(&app, "a");
    press(&mut app, choose_a);
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    assert_eq!(count::<With<FeedbackPanel>>(&mut app), 1);
    let outcome = app
        .world()
        .resource::<LastOutcome>()
        .0
        .clone()
        .expect("scored");
    assert_eq!(
        (outcome.decision.as_str(), outcome.grade),
        ("first", Grade::Exemplary)
    );

    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    // Put the ranking in keyed order with the keyboard: select a row, move it with the arrows.
    let order: Vec<String> = {
        let ui = app.world().resource::<DecisionUi>();
        ui.order
            .iter()
            .map(|&i| ui.offer.options[i].id.clone())
            .collect()
    };
    let mut current = order;
    for (place, want) in ["r1", "r2", "r3", "r4", "r5"].iter().enumerate() {
        let at = current.iter().position(|id| id == want).unwrap();
        press(&mut app, digit(at + 1));
        for _ in place..at {
            press(&mut app, KeyCode::ArrowUp);
        }
        let moved = current.remove(at);
        current.insert(place, moved);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        phase(&app),
        Some(PlayPhase::Feedback),
        "{:?}",
        app.world().get_resource::<DecisionUi>()
    );
    let outcome = app.world().resource::<LastOutcome>().0.clone().unwrap();
    assert_eq!(
        outcome.marks.map(|m| m.earned),
        Some(20),
        "the keyed order earns full marks"
    );

    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let (s1, s2) = (key_for(&app, "s1"), key_for(&app, "s2"));
    press(&mut app, s1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        phase(&app),
        Some(PlayPhase::Deciding),
        "one of two chosen: not accepted"
    );
    assert!(
        app.world()
            .resource::<DecisionUi>()
            .problem
            .as_deref()
            .unwrap_or("")
            .contains("Choose exactly 2")
    );
    press(&mut app, s2);
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    press(&mut app, KeyCode::Enter);
    until_screen(&mut app, Screen::Debrief, 10);
    let shown = app.world().resource::<ShownDebrief>().0.clone();
    assert_eq!(shown.percentage, 100);
    assert_eq!(shown.seed, 4);
    assert_eq!(shown.ending.map(|e| e.id), Some("end-good".to_string()));
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);
}

#[test]
fn a_timed_decision_running_out_takes_its_default() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    until_phase(&mut app, PlayPhase::Feedback, 40);
    let outcome = app.world().resource::<LastOutcome>().0.clone().unwrap();
    assert!(outcome.timed_out);
    assert_eq!(outcome.chosen, vec!["none".to_string()]);
    assert_eq!(count::<With<FeedbackPanel>>(&mut app), 1);
}

#[test]
fn escape_pauses_and_the_menu_leads_back_to_the_library() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    app.update();
    press(&mut app, KeyCode::Escape);
    assert!(app.world().resource::<Paused>().0);
    assert_eq!(count::<With<PauseMenu>>(&mut app), 1);
    let clock = app.world().resource::<ActiveSession>().0.clock();
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<ActiveSession>().0.clock(),
        clock,
        "nothing advances while paused"
    );
    press(&mut app, KeyCode::Escape);
    assert!(!app.world().resource::<Paused>().0);
    assert_eq!(count::<With<PauseMenu>>(&mut app), 0);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit3);
    assert_eq!(screen(&app), Screen::Library);
}

#[test]
fn settings_change_at_once_by_keyboard() {
    let mut app = app();
    press(&mut app, KeyCode::KeyS);
    assert_eq!(screen(&app), Screen::Settings);
    press(&mut app, KeyCode::Digit2);
    assert!(app.world().resource::<CurrentSettings>().0.high_contrast);
    assert_eq!(*app.world().resource::<Palette>(), Palette::high_contrast());
    press(&mut app, KeyCode::Digit1);
    assert_eq!(app.world().resource::<CurrentSettings>().0.text_scale, 125);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);
}

#[test]
fn more_time_from_settings_applies_to_the_next_run_and_the_decision_says_so() {
    let mut app = app();
    press(&mut app, KeyCode::KeyS);
    press(&mut app, KeyCode::Digit5);
    assert_eq!(
        app.world().resource::<CurrentSettings>().0.decision_time,
        DecisionTime::Double
    );
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 60);
    // The first decision is written with 30 seconds.
    assert_eq!(
        app.world().resource::<DecisionUi>().offer.time_limit,
        Some(60)
    );
    let mut texts = app.world_mut().query::<&Text>();
    let shown: Vec<String> = texts.iter(app.world()).map(|t| t.0.clone()).collect();
    assert!(
        shown
            .iter()
            .any(|t| t.contains("60 seconds") && t.contains("time for decisions: double")),
        "{shown:?}"
    );
    // Thirty seconds on, past the written limit, it still waits.
    for _ in 0..35 {
        app.update();
    }
    assert_eq!(phase(&app), Some(PlayPhase::Deciding));
}

#[test]
fn an_answer_the_engine_refuses_is_shown_with_its_message() {
    use feedwise::app::session::SessionRequest;
    use feedwise::engine::Answer;
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    app.world_mut()
        .write_message(SessionRequest::Answer(Answer::Choose(
            "no-such-option".into(),
        )));
    app.update();
    app.update();
    assert_eq!(
        phase(&app),
        Some(PlayPhase::Deciding),
        "play did not move on"
    );
    let problem = app.world().resource::<DecisionUi>().problem.clone();
    let problem = problem.expect("the refusal is shown on the decision panel");
    assert!(problem.contains("no-such-option"), "{problem}");
}

#[test]
fn the_feed_draws_what_the_timeline_holds_and_m_clears_the_message_badge() {
    use feedwise::app::session::Feed;
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let (posts, unread) = {
        let feed = &app.world().resource::<Feed>().0;
        (feed.posts().len(), feed.unread())
    };
    assert!(posts >= 1);
    assert_eq!(
        count::<With<PostCard>>(&mut app),
        posts,
        "one card per post or reply"
    );
    assert_eq!(unread.messages, 1, "the patient's message is unread");
    press(&mut app, KeyCode::KeyM);
    assert_eq!(app.world().resource::<Feed>().0.unread().messages, 0);
}

#[test]
fn restart_from_the_pause_menu_plays_the_same_seed_from_the_beginning() {
    use feedwise::app::session::Feed;
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let seed = app.world().resource::<ActiveSession>().0.seed();
    let shown = app.world().resource::<Feed>().0.posts().len();
    assert!(shown >= 1);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit2);
    assert_eq!(screen(&app), Screen::Play);
    assert!(!app.world().resource::<Paused>().0, "the menu closed");
    let active = &app.world().resource::<ActiveSession>().0;
    assert_eq!(active.seed(), seed, "a restart keeps the seed");
    assert!(
        active.clock() <= 2_000,
        "the run starts again: {}",
        active.clock()
    );
    // Nothing of the first run is left, and nothing of the new one lands twice.
    let posts = app.world().resource::<Feed>().0.posts();
    assert!(
        posts.len() <= shown,
        "{} posts after the restart, {shown} before",
        posts.len()
    );
    let ids: std::collections::HashSet<&str> = posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), posts.len(), "each post once");
}

#[test]
fn a_scenario_named_at_launch_starts_once_the_library_has_checked_it() {
    let mut app = app_with(|options| options.scenario = Some("all-kinds".to_owned()));
    app.update();
    common::headless::assert_playing(&app, "all-kinds");
}

#[test]
fn an_unknown_scenario_named_at_launch_is_a_notice_on_the_library() {
    let mut app = app_with(|options| options.scenario = Some("no-such-id".to_owned()));
    app.update();
    assert_eq!(screen(&app), Screen::Library);
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices.iter().any(|n| n.contains("no-such-id")),
        "{notices:?}"
    );
}

#[test]
fn a_missing_scenario_folder_is_named_in_the_banner_once_the_library_is_checked() {
    let mut app = app_with(|options| options.scenario_dirs = vec![PathBuf::from("no/such/folder")]);
    app.update();
    let mut texts = app.world_mut().query::<&Text>();
    let shown: Vec<String> = texts.iter(app.world()).map(|t| t.0.clone()).collect();
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("! cannot read no/such/folder")),
        "the banner shows the notice: {shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.contains("No scenarios were found") && t.contains("no/such/folder")),
        "the empty library says where it looked: {shown:?}"
    );
}

#[test]
fn a_scenario_is_explored_once_when_its_first_run_starts_and_replays_reuse_it() {
    use feedwise::app::session::ScenarioExploration;
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    let first = app.world().resource::<ScenarioExploration>().clone();
    for _ in 0..200 {
        if first.get().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let explored = first.get().expect("explored on its own thread") as *const _;
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit2); // restart, same scenario
    assert_eq!(screen(&app), Screen::Play);
    let again = app.world().resource::<ScenarioExploration>();
    assert_eq!(again.get().map(|e| e as *const _), Some(explored));
}
