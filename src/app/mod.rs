//! The desktop app. It draws what the engine decides.
//!
//! Screens and keys write requests (`session::StartSession`, `session::SessionRequest`);
//! `session.rs` alone calls the engine, feeds it time, applies its events to the timeline and
//! sends the changes (`FeedChange`) and phase changes on; screens draw them. States live in
//! `state.rs`, the command-line options in `launch.rs`, widgets (all styling) in `theme/`.

pub mod author;
pub mod facilitation;
pub mod keys;
pub mod launch;
pub mod library;
pub mod memory;
pub mod notices;
pub mod power;
pub mod practice_set;
pub mod records;
pub mod screens;
pub mod script;
pub mod session;
pub mod settings;
pub mod state;
pub mod theme;

use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::window::WindowResolution;

pub use launch::LaunchOptions;
pub use script::parse_script;
pub use session::ActiveSession;
pub use state::{PlayPhase, Screen};

/// Opens the window and runs until it is closed.
pub fn run(options: LaunchOptions) -> AppExit {
    memory::return_large_blocks_to_the_system();
    let library = library::LoaderEvents::start(&options);
    let (width, height) = options.window_size.unwrap_or((1280, 800));
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "feedwise".into(),
                    resolution: WindowResolution::new(width, height)
                        .with_scale_factor_override(1.0),
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
    app.insert_resource(library);
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
            state::plugin,
            notices::plugin,
            theme::plugin,
            settings::plugin,
            library::plugin,
            session::plugin,
            practice_set::plugin,
            records::plugin,
            author::plugin,
            facilitation::plugin,
            screens::plugin,
            power::plugin,
            script::plugin,
        ));
    }
}

fn spawn_camera(mut commands: Commands) {
    // The default target of every screen's UI, also when a presenter window adds a camera.
    commands.spawn((Camera2d, IsDefaultUiCamera));
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
