//! Checks the library off the start-up path: a thread checks the guidance catalogue, lists the
//! folders, then checks each file on its own worker thread and sends every result as it comes.
//! A worker that panics or takes longer than `FILE_TIME_LIMIT` makes its file broken with a
//! message; the other files go on, so one bad file never keeps the library from opening.

use crossbeam_channel::{Receiver, RecvTimeoutError, SendError, Sender, unbounded as channel};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check::guidance::check_guidance;
use crate::check::{Diagnostic, FileResult, Severity, check_scenario_source};
use crate::scenario::library::{
    GuidanceSources, ScenarioSource, built_in_scenarios, scenario_files,
};
use crate::scenario::{Catalogue, Scenario};

/// How long one file may take to check before the library stops waiting for it.
pub const FILE_TIME_LIMIT: Duration = Duration::from_secs(10);

/// Where a file stands.
#[derive(Debug, Clone)]
pub enum Status {
    Checking,
    /// Passed `feedwise check` without errors.
    Ready(Arc<Scenario>),
    /// The first error, as `path:line:col: message`, or why the check did not finish.
    Broken(String),
}

/// What the loader reports, in this order: the catalogue, the files, each file's result
/// (in any order), then `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    Catalogue(Arc<Catalogue>, Vec<String>),
    Listed(Vec<ScenarioSource>, Vec<String>),
    Checked(usize, Status),
    Finished,
}

/// Checks one scenario, as `feedwise check` does (tests stand in slow or failing checkers).
pub type Checker = fn(&ScenarioSource, &Catalogue) -> FileResult;

/// Where the library's scenarios come from, in order: a later scenario with the same id
/// replaces an earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// The scenarios built into the binary.
    pub built_in: bool,
    /// The user's own scenarios folder; not there is not a problem.
    pub user_folder: Option<PathBuf>,
    /// Folders and files named with `--scenarios`; not there is a notice.
    pub folders: Vec<PathBuf>,
    /// A catalogue folder to use instead of the built-in catalogue (an author's own).
    pub guidance: Option<PathBuf>,
}

impl Sources {
    /// Where scenarios are looked for, in words, for the empty library and Settings.
    pub fn describe(&self) -> Vec<String> {
        let absolute = |path: &PathBuf| {
            std::path::absolute(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string()
        };
        let mut places = Vec::new();
        if self.built_in {
            places.push(format!(
                "the {} scenarios built into feedwise",
                built_in_scenarios().len()
            ));
        }
        if let Some(folder) = &self.user_folder {
            let state = if folder.is_dir() {
                ""
            } else {
                " (not made yet)"
            };
            places.push(format!("your scenarios folder {}{state}", absolute(folder)));
        }
        places.extend(self.folders.iter().map(absolute));
        places
    }
}

/// Starts checking the sources on a background thread; events arrive on the returned channel.
pub fn start(sources: Sources, time_limit: Duration) -> Receiver<LoadEvent> {
    start_with(sources, time_limit, check_scenario_source)
}

fn start_with(folders: Sources, time_limit: Duration, checker: Checker) -> Receiver<LoadEvent> {
    let (events, receiver) = channel();
    let spawned = std::thread::Builder::new()
        .name("library-check".into())
        .spawn(move || load(folders, time_limit, checker, events));
    if let Err(error) = spawned {
        // Without a thread there is no library; say so rather than wait for ever.
        let (events, receiver) = channel();
        let _ = events.send(LoadEvent::Catalogue(
            Arc::new(Catalogue::embedded().unwrap_or_default()),
            vec![format!("the library could not be checked: {error}")],
        ));
        let _ = events.send(LoadEvent::Finished);
        return receiver;
    }
    receiver
}

/// Ends early, with the error, once the app no longer listens.
fn load(
    sources: Sources,
    time_limit: Duration,
    checker: Checker,
    events: Sender<LoadEvent>,
) -> Result<(), SendError<LoadEvent>> {
    let mut notices = Vec::new();
    let guidance = match &sources.guidance {
        Some(folder) => GuidanceSources::read(folder).unwrap_or_else(|(path, error)| {
            notices.push(format!(
                "cannot read {}: {error}; the built-in catalogue is used",
                path.display()
            ));
            GuidanceSources::embedded()
        }),
        None => GuidanceSources::embedded(),
    };
    let (catalogue, diagnostics) = check_guidance(&guidance);
    notices.extend(
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("guidance catalogue: {}", d.message)),
    );
    // An author's catalogue that does not read falls back to the built-in one.
    let catalogue = Arc::new(
        catalogue
            .or_else(|| Catalogue::embedded().ok())
            .unwrap_or_default(),
    );
    if catalogue.principles.is_empty() {
        notices.push("the guidance catalogue is broken: no principles could be read".to_owned());
    }
    events.send(LoadEvent::Catalogue(catalogue.clone(), notices))?;
    let mut files = sources
        .built_in
        .then(built_in_scenarios)
        .unwrap_or_default();
    let user_folder = sources.user_folder.filter(|folder| folder.is_dir());
    let (found, unreadable) = scenario_files(
        &user_folder
            .into_iter()
            .chain(sources.folders)
            .collect::<Vec<_>>(),
    );
    files.extend(found.into_iter().map(ScenarioSource::File));
    let notices = unreadable
        .iter()
        .map(|(path, error)| format!("cannot read {}: {error}", path.display()))
        .collect();
    events.send(LoadEvent::Listed(files.clone(), notices))?;
    check_each(&files, &catalogue, time_limit, checker, &events)?;
    events.send(LoadEvent::Finished)
}

