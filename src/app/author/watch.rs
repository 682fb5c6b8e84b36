//! Author mode's watcher: a thread that looks at the author's files, the catalogue above them
//! and the session plans beside them whenever the operating system says something in their
//! folders changed (`notify`: inotify, FSEvents, ReadDirectoryChangesW), checks each one saved,
//! and sends what it found. Where the system cannot watch (some network drives), it looks
//! every 100 ms instead.

use crossbeam_channel::{Receiver, unbounded as channel};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bevy::log::{error, warn};

use crate::check::guidance::check_guidance;
use crate::check::plan::is_plan_file;
use crate::check::{Diagnostic, Severity, checked_scenario, checked_source};
use crate::scenario::library::{
    GUIDANCE_FILES, GuidanceSources, ScenarioSource, built_in_scenarios, scenario_files,
};
use crate::scenario::source::SourceFile;
use crate::scenario::{Catalogue, Scenario};

/// How often the author's files are looked at when the system cannot watch them: a save
/// shows well within a second.
const POLL: Duration = Duration::from_millis(100);

/// After the first change is heard, how long to let an editor finish its save (a temporary
/// file, a rename, a second write) before looking.
const SETTLE: Duration = Duration::from_millis(30);

/// What a changed file turned out to be, checked (a plan is checked on the app's side,
/// against the library it will be played from). A scenario is boxed: it is much larger than
/// the others.
pub(super) enum Change {
    Scenario(Result<Box<Scenario>, Vec<Diagnostic>>),
    Catalogue(Result<Catalogue, Vec<Diagnostic>>),
    Plan(Result<SourceFile, Vec<Diagnostic>>),
}

/// A file that changed, checked.
pub(super) struct Reload {
    /// The file (for the catalogue, its folder).
    pub path: PathBuf,
    /// When the file was written, to log how long the reload took.
    pub modified: SystemTime,
    pub change: Change,
}

/// Wakes the window when something was sent.
pub(super) type Waker = Box<dyn Fn() + Send>;

/// Everything author mode watches.
pub(super) struct Watched {
    /// The files and folders given to `--author`.
    pub scenarios: Vec<PathBuf>,
    /// The catalogue folder above them (`assets/guidance`), when there is one.
    pub guidance: Option<PathBuf>,
    /// `sessions` folders in or beside the scenarios' folders.
    pub plans: Vec<PathBuf>,
    /// Whether the library has the built-in scenarios, and its other folders: a new
    /// catalogue may break (or mend) them too, so they are checked against it again.
    pub built_in: bool,
    pub others: Vec<PathBuf>,
}

impl Watched {
    /// The library's scenarios that are not the author's own files.
    fn rest_of_library(&self) -> Vec<ScenarioSource> {
        let mut sources = self.built_in.then(built_in_scenarios).unwrap_or_default();
        let (files, _) = scenario_files(&self.others);
        sources.extend(files.into_iter().map(ScenarioSource::File));
        sources
    }
}

/// The `sessions` folders an author of these scenarios may be editing: in the scenarios'
/// folder, or beside it (`scenarios/` and `sessions/` in one project, as in this repository).
pub(super) fn plan_folders(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for path in paths {
        let Ok(path) = std::path::absolute(path) else {
            continue;
        };
        let dir = if path.is_dir() {
            path.as_path()
        } else {
            path.parent().unwrap_or(&path)
        };
        for folder in std::iter::once(dir)
            .chain(dir.parent())
            .map(|d| d.join("sessions"))
        {
            if folder.is_dir() && !folders.contains(&folder) {
                folders.push(folder);
            }
        }
    }
    folders
}

/// Remembers each file's time and length, to tell which ones were saved since last looked at.
#[derive(Default)]
struct Stamps(BTreeMap<PathBuf, (SystemTime, u64)>);

impl Stamps {
    /// When `path` was written, if it changed since the last look (or was not seen before).
    fn changed(&mut self, path: &Path) -> Option<SystemTime> {
        let meta = std::fs::metadata(path).ok()?;
        let stamp = (
            meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            meta.len(),
        );
        (self.0.insert(path.to_path_buf(), stamp) != Some(stamp)).then_some(stamp.0)
    }
}

/// Folders to hear changes in: each file's folder (an editor may replace the file, which a
/// watch on the file itself would lose) and each folder with what is below it.
fn watch_folders(
    watched: &Watched,
    heard: crossbeam_channel::Sender<()>,
) -> notify::Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |_: notify::Result<notify::Event>| {
        let _ = heard.send(());
    })?;
    let folders = watched
        .scenarios
        .iter()
        .chain(&watched.guidance)
        .chain(&watched.plans);
    for path in folders {
        match path.is_dir() {
            true => watcher.watch(path, RecursiveMode::Recursive)?,
            false => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                watcher.watch(
                    folder.unwrap_or(Path::new(".")),
                    RecursiveMode::NonRecursive,
                )?
            }
        }
    }
    Ok(watcher)
}

