//! The desktop app. It draws what the engine decides: one system feeds time and answers into
//! the engine and turns its events into UI; screens are states; widgets come from `theme`.

pub mod library;
pub mod notices;
pub mod play;
pub mod power;
pub mod screens;
pub mod script;
pub mod session;
pub mod settings;
pub mod theme;

use std::path::PathBuf;

use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::window::WindowResolution;

pub use screens::Screen;
pub use script::parse_script;
pub use session::{ActiveSession, PlayPhase};

/// The number keys, indexed by the digit they type.
pub const DIGIT_KEYS: [KeyCode; 10] = [
    KeyCode::Digit0,
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// What the command line asked of the app.
#[derive(Resource, Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Start this scenario (by id) straight away.
    pub scenario: Option<String>,
    /// Seed for the first session.
    pub seed: Option<u64>,
    /// Scenario folders besides `scenarios/`.
    pub scenario_dirs: Vec<PathBuf>,
    /// Write a PNG of the window once the first screen is drawn, then exit.
    pub screenshot: Option<PathBuf>,
    /// Drive the app from a file of steps (keys, waits, screenshots), then exit.
    pub script: Option<PathBuf>,
    /// Scenario seconds per real second.
    pub speed: f32,
    /// Ignore the saved settings and never write them (tests and scripted runs).
    pub fresh_settings: bool,
    /// List only `scenario_dirs`, not `scenarios/` (tests with their own fixtures).
    pub only_listed_folders: bool,
    /// When the process started, to log the time to the first drawn frame.
    pub launched: Option<std::time::Instant>,
}

impl LaunchOptions {
    pub fn scenario_folders(&self) -> Vec<PathBuf> {
        let default = (!self.only_listed_folders).then(|| PathBuf::from("scenarios"));
        default
            .into_iter()
            .chain(self.scenario_dirs.iter().cloned())
            .collect()
    }
}

/// Opens the window and runs until it is closed.
pub fn run(options: LaunchOptions) -> AppExit {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "feedwise".into(),
                    resolution: WindowResolution::new(1280, 800).with_scale_factor_override(1.0),
                    ..default()
                }),
                ..default()
            })
            .set(LogPlugin {
                filter: "wgpu=error,naga=warn,bevy_render=warn,bevy_winit=warn,feedwise=info"
                    .into(),
                ..default()
            }),
    );
    app.add_plugins(AppPlugin { options });
    app.run()
}

/// Everything but Bevy's own plugins, so tests can run it headless.
pub struct AppPlugin {
    pub options: LaunchOptions,
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.options.clone());
        app.add_systems(Startup, spawn_camera);
        app.add_systems(
            Last,
            log_first_frames.run_if(resource_exists::<bevy::diagnostic::FrameCount>),
        );
        app.add_plugins((
            notices::plugin,
            theme::plugin,
            settings::plugin,
            library::plugin,
            session::plugin,
            screens::plugin,
            play::plugin,
            power::plugin,
            script::plugin,
        ));
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// Logs how long after launch the first frames were prepared. Under Mesa's software renderer
/// frames 1 and 2 are black while shaders compile; frame 3 is the first complete one.
fn log_first_frames(options: Res<LaunchOptions>, frames: Res<bevy::diagnostic::FrameCount>) {
    if let Some(launched) = options.launched
        && frames.0 <= 3
    {
        info!(
            "frame {} prepared {} ms after launch",
            frames.0 + 1,
            launched.elapsed().as_millis()
        );
    }
}
