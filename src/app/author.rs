//! Author mode (`feedwise --author [FILE or DIR]`): the author's scenario files are listed after
//! the built-in ones and watched. A file saved is checked and, when it passes, replaces its
//! scenario within a second; a run of that scenario restarts at the same point, its answers
//! replayed against the new version (where a decision no longer applies, the app says which
//! and play picks up there). A file that now fails keeps the last good version playing and
//! shows its diagnostics over the screen until it is fixed. F2 shows the author panel: beat,
//! decision and option ids, flags set and the seed's variables, to match the screen to the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

use super::LaunchOptions;
use super::facilitation::ActiveRoom;
use super::library::{Library, Status, same_file};
use super::notices::Notices;
use super::session::{ActiveSession, CurrentRun, StartSession};
use super::state::PlayPhase;
use super::theme::Palette;
use super::theme::widget::{body, heading, panel, small, strong};
use crate::check::guidance::check_guidance;
use crate::check::plan::{check_plan, is_plan_file, known};
use crate::check::{Diagnostic, Severity, checked_scenario, checked_source};
use crate::record::{RunStatus, build};
use crate::scenario::library::{
    DOCUMENTS_FILE, GuidanceSources, PRINCIPLES_FILE, ScenarioSource, built_in_scenarios,
    scenario_files,
};
use crate::scenario::source::SourceFile;
use crate::scenario::{Catalogue, Scenario};

/// How often the author's files are looked at: a save shows well within a second.
const POLL: Duration = Duration::from_millis(100);

/// What a changed file turned out to be, checked (a plan is checked on the app's side,
/// against the library it will be played from).
enum Change {
    Scenario(Result<Scenario, Vec<Diagnostic>>),
    Catalogue(Result<Catalogue, Vec<Diagnostic>>),
    Plan(Result<SourceFile, Vec<Diagnostic>>),
}

/// A file that changed, checked.
struct Reload {
    /// The file (for the catalogue, its folder).
    path: PathBuf,
    /// When the file was written, to log how long the reload took.
    modified: SystemTime,
    change: Change,
}

#[derive(Resource)]
struct Watcher(Mutex<Receiver<Reload>>);

/// The author's files that fail their check now, with the diagnostics to show.
#[derive(Resource, Debug, Default, Clone)]
pub struct AuthorProblems(pub BTreeMap<PathBuf, Vec<Diagnostic>>);

/// Whether the author panel (F2) is shown.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AuthorPanelShown(pub bool);

#[derive(Component)]
struct ProblemsOverlay;

#[derive(Component)]
struct AuthorPanel;

/// The panel's ids, rewritten as play moves on.
#[derive(Component)]
struct AuthorPanelText;

pub(super) fn plugin(app: &mut App) {
    let options = app.world().resource::<LaunchOptions>();
    let Some(paths) = options.author_paths() else {
        return;
    };
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
    // A reload wakes the window at once, even while the author's editor has the focus.
    let proxy = app
        .world()
        .get_resource::<EventLoopProxyWrapper>()
        .map(|proxy| (**proxy).clone());
    let wake: Waker = Box::new(move || {
        if let Some(proxy) = &proxy {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
    });
    app.insert_resource(Watcher(Mutex::new(watch(watched, wake))));
    app.init_resource::<AuthorProblems>();
    app.init_resource::<AuthorPanelShown>();
    app.init_resource::<ReloadOnScreen>();
    app.add_systems(
        Update,
        (
            apply_reloads,
            show_problems.run_if(resource_changed::<AuthorProblems>),
            toggle_panel,
            show_panel,
        )
            .chain(),
    );
    app.add_systems(Last, log_reload_on_screen);
}

type Waker = Box<dyn Fn() + Send>;

/// The last reload applied, until the frames that draw it have been rendered: when it was
/// saved, and frames counted since.
#[derive(Resource, Default)]
struct ReloadOnScreen(Option<(PathBuf, SystemTime, u8)>);

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
    let Some((path, saved, frames)) = &mut pending.0 else {
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
        "reload of {} on screen {} ms after it was saved",
        path.display(),
        saved.elapsed().unwrap_or_default().as_millis()
    );
    pending.0 = None;
}

/// Everything author mode watches.
struct Watched {
    /// The files and folders given to `--author`.
    scenarios: Vec<PathBuf>,
    /// The catalogue folder above them (`assets/guidance`), when there is one.
    guidance: Option<PathBuf>,
    /// `sessions` folders in or beside the scenarios' folders.
    plans: Vec<PathBuf>,
    /// Whether the library has the built-in scenarios, and its other folders: a new
    /// catalogue may break (or mend) them too, so they are checked against it again.
    built_in: bool,
    others: Vec<PathBuf>,
}

impl Watched {
    /// The library's scenarios that are not the author's own files.
    fn rest_of_library(&self) -> Vec<ScenarioSource> {
        let mut sources = if self.built_in {
            built_in_scenarios()
        } else {
            Vec::new()
        };
        let (files, _) = scenario_files(&self.others);
        sources.extend(files.into_iter().map(ScenarioSource::File));
        sources
    }
}

