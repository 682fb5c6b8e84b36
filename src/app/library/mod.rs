//! The scenario library as the app sees it. It is checked off the start-up path (`loader.rs`):
//! the window opens at once, and each file's card fills in when its check is done, playable or
//! broken with its first error.

pub mod loader;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use bevy::prelude::*;

use super::LaunchOptions;
use super::notices::Notices;
use crate::scenario::{Catalogue, Scenario};
pub use loader::Status;
use loader::{FILE_TIME_LIMIT, LoadEvent};

/// One scenario file in the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub status: Status,
}

impl Entry {
    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        match &self.status {
            Status::Ready(scenario) => Some(scenario),
            _ => None,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match &self.status {
            Status::Broken(error) => Some(error),
            _ => None,
        }
    }

    /// Principle ids the scenario scores, in catalogue order.
    pub fn principles(&self, catalogue: &Catalogue) -> Vec<String> {
        let Some(scenario) = self.scenario() else {
            return Vec::new();
        };
        let scored: std::collections::BTreeSet<&str> = scenario
            .beats
            .iter()
            .filter_map(|b| b.decision.as_ref())
            .flat_map(|d| d.all_outcomes())
            .flat_map(|o| o.effects.keys().map(String::as_str))
            .collect();
        catalogue
            .principles
            .iter()
            .filter(|p| scored.contains(p.id.as_str()))
            .map(|p| p.id.clone())
            .collect()
    }
}

#[derive(Resource, Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub catalogue: Arc<Catalogue>,
    /// True once every file has a result.
    pub loaded: bool,
}

impl Library {
    pub fn find(&self, id: &str) -> Option<&Arc<Scenario>> {
        self.entries
            .iter()
            .filter_map(Entry::scenario)
            .find(|s| s.id == id)
    }

    fn apply(&mut self, event: LoadEvent, notices: &mut Notices) {
        match event {
            LoadEvent::Catalogue(catalogue, problems) => {
                self.catalogue = catalogue;
                report(problems, notices);
            }
            LoadEvent::Listed(files, problems) => {
                self.entries = files
                    .into_iter()
                    .map(|path| Entry {
                        path,
                        status: Status::Checking,
                    })
                    .collect();
                report(problems, notices);
            }
            LoadEvent::Checked(index, status) => {
                if let Some(entry) = self.entries.get_mut(index) {
                    entry.status = status;
                }
            }
            LoadEvent::Finished => self.loaded = true,
        }
    }
}

/// `Notices::push` logs each problem as well as keeping it for the banner.
fn report(problems: Vec<String>, notices: &mut Notices) {
    for problem in problems {
        notices.push(problem);
    }
}

/// The loader's channel (a `Mutex` because a receiver is not `Sync`).
#[derive(Resource)]
pub struct LoaderEvents(Mutex<Receiver<LoadEvent>>);

impl LoaderEvents {
    /// Starts checking the library the options name. `app::run` calls this before Bevy starts,
    /// so the check's short burst of memory is over before the renderer compiles its shaders.
    pub fn start(options: &LaunchOptions) -> Self {
        LoaderEvents(Mutex::new(loader::start(
            options.scenario_folders(),
            FILE_TIME_LIMIT,
        )))
    }
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Library::default());
    if !app.world().contains_resource::<LoaderEvents>() {
        let events = LoaderEvents::start(app.world().resource::<LaunchOptions>());
        app.insert_resource(events);
    }
    app.add_systems(
        PreUpdate,
        receive_results.run_if(resource_exists::<LoaderEvents>),
    );
}

/// Takes in what the loader has found since the last frame; the library changes only then.
fn receive_results(
    mut commands: Commands,
    events: Res<LoaderEvents>,
    mut library: ResMut<Library>,
    mut notices: ResMut<Notices>,
) {
    let Ok(receiver) = events.0.lock() else {
        return;
    };
    loop {
        match receiver.try_recv() {
            Ok(event) => library.apply(event, &mut notices),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                library.loaded = true;
                commands.remove_resource::<LoaderEvents>();
                return;
            }
        }
    }
}
