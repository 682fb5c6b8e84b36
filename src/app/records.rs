//! Keeps the trainee's record. A writer thread loads the history once, then writes each run's
//! record as `session.rs` sends it (`SaveRun`), in order and off the frame; a failed write is
//! shown once and play goes on. At start the newest run left in progress is offered for
//! resuming; older ones left the same way are kept as abandoned.

use crossbeam_channel::{Receiver, SendError, Sender, unbounded as channel};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;

use super::LaunchOptions;
use super::notices::Notices;
use super::session::SaveRun;
use crate::places::Places;
use crate::record::store::{History, Store};
use crate::record::{RunRecord, RunStatus, time};

/// Every run kept, newest first, as far as this app has read and written them.
#[derive(Resource, Debug, Default, Clone)]
pub struct RunHistory {
    pub runs: Vec<Arc<RunRecord>>,
    /// True once the store has been read.
    pub loaded: bool,
    /// Where records and exports go; `None` when the platform names no data folder.
    pub places: Option<Places>,
}

impl RunHistory {
    /// Puts a run in its place, replacing its earlier record.
    fn keep(&mut self, record: Arc<RunRecord>) {
        self.runs.retain(|r| r.run != record.run);
        let at = self.runs.partition_point(|r| {
            (r.started.as_str(), &r.run) > (record.started.as_str(), &record.run)
        });
        self.runs.insert(at, record);
    }
}

/// The run left in progress that the library offers to resume, until the trainee answers.
#[derive(Resource, Debug, Default, Clone)]
pub struct ResumeOffer(pub Option<Arc<RunRecord>>);

enum Job {
    Save(Arc<RunRecord>),
    /// Answers once every earlier job is done.
    Flush(Sender<()>),
}

enum Written {
    Loaded(History),
    /// Where the record was written; `None` when runs are not kept (said once at start).
    Saved(Arc<RunRecord>, Result<Option<PathBuf>, String>),
    /// The data folder cannot be written, found at the start.
    Unwritable(String),
}

#[derive(Resource)]
struct Writer {
    jobs: Sender<Job>,
    written: Receiver<Written>,
    /// A save has failed and no save has worked since: say so once, not per decision.
    failing: bool,
}

pub(super) fn plugin(app: &mut App) {
    let options = app.world().resource::<LaunchOptions>();
    let places = options.places();
    // A demonstration or test with fresh settings keeps no runs, unless given a folder for them.
    let keep_runs = !options.fresh_settings || options.data_dir.is_some();
    let store = places.as_ref().filter(|_| keep_runs).map(Places::store);
    if keep_runs && store.is_none() {
        app.world_mut().resource_mut::<Notices>().push(
            "no data folder is known (no home folder): runs are not kept; start feedwise with --data-dir DIR to keep them",
        );
    }
    app.insert_resource(RunHistory {
        places,
        ..RunHistory::default()
    });
    app.init_resource::<ResumeOffer>();
    app.insert_resource(start_writer(store));
    app.add_systems(PreUpdate, receive_written);
    app.add_systems(Update, send_saves);
    app.add_systems(Last, flush_on_exit);
}

fn start_writer(store: Option<Store>) -> Writer {
    let (jobs, incoming) = channel::<Job>();
    let (outgoing, written) = channel();
    // Ends when the app has gone (nothing left to tell) or sends no more jobs.
    let spawned = std::thread::Builder::new().name("records".into()).spawn(
        move || -> Result<(), SendError<Written>> {
            let history = store.as_ref().map(Store::load).unwrap_or_default();
            outgoing.send(Written::Loaded(history))?;
            if let Some(Err(error)) = store.as_ref().map(Store::check_writable) {
                outgoing.send(Written::Unwritable(error.to_string()))?;
            }
            for job in incoming {
                match job {
                    Job::Save(record) => {
                        // Without a store (fresh settings, or no home folder, which the start
                        // said) the run is kept only in this session's history.
                        let saved = store.as_ref().map(|store| store.save(&record));
                        let result = saved.transpose().map_err(|e| e.to_string());
                        outgoing.send(Written::Saved(record, result))?;
                    }
                    Job::Flush(done) => {
                        let _ = done.send(());
                    }
                }
            }
            Ok(())
        },
    );
    let (jobs, written) = match spawned {
        Ok(_) => (jobs, written),
        Err(error) => {
            let (outgoing, written) = channel();
            let _ = outgoing.send(Written::Loaded(History {
                runs: Vec::new(),
                problems: vec![format!(
                    "runs cannot be kept: no thread to write them ({error})"
                )],
            }));
            (channel().0, written)
        }
    };
    Writer {
        jobs,
        written,
        failing: false,
    }
}

fn send_saves(mut saves: MessageReader<SaveRun>, writer: Res<Writer>) {
    for SaveRun(record) in saves.read() {
        let _ = writer.jobs.send(Job::Save(Arc::new(record.clone())));
    }
}

fn receive_written(
    mut writer: ResMut<Writer>,
    mut history: ResMut<RunHistory>,
    mut offer: ResMut<ResumeOffer>,
    mut notices: ResMut<Notices>,
) {
    let arrived: Vec<Written> = writer.written.try_iter().collect();
    for written in arrived {
        match written {
            Written::Loaded(loaded) => {
                for problem in loaded.problems {
                    notices.push(problem);
                }
                history.runs = loaded.runs.into_iter().map(Arc::new).collect();
                history.loaded = true;
                offer.0 = left_in_progress(&history.runs, &writer);
            }
            Written::Saved(record, Ok(path)) => {
                if let Some(path) = path {
                    debug!("saved {}", path.display());
                }
                writer.failing = false;
                history.keep(record);
            }
            Written::Unwritable(error) => {
                notices.push(format!(
                    "{error}. You can play, but runs will not be kept until the folder can be \
                     written (Settings shows where it is)."
                ));
                // The first failed save would say the same again.
                writer.failing = true;
            }
            Written::Saved(_, Err(error)) => {
                if !writer.failing {
                    notices.push(format!(
                        "{error}. Play goes on; this run will be saved again after the next decision."
                    ));
                }
                writer.failing = true;
            }
        }
    }
}

/// The newest run left in progress; any older ones are kept as abandoned, as only one run can
/// be carried on.
fn left_in_progress(runs: &[Arc<RunRecord>], writer: &Writer) -> Option<Arc<RunRecord>> {
    let mut left = runs.iter().filter(|r| r.status == RunStatus::InProgress);
    let newest = left.next().cloned();
    for older in left {
        let _ = writer.jobs.send(Job::Save(Arc::new(abandoned(older))));
    }
    newest
}

/// A run's record marked abandoned now (resume declined, or a newer run left in progress).
pub fn abandoned(record: &RunRecord) -> RunRecord {
    RunRecord {
        status: RunStatus::Abandoned,
        updated: time::rfc3339(crate::clock::unix_now()),
        ..record.clone()
    }
}

/// The trainee declined to resume: the run is kept as abandoned.
pub fn decline_resume(offer: &mut ResumeOffer, saves: &mut MessageWriter<SaveRun>) {
    if let Some(record) = offer.0.take() {
        saves.write(SaveRun(abandoned(&record)));
    }
}

/// Waits (briefly) for the records still being written when the app closes, so the last
/// decision or ending is not lost to an ordinary exit.
fn flush_on_exit(mut exits: MessageReader<AppExit>, writer: Res<Writer>) {
    if exits.read().next().is_none() {
        return;
    }
    let (done, wait) = channel();
    if writer.jobs.send(Job::Flush(done)).is_ok() {
        let _ = wait.recv_timeout(Duration::from_secs(3));
    }
}
