//! Author mode, headless: a saved file is reloaded, a run of it restarts at the same point, a
//! file that fails keeps the last good version with its diagnostics shown until it is fixed,
//! and the author panel names what is on screen.
#![cfg(feature = "app")]

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use feedwise::app::author::{AuthorProblems, FOLDED, UNFOLDED, describe};
use feedwise::app::library::Library;
use feedwise::app::screens::play::decision::DecisionUi;
use feedwise::app::session::ClockHeld;
use feedwise::app::theme::widget::ReservedBelow;
use feedwise::app::{ActiveSession, LaunchOptions, PlayPhase};

use crate::common::headless::{key_for, phase, press, until_phase};

const FIXTURE: &str = "tests/fixtures/app/a-all-kinds.ron";

fn author_app(file: &Path) -> App {
    author_app_with(file, |_| {})
}

/// Author mode on `file`, with `adjust` applied to the launch options.
fn author_app_with(file: &Path, adjust: impl FnOnce(&mut LaunchOptions)) -> App {
    let mut options = LaunchOptions {
        author: Some(Some(file.to_path_buf())),
        only_listed_folders: true,
        fresh_settings: true,
        seed: Some(4),
        ..Default::default()
    };
    adjust(&mut options);
    common::headless::app(options)
}

/// The test scenario copied into a folder of its own, as an author's file: the folder (kept
/// while it lives), the file and its text.
fn copy_of_fixture() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("mine.ron");
    let original = std::fs::read_to_string(FIXTURE).unwrap();
    save(&file, &original);
    (folder, file, original)
}

/// Starts the first scenario, answers `a` and reads on to the ranking that follows.
fn play_to_the_ranking(app: &mut App) {
    press(app, KeyCode::Enter);
    until_phase(app, PlayPhase::Deciding, 20);
    let a = key_for(app, "a");
    press(app, a);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    until_phase(app, PlayPhase::Deciding, 20);
}

/// Writes `text` so that the watcher sees a change (a new length or a later time).
fn save(file: &Path, text: &str) {
    std::fs::write(file, text).unwrap();
}

/// Renames a principle throughout the catalogue, as an author would: in principles.ron and in
/// the behaviours that move it, so the catalogue stays valid and only scenarios break.
fn rename_principle(root: &Path, from: &str, to: &str) {
    let guidance = root.join("assets/guidance");
    let behaviours = guidance.join("behaviours.ron");
    let text = std::fs::read_to_string(&behaviours).unwrap();
    save(
        &behaviours,
        &text.replace(&format!("\"{from}\""), &format!("\"{to}\"")),
    );
    let principles = guidance.join("principles.ron");
    let text = std::fs::read_to_string(&principles).unwrap();
    save(
        &principles,
        &text.replace(&format!("id: \"{from}\""), &format!("id: \"{to}\"")),
    );
}

