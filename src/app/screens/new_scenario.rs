//! The library's New scenario (N, or its button): asks a title and who the scenario is for,
//! writes a small valid scenario to start from in the user's scenarios folder (never over a
//! file), opens it in the system's text editor and turns author mode on for that folder, so
//! every save is checked and shown in the app. An educator needs no terminal.

use std::path::{Path, PathBuf};

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use std::sync::Arc;

use crate::app::LaunchOptions;
use crate::app::author::StartAuthoring;
use crate::app::library::{Library, same_file};
use crate::app::notices::Notices;
use crate::app::screens::library::{LibraryView, visible};
use crate::app::settings::CurrentSettings;
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::size;
use crate::app::theme::widget::{
    body, dialog, heading, in_dialog, option_row, overlay, small, text_line,
};
use crate::check::checked_scenario;
use crate::files::create_shared;
use crate::scenario::Audience;
use crate::scenario::template::{ExampleKind, id_from_title, template};

/// The New scenario dialog while it is open.
#[derive(Resource, Debug, Clone, PartialEq)]
pub enum NewScenario {
    /// The title typed so far and the audience chosen (an index into `AUDIENCES`).
    Asking { title: String, audience: usize },
    /// The file made, and whether the system's text editor was asked to open it.
    Made { path: PathBuf, opened: bool },
    /// Why no file was made.
    Failed(String),
}

/// Who a new scenario may be for, in the order offered.
pub const AUDIENCES: [Audience; 6] = [
    Audience::Doctor,
    Audience::Nurse,
    Audience::Midwife,
    Audience::AlliedHealth,
    Audience::PhysicianAssociate,
    Audience::Student,
];

/// Longest title the dialog takes (a library card shows about this much).
const MAX_TITLE: usize = 80;

impl NewScenario {
    /// The dialog, for the trainee's own audience first when they said who they are.
    pub fn asking(settings: &CurrentSettings) -> Self {
        let audience = settings
            .0
            .profession
            .and_then(|p| p.audience())
            .and_then(|a| AUDIENCES.iter().position(|x| *x == a))
            .unwrap_or(0);
        NewScenario::Asking {
            title: String::new(),
            audience,
        }
    }
}

#[derive(Component)]
struct NewScenarioView;

/// The dialog's keys, read before the library's.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct NewScenarioKeys;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            form_keys
                .in_set(NewScenarioKeys)
                .run_if(resource_exists::<NewScenario>),
            // Also when the dialog has just closed, to take it off the screen.
            draw_form,
        )
            .chain()
            .run_if(in_state(Screen::Library)),
    );
    app.add_systems(OnExit(Screen::Library), |mut commands: Commands| {
        commands.remove_resource::<NewScenario>();
    });
}

/// The keys that confirm or close the dialog.
const CLOSING: [KeyCode; 3] = [KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Escape];

/// Whether the dialog is open (the library's own keys wait while it is).
pub fn open(form: Option<Res<NewScenario>>) -> bool {
    form.is_some()
}

fn form_keys(
    mut commands: Commands,
    mut form: ResMut<NewScenario>,
    mut typed: MessageReader<KeyboardInput>,
    options: Res<LaunchOptions>,
    mut authoring: MessageWriter<StartAuthoring>,
    (mut library, mut notices): (ResMut<Library>, ResMut<Notices>),
    (mut keys, mut view): (ResMut<ButtonInput<KeyCode>>, ResMut<LibraryView>),
) {
    // Enter and Escape are the dialog's: the library below must not start a scenario with them.
    if keys.any_just_pressed(CLOSING) {
        for key in CLOSING {
            keys.clear_just_pressed(key);
        }
    }
    // The key that opened the dialog is not its first letter.
    if form.is_added() {
        typed.clear();
        return;
    }
    for key in typed.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        let NewScenario::Asking { title, audience } = form.as_mut() else {
            if CLOSING.contains(&key.key_code) {
                commands.remove_resource::<NewScenario>();
            }
            continue;
        };
        match key.key_code {
            KeyCode::Escape => {
                commands.remove_resource::<NewScenario>();
                return;
            }
            KeyCode::Backspace => {
                title.pop();
            }
            KeyCode::ArrowUp => *audience = audience.saturating_sub(1),
            KeyCode::ArrowDown | KeyCode::Tab => *audience = (*audience + 1) % AUDIENCES.len(),
            KeyCode::Enter | KeyCode::NumpadEnter => {
                *form = match make(title, AUDIENCES[*audience], &options) {
                    Ok(path) => {
                        // In the library at once; its saves from now on are author mode's.
                        if let Ok(scenario) = checked_scenario(&path, &library.catalogue) {
                            for notice in library.file_checked(&path, Arc::new(scenario)) {
                                notices.push(notice);
                            }
                            // Its card selected, so Enter after the dialog plays it.
                            let shown = visible(&library, &view);
                            if let Some(place) = shown
                                .iter()
                                .position(|&i| same_file(&library.entries[i].path, &path))
                            {
                                view.selected = place;
                            }
                        }
                        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        authoring.write(StartAuthoring(folder));
                        let opened = open_in_editor(&path, options.editor.as_deref());
                        info!("new scenario made at {}", path.display());
                        NewScenario::Made { path, opened }
                    }
                    Err(why) => NewScenario::Failed(why),
                };
                return;
            }
            _ => {
                // What the key typed, as the keyboard's layout and the system give it.
                let typed = match (&key.text, &key.logical_key) {
                    (Some(text), _) => text.as_str(),
                    (None, Key::Character(text)) => text.as_str(),
                    _ => "",
                };
                for c in typed.chars().filter(|c| !c.is_control()) {
                    if title.chars().count() < MAX_TITLE {
                        title.push(c);
                    }
                }
            }
        }
    }
}

