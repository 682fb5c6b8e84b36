//! Who the trainee is, in the app: asked on first start before the library, kept with the
//! settings, and followed by the library's order and the feedback's references.
#![cfg(feature = "app")]

use crate::common;

use std::path::PathBuf;

use bevy::prelude::*;
use feedwise::app::library::Library;
use feedwise::app::screens::library::{LibraryView, visible};
use feedwise::app::screens::play::feedback::{AlsoGuidance, OwnGuidance};
use feedwise::app::settings::CurrentSettings;
use feedwise::app::{LaunchOptions, PlayPhase, Screen};
use feedwise::scenario::Profession;

use crate::common::headless::{key_for, press, screen, until_phase};

/// A library of two: `fixture` for doctors, then `by-audience` for doctors and nurses (it
/// cites the GMC and the NMC). Settings are kept in `data`, as for a trainee's own install.
fn first_start(data: &std::path::Path) -> App {
    common::headless::app(LaunchOptions {
        scenario_dirs: vec![
            PathBuf::from("tests/fixtures/check/base.ron"),
            PathBuf::from("tests/fixtures/engine/by-audience.ron"),
        ],
        only_listed_folders: true,
        fresh_settings: false,
        data_dir: Some(data.to_path_buf()),
        seed: Some(4),
        ..Default::default()
    })
}

fn library_order(app: &App) -> Vec<String> {
    let library = app.world().resource::<Library>();
    let view = app.world().resource::<LibraryView>();
    visible(library, view)
        .into_iter()
        .filter_map(|i| library.entries[i].scenario().map(|s| s.id.clone()))
        .collect()
}

fn texts_of<C: Component>(app: &mut App) -> Vec<String> {
    app.world_mut()
        .query_filtered::<&Text, With<C>>()
        .iter(app.world())
        .map(|t| t.0.clone())
        .collect()
}

#[test]
fn a_first_start_asks_who_plays_and_a_nurse_gets_nurses_scenarios_and_nmc_guidance_first() {
    let data = tempfile::tempdir().unwrap();
    let mut app = first_start(data.path());
    app.update();
    assert_eq!(screen(&app), Screen::Profession, "asked before the library");
    assert_eq!(library_order(&app), ["fixture", "by-audience"]);

    // Nurse is the third choice: down twice, then Enter.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Library);
    assert_eq!(
        app.world().resource::<CurrentSettings>().0.profession,
        Some(Profession::Nurse)
    );
    let kept = std::fs::read_to_string(data.path().join("config").join("settings.ron")).unwrap();
    assert!(kept.contains("Nurse"), "{kept}");
    app.update();
    assert_eq!(library_order(&app), ["by-audience", "fixture"]);

    // The first card is now the nurses' scenario: its feedback leads with the NMC.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    until_phase(&mut app, PlayPhase::Deciding, 30);
    let good = key_for(&app, "good");
    press(&mut app, good);
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Feedback, 5);
    let own = texts_of::<OwnGuidance>(&mut app);
    let also = texts_of::<AlsoGuidance>(&mut app);
    assert!(
        !own.is_empty() && own.iter().all(|t| t.contains("(NMC, 2018)")),
        "{own:?}"
    );
    assert!(own.iter().all(|t| !t.contains("GMC")), "{own:?}");
    assert!(
        also.iter()
            .all(|t| t.starts_with("Also: ") && t.contains("GMC")),
        "{also:?}"
    );
    assert!(!also.is_empty());

    // The next start remembers: no question.
    drop(app);
    let mut again = first_start(data.path());
    again.update();
    assert_eq!(screen(&again), Screen::Library);
    assert_eq!(library_order(&again), ["by-audience", "fixture"]);
}

#[test]
fn settings_change_the_profession_and_fresh_settings_never_ask() {
    let mut app = common::headless::app(common::headless::on_test_library());
    app.update();
    assert_eq!(
        screen(&app),
        Screen::Library,
        "--fresh-settings does not ask"
    );
    assert_eq!(app.world().resource::<CurrentSettings>().0.profession, None);
    press(&mut app, KeyCode::KeyS);
    press(&mut app, KeyCode::Digit4);
    assert_eq!(screen(&app), Screen::Profession);
    // A digit only selects, so a habitual Enter after it cannot leak to the next screen.
    press(&mut app, KeyCode::Digit5);
    assert_eq!(
        screen(&app),
        Screen::Profession,
        "a digit selects, Enter confirms"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Settings, "back where it was asked");
    assert_eq!(
        app.world().resource::<CurrentSettings>().0.profession,
        Some(Profession::Paramedic)
    );
}

#[test]
fn a_scenario_named_at_a_first_start_waits_for_the_answer() {
    let data = tempfile::tempdir().unwrap();
    let mut app = common::headless::app(LaunchOptions {
        scenario_dirs: vec![PathBuf::from("tests/fixtures/engine/by-audience.ron")],
        only_listed_folders: true,
        fresh_settings: false,
        data_dir: Some(data.path().to_path_buf()),
        scenario: Some("by-audience".to_owned()),
        seed: Some(4),
        ..Default::default()
    });
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Profession);
    // A digit selects, Enter confirms.
    press(&mut app, KeyCode::Digit3);
    press(&mut app, KeyCode::Enter);
    app.update();
    assert_eq!(screen(&app), Screen::Play);
    let session = &app.world().resource::<feedwise::app::ActiveSession>().0;
    assert_eq!(session.profession(), Some(Profession::Nurse));
}
