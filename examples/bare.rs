//! The floor for the app's figures: a bare Bevy window with one line of UI text, the same
//! plugins, window and fonts as feedwise, which writes a screenshot after five frames and exits
//! (as `feedwise --screenshot` does). `scripts/compare-bare.py` runs the two side by side.
//!
//!     cargo run --release --example bare -- OUT.png

use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::WindowResolution;

#[derive(Resource)]
struct Out(std::path::PathBuf);

/// When `main` started, for the same "frame N prepared" log lines the app writes.
#[derive(Resource)]
struct Launched(std::time::Instant);

fn main() -> AppExit {
    let launched = Launched(std::time::Instant::now());
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bare.png".to_owned());
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "bare".into(),
                    resolution: WindowResolution::new(1280, 800).with_scale_factor_override(1.0),
                    ..default()
                }),
                ..default()
            })
            .set(LogPlugin {
                filter: "wgpu=error,naga=warn,bevy_render=warn,bevy_winit=warn".into(),
                ..default()
            }),
    );
    // The same faces the app installs: Ubuntu Light for text, Noto Emoji kept alive.
    let mut fonts = app.world_mut().resource_mut::<Assets<Font>>();
    let _ = fonts.insert(
        AssetId::default(),
        Font::from_bytes(feedwise::glyphs::TEXT_FONT.to_vec()),
    );
    let emoji = fonts.add(Font::from_bytes(feedwise::glyphs::EMOJI_FONT.to_vec()));
    app.insert_resource(Out(out.into()));
    app.insert_resource(launched);
    app.insert_resource(EmojiFont(emoji));
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
        commands.spawn(Text::new("feedwise: a bare window for comparison"));
    });
    app.add_systems(Update, shoot_then_exit);
    app.run()
}

#[derive(Resource)]
struct EmojiFont(#[allow(dead_code)] Handle<Font>);

/// After five frames (the first two are black under software rendering), one screenshot,
/// then exit once it is on disk.
fn shoot_then_exit(
    mut commands: Commands,
    mut frames: Local<u32>,
    out: Res<Out>,
    launched: Res<Launched>,
) {
    *frames += 1;
    info!(
        "frame {} prepared {} ms after launch",
        *frames,
        launched.0.elapsed().as_millis()
    );
    if *frames == 5 {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(out.0.clone()))
            .observe(
                |_: On<ScreenshotCaptured>,
                 mut exit: MessageWriter<AppExit>,
                 launched: Res<Launched>| {
                    info!(
                        "screenshot written {} ms after launch",
                        launched.0.elapsed().as_millis()
                    );
                    exit.write(AppExit::Success);
                },
            );
    }
}