/// Updates until `done`, for at most two seconds of real time (the watcher polls).
fn until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let started = Instant::now();
    while !done(app) {
        assert!(started.elapsed() < Duration::from_secs(3), "{what}");
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether some text on screen reads `text`.
fn shows_text(app: &App, text: &str) -> bool {
    let world = app.world();
    world
        .try_query::<&Text>()
        .is_some_and(|mut texts| texts.iter(world).any(|t| t.0 == text))
}

fn title(app: &App) -> String {
    app.world()
        .resource::<Library>()
        .find("all-kinds")
        .map(|s| s.title.clone())
        .unwrap_or_default()
}

#[test]
fn a_saved_file_is_reloaded_and_the_run_carries_on_at_the_same_point() {
    let (_folder, file, original) = copy_of_fixture();
    let mut app = author_app(&file);
    play_to_the_ranking(&mut app);
    assert_eq!(
        app.world().resource::<ActiveSession>().0.outcomes().len(),
        1
    );
    // The trainee has started on the ranking: the second row moved to the top.
    press(&mut app, KeyCode::Digit2);
    press(&mut app, KeyCode::ArrowUp);
    let working = app.world().resource::<DecisionUi>().carried();
    let order_before = order_of(&app);

    save(&file, &original.replace("All kinds for", "Every kind for"));
    until(&mut app, "the new title is in the library", |app| {
        title(app).starts_with("Every kind for")
    });
    until(&mut app, "the run restarts on the new version", |app| {
        app.world()
            .resource::<ActiveSession>()
            .0
            .scenario()
            .title
            .starts_with("Every kind for")
    });
    // The decision the run stood at is open on screen again, once the restart has settled.
    for _ in 0..10 {
        app.update();
    }
    assert!(
        shows_text(&app, "Rank these."),
        "the decision is shown again"
    );
    assert_eq!(phase(&app), Some(PlayPhase::Deciding));
    let session = &app.world().resource::<ActiveSession>().0;
    assert_eq!(session.outcomes().len(), 1, "the answer given is replayed");
    assert_eq!(
        session.pending().map(|o| o.decision.as_str()),
        Some("order")
    );
    // The order the trainee was making comes back with the decision.
    assert_eq!(
        order_of(&app),
        order_before,
        "the order is kept over the reload"
    );
    assert_eq!(app.world().resource::<DecisionUi>().carried(), working);
    let panel = describe(session);
    assert!(
        panel.contains("decision: order") && panel.contains("flags: kind"),
        "{panel}"
    );
    assert!(panel.contains("beat: rank-beat"), "{panel}");

    // F2 shows the panel, headed, with those ids; F2 again hides it.
    press(&mut app, KeyCode::F2);
    app.update();
    assert!(shows_text(&app, "Author (F2)"));
    assert!(shows_text(&app, &panel), "the ids under the heading");
    press(&mut app, KeyCode::F2);
    app.update();
    assert!(!shows_text(&app, "Author (F2)"));
}

/// The open decision's working order, by option id.
fn order_of(app: &App) -> Vec<String> {
    let ui = app.world().resource::<DecisionUi>();
    ui.order
        .iter()
        .map(|&i| ui.offer.options[i].id.clone())
        .collect()
}

#[test]
fn while_a_failing_save_shows_the_clock_stands_and_the_strip_folds() {
    let (_folder, file, original) = copy_of_fixture();
    let mut app = author_app(&file);
    // The first decision is timed.
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    let reserved = |app: &App| app.world().resource::<ReservedBelow>().0;
    assert_eq!(reserved(&app), 0.0, "nothing is kept below the screen");
    let time_left = |app: &App| app.world().resource::<ActiveSession>().0.time_left();
    let before = time_left(&app);
    for _ in 0..10 {
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(time_left(&app) < before, "the countdown runs: {before:?}");

    save(&file, &original.replace("by: \"pt\"", "by: \"nobody\""));
    until(&mut app, "the problem is shown", |app| {
        !app.world().resource::<AuthorProblems>().0.is_empty()
    });
    app.update();
    assert!(app.world().resource::<ClockHeld>().0);
    assert_eq!(reserved(&app), UNFOLDED);
    let held = time_left(&app);
    for _ in 0..20 {
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        time_left(&app),
        held,
        "the countdown stands while the problems show"
    );
    // The trainee can still work on the answer.
    press(&mut app, KeyCode::Digit2);
    assert!(app.world().resource::<DecisionUi>().touched);

    press(&mut app, KeyCode::F3);
    app.update();
    assert_eq!(reserved(&app), FOLDED, "F3 folds the problems to a line");
    press(&mut app, KeyCode::F3);
    app.update();
    assert_eq!(reserved(&app), UNFOLDED);

    save(&file, &original);
    until(&mut app, "the problem clears", |app| {
        app.world().resource::<AuthorProblems>().0.is_empty()
    });
    app.update();
    assert!(!app.world().resource::<ClockHeld>().0);
    assert_eq!(reserved(&app), 0.0);
}

#[test]
fn a_file_that_fails_keeps_the_last_good_version_and_shows_why_until_fixed() {
    let (_folder, file, original) = copy_of_fixture();
    let mut app = author_app(&file);
    save(&file, &original.replace("by: \"pt\"", "by: \"nobody\""));
    until(&mut app, "the problem is shown", |app| {
        !app.world().resource::<AuthorProblems>().0.is_empty()
    });
    let problems = app.world().resource::<AuthorProblems>().0.clone();
    let diagnostics = &problems[&file];
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "unknown-persona" && d.location().is_some()),
        "{diagnostics:?}"
    );
    assert!(
        title(&app).starts_with("All kinds for"),
        "the last good version stays"
    );
    assert_eq!(phase(&app), None);

    save(&file, &original.replace("All kinds for", "Fixed kinds for"));
    until(&mut app, "the problem clears", |app| {
        app.world().resource::<AuthorProblems>().0.is_empty()
    });
    assert!(title(&app).starts_with("Fixed kinds for"));
}

