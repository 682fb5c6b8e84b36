//! Author mode's problems: the diagnostics of every watched file that fails its check now,
//! docked in a strip at the bottom of the window until the file is fixed. Screens and dialogs
//! end above the strip (`ReservedBelow`), so no option or button is ever under it; F3 folds it
//! to one line. The scenario clock stands still while it shows.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::*;

use super::panel::AuthorPanelShown;
use crate::app::library::loader::place;
use crate::app::session::ClockHeld;
use crate::app::theme::Palette;
use crate::app::theme::widget::{ReservedBelow, body, column, panel_with, small, strong};
use crate::check::Diagnostic;
use crate::scenario::library::BUILT_IN;

/// The author's files that fail their check now, with the diagnostics to show.
#[derive(Resource, Debug, Default, Clone)]
pub struct AuthorProblems(pub BTreeMap<PathBuf, Vec<Diagnostic>>);

/// Whether the problems are folded to one line (F3).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ProblemsFolded(pub bool);

#[derive(Component)]
struct ProblemsDock;

/// Problems listed at most when unfolded: what the strip holds at 720 lines.
const SHOWN: usize = 2;

/// Heights of the strip, in percent of the window: folded (one line), unfolded, and beside
/// the author panel (F2), which needs its seven lines.
pub const FOLDED: f32 = 10.0;
pub const UNFOLDED: f32 = 30.0;
pub const WITH_PANEL: f32 = 30.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AuthorProblems>();
    app.init_resource::<ProblemsFolded>();
    app.add_systems(
        Update,
        (
            fold_problems,
            (reserve_strip, show_problems).chain().run_if(
                resource_changed::<AuthorProblems>
                    .or_eager(resource_changed::<ProblemsFolded>)
                    .or_eager(resource_changed::<AuthorPanelShown>),
            ),
        )
            .chain()
            .in_set(super::AuthorSystems),
    );
}

fn fold_problems(keys: Res<ButtonInput<KeyCode>>, mut folded: ResMut<ProblemsFolded>) {
    if keys.just_pressed(KeyCode::F3) {
        folded.0 = !folded.0;
    }
}

/// The strip's height for what it shows, and the clock held while problems show.
fn reserve_strip(
    problems: Res<AuthorProblems>,
    folded: Res<ProblemsFolded>,
    panel: Res<AuthorPanelShown>,
    mut reserved: ResMut<ReservedBelow>,
    mut held: ResMut<ClockHeld>,
) {
    let for_problems = match (problems.0.is_empty(), folded.0) {
        (true, _) => 0.0,
        (false, true) => FOLDED,
        (false, false) => UNFOLDED,
    };
    let for_panel = if panel.0 { WITH_PANEL } else { 0.0 };
    reserved.set_if_neq(ReservedBelow(for_problems.max(for_panel)));
    held.set_if_neq(ClockHeld(!problems.0.is_empty()));
}

fn show_problems(
    mut commands: Commands,
    problems: Res<AuthorProblems>,
    folded: Res<ProblemsFolded>,
    panel_shown: Res<AuthorPanelShown>,
    reserved: Res<ReservedBelow>,
    shown: Query<Entity, With<ProblemsDock>>,
    palette: Res<Palette>,
) {
    for entity in &shown {
        commands.entity(entity).despawn();
    }
    if problems.0.is_empty() {
        return;
    }
    let p = palette.as_ref();
    // The author's own files first, then built-in scenarios a change broke.
    let mut files: Vec<(&PathBuf, &Vec<Diagnostic>)> = problems.0.iter().collect();
    files.sort_by_key(|(path, _)| path.starts_with(BUILT_IN));
    let all: Vec<&Diagnostic> = files.into_iter().flat_map(|(_, d)| d).collect();
    let failing = problems.0.len();
    let headline = if failing == 1 {
        "The file fails its check; the last good version is still playing".to_owned()
    } else {
        format!("{failing} files fail their check; the last good versions are still playing")
    };
    commands
        .spawn((
            ProblemsDock,
            Node {
                position_type: PositionType::Absolute,
                bottom: px(0),
                left: px(0),
                // Beside the author panel, which takes the strip's right end.
                right: if panel_shown.0 { px(440) } else { px(0) },
                height: percent(reserved.0),
                padding: UiRect::all(px(6)),
                ..default()
            },
            GlobalZIndex(60),
        ))
        .with_children(|dock| {
            let strip = Node {
                flex_grow: 1.0,
                padding: UiRect::axes(px(12), px(6)),
                overflow: Overflow::clip(),
                ..column(2.0)
            };
            dock.spawn(panel_with(p, strip))
                .insert(BorderColor::all(p.breach))
                .with_children(|list| {
                    if folded.0 {
                        let first = all
                            .first()
                            .map_or(String::new(), |d| format!(": {} ({})", d.message, place(d)));
                        list.spawn(strong(format!("{headline}{first}"), p.breach));
                        list.spawn(small("F3 shows the problems", p));
                        return;
                    }
                    list.spawn(strong(headline, p.breach));
                    list.spawn(small("F3 folds this to one line", p));
                    for d in all.iter().take(SHOWN) {
                        list.spawn(body(format!("error[{}]: {}", d.code, d.message), p));
                        list.spawn(small(place(d), p));
                        if let Some(help) = &d.help {
                            list.spawn(small(format!("help: {help}"), p));
                        }
                    }
                    if all.len() > SHOWN {
                        list.spawn(small(
                            format!(
                                "and {} more: `feedwise check` lists them all",
                                all.len() - SHOWN
                            ),
                            p,
                        ));
                    }
                });
        });
}
