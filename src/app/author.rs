//! Author mode (`feedwise --author [FILE or DIR]`): the author's scenario files are listed after
//! the built-in ones and watched. A file saved is checked and, when it passes, replaces its
//! scenario within a second; a run of that scenario restarts at the same point, its answers
//! replayed against the new version (where a decision no longer applies, the app says which
//! and play picks up there). A file that now fails keeps the last good version playing and
//! shows its diagnostics over the screen until it is fixed. F2 shows the author panel: beat,
//! decision and option ids, flags set and the seed's variables, to match the screen to the file.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bevy::prelude::*;

use super::LaunchOptions;
use super::library::{Library, Status};
use super::session::{ActiveSession, CurrentRun, StartSession};
use super::theme::Palette;
use super::theme::widget::{body, heading, panel, small, strong};
use crate::check::{Diagnostic, Severity, check_scenario_source};
use crate::record::{RunStatus, build};
use crate::scenario::library::{ScenarioSource, scenario_files};
use crate::scenario::{Catalogue, Scenario};

/// How often the author's files are looked at: a save shows well within a second.
const POLL: Duration = Duration::from_millis(200);

/// A file that changed, checked.
struct Reload {
    path: PathBuf,
    /// When the file was written, to log how long the reload took.
    modified: SystemTime,
    result: Result<Scenario, Vec<Diagnostic>>,
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

pub(super) fn plugin(app: &mut App) {
    let Some(paths) = app.world().resource::<LaunchOptions>().author_paths() else {
        return;
    };
    app.insert_resource(Watcher(Mutex::new(watch(paths))));
    app.init_resource::<AuthorProblems>();
    app.init_resource::<AuthorPanelShown>();
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
}

/// Polls the files under `paths` and checks each one that changes, on a thread of its own.
fn watch(paths: Vec<PathBuf>) -> Receiver<Reload> {
    let (sender, receiver) = channel();
    let spawned = std::thread::Builder::new()
        .name("author-watch".into())
        .spawn(move || {
            let catalogue = Catalogue::embedded().unwrap_or_default();
            let mut seen: BTreeMap<PathBuf, (SystemTime, u64)> = BTreeMap::new();
            let mut first = true;
            loop {
                let (files, _) = scenario_files(&paths);
                for path in files {
                    let Ok(meta) = std::fs::metadata(&path) else {
                        continue;
                    };
                    let stamp = (
                        meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                        meta.len(),
                    );
                    if seen.insert(path.clone(), stamp) == Some(stamp) || first {
                        continue;
                    }
                    let result =
                        check_scenario_source(&ScenarioSource::File(path.clone()), &catalogue);
                    let errors: Vec<Diagnostic> = result
                        .diagnostics
                        .into_iter()
                        .filter(|d| d.severity == Severity::Error)
                        .collect();
                    let result = match (result.scenario, result.io_error) {
                        (_, Some(error)) => Err(vec![Diagnostic::new(
                            &crate::check::rules::syntax::RULE,
                            &path,
                            format!("cannot read the file: {error}"),
                        )]),
                        (Some(scenario), None) if errors.is_empty() => Ok(scenario),
                        _ => Err(errors),
                    };
                    let reload = Reload {
                        path,
                        modified: stamp.0,
                        result,
                    };
                    if sender.send(reload).is_err() {
                        return;
                    }
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

#[allow(clippy::too_many_arguments)]
fn apply_reloads(
    watcher: Res<Watcher>,
    mut library: ResMut<Library>,
    mut problems: ResMut<AuthorProblems>,
    active: Option<Res<ActiveSession>>,
    current: Option<Res<CurrentRun>>,
    mut starts: MessageWriter<StartSession>,
) {
    let reloads: Vec<Reload> = match watcher.0.lock() {
        Ok(receiver) => receiver.try_iter().collect(),
        Err(_) => return,
    };
    for reload in reloads {
        let since = reload.modified.elapsed().unwrap_or_default();
        match reload.result {
            Err(diagnostics) => {
                warn!(
                    "{} fails its check; the last good version stays",
                    reload.path.display()
                );
                problems.0.insert(reload.path, diagnostics);
            }
            Ok(scenario) => {
                problems.0.remove(&reload.path);
                let scenario = Arc::new(scenario);
                let same_file = |e: &&mut super::library::Entry| {
                    e.path == reload.path
                        || std::fs::canonicalize(&e.path).ok()
                            == std::fs::canonicalize(&reload.path).ok()
                };
                match library.entries.iter_mut().find(same_file) {
                    Some(entry) => entry.status = Status::Ready(Arc::clone(&scenario)),
                    None => continue,
                }
                library.set_changed();
                // A run of this scenario restarts at the same point in the new version.
                if let (Some(active), Some(current)) = (&active, &current)
                    && active.0.scenario().id == scenario.id
                {
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
                info!(
                    "reloaded {} {} ms after it was saved",
                    reload.path.display(),
                    since.as_millis()
                );
            }
        }
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
                    for (path, diagnostics) in &problems.0 {
                        for d in diagnostics.iter().take(5) {
                            let at = d
                                .location()
                                .map(|at| format!("{}:{}:{}", path.display(), at.line, at.column))
                                .unwrap_or_else(|| path.display().to_string());
                            list.spawn(body(format!("error[{}]: {}", d.code, d.message), p));
                            list.spawn(small(at, p));
                            if let Some(label) = &d.label {
                                list.spawn(small(format!("    {}", label.excerpt.trim_end()), p));
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
    panels: Query<(Entity, &Children), With<AuthorPanel>>,
    mut texts: Query<&mut Text>,
    palette: Res<Palette>,
) {
    let text = match (&active, shown.0) {
        (Some(active), true) => describe(&active.0),
        _ => String::new(),
    };
    match panels.single() {
        Ok((entity, _)) if text.is_empty() => commands.entity(entity).despawn(),
        Ok((_, children)) => {
            for child in children.iter() {
                if let Ok(mut shown) = texts.get_mut(child)
                    && shown.0 != text
                {
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
                .insert(panel(p))
                .with_children(|panel| {
                    panel.spawn(heading("Author (F2)", p));
                    panel.spawn(small(text, p));
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
