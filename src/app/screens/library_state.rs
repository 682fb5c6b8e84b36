//! The library as the trainee left it (the principle filter and the selected scenario), kept
//! in the state folder and restored at the next start, so a trainee working through the
//! scenarios of one principle comes back to where they were. Written atomically when the
//! library is left; not read or written with --fresh-settings.

use std::path::PathBuf;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::library::{LibraryView, visible};
use crate::app::LaunchOptions;
use crate::app::library::Library;
use crate::app::state::Screen;
use crate::files::write_atomic;
use crate::scenario::load::{parse, to_ron};
use crate::scenario::source::SourceFile;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryState {
    /// The principle filter, by id.
    pub filter: Option<String>,
    /// The selected scenario, by id.
    pub scenario: Option<String>,
}

/// Where the library's state is kept, unless settings are fresh, and whether last time's has
/// been put back yet: nothing is written before it is, so leaving the library for the first
/// start's question cannot replace last time's state with this start's defaults.
#[derive(Resource, Debug, Clone, Default)]
struct StateFile {
    path: Option<PathBuf>,
    restored: bool,
}

pub(super) fn plugin(app: &mut App) {
    let options = app.world().resource::<LaunchOptions>();
    let file = (!options.fresh_settings)
        .then(|| options.places())
        .flatten()
        .map(|places| places.state.join("library.ron"));
    app.insert_resource(StateFile {
        path: file,
        restored: false,
    });
    app.add_systems(OnExit(Screen::Library), save_state);
    // Whatever screen shows when the library is ready (the first start's question, say).
    app.add_systems(Update, restore_state);
}

/// Reads a state file; anything unreadable is as good as none (it is only a convenience).
pub fn read(path: &std::path::Path) -> LibraryState {
    SourceFile::read(path)
        .ok()
        .and_then(|source| parse::<LibraryState>(&source).ok())
        .map(|parsed| parsed.value)
        .unwrap_or_default()
}

fn save_state(file: Res<StateFile>, library: Res<Library>, view: Res<LibraryView>) {
    let Some(path) = &file.path else { return };
    if !library.loaded || !file.restored {
        // Left before the library was read (a scenario named at launch) or before last
        // time's state was put back: nothing to keep.
        return;
    }
    let shown = visible(&library, &view);
    let state = LibraryState {
        filter: view.filter.clone(),
        scenario: shown
            .get(view.selected)
            .and_then(|&i| library.entries.get(i))
            .and_then(|e| e.scenario())
            .map(|s| s.id.clone()),
    };
    let written = to_ron(&state)
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|text| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            write_atomic(path, text.as_bytes())
        });
    if let Err(error) = written {
        warn!(
            "the library's state was not kept in {}: {error}",
            path.display()
        );
    }
}

/// Once the library is checked, puts back the filter and selection of last time.
fn restore_state(
    mut file: ResMut<StateFile>,
    library: Res<Library>,
    mut view: ResMut<LibraryView>,
) {
    if file.restored || !library.loaded {
        return;
    }
    file.restored = true;
    let Some(path) = &file.path else { return };
    let state = read(path);
    if state
        .filter
        .as_ref()
        .is_some_and(|f| library.catalogue.principle(f).is_some())
    {
        view.filter = state.filter;
    }
    let shown = visible(&library, &view);
    if let Some(place) = shown.iter().position(|&i| {
        library.entries[i].scenario().map(|s| s.id.as_str()) == state.scenario.as_deref()
    }) {
        view.selected = place;
    }
}
