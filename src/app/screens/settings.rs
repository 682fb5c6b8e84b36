//! Settings: text size (100-200%, for projectors), high contrast, reduced motion, and who the
//! trainee is (the profession question again). Each change applies at once and is saved.
//! Below them, where feedwise keeps the trainee's files. Keys: 1, 2, 3, 5 change a setting, 4
//! asks the profession, 6 resets the practice schedule; Esc goes back.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::LaunchOptions;
use crate::app::library::Library;
use crate::app::notices::{Notices, banner};
use crate::app::records::RunHistory;
use crate::app::settings::{CurrentSettings, change};
use crate::app::theme::widget::{
    body, button, column, compact_panel, go_button, heading, row, screen_root, scroll_list, small,
    text_line, title,
};
use crate::app::theme::{Palette, size};
use crate::export::account;

use crate::app::screens::profession::{ProfessionChoice, ask};
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
    DecisionTime,
    ResetPractice,
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
        Setting::DecisionTime => s.decision_time = s.decision_time.next(),
        // Runs from now on count; the runs themselves are kept.
        Setting::ResetPractice => {
            s.practice_since = Some(crate::record::time::rfc3339(crate::clock::unix_now()));
        }
    });
}

fn spawn_settings(
    mut commands: Commands,
    current: Res<CurrentSettings>,
    palette: Res<Palette>,
    notices: Res<Notices>,
    history: Res<RunHistory>,
    library: Res<Library>,
    options: Res<LaunchOptions>,
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
            // The settings scroll: at 200% text they are taller than a 720-line window.
            root.spawn(scroll_list(12.0, true)).with_children(|root| {
                for (setting, key, label, help) in rows {
                    toggle_row(root, p, setting, key, label, help);
                }
                let who = match s.profession {
                    Some(profession) => format!("You are: {}", profession.one()),
                    None => "You are: not said".to_owned(),
                };
                let ask_again = button(
                    "Change (4)",
                    p,
                    |_: On<Activated>,
                     current: Res<CurrentSettings>,
                     mut choice: ResMut<ProfessionChoice>,
                     mut screen: ResMut<NextState<Screen>>| {
                        ask(
                            &mut choice,
                            current.0.profession,
                            Screen::Settings,
                            &mut screen,
                        );
                    },
                );
                setting_row(
                    root,
                    p,
                    ask_again,
                    who,
                    "Orders the library, addresses you as your profession and leads feedback with \
                 your regulator's guidance.",
                );
                toggle_row(
                    root,
                    p,
                    Setting::DecisionTime,
                    "5",
                    format!("Time for timed decisions: {}", s.decision_time.words()),
                    "Normal, double, ten times as long, or no limit. From the next scenario you \
                     start; a room's decisions wait for the facilitator.",
                );
                let counted = match &s.practice_since {
                    Some(since) => format!(
                        "Practice schedule: from {}",
                        crate::record::time::readable(since)
                    ),
                    None => "Practice schedule: from your first run".to_owned(),
                };
                toggle_row(
                    root,
                    p,
                    Setting::ResetPractice,
                    "6",
                    counted,
                    "Resetting starts what is due afresh from now: \"Practise next\" forgets how \
                     earlier runs went. Your runs themselves are kept.",
                );
                root.spawn(compact_panel(p, wide(column(4.0))))
                    .with_children(|files| {
                        files.spawn(heading("Your files", p));
                        for line in where_things_are(&history, &library, &options) {
                            // A path has no spaces to break at: at 200% text it would run off
                            // the window, so it breaks anywhere.
                            files.spawn((
                                text_line(line, size::SMALL, p.muted),
                                TextLayout::new(Justify::Left, LineBreak::AnyCharacter),
                            ));
                        }
                    });
                root.spawn(go_button("Back (Esc)", Screen::Library, p));
                root.spawn(body("", p));
            });
        });
}

/// Where feedwise keeps what, one line each, for the trainee (and whoever supports them).
fn where_things_are(
    history: &RunHistory,
    library: &Library,
    options: &LaunchOptions,
) -> Vec<String> {
    let mut lines = match &history.places {
        Some(places) => {
            let settings = if options.fresh_settings {
                " (not used now: --fresh-settings)"
            } else {
                ""
            };
            let (runs, pseudonym) = (history.runs.len(), account::path(&places.config));
            vec![
                format!("Settings: {}{settings}", places.settings().display()),
                format!(
                    "Your runs ({runs} kept): {}",
                    places.store().folder().display()
                ),
                format!("Exports (notes, CSV, xAPI): {}", places.exports().display()),
                format!("Your own scenarios: {}", places.scenarios().display()),
                format!("xAPI pseudonym: {}", pseudonym.display()),
                format!(
                    "The library as you left it: {}",
                    places.state.join("library.ron").display()
                ),
            ]
        }
        None => vec!["No home folder is known: nothing is kept.".to_owned()],
    };
    let read_from = library.looked_in.join("; ");
    lines.push(format!("Scenarios are read from: {read_from}"));
    lines
}

fn settings_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut current: ResMut<CurrentSettings>,
    mut notices: ResMut<Notices>,
    options: Res<LaunchOptions>,
    mut screen: ResMut<NextState<Screen>>,
    mut choice: ResMut<ProfessionChoice>,
) {
    if keys.just_pressed(KeyCode::Digit4) {
        ask(
            &mut choice,
            current.0.profession,
            Screen::Settings,
            &mut screen,
        );
        return;
    }
    for (key, setting) in [
        (KeyCode::Digit1, Setting::TextSize),
        (KeyCode::Digit2, Setting::Contrast),
        (KeyCode::Digit3, Setting::Motion),
        (KeyCode::Digit5, Setting::DecisionTime),
        (KeyCode::Digit6, Setting::ResetPractice),
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

/// A setting its key or button changes in place: `setting_row` with a Change button.
fn toggle_row(
    root: &mut ChildSpawnerCommands,
    p: &Palette,
    setting: Setting,
    key: &str,
    label: String,
    help: &str,
) {
    let change = button(
        format!("Change ({key})"),
        p,
        move |_: On<Activated>,
              mut current: ResMut<CurrentSettings>,
              mut notices: ResMut<Notices>,
              options: Res<LaunchOptions>| {
            toggle(setting, &mut current, &mut notices, &options);
        },
    );
    setting_row(root, p, change, label, help);
}

/// The full width, up to a line's comfortable length.
fn wide(node: Node) -> Node {
    Node {
        width: percent(100),
        max_width: px(720),
        ..node
    }
}

/// One setting: its change button beside its name and what it does.
fn setting_row(
    root: &mut ChildSpawnerCommands,
    p: &Palette,
    change: impl Bundle,
    label: impl Into<String>,
    help: &str,
) {
    root.spawn(compact_panel(p, wide(row(16.0))))
        .with_children(|row| {
            row.spawn(change);
            row.spawn(column(0.0)).with_children(|text| {
                text.spawn(heading(label, p));
                text.spawn(small(help, p));
            });
        });
}
