//! Author mode (`feedwise --author [FILE or DIR]`): the author's scenario files are listed after
//! the built-in ones and watched. A file saved is checked and, when it passes, replaces its
//! scenario within a second; a run of that scenario restarts at the same point, its answers
//! replayed against the new version (where a decision no longer applies, the app says which
//! and play picks up there); a facilitated room's story is played again the same way. A file
//! that now fails keeps the last good version playing and shows its diagnostics over the
//! screen until it is fixed. F2 shows the author panel: beat, decision and option ids, flags
//! set and the seed's variables, to match the screen to the file. F4 lists the guidance a
//! scenario may cite.
//!
//! `watch` polls and checks the files on a thread; this file applies what it finds to the
//! library and the run; `problems` and `panel` draw the overlay and the F2 panel.

mod guidance;
mod panel;
mod problems;
mod watch;

use crossbeam_channel::Receiver;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

pub use guidance::GuidanceShown;
pub use panel::{AuthorPanelShown, describe};
pub use problems::{AuthorProblems, FOLDED, ProblemsFolded, UNFOLDED};
use watch::{Change, Reload, Waker, Watched, plan_folders, unless_errors, watch};

use super::LaunchOptions;
use super::facilitation::{ActiveRoom, RoomRequest};
use super::library::{Library, same_file};
use super::notices::Notices;
use super::screens::play::decision::DecisionUi;
use super::session::{ActiveSession, CurrentRun, StartSession};
use super::state::PlayPhase;
use crate::check::plan::{check_plan, known};
use crate::record::{RunStatus, build};

#[derive(Resource)]
struct Watcher(Receiver<Reload>);

/// Turns author mode on for a folder or file while the app runs (the library's New scenario):
/// it is watched from now on, as `--author PATH` watches from the start.
#[derive(Message, Debug, Clone)]
pub struct StartAuthoring(pub PathBuf);

/// Whether author mode is on (from the start, or since a New scenario).
fn authoring(options: Res<LaunchOptions>) -> bool {
    options.author.is_some()
}

/// Author mode's systems (problems, F2 panel, F4 guidance): they run only while it is on.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
struct AuthorSystems;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartAuthoring>();
    app.configure_sets(Update, AuthorSystems.run_if(authoring));
    app.init_resource::<ReloadOnScreen>();
    app.add_plugins((problems::plugin, panel::plugin, guidance::plugin));
    app.add_systems(
        Update,
        (
            start_authoring,
            apply_reloads.run_if(resource_exists::<Watcher>),
        )
            .chain(),
    );
    app.add_systems(Last, log_reload_on_screen);
    let wake = waker(app.world().get_resource::<EventLoopProxyWrapper>());
    let options = app.world().resource::<LaunchOptions>();
    if let Some(watcher) = begin_watching(options, wake) {
        app.insert_resource(watcher);
    }
}

