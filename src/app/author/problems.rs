//! Author mode's problems overlay: the diagnostics of every watched file that fails its
//! check now, over whatever screen is showing, until the file is fixed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::*;

use crate::app::theme::Palette;
use crate::app::theme::widget::{body, panel, small, strong};
use crate::check::Diagnostic;
use crate::scenario::library::BUILT_IN;

/// The author's files that fail their check now, with the diagnostics to show.
#[derive(Resource, Debug, Default, Clone)]
pub struct AuthorProblems(pub BTreeMap<PathBuf, Vec<Diagnostic>>);

#[derive(Component)]
struct ProblemsOverlay;

/// Problems listed at most: a screenful, however many files a catalogue change breaks.
const SHOWN: usize = 5;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AuthorProblems>();
    app.add_systems(
        Update,
        show_problems.run_if(resource_changed::<AuthorProblems>),
    );
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
                    let failing = problems.0.len();
                    list.spawn(strong(
                        if failing == 1 {
                            "The file fails its check; the last good version is still playing"
                                .to_owned()
                        } else {
                            format!(
                                "{failing} files fail their check; the last good versions are \
                                 still playing"
                            )
                        },
                        p.breach,
                    ));
                    let total: usize = problems.0.values().map(Vec::len).sum();
                    // The author's own files first, then built-in scenarios a change broke.
                    let mut files: Vec<(&PathBuf, &Vec<Diagnostic>)> = problems.0.iter().collect();
                    files.sort_by_key(|(path, _)| path.starts_with(BUILT_IN));
                    for d in files.into_iter().flat_map(|(_, d)| d).take(SHOWN) {
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
                    if total > SHOWN {
                        list.spawn(small(
                            format!(
                                "and {} more: `feedwise check` lists them all",
                                total - SHOWN
                            ),
                            p,
                        ));
                    }
                });
        });
}
