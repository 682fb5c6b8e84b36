//! The scenario library as the app sees it. It is checked off the start-up path (`loader.rs`):
//! the window opens at once, and each file's card fills in when its check is done, playable or
//! broken with its first error.

pub mod loader;

use crossbeam_channel::{Receiver, TryRecvError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;

use super::LaunchOptions;
use super::notices::Notices;
use crate::scenario::{Catalogue, Scenario};
pub use loader::Status;
use loader::{FILE_TIME_LIMIT, LoadEvent};

/// One scenario file in the library.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file, or `built-in/<file>` for a scenario built into feedwise.
    pub path: PathBuf,
    pub built_in: bool,
    pub status: Status,
    /// A later file with the same scenario id, which is played instead of this one.
    pub replaced_by: Option<PathBuf>,
}

impl Entry {
    /// The scenario, when it passed its check and no later file replaces it.
    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        match &self.status {
            Status::Ready(scenario) if self.replaced_by.is_none() => Some(scenario),
            _ => None,
        }
    }

    fn checked_id(&self) -> Option<&str> {
        match &self.status {
            Status::Ready(scenario) => Some(&scenario.id),
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
    /// Where scenarios are looked for, in words.
    pub looked_in: Vec<String>,
    /// Author mode: the author's copy of a built-in scenario replacing it is the point, not
    /// news, so it is not announced.
    pub authoring: bool,
}

impl Library {
    /// A scenario id found in more than one file: the last one listed (the user's folder
    /// after the built-in scenarios, `--scenarios` after both) is played. Returns one notice
    /// per replaced file saying which file wins, with the index of the entry it is about.
    fn mark_replaced(&mut self) -> Vec<(usize, String)> {
        let mut notices = Vec::new();
        for index in 0..self.entries.len() {
            let Some(id) = self.entries[index].checked_id() else {
                continue;
            };
            let later = self.entries[index + 1..]
                .iter()
                .rev()
                .find(|e| e.checked_id() == Some(id))
                .map(|e| e.path.clone());
            if let Some(winner) = later {
                if !(self.authoring && self.entries[index].built_in) {
                    notices.push((
                        index,
                        format!(
                            "scenario `{id}` is in both {} and {}: {} is used",
                            self.entries[index].path.display(),
                            winner.display(),
                            winner.display()
                        ),
                    ));
                }
                self.entries[index].replaced_by = Some(winner);
            }
        }
        notices
    }

    /// A file that passed its check again while the app runs (author mode): its entry plays
    /// the new scenario, or the file joins the end of the library when it is new. Which file
    /// plays each id is worked out again, since the scenario's id may have changed; returns
    /// what the library should say about this file's id.
    pub fn file_checked(&mut self, path: &Path, scenario: Arc<Scenario>) -> Vec<String> {
        match self.entries.iter_mut().find(|e| same_file(&e.path, path)) {
            Some(entry) => entry.status = Status::Ready(scenario),
            None => self.entries.push(Entry {
                path: path.to_path_buf(),
                built_in: false,
                status: Status::Ready(scenario),
                replaced_by: None,
            }),
        }
        // Only what changed is announced: the notices already given stand.
        let before: Vec<Option<PathBuf>> = self
            .entries
            .iter_mut()
            .map(|entry| entry.replaced_by.take())
            .collect();
        self.mark_replaced()
            .into_iter()
            .filter(|(index, _)| {
                before.get(*index).cloned().flatten() != self.entries[*index].replaced_by
            })
            .map(|(_, notice)| notice)
            .collect()
    }

    /// Every scenario that can be played (checked, and not replaced by a later file).
    pub fn scenarios(&self) -> Vec<&Scenario> {
        self.entries
            .iter()
            .filter_map(Entry::scenario)
            .map(Arc::as_ref)
            .collect()
    }

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
                    .map(|source| Entry {
                        path: source.label(),
                        built_in: source.is_built_in(),
                        status: Status::Checking,
                        replaced_by: None,
                    })
                    .collect();
                report(problems, notices);
            }
            LoadEvent::Checked(index, status) => {
                if let Some(entry) = self.entries.get_mut(index) {
                    entry.status = status;
                }
            }
            LoadEvent::Finished => {
                self.loaded = true;
                for (_, notice) in self.mark_replaced() {
                    notices.push(notice);
                }
            }
        }
    }
}

/// The same file, however the two paths are written. A path that names no file on disk (a
/// built-in scenario's `built-in/NAME`) is the same only as itself.
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// `Notices::push` logs each problem as well as keeping it for the banner.
fn report(problems: Vec<String>, notices: &mut Notices) {
    for problem in problems {
        notices.push(problem);
    }
}

/// The loader's channel.
#[derive(Resource)]
pub struct LoaderEvents(Receiver<LoadEvent>);

impl LoaderEvents {
    /// Starts checking the library the options name. `app::run` calls this before Bevy starts,
    /// so the check's short burst of memory is over before the renderer compiles its shaders.
    pub fn start(options: &LaunchOptions) -> Self {
        LoaderEvents(loader::start(options.scenario_sources(), FILE_TIME_LIMIT))
    }
}

pub(super) fn plugin(app: &mut App) {
    let looked_in = app
        .world()
        .resource::<LaunchOptions>()
        .scenario_sources()
        .describe();
    let authoring = app.world().resource::<LaunchOptions>().author.is_some();
    app.insert_resource(Library {
        looked_in,
        authoring,
        ..Library::default()
    });
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
    loop {
        match events.0.try_recv() {
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