/// A project as an author has it: `assets/guidance/`, `scenarios/` and `sessions/`.
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let guidance = root.path().join("assets/guidance");
    std::fs::create_dir_all(&guidance).unwrap();
    for file in ["principles.ron", "documents.ron", "behaviours.ron"] {
        std::fs::copy(Path::new("assets/guidance").join(file), guidance.join(file)).unwrap();
    }
    let scenarios = root.path().join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::create_dir_all(root.path().join("sessions")).unwrap();
    save(
        &scenarios.join("mine.ron"),
        &std::fs::read_to_string(FIXTURE).unwrap(),
    );
    (root, scenarios)
}

fn principle_title(app: &App, id: &str) -> String {
    app.world()
        .resource::<Library>()
        .catalogue
        .principle(id)
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

#[test]
fn the_catalogue_beside_the_scenarios_is_used_and_reloaded_and_a_broken_one_is_shown() {
    let (root, scenarios) = project();
    let principles = root.path().join("assets/guidance/principles.ron");
    let original = std::fs::read_to_string(&principles).unwrap();
    save(
        &principles,
        &original.replace("Keep professional boundaries", "Keep your boundaries"),
    );
    let mut app = author_app(&scenarios);
    until(&mut app, "the library loads", |app| {
        app.world().resource::<Library>().loaded
    });
    assert_eq!(principle_title(&app, "boundaries"), "Keep your boundaries");

    // A run is on screen when the catalogue changes: it carries on against the new one.
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    save(
        &principles,
        &original.replace("Keep professional boundaries", "Mind the boundaries"),
    );
    until(&mut app, "the new title is used", |app| {
        principle_title(app, "boundaries") == "Mind the boundaries"
    });
    assert_eq!(phase(&app), Some(PlayPhase::Deciding));

    // A catalogue that fails keeps the last good one, with its errors on screen.
    save(
        &principles,
        &original.replace("id: \"boundaries\"", "id: 7"),
    );
    until(&mut app, "the problem is shown", |app| {
        !app.world().resource::<AuthorProblems>().0.is_empty()
    });
    let problems = app.world().resource::<AuthorProblems>().0.clone();
    let diagnostics = problems.values().next().unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.file.ends_with("principles.ron") && d.location().is_some()),
        "{diagnostics:?}"
    );
    assert_eq!(principle_title(&app, "boundaries"), "Mind the boundaries");

    save(&principles, &original);
    until(&mut app, "the problem clears", |app| {
        app.world().resource::<AuthorProblems>().0.is_empty()
    });
    assert_eq!(
        principle_title(&app, "boundaries"),
        "Keep professional boundaries"
    );
}

