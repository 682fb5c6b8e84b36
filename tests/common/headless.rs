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
use feedwise::app::{AppPlugin, LaunchOptions};

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
    app.update();
    app.update();
}