/// The `sessions` folders an author of these scenarios may be editing: in the scenarios'
/// folder, or beside it (`scenarios/` and `sessions/` in one project, as in this repository).
fn plan_folders(paths: &[PathBuf]) -> Vec<PathBuf> {
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
        for folder in [
            Some(dir.join("sessions")),
            dir.parent().map(|up| up.join("sessions")),
        ]
        .into_iter()
        .flatten()
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

/// Polls the watched files and checks each one that changes, on a thread of its own.
fn watch(watched: Watched, wake: Waker) -> Receiver<Reload> {
    let (sender, receiver) = channel();
    let spawned = std::thread::Builder::new()
        .name("author-watch".into())
        .spawn(move || {
            let mut catalogue = watched
                .guidance
                .as_deref()
                .and_then(|folder| read_catalogue(folder).ok())
                .unwrap_or_else(|| Catalogue::embedded().unwrap_or_default());
            let mut stamps = Stamps::default();
            let mut first = true;
            loop {
                let mut reloads = Vec::new();
                // The catalogue first: every scenario is checked again against a new one.
                let mut new_catalogue = false;
                if let Some(folder) = &watched.guidance {
                    let saved = [PRINCIPLES_FILE, DOCUMENTS_FILE]
                        .iter()
                        .filter_map(|file| stamps.changed(&folder.join(file)))
                        .max();
                    if let (Some(modified), false) = (saved, first) {
                        let result = read_catalogue(folder);
                        if let Ok(read) = &result {
                            catalogue = read.clone();
                            new_catalogue = true;
                        }
                        reloads.push(Reload {
                            path: folder.clone(),
                            modified,
                            change: Change::Catalogue(result),
                        });
                    }
                }
                let (files, _) = scenario_files(&watched.scenarios);
                for path in files.into_iter().filter(|path| !is_plan_file(path)) {
                    let saved = stamps.changed(&path);
                    if first || (saved.is_none() && !new_catalogue) {
                        continue;
                    }
                    let modified = saved.unwrap_or_else(SystemTime::now);
                    let change = Change::Scenario(checked_scenario(&path, &catalogue));
                    reloads.push(Reload {
                        path,
                        modified,
                        change,
                    });
                }
                if new_catalogue {
                    for source in watched.rest_of_library() {
                        reloads.push(Reload {
                            path: source.label(),
                            modified: SystemTime::now(),
                            change: Change::Scenario(checked_source(&source, &catalogue)),
                        });
                    }
                }
                let (plans, _) = scenario_files(&watched.plans);
                for path in plans {
                    let Some(modified) = stamps.changed(&path) else {
                        continue;
                    };
                    if !first {
                        let change = Change::Plan(
                            SourceFile::read(&path)
                                .map_err(|error| vec![unreadable(&path, &error.to_string())]),
                        );
                        reloads.push(Reload {
                            path,
                            modified,
                            change,
                        });
                    }
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
                first = false;
                std::thread::sleep(POLL);
            }
        });
    if let Err(error) = spawned {
        error!("author mode cannot watch files: {error}");
    }
    receiver
}

fn unreadable(path: &Path, error: &str) -> Diagnostic {
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
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match catalogue {
        Some(catalogue) if errors.is_empty() => Ok(catalogue),
        _ => Err(errors),
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_reloads(
    watcher: Res<Watcher>,
    options: Res<LaunchOptions>,
    mut library: ResMut<Library>,
    mut problems: ResMut<AuthorProblems>,
    active: Option<Res<ActiveSession>>,
    current: Option<Res<CurrentRun>>,
    room: Option<ResMut<ActiveRoom>>,
    mut on_screen: ResMut<ReloadOnScreen>,
    mut notices: ResMut<Notices>,
    mut starts: MessageWriter<StartSession>,
) {
    let reloads: Vec<Reload> = match watcher.0.lock() {
        Ok(receiver) => receiver.try_iter().collect(),
        Err(_) => return,
    };
    let mut room = room;
    // The run on screen restarts once, after every change in this batch is applied.
    let mut restart = false;
    for reload in reloads {
        let since = reload.modified.elapsed().unwrap_or_default();
        let path = reload.path;
        let result = match reload.change {
            Change::Scenario(Ok(scenario)) => {
                let scenario = Arc::new(scenario);
                for notice in library.file_checked(&path, Arc::clone(&scenario)) {
                    notices.push(notice);
                }
                restart |= active
                    .as_ref()
                    .is_some_and(|active| active.0.scenario().id == scenario.id);
                Ok(())
            }
            Change::Catalogue(Ok(catalogue)) => {
                library.catalogue = Arc::new(catalogue);
                restart |= active.is_some();
                Ok(())
            }
            Change::Plan(Ok(source)) => {
                let scenarios: Vec<&Scenario> = library
                    .entries
                    .iter()
                    .filter_map(|entry| match &entry.status {
                        Status::Ready(scenario) => Some(scenario.as_ref()),
                        _ => None,
                    })
                    .collect();
                let (plan, diagnostics) = check_plan(&source, &known(&scenarios));
                let errors: Vec<Diagnostic> = diagnostics
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                match plan {
                    Some(plan) if errors.is_empty() => {
                        // The plan being facilitated takes the new version from its next entry.
                        if let (Some(room), Some(Some(playing))) = (&mut room, &options.facilitate)
                            && same_file(playing, &path)
                        {
                            room.plan = Some(plan);
                        }
                        Ok(())
                    }
                    _ => Err(errors),
                }
            }
            Change::Scenario(Err(errors))
            | Change::Catalogue(Err(errors))
            | Change::Plan(Err(errors)) => Err(errors),
        };
        match result {
            Ok(()) => {
                problems.0.remove(&path);
                on_screen.0 = Some((path.clone(), reload.modified, 0));
                info!(
                    "reloaded {} {} ms after it was saved",
                    path.display(),
                    since.as_millis()
                );
            }
            Err(diagnostics) => {
                warn!(
                    "{} fails its check; the last good version stays",
                    path.display()
                );
                problems.0.insert(path, diagnostics);
            }
        }
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
        starts.write(StartSession::resume(
            &scenario,
            &library.catalogue,
            Arc::new(record),
        ));
    }
}

fn show_problems(
    mut commands: Commands,
    problems: Res<AuthorProblems>,
    shown: Query<Entity, With<ProblemsOverlay>>,
    palette: Res<Palette>,
) {
    for entity in &shown {
        commands.entity(entity).despawn();
    }
    if problems.0.is_empty() {
        return;
    }
    let p = palette.as_ref();
    commands
        .spawn((
            ProblemsOverlay,
            Node {
                position_type: PositionType::Absolute,
                bottom: px(12),
                left: px(12),
                right: px(12),
                ..default()
            },
            GlobalZIndex(60),
        ))
        .with_children(|overlay| {
            overlay
                .spawn(panel(p))
                .insert(BorderColor::all(p.breach))
                .with_children(|list| {
                    list.spawn(strong(
                        "The file fails its check; the last good version is still playing",
                        p.breach,
                    ));
                    for diagnostics in problems.0.values() {
                        for d in diagnostics.iter().take(5) {
                            let file = d.file.display();
                            let at = d
                                .location()
                                .map(|at| format!("{file}:{}:{}", at.line, at.column))
                                .unwrap_or_else(|| file.to_string());
                            list.spawn(body(format!("error[{}]: {}", d.code, d.message), p));
                            list.spawn(small(at, p));
                            if let Some(label) = &d.label {
                                list.spawn(small(format!("    {}", label.excerpt.trim_end()), p));
                            }
                            if let Some(help) = &d.help {
                                list.spawn(small(format!("help: {help}"), p));
                            }
                        }
                    }
                });
        });
}

fn toggle_panel(keys: Res<ButtonInput<KeyCode>>, mut shown: ResMut<AuthorPanelShown>) {
    if keys.just_pressed(KeyCode::F2) {
        shown.0 = !shown.0;
    }
}

fn show_panel(
    mut commands: Commands,
    shown: Res<AuthorPanelShown>,
    active: Option<Res<ActiveSession>>,
    panels: Query<Entity, With<AuthorPanel>>,
    mut texts: Query<&mut Text, With<AuthorPanelText>>,
    palette: Res<Palette>,
) {
    let text = match (&active, shown.0) {
        (Some(active), true) => describe(&active.0),
        _ => String::new(),
    };
    match panels.single() {
        Ok(entity) if text.is_empty() => commands.entity(entity).despawn(),
        Ok(_) => {
            for mut shown in &mut texts {
                if shown.0 != text {
                    shown.0.clone_from(&text);
                }
            }
        }
        Err(_) if !text.is_empty() => {
            let p = palette.as_ref();
            commands
                .spawn((
                    AuthorPanel,
                    Node {
                        position_type: PositionType::Absolute,
                        top: px(60),
                        right: px(12),
                        max_width: px(420),
                        ..default()
                    },
                    GlobalZIndex(55),
                ))
                .with_children(|corner| {
                    corner.spawn(panel(p)).with_children(|panel| {
                        panel.spawn(heading("Author (F2)", p));
                        panel.spawn((AuthorPanelText, small(text, p)));
                    });
                });
        }
        Err(_) => {}
    }
}

/// The ids an author needs to match the screen to the file.
pub fn describe(session: &crate::engine::Session) -> String {
    let mut lines = vec![format!("scenario: {}", session.scenario().id)];
    lines.push(format!(
        "beat: {}",
        session.beat().or(session.ending()).unwrap_or("-")
    ));
    if let Some(offer) = session.pending() {
        lines.push(format!("decision: {}", offer.decision));
        let ids: Vec<&str> = offer.options.iter().map(|o| o.id.as_str()).collect();
        lines.push(format!("options as shown: {}", ids.join(", ")));
    }
    let flags: Vec<&str> = session.flags().iter().map(String::as_str).collect();
    lines.push(format!(
        "flags: {}",
        if flags.is_empty() {
            "none".to_owned()
        } else {
            flags.join(", ")
        }
    ));
    for (name, value) in session.variables() {
        lines.push(format!("{{{name}}} = {value}"));
    }
    lines.push(format!("seed: {}", session.seed()));
    lines.join("\n")
}