#[test]
fn a_session_plan_beside_the_scenarios_is_checked_when_saved() {
    let (root, scenarios) = project();
    let plan = root.path().join("sessions/mine.ron");
    let text = r#"(
    id: "mine",
    title: "A plan of one",
    audiences: [Nurse],
    scenarios: [(scenario: "all-kinds", seed: 1, minutes: 10)],
)"#;
    save(&plan, text);
    let mut app = author_app(&scenarios);
    until(&mut app, "the library loads", |app| {
        app.world().resource::<Library>().loaded
    });
    save(&plan, &text.replace("\"all-kinds\"", "\"all-kind\""));
    until(&mut app, "the problem is shown", |app| {
        !app.world().resource::<AuthorProblems>().0.is_empty()
    });
    let problems = app.world().resource::<AuthorProblems>().0.clone();
    let diagnostics = &problems[&plan];
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "plan-unknown-scenario" && d.location().is_some()),
        "{diagnostics:?}"
    );
    save(&plan, text);
    until(&mut app, "the problem clears", |app| {
        app.world().resource::<AuthorProblems>().0.is_empty()
    });
}

#[test]
fn a_reload_that_changes_an_answered_decision_says_which_and_plays_on_from_there() {
    let (_folder, file, original) = copy_of_fixture();
    let mut app = author_app(&file);
    play_to_the_ranking(&mut app);

    // The option answered is renamed: that answer no longer applies.
    save(
        &file,
        &original.replace("(id: \"a\", text:", "(id: \"a2\", text:"),
    );
    until(
        &mut app,
        "the app says which decision no longer applies",
        |app| {
            app.world()
                .resource::<feedwise::app::notices::Notices>()
                .0
                .iter()
                .any(|n| n.contains("no longer applies") && n.contains("after the 0 decisions"))
        },
    );
    for _ in 0..10 {
        app.update();
    }
    let session = &app.world().resource::<ActiveSession>().0;
    assert_eq!(
        session.outcomes().len(),
        0,
        "play picks up at that decision"
    );
    assert_eq!(phase(&app), Some(PlayPhase::Deciding));
    let offered: Vec<&str> = session
        .pending()
        .unwrap()
        .options
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert!(offered.contains(&"a2"), "{offered:?}");
}

#[test]
fn a_new_catalogue_checks_the_rest_of_the_library_again() {
    let (root, scenarios) = project();
    // Another folder of the library, not the author's: not watched, but it depends on the
    // catalogue too.
    let other = root.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let theirs = other.join("theirs.ron");
    save(
        &theirs,
        &std::fs::read_to_string(FIXTURE).unwrap().replacen(
            "id: \"all-kinds\"",
            "id: \"their-kinds\"",
            1,
        ),
    );
    let mut app = common::headless::app(LaunchOptions {
        author: Some(Some(scenarios.clone())),
        scenario_dirs: vec![other.clone()],
        only_listed_folders: true,
        fresh_settings: true,
        seed: Some(4),
        ..Default::default()
    });
    until(&mut app, "the library loads", |app| {
        app.world().resource::<Library>().loaded
    });
    assert!(
        app.world()
            .resource::<Library>()
            .find("their-kinds")
            .is_some()
    );

    // The catalogue renames a principle both scenarios score: both are reported.
    rename_principle(root.path(), "boundaries", "limits");
    until(&mut app, "both files are reported", |app| {
        app.world().resource::<AuthorProblems>().0.len() == 2
    });
    let problems = app.world().resource::<AuthorProblems>().0.clone();
    for file in [&theirs, &scenarios.join("mine.ron")] {
        let found = problems
            .iter()
            .find(|(path, _)| path.ends_with(file.file_name().unwrap()))
            .map(|(_, diagnostics)| diagnostics)
            .unwrap_or_else(|| panic!("{} reported: {problems:?}", file.display()));
        assert!(
            found.iter().any(|d| d.code == "unknown-principle"),
            "{found:?}"
        );
    }
    // The overlay says how many files fail, and lists a screenful of their problems.
    app.update();
    app.update();
    assert!(shows_text(
        &app,
        "2 files fail their check; the last good versions are still playing"
    ));
    rename_principle(root.path(), "limits", "boundaries");
    until(&mut app, "the problems clear", |app| {
        app.world().resource::<AuthorProblems>().0.is_empty()
    });
    app.update();
    assert!(!shows_text(
        &app,
        "2 files fail their check; the last good versions are still playing"
    ));
}

