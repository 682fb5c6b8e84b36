//! The library's New scenario, headless: a title typed and an audience chosen make a scenario
//! file in the user's scenarios folder that passes its check, is in the library at once, is
//! opened in the editor asked for, and is watched from then on (author mode), so a save
//! reloads it. Nothing is ever written over.
#![cfg(feature = "app")]

use crate::common;

use std::time::{Duration, Instant};

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use feedwise::app::library::Library;
use feedwise::app::screens::new_scenario::NewScenario;
use feedwise::app::{LaunchOptions, Screen};

use crate::common::headless::press;

/// Types `text` as a keyboard does: a key press carrying each character.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::KeyA,
            logical_key: Key::Character(c.to_string().into()),
            state: ButtonState::Pressed,
            text: Some(c.to_string().into()),
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
    }
    app.update();
}

fn shows_text(app: &App, text: &str) -> bool {
    let world = app.world();
    world
        .try_query::<&Text>()
        .is_some_and(|mut texts| texts.iter(world).any(|t| t.0 == text))
}

fn titles(app: &App) -> Vec<String> {
    app.world()
        .resource::<Library>()
        .entries
        .iter()
        .filter_map(|e| e.scenario().map(|s| s.title.clone()))
        .collect()
}

#[test]
fn a_new_scenario_is_made_listed_opened_and_watched() {
    let data = tempfile::tempdir().unwrap();
    let opened = data.path().join("opened.txt");
    // The "editor" records the file it was asked to open.
    let editor = data.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut app = common::headless::app(LaunchOptions {
        data_dir: Some(data.path().to_path_buf()),
        editor: Some(editor.display().to_string()),
        ..common::headless::on_test_library()
    });
    press(&mut app, KeyCode::KeyN);
    assert!(
        matches!(
            app.world().get_resource::<NewScenario>(),
            Some(NewScenario::Asking { title, .. }) if title.is_empty()
        ),
        "N opens the dialog with an empty title (the N is not typed into it)"
    );
    // Typing reaches the title, not the library's keys (F, S, H, P).
    type_text(&mut app, "Fish shop post");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::ArrowDown); // nurses
    press(&mut app, KeyCode::Enter);

    let made = data.path().join("scenarios/fish-shop-pos.ron");
    assert!(
        matches!(
            app.world().get_resource::<NewScenario>(),
            Some(NewScenario::Made { path, opened: true }) if *path == made
        ),
        "{:?}",
        app.world().get_resource::<NewScenario>()
    );
    let text = std::fs::read_to_string(&made).unwrap();
    assert!(text.contains("title: \"Fish shop pos\"") && text.contains("audiences: [Nurse]"));
    assert!(
        titles(&app).contains(&"Fish shop pos".to_owned()),
        "listed at once"
    );
    let started = Instant::now();
    while !opened.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the editor was not started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap().trim(),
        made.display().to_string()
    );

    // Author mode is on: a save reloads the scenario.
    assert!(shows_text(&app, "Your new scenario"));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.world().get_resource::<NewScenario>().is_none(),
        "Enter closes the dialog"
    );
    assert!(
        !shows_text(&app, "Your new scenario"),
        "and takes it off the screen"
    );
    assert_eq!(
        common::headless::screen(&app),
        Screen::Library,
        "the Enter that closes the dialog starts nothing"
    );
    assert!(app.world().resource::<LaunchOptions>().author.is_some());
    std::fs::write(&made, text.replace("Fish shop pos", "Fish shop post")).unwrap();
    let started = Instant::now();
    while !titles(&app).contains(&"Fish shop post".to_owned()) {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "the save was not reloaded"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }

    // The same title again: a file of its own, the first untouched.
    press(&mut app, KeyCode::KeyN);
    type_text(&mut app, "Fish shop pos");
    press(&mut app, KeyCode::Enter);
    assert!(data.path().join("scenarios/fish-shop-pos-2.ron").exists());
    assert!(
        std::fs::read_to_string(&made)
            .unwrap()
            .contains("Fish shop post")
    );
}
