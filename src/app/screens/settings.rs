//! Settings: text size (100-200%, for projectors), high contrast, reduced motion. Each change
//! applies at once and is saved. Keys: 1, 2, 3 change a setting; Esc goes back.

use bevy::prelude::*;

use crate::app::LaunchOptions;
use crate::app::notices::{Notices, banner};
use crate::app::settings::{CurrentSettings, change};
use crate::app::theme::Palette;
use crate::app::theme::widget::{
    body, button, column, heading, panel_with, row, screen_root, small, title,
};

use crate::app::state::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Settings), spawn_settings);
    app.add_systems(
        Update,
        (settings_keys, respawn_on_change).run_if(in_state(Screen::Settings)),
    );
}

#[derive(Debug, Clone, Copy)]
enum Setting {
    TextSize,
    Contrast,
    Motion,
}

fn toggle(
    setting: Setting,
    current: &mut CurrentSettings,
    notices: &mut Notices,
    options: &LaunchOptions,
) {
    change(current, notices, options, |s| match setting {
        Setting::TextSize => s.text_scale = s.next_text_scale(),
        Setting::Contrast => s.high_contrast = !s.high_contrast,
        Setting::Motion => s.reduced_motion = !s.reduced_motion,
    });
}

fn spawn_settings(
    mut commands: Commands,
    current: Res<CurrentSettings>,
    palette: Res<Palette>,
    notices: Res<Notices>,
) {
    let p = palette.as_ref();
    let s = &current.0;
    let on_off = |on: bool| if on { "on" } else { "off" };
    let rows = [
        (
            Setting::TextSize,
            "1",
            format!("Text size: {}%", s.text_scale),
            "Larger text for projectors; 100% to 200%.",
        ),
        (
            Setting::Contrast,
            "2",
            format!("High contrast: {}", on_off(s.high_contrast)),
            "Black and white with strong colours.",
        ),
        (
            Setting::Motion,
            "3",
            format!("Reduced motion: {}", on_off(s.reduced_motion)),
            "New posts are marked without animation.",
        ),
    ];
    commands
        .spawn((DespawnOnExit(Screen::Settings), screen_root()))
        .with_children(|root| {
            root.spawn(banner(&notices, p));
            root.spawn(title("Settings", p));
            root.spawn(small(
                "Changes apply at once and are kept for next time.",
                p,
            ));
            for (setting, key, label, help) in rows {
                root.spawn(panel_with(
                    p,
                    Node {
                        width: px(720),
                        padding: UiRect::all(px(12)),
                        ..row(16.0)
                    },
                ))
                .with_children(|row| {
                    row.spawn(button(
                        format!("Change ({key})"),
                        p,
                        move |_: On<Pointer<Click>>,
                              mut current: ResMut<CurrentSettings>,
                              mut notices: ResMut<Notices>,
                              options: Res<LaunchOptions>| {
                            toggle(setting, &mut current, &mut notices, &options);
                        },
                    ));
                    row.spawn(column(0.0)).with_children(|text| {
                        text.spawn(heading(label, p));
                        text.spawn(small(help, p));
                    });
                });
            }
            root.spawn(button(
                "Back (Esc)",
                p,
                |_: On<Pointer<Click>>, mut screen: ResMut<NextState<Screen>>| {
                    screen.set(Screen::Library);
                },
            ));
            root.spawn(body("", p));
        });
}

fn settings_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut current: ResMut<CurrentSettings>,
    mut notices: ResMut<Notices>,
    options: Res<LaunchOptions>,
    mut screen: ResMut<NextState<Screen>>,
) {
    for (key, setting) in [
        (KeyCode::Digit1, Setting::TextSize),
        (KeyCode::Digit2, Setting::Contrast),
        (KeyCode::Digit3, Setting::Motion),
    ] {
        if keys.just_pressed(key) {
            toggle(setting, &mut current, &mut notices, &options);
        }
    }
    if keys.any_just_pressed([KeyCode::Escape, KeyCode::Backspace]) {
        screen.set(Screen::Library);
    }
}

/// Redraws the screen with the new palette and labels.
fn respawn_on_change(current: Res<CurrentSettings>, mut screen: ResMut<NextState<Screen>>) {
    if current.is_changed() && !current.is_added() {
        screen.set(Screen::Settings);
    }
}