#[test]
fn a_file_made_in_the_authors_folder_joins_the_library() {
    let (_root, scenarios) = project();
    let mut app = author_app(&scenarios);
    until(&mut app, "the library loads", |app| {
        app.world().resource::<Library>().loaded
    });
    assert!(
        app.world()
            .resource::<Library>()
            .find("new-kinds")
            .is_none()
    );
    save(
        &scenarios.join("new.ron"),
        &std::fs::read_to_string(FIXTURE).unwrap().replacen(
            "id: \"all-kinds\"",
            "id: \"new-kinds\"",
            1,
        ),
    );
    until(&mut app, "the new scenario is in the library", |app| {
        app.world()
            .resource::<Library>()
            .find("new-kinds")
            .is_some()
    });
    // The id changed in the file: the library follows it.
    save(
        &scenarios.join("new.ron"),
        &std::fs::read_to_string(FIXTURE).unwrap().replacen(
            "id: \"all-kinds\"",
            "id: \"renamed-kinds\"",
            1,
        ),
    );
    until(&mut app, "the renamed scenario is in the library", |app| {
        let library = app.world().resource::<Library>();
        library.find("renamed-kinds").is_some() && library.find("new-kinds").is_none()
    });
    let entries = app.world().resource::<Library>().entries.len();
    assert_eq!(entries, 2, "mine.ron and new.ron, once each");

    // A second file with an id already in the library: the later one plays, and the app says so.
    save(
        &scenarios.join("twin.ron"),
        &std::fs::read_to_string(FIXTURE)
            .unwrap()
            .replace("All kinds for", "Twin kinds for"),
    );
    until(&mut app, "the twin is named", |app| {
        app.world()
            .resource::<feedwise::app::notices::Notices>()
            .0
            .iter()
            .any(|n| n.contains("`all-kinds` is in both") && n.contains("twin.ron is used"))
    });
    assert!(title(&app).starts_with("Twin kinds for"));
    // Saved again, the twin is not announced again.
    save(
        &scenarios.join("twin.ron"),
        &std::fs::read_to_string(FIXTURE)
            .unwrap()
            .replace("All kinds for", "Twin kinds, again, for"),
    );
    until(&mut app, "the second save is in", |app| {
        title(app).starts_with("Twin kinds, again, for")
    });
    let twins = app
        .world()
        .resource::<feedwise::app::notices::Notices>()
        .0
        .iter()
        .filter(|n| n.contains("is in both"))
        .count();
    assert_eq!(twins, 1);
}

#[test]
fn an_authors_copy_of_a_built_in_scenario_replaces_it_without_a_notice() {
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("helmet-debate.ron");
    let shipped = std::fs::read_to_string("scenarios/helmet-debate.ron").unwrap();
    save(
        &copy,
        &shipped.replacen("title: \"", "title: \"Edited: ", 1),
    );
    let mut app = common::headless::app(LaunchOptions {
        author: Some(Some(folder.path().to_path_buf())),
        fresh_settings: true,
        data_dir: Some(folder.path().join("data")),
        ..Default::default()
    });
    until(&mut app, "the library loads", |app| {
        app.world().resource::<Library>().loaded
    });
    let library = app.world().resource::<Library>();
    assert!(
        library.entries.len() > 1,
        "the built-in scenarios are listed"
    );
    let title = &library.find("helmet-debate").unwrap().title;
    assert!(title.starts_with("Edited: "), "{title}");
    let notices = &app.world().resource::<feedwise::app::notices::Notices>().0;
    assert!(
        !notices.iter().any(|n| n.contains("is in both")),
        "{notices:?}"
    );
}