/// Wakes the window at once when a reload comes, even while the author's editor has the focus.
fn waker(proxy: Option<&EventLoopProxyWrapper>) -> Waker {
    let proxy = proxy.map(|proxy| (**proxy).clone());
    Box::new(move || {
        if let Some(proxy) = &proxy {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
    })
}

/// The watcher of the author's files, or `None` outside author mode.
fn begin_watching(options: &LaunchOptions, wake: Waker) -> Option<Watcher> {
    let paths = options.author_paths()?;
    let sources = options.scenario_sources();
    let watched = Watched {
        plans: plan_folders(&paths),
        guidance: options.author_guidance(),
        built_in: sources.built_in,
        // The library's other folders: not watched, but checked again with a new catalogue.
        others: sources
            .user_folder
            .into_iter()
            .chain(options.scenario_dirs.iter().cloned())
            .collect(),
        scenarios: paths,
    };
    Some(Watcher(watch(watched, wake)))
}

/// Author mode from now on, for the path asked (once on, it stays on the first path: a new
/// scenario made later in the same folder joins the library as any new file there does).
fn start_authoring(
    mut requests: MessageReader<StartAuthoring>,
    mut options: ResMut<LaunchOptions>,
    watching: Option<Res<Watcher>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    (mut library, mut commands): (ResMut<Library>, Commands),
) {
    let Some(StartAuthoring(path)) = requests.read().last() else {
        return;
    };
    if watching.is_some() {
        return;
    }
    options.author = Some(Some(path.clone()));
    // An author's copy of a built-in scenario replacing it is the point now, not news.
    library.authoring = true;
    if let Some(watcher) = begin_watching(&options, waker(proxy.as_deref())) {
        info!("author mode on for {}", path.display());
        commands.insert_resource(watcher);
    }
}

/// The last reload applied, until the frames that draw it have been rendered: the file, when
/// it was saved, whether it failed its check (its problems are what is drawn), and frames
/// counted since. A failed save must reach the screen too, though nothing else moves: an
/// untimed decision leaves the window asleep.
#[derive(Resource, Default)]
struct ReloadOnScreen(Option<(PathBuf, SystemTime, bool, u8)>);

/// Frames after a reload before it is surely on screen: rendering runs a frame behind the
/// app's update (Bevy's pipelined rendering), so the second frame after has drawn it.
const FRAMES_TO_SCREEN: u8 = 2;

/// Logs how long a save took to reach the screen (`scripts/measure-author-reload.py` reads
/// it), keeping the window awake until then.
fn log_reload_on_screen(
    mut pending: ResMut<ReloadOnScreen>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    active: Option<Res<ActiveSession>>,
    phase: Option<Res<State<PlayPhase>>>,
) {
    let Some((path, saved, failed, frames)) = &mut pending.0 else {
        return;
    };
    // A restarted run at a decision is on screen once that decision is open again.
    let reopening = active.is_some_and(|a| a.0.pending().is_some())
        && phase.is_some_and(|p| *p.get() == PlayPhase::Watching);
    if !reopening {
        *frames += 1;
    }
    if *frames < FRAMES_TO_SCREEN {
        if let Some(proxy) = proxy {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
        return;
    }
    info!(
        "{} of {} on screen {} ms after it was saved",
        if *failed { "problems" } else { "reload" },
        path.display(),
        saved.elapsed().unwrap_or_default().as_millis()
    );
    pending.0 = None;
}

#[allow(clippy::too_many_arguments)]
fn apply_reloads(
    watcher: Res<Watcher>,
    options: Res<LaunchOptions>,
    mut library: ResMut<Library>,
    mut problems: ResMut<AuthorProblems>,
    active: Option<Res<ActiveSession>>,
    current: Option<Res<CurrentRun>>,
    mut room: Option<ResMut<ActiveRoom>>,
    mut on_screen: ResMut<ReloadOnScreen>,
    mut notices: ResMut<Notices>,
    mut starts: MessageWriter<StartSession>,
    mut room_requests: MessageWriter<RoomRequest>,
    (mut commands, decision): (Commands, Option<Res<DecisionUi>>),
) {
    let reloads: Vec<Reload> = watcher.0.try_iter().collect();
    // The run on screen, and the room's story, restart once, after every change in this
    // batch is applied.
    let mut restart = false;
    let mut restart_room = false;
    for reload in reloads {
        let since = reload.modified.elapsed().unwrap_or_default();
        let path = reload.path;
        let result = match reload.change {
            Change::Scenario(Ok(scenario)) => {
                let scenario = Arc::new(*scenario);
                for notice in library.file_checked(&path, Arc::clone(&scenario)) {
                    notices.push(notice);
                }
                restart |= active
                    .as_ref()
                    .is_some_and(|active| active.0.scenario().id == scenario.id);
                restart_room |= room
                    .as_ref()
                    .is_some_and(|room| room.room().session().scenario().id == scenario.id);
                Ok(())
            }
            Change::Catalogue(Ok(catalogue)) => {
                library.catalogue = Arc::new(catalogue);
                restart |= active.is_some();
                restart_room |= room.is_some();
                Ok(())
            }
            Change::Plan(Ok(source)) => {
                let (plan, diagnostics) = check_plan(&source, &known(&library.scenarios()));
                unless_errors(plan, diagnostics).map(|plan| {
                    // The plan being facilitated takes the new version from its next entry.
                    if let (Some(room), Some(Some(playing))) = (&mut room, &options.facilitate)
                        && same_file(playing, &path)
                    {
                        room.workshop.replace_plan(plan);
                    }
                })
            }
            Change::Scenario(Err(errors))
            | Change::Catalogue(Err(errors))
            | Change::Plan(Err(errors)) => Err(errors),
        };
        match result {
            Ok(()) => {
                problems.0.remove(&path);
                on_screen.0 = Some((path.clone(), reload.modified, false, 0));
                info!(
                    "reloaded {} {} ms after it was saved",
                    path.display(),
                    since.as_millis()
                );
            }
            // A file another one replaces is never played: its problems are not the author's
            // to see (the author's own copy of a built-in scenario reports the same ones).
            Err(_)
                if library
                    .entries
                    .iter()
                    .any(|e| e.replaced_by.is_some() && same_file(&e.path, &path)) => {}
            Err(diagnostics) => {
                warn!(
                    "{} fails its check; the last good version stays",
                    path.display()
                );
                on_screen.0 = Some((path.clone(), reload.modified, true, 0));
                problems.0.insert(path, diagnostics);
            }
        }
    }
    if restart_room {
        room_requests.write(RoomRequest::NewVersion);
    }
    // A run restarts at the same point in the new version, its answers replayed.
    if let (true, Some(active), Some(current)) = (restart, &active, &current) {
        let id = &active.0.scenario().id;
        let scenario = library
            .find(id)
            .cloned()
            .unwrap_or_else(|| Arc::new(active.0.scenario().clone()));
        let clock = crate::record::RunClock {
            now: crate::clock::unix_now(),
            ..current.0.clone()
        };
        let record = build(&active.0, &clock, RunStatus::InProgress, None);
        // The trainee's ticks and order come back when the same decision opens again.
        if let Some(decision) = decision {
            commands.insert_resource(decision.carried());
        }
        starts.write(StartSession::resume(
            &scenario,
            &library.catalogue,
            Arc::new(record),
        ));
    }
}
