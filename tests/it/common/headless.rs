//! The app without a window, for tests of screens and keys: MinimalPlugins with the app's own
//! plugins, one second of scenario time per update.

use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::InputPlugin;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use feedwise::app::library::Library;
use feedwise::app::screens::play::decision::DecisionUi;
use feedwise::app::{AppPlugin, LaunchOptions, PlayPhase, Screen};

/// Launch options for the app on the test library alone (tests/fixtures/app), with fresh
/// settings, seed 4 and scenario time at its own pace; tests change what they need with
/// `LaunchOptions { .., ..on_test_library() }`.
pub fn on_test_library() -> LaunchOptions {
    LaunchOptions {
        scenario_dirs: vec![std::path::PathBuf::from("tests/fixtures/app")],
        only_listed_folders: true,
        fresh_settings: true,
        seed: Some(4),
        speed: 1.0,
        ..Default::default()
    }
}

/// The app with `options`, once its library has been checked.
pub fn app(options: LaunchOptions) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
    app.add_plugins(AppPlugin { options });
    // Virtual time is clamped to 250 ms a frame by default; the tests step a whole second.
    app.world_mut()
        .resource_mut::<Time<Virtual>>()
        .set_max_delta(Duration::from_secs(2));
    // The library is checked on a background thread: wait for it, as a user would.
    for _ in 0..500 {
        app.update();
        if app.world().resource::<Library>().loaded {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        app.world().resource::<Library>().loaded,
        "the library loads"
    );
    app.update();
    app
}

/// Presses and releases a key, then lets two frames pass.
pub fn press(app: &mut App, code: KeyCode) {
    press_in_one_frame(app, &[code]);
}

/// Presses and releases each of `codes` before a single frame runs: as fast typing arrives.
pub fn press_in_one_frame(app: &mut App, codes: &[KeyCode]) {
    for &code in codes {
        for state in [ButtonState::Pressed, ButtonState::Released] {
            app.world_mut().write_message(KeyboardInput {
                key_code: code,
                logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
                state,
                text: None,
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
        }
    }
    app.update();
    app.update();
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Asserts that the play screen is up with this scenario.
pub fn assert_playing(app: &App, scenario: &str) {
    assert_eq!(screen(app), Screen::Play);
    assert_eq!(
        app.world()
            .resource::<feedwise::app::ActiveSession>()
            .0
            .scenario()
            .id,
        scenario
    );
}

pub fn phase(app: &App) -> Option<PlayPhase> {
    app.world()
        .get_resource::<State<PlayPhase>>()
        .map(|p| *p.get())
}

/// Updates (one scenario second each) until the phase is reached, at most `limit` times.
pub fn until_phase(app: &mut App, want: PlayPhase, limit: usize) {
    for _ in 0..limit {
        if phase(app) == Some(want) {
            return;
        }
        app.update();
    }
    panic!(
        "phase {want:?} not reached; at {:?} on {:?}",
        phase(app),
        screen(app)
    );
}

/// Updates until the screen is shown, at most `limit` times.
pub fn until_screen(app: &mut App, want: Screen, limit: usize) {
    for _ in 0..limit {
        if screen(app) == want {
            return;
        }
        app.update();
    }
    panic!("screen {want:?} not reached; at {:?}", screen(app));
}

/// The key of option `n` (1 to 9) in a decision.
pub fn digit(n: usize) -> KeyCode {
    feedwise::app::keys::DIGIT_KEYS[n]
}

/// The number key that shows option `id` in the open decision.
pub fn key_for(app: &App, id: &str) -> KeyCode {
    let ui = app.world().resource::<DecisionUi>();
    digit(
        ui.offer
            .options
            .iter()
            .position(|o| o.id == id)
            .expect("option offered")
            + 1,
    )
}
