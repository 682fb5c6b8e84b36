//! The scenario library as the app sees it: every file checked at start-up, the playable ones
//! ready to start and the broken ones kept with their first error, so they show as cards.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::LaunchOptions;
use crate::check::{Severity, check_paths};
use crate::scenario::library::GuidanceSources;
use crate::scenario::{Catalogue, Scenario};

/// One scenario file in the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// Set when the file passed `feedwise check` without errors.
    pub scenario: Option<Arc<Scenario>>,
    /// The first error, as `path:line:col: message`, when it did not.
    pub error: Option<String>,
}

impl Entry {
    /// Principle ids the scenario scores, in catalogue order.
    pub fn principles(&self, catalogue: &Catalogue) -> Vec<String> {
        let Some(scenario) = &self.scenario else {
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

#[derive(Resource, Debug, Clone)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub catalogue: Arc<Catalogue>,
}

impl Library {
    /// Checks every scenario under the folders, as `feedwise check` does.
    pub fn load(folders: &[PathBuf]) -> (Library, Vec<String>) {
        let guidance = GuidanceSources::embedded();
        let (report, results) = check_paths(folders, &guidance);
        let mut notices: Vec<String> = report
            .io_errors
            .iter()
            .map(|(path, error)| format!("cannot read {}: {error}", path.display()))
            .collect();
        // The catalogue the files were checked against, not a second parse of it.
        let catalogue = report.catalogue;
        if catalogue.principles.is_empty() {
            notices
                .push("the guidance catalogue is broken: no principles could be read".to_owned());
        }
        let entries = results
            .into_iter()
            .filter(|result| result.io_error.is_none())
            .map(|result| {
                let first_error = result
                    .diagnostics
                    .iter()
                    .find(|d| d.severity == Severity::Error);
                let error = first_error.map(|d| match d.location() {
                    Some(at) => format!(
                        "{}:{}:{}: {}",
                        d.file.display(),
                        at.line,
                        at.column,
                        d.message
                    ),
                    None => format!("{}: {}", d.file.display(), d.message),
                });
                Entry {
                    path: result.path,
                    scenario: if error.is_none() {
                        result.scenario.map(Arc::new)
                    } else {
                        None
                    },
                    error,
                }
            })
            .collect();
        (
            Library {
                entries,
                catalogue: Arc::new(catalogue),
            },
            notices,
        )
    }

    pub fn find(&self, id: &str) -> Option<&Arc<Scenario>> {
        self.entries
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|s| s.id == id)
    }
}

pub(super) fn plugin(app: &mut App) {
    let folders = app.world().resource::<LaunchOptions>().scenario_folders();
    let (library, notices) = Library::load(&folders);
    for notice in &notices {
        error!("{notice}");
    }
    app.insert_resource(library);
    app.world_mut()
        .resource_mut::<super::notices::Notices>()
        .0
        .extend(notices);
}