#[test]
fn a_built_in_scenario_the_author_replaces_is_not_reported_for_a_catalogue_change() {
    let (root, scenarios) = project();
    std::fs::remove_file(scenarios.join("mine.ron")).unwrap();
    let copy = scenarios.join("helmet-debate.ron");
    save(
        &copy,
        &std::fs::read_to_string("scenarios/helmet-debate.ron").unwrap(),
    );
    let mut app = common::headless::app(LaunchOptions {
        author: Some(Some(scenarios.clone())),
        fresh_settings: true,
        data_dir: Some(root.path().join("data")),
        ..Default::default()
    });
    until(&mut app, "the library loads", |app| {
        app.world().resource::<Library>().loaded
    });
    rename_principle(root.path(), "respect", "respectful");
    until(&mut app, "the author's copy is reported", |app| {
        app.world()
            .resource::<AuthorProblems>()
            .0
            .keys()
            .any(|path| path.ends_with("helmet-debate.ron"))
    });
    let problems = app.world().resource::<AuthorProblems>().0.clone();
    let reported: Vec<String> = problems.keys().map(|p| p.display().to_string()).collect();
    assert!(
        reported.iter().any(|p| p == "built-in/colleague-row.ron"),
        "a built-in scenario the author has no copy of is reported: {reported:?}"
    );
    assert!(
        !reported.iter().any(|p| p == "built-in/helmet-debate.ron"),
        "the replaced built-in copy is not: {reported:?}"
    );
}

fn room(app: &App) -> &feedwise::facilitate::Room {
    app.world()
        .resource::<feedwise::app::facilitation::ActiveRoom>()
        .room()
}

/// Lets the room's timeline run (one second a frame) until a decision is open.
fn room_to_decision(app: &mut App) {
    for _ in 0..100 {
        if room(app).phase() != feedwise::facilitate::Phase::Watching {
            return;
        }
        app.update();
    }
    panic!("no decision came in the room");
}

#[test]
fn a_saved_file_plays_the_facilitated_rooms_story_again_to_the_same_point() {
    use feedwise::app::facilitation::{ActiveRoom, Request, RoomRequest};
    use feedwise::engine::Answer;
    let (_folder, file, original) = copy_of_fixture();
    let mut app = author_app_with(&file, |options| {
        options.facilitate = Some(None);
        options.scenario = Some("all-kinds".to_owned());
        options.seed = Some(7);
        options.speed = 1.0;
    });
    until(&mut app, "the room opens", |app| {
        app.world().get_resource::<ActiveRoom>().is_some()
    });
    app.world_mut()
        .write_message(RoomRequest::Workshop(Request::StartPause));
    room_to_decision(&mut app);
    app.world_mut()
        .write_message(RoomRequest::Workshop(Request::Follow(Some(
            Answer::Choose("a".into()),
        ))));
    app.update();
    room_to_decision(&mut app);
    assert_eq!(room(&app).session().pending().unwrap().decision, "order");

    save(&file, &original.replace("Hello from", "Greetings from"));
    until(&mut app, "the room plays the new version", |app| {
        let active = app.world().resource::<ActiveRoom>();
        active
            .latest(usize::MAX)
            .iter()
            .any(|a| a.text().starts_with("Greetings from"))
    });
    assert_eq!(
        room(&app).records().len(),
        1,
        "the answer followed is replayed"
    );
    assert_eq!(room(&app).session().pending().unwrap().decision, "order");
    assert!(
        !app.world()
            .resource::<ActiveRoom>()
            .latest(usize::MAX)
            .iter()
            .any(|a| a.text().starts_with("Hello from"))
    );

    // A version without the option the room followed: the story stops at that decision.
    save(
        &file,
        &original.replace(r#"(id: "a", text"#, r#"(id: "a-new", text"#),
    );
    until(
        &mut app,
        "the presenter is told where the story stopped",
        |app| {
            app.world()
                .resource::<ActiveRoom>()
                .note
                .as_deref()
                .is_some_and(|note| note.contains("decision `first`"))
        },
    );
    assert_eq!(room(&app).records().len(), 0);
    assert_eq!(room(&app).session().pending().unwrap().decision, "first");
}