/// Checks every file with at most one running worker per core; a worker past its time is
/// given up on (its file reported broken) and no longer counts against that limit.
fn check_each(
    files: &[ScenarioSource],
    catalogue: &Arc<Catalogue>,
    time_limit: Duration,
    checker: Checker,
    events: &Sender<LoadEvent>,
) -> Result<(), SendError<LoadEvent>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (results, finished) = channel::<(usize, Status)>();
    let mut running: Vec<(usize, Instant)> = Vec::new();
    let mut next = 0;
    while next < files.len() || !running.is_empty() {
        while running.len() < workers && next < files.len() {
            let (index, source) = (next, files[next].clone());
            let (results, catalogue) = (results.clone(), catalogue.clone());
            let spawned = std::thread::Builder::new()
                .name("check-file".into())
                .spawn(move || {
                    let _ = results.send((index, check_guarded(checker, &source, &catalogue)));
                });
            match spawned {
                Ok(_) => running.push((index, Instant::now())),
                Err(error) => {
                    let status = Status::Broken(format!(
                        "{}: could not be checked: {error}",
                        files[index].label().display()
                    ));
                    let _ = events.send(LoadEvent::Checked(index, status));
                }
            }
            next += 1;
        }
        let oldest = running.iter().map(|(_, at)| *at).min();
        let wait = oldest.map_or(Duration::ZERO, |at| {
            (at + time_limit).saturating_duration_since(Instant::now())
        });
        match finished.recv_timeout(wait) {
            Ok((index, status)) => {
                // A result from a worker already given up on is dropped.
                if let Some(at) = running.iter().position(|(i, _)| *i == index) {
                    running.swap_remove(at);
                    events.send(LoadEvent::Checked(index, status))?;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                let now = Instant::now();
                let (late, on_time): (Vec<_>, Vec<_>) = running
                    .iter()
                    .partition(|(_, at)| now.duration_since(*at) >= time_limit);
                running = on_time;
                for (index, _) in late {
                    let status = Status::Broken(format!(
                        "{}: checking took longer than {} s, so feedwise stopped waiting; \
                         run `feedwise check` on it",
                        files[index].label().display(),
                        time_limit.as_secs_f32()
                    ));
                    events.send(LoadEvent::Checked(index, status))?;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
    Ok(())
}

/// Checks one file; a panic in the checker becomes a broken entry naming the file.
fn check_guarded(checker: Checker, source: &ScenarioSource, catalogue: &Catalogue) -> Status {
    status_of(crate::check::check_guarded(&source.label(), || {
        checker(source, catalogue)
    }))
}

/// `file:line:column` of a diagnostic, or its file alone.
pub fn place(d: &Diagnostic) -> String {
    let at = d.location().map(|at| format!(":{at}")).unwrap_or_default();
    format!("{}{at}", d.file.display())
}

fn status_of(result: FileResult) -> Status {
    if let Some(error) = &result.io_error {
        return Status::Broken(format!("cannot read {}: {error}", result.path.display()));
    }
    let first_error = result
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error);
    match (first_error, result.scenario) {
        (Some(d), _) => Status::Broken(format!("{}: {}", place(d), d.message)),
        (None, Some(scenario)) => Status::Ready(Arc::new(scenario)),
        (None, None) => Status::Broken(format!(
            "{}: the file could not be read as a scenario",
            result.path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(receiver: Receiver<LoadEvent>) -> Vec<LoadEvent> {
        receiver.iter().collect()
    }

    #[test]
    fn reports_catalogue_then_files_then_each_result_then_finished() {
        let events = collect(start(folders("tests/fixtures/app"), FILE_TIME_LIMIT));
        assert!(
            matches!(events.first(), Some(LoadEvent::Catalogue(c, n)) if !c.principles.is_empty() && n.is_empty())
        );
        let Some(LoadEvent::Listed(files, _)) = events.get(1) else {
            panic!("files listed second: {events:?}");
        };
        let checked: Vec<usize> = statuses(&events).iter().map(|(index, _)| *index).collect();
        assert_eq!(checked, (0..files.len()).collect::<Vec<_>>());
        assert!(matches!(events.last(), Some(LoadEvent::Finished)));
    }

    #[test]
    fn a_missing_folder_is_a_notice_not_a_failure() {
        let events = collect(start(folders("no/such/folder"), FILE_TIME_LIMIT));
        assert!(
            events
                .iter()
                .any(|e| matches!(e, LoadEvent::Listed(files, notices) if files.is_empty() && notices[0].contains("no/such/folder")))
        );
    }

    /// Checks normally, but sleeps on the broken fixture and panics on a file named "panic".
    fn unlucky(source: &ScenarioSource, catalogue: &Catalogue) -> FileResult {
        let path = source.label();
        if path.ends_with("b-broken.ron") {
            std::thread::sleep(Duration::from_secs(3));
        }
        if path.ends_with("panic.ron") {
            panic!("a bug");
        }
        check_scenario_source(source, catalogue)
    }

    fn folders(folder: &str) -> Sources {
        Sources {
            folders: vec![PathBuf::from(folder)],
            ..Sources::default()
        }
    }

    fn statuses(events: &[LoadEvent]) -> Vec<(usize, &Status)> {
        let mut found: Vec<(usize, &Status)> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Checked(index, status) => Some((*index, status)),
                _ => None,
            })
            .collect();
        found.sort_by_key(|(index, _)| *index);
        found
    }

    #[test]
    fn a_file_past_the_time_limit_is_broken_and_the_others_still_come() {
        let events = collect(start_with(
            folders("tests/fixtures/app"),
            Duration::from_millis(300),
            unlucky,
        ));
        let found = statuses(&events);
        assert_eq!(found.len(), 2, "{events:?}");
        assert!(matches!(found[0].1, Status::Ready(_)), "{found:?}");
        assert!(
            matches!(found[1].1, Status::Broken(m) if m.contains("b-broken.ron") && m.contains("stopped waiting")),
            "{found:?}"
        );
        assert!(matches!(events.last(), Some(LoadEvent::Finished)));
    }

    #[test]
    fn a_panic_while_checking_makes_that_file_broken_with_an_internal_error() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("panic.ron"), "()").unwrap();
        let events = collect(start_with(
            Sources {
                folders: vec![folder.path().to_path_buf()],
                ..Sources::default()
            },
            FILE_TIME_LIMIT,
            unlucky,
        ));
        let found = statuses(&events);
        assert!(
            matches!(found.as_slice(), [(0, Status::Broken(m))] if m.contains("panic.ron") && m.contains("internal error") && m.contains("a bug")),
            "{found:?}"
        );
    }
}