/// Watches the files and checks each one that changes, on a thread of its own.
pub(super) fn watch(watched: Watched, wake: Waker) -> Receiver<Reload> {
    let (sender, receiver) = channel();
    // The watch and the files' first stamps are taken here, before this returns: a save made
    // as soon as the app is up is then a change, whenever the thread gets to run.
    let (heard, changes) = crossbeam_channel::unbounded();
    let watcher = watch_folders(&watched, heard)
        .inspect_err(|error| {
            warn!("author mode cannot watch the folders ({error}); looking every 100 ms")
        })
        .ok();
    let mut stamps = Stamps::default();
    let watched_files = watched
        .guidance
        .iter()
        .flat_map(|folder| GUIDANCE_FILES.iter().map(|f| folder.join(f)));
    let (scenarios, _) = scenario_files(&watched.scenarios);
    let (plans, _) = scenario_files(&watched.plans);
    for path in watched_files.chain(scenarios).chain(plans) {
        stamps.changed(&path);
    }
    let spawned = std::thread::Builder::new()
        .name("author-watch".into())
        .spawn(move || {
            // Kept alive for the thread's life: dropping it stops the watch.
            let watcher = watcher;
            let mut stamps = stamps;
            let mut catalogue = watched
                .guidance
                .as_deref()
                .and_then(|folder| read_catalogue(folder).ok())
                .unwrap_or_else(|| Catalogue::embedded().unwrap_or_default());
            let reload = |path, modified, change| Reload {
                path,
                modified,
                change,
            };
            loop {
                let mut reloads = Vec::new();
                // The catalogue first: every scenario is checked again against a new one.
                let mut new_catalogue = false;
                if let Some(folder) = &watched.guidance {
                    let saved = GUIDANCE_FILES
                        .iter()
                        .filter_map(|file| stamps.changed(&folder.join(file)))
                        .max();
                    if let Some(modified) = saved {
                        let result = read_catalogue(folder);
                        if let Ok(read) = &result {
                            catalogue = read.clone();
                            new_catalogue = true;
                        }
                        reloads.push(reload(folder.clone(), modified, Change::Catalogue(result)));
                    }
                }
                let (files, _) = scenario_files(&watched.scenarios);
                for path in files.into_iter().filter(|path| !is_plan_file(path)) {
                    let saved = stamps.changed(&path);
                    if saved.is_none() && !new_catalogue {
                        continue;
                    }
                    let modified = saved.unwrap_or_else(SystemTime::now);
                    let change =
                        Change::Scenario(checked_scenario(&path, &catalogue).map(Box::new));
                    reloads.push(reload(path, modified, change));
                }
                if new_catalogue {
                    for source in watched.rest_of_library() {
                        let change =
                            Change::Scenario(checked_source(&source, &catalogue).map(Box::new));
                        reloads.push(reload(source.label(), SystemTime::now(), change));
                    }
                }
                let (plans, _) = scenario_files(&watched.plans);
                for path in plans {
                    let Some(modified) = stamps.changed(&path) else {
                        continue;
                    };
                    let change = Change::Plan(
                        SourceFile::read(&path)
                            .map_err(|error| vec![unreadable(&path, &error.to_string())]),
                    );
                    reloads.push(reload(path, modified, change));
                }
                let any = !reloads.is_empty();
                for reload in reloads {
                    if sender.send(reload).is_err() {
                        return;
                    }
                }
                if any {
                    wake();
                }
                match &watcher {
                    // Wait for the system to say something changed, then for the save to end.
                    Some(_) => {
                        if changes.recv().is_err() {
                            return;
                        }
                        std::thread::sleep(SETTLE);
                        while changes.try_recv().is_ok() {}
                    }
                    None => std::thread::sleep(POLL),
                }
            }
        });
    if let Err(error) = spawned {
        error!("author mode cannot watch files: {error}");
    }
    receiver
}

pub(super) fn unreadable(path: &Path, error: &str) -> Diagnostic {
    Diagnostic::new(
        &crate::check::rules::syntax::RULE,
        path,
        format!("cannot read the file: {error}"),
    )
}

/// The catalogue in `folder`, or the errors `feedwise check` reports in it.
fn read_catalogue(folder: &Path) -> Result<Catalogue, Vec<Diagnostic>> {
    let sources = GuidanceSources::read(folder)
        .map_err(|(path, error)| vec![unreadable(&path, &error.to_string())])?;
    let (catalogue, diagnostics) = check_guidance(&sources);
    unless_errors(catalogue, diagnostics)
}

/// What a check read, when it found no errors; else its errors.
pub(super) fn unless_errors<T>(
    read: Option<T>,
    diagnostics: Vec<Diagnostic>,
) -> Result<T, Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match read {
        Some(read) if errors.is_empty() => Ok(read),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An editor's save as many make it: a temporary file renamed over the original.
    fn save_by_rename(path: &Path, text: &str) {
        let temporary = path.with_extension("ron.tmp");
        std::fs::write(&temporary, text).unwrap();
        std::fs::rename(&temporary, path).unwrap();
    }

    #[test]
    fn a_save_in_a_watched_folder_is_heard_even_when_the_file_is_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("mine.ron");
        std::fs::write(&file, "(id: \"a\")").unwrap();
        let watched = Watched {
            scenarios: vec![file.clone()],
            guidance: None,
            plans: Vec::new(),
            built_in: false,
            others: Vec::new(),
        };
        let (heard, changes) = crossbeam_channel::unbounded();
        let _watcher = watch_folders(&watched, heard).expect("this system can watch folders");
        assert!(changes.try_recv().is_err(), "nothing changed yet");
        for round in 0..2 {
            save_by_rename(&file, &format!("(id: \"b{round}\")"));
            assert!(
                changes.recv_timeout(Duration::from_secs(5)).is_ok(),
                "save {round} was not heard"
            );
            while changes.try_recv().is_ok() {}
        }
    }
}