/// Opens a file in `editor` (`--editor`), else the system's program for it; whether it
/// started.
fn open_in_editor(path: &Path, editor: Option<&str>) -> bool {
    let opened = match editor {
        // Waited for on a thread of its own, so the editor leaves no zombie when it closes.
        Some(editor) => std::process::Command::new(editor)
            .arg(path)
            .spawn()
            .map(|mut child| drop(std::thread::spawn(move || child.wait())))
            .map_err(|error| error.to_string()),
        None => opener::open(path).map_err(|error| error.to_string()),
    };
    if let Err(error) = &opened {
        warn!("could not open {}: {error}", path.display());
    }
    opened.is_ok()
}

/// Writes the new scenario in the user's scenarios folder, named from its title (a number
/// added when the name is taken): its path, or why it could not be made.
pub fn make(title: &str, audience: Audience, options: &LaunchOptions) -> Result<PathBuf, String> {
    let Some(places) = options.places() else {
        return Err("this computer gives feedwise no folder for your files".to_owned());
    };
    let folder = places.scenarios();
    std::fs::create_dir_all(&folder)
        .map_err(|error| format!("cannot make the folder {}: {error}", folder.display()))?;
    let base = id_from_title(title);
    for n in 1..=99 {
        let id = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let path = folder.join(format!("{id}.ron"));
        let text = template(&id, title, audience, ExampleKind::Choose);
        match create_shared(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(format!("cannot write {}: {error}", path.display())),
        }
    }
    Err(format!(
        "{} already holds 99 scenarios named from this title; choose another title",
        folder.display()
    ))
}

fn draw_form(
    mut commands: Commands,
    form: Option<Res<NewScenario>>,
    views: Query<Entity, With<NewScenarioView>>,
    palette: Res<Palette>,
) {
    if form.as_ref().is_some_and(|form| !form.is_changed()) {
        return;
    }
    for view in &views {
        commands.entity(view).despawn();
    }
    let Some(form) = form else { return };
    let p = palette.as_ref();
    let scrim = commands.spawn((
        NewScenarioView,
        DespawnOnExit(Screen::Library),
        overlay(p, 45, AlignItems::Center),
    ));
    let frame = dialog(p, 760.0, 90.0, p.accent);
    in_dialog(scrim, frame, |dialog| match form.as_ref() {
        NewScenario::Asking { title, audience } => {
            dialog.spawn(heading("New scenario", p));
            dialog.spawn(small("Title (type it; Backspace deletes)", p));
            dialog.spawn(text_line(format!("{title}_"), size::HEADING, p.text));
            dialog.spawn(small(
                "Who is it for? (arrows choose; their regulator's guidance is cited)",
                p,
            ));
            for (i, who) in AUDIENCES.iter().enumerate() {
                dialog
                    .spawn(option_row(p, i == *audience, false))
                    .with_child(body(who.word().to_owned(), p));
            }
            dialog.spawn(small(
                "Enter makes it and opens it in your text editor; Escape cancels.",
                p,
            ));
        }
        NewScenario::Made { path, opened } => {
            dialog.spawn(heading("Your new scenario", p));
            dialog.spawn(body(format!("Made {}", path.display()), p));
            dialog.spawn(body(
                if *opened {
                    "It is open in your text editor. Change it and save: this app \
                     checks every save and shows the scenario in the library, or \
                     what to fix."
                } else {
                    "Open it in a text editor (Notepad, TextEdit, or any other). \
                     Change it and save: this app checks every save and shows the \
                     scenario in the library, or what to fix."
                },
                p,
            ));
            dialog.spawn(small(
                "F4 lists the guidance you can cite. Enter closes this.",
                p,
            ));
        }
        NewScenario::Failed(why) => {
            dialog.spawn(heading("No scenario was made", p));
            dialog.spawn(body(why.clone(), p));
            dialog.spawn(small("Enter closes this.", p));
        }
    });
}
