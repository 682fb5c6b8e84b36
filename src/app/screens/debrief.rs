//! The debrief: overall percentage, critical breaches first, each principle against the range
//! this scenario allows, and the path taken beside the best path. R replays with a new seed,
//! Esc (or L) goes back to the library, or to the history for a run opened from there.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::session::{ActiveSession, ScenarioExploration, SeedChoice, StartSession};
use crate::app::theme::widget::{
    body, button, column, fixed_width, go_button, grade_badge, heading, panel, panel_with,
    range_bar, row, screen_root, scroll_list, small, strong, text_line, title,
};
use crate::app::theme::{Palette, size};
use crate::engine::debrief::{Debrief, debrief, debrief_with};

use crate::app::state::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<DebriefReturn>();
    app.add_systems(OnEnter(Screen::Debrief), spawn_debrief);
    app.add_systems(
        OnExit(Screen::Debrief),
        |mut back: ResMut<DebriefReturn>| *back = DebriefReturn::default(),
    );
    app.add_systems(Update, debrief_keys.run_if(in_state(Screen::Debrief)));
}

/// Where Esc leaves the debrief for: the library after a run (the default screen), the
/// history for a run opened from there.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DebriefReturn(pub Screen);

/// The debrief on screen, kept for tests and the end-to-end script.
#[derive(Resource, Debug, Clone)]
pub struct ShownDebrief(pub Debrief);

fn spawn_debrief(
    mut commands: Commands,
    active: Option<Res<ActiveSession>>,
    exploration: Option<Res<ScenarioExploration>>,
    palette: Res<Palette>,
    back: Res<DebriefReturn>,
) {
    let p = palette.as_ref();
    let Some(active) = active else {
        commands.spawn((
            DespawnOnExit(Screen::Debrief),
            screen_root(),
            children![body("No scenario has been played.", p)],
        ));
        return;
    };
    // The exploration made when the run started; if it is not there (it takes milliseconds,
    // a run takes minutes), explore now.
    let explored = exploration
        .as_ref()
        .filter(|e| e.of(active.0.scenario()))
        .and_then(|e| e.get());
    let report = match explored {
        Some(exploration) => debrief_with(&active.0, Some(exploration)),
        None => debrief(&active.0),
    };
    commands.insert_resource(ShownDebrief(report.clone()));
    commands
        .spawn((DespawnOnExit(Screen::Debrief), screen_root()))
        .with_children(|root| {
            root.spawn(row(18.0)).with_children(|row| {
                row.spawn(title(format!("Debrief: {}", report.title), p));
                // The title's size: every text size is one more glyph atlas in memory.
                row.spawn(text_line(
                    format!("{}%", report.percentage),
                    size::TITLE,
                    p.accent,
                ));
                row.spawn(small(
                    format!("seed {} · {} decisions", report.seed, report.path.len()),
                    p,
                ));
            });
            if let Some(ending) = &report.ending {
                root.spawn(heading(&ending.title, p));
                root.spawn(body(&ending.debrief, p));
            }
            root.spawn(scroll_list(12.0, true)).with_children(|scroll| {
                if !report.breaches.is_empty() {
                    scroll
                        .spawn(panel(p))
                        .insert(BorderColor::all(p.breach))
                        .with_children(|breaches| {
                            breaches.spawn(strong(
                                format!("Critical breaches ({})", report.breaches.len()),
                                p.breach,
                            ));
                            for breach in &report.breaches {
                                breaches.spawn(body(format!("• {}", breach.text), p));
                                breaches.spawn(small(&breach.feedback, p));
                            }
                        });
                }
                scroll.spawn(panel(p)).with_children(|bars| {
                    bars.spawn(heading("Principles", p));
                    for principle in &report.principles {
                        bars.spawn(row(12.0)).with_children(|row| {
                            row.spawn((fixed_width(360.0), children![body(&principle.title, p)]));
                            row.spawn(range_bar(principle, p));
                            row.spawn(small(principle.in_words(), p));
                        });
                    }
                });
                scroll
                    .spawn(Node {
                        align_items: AlignItems::FlexStart,
                        ..row(12.0)
                    })
                    .with_children(|columns| {
                        path_column(columns, "Your path", p, |taken| {
                            for step in &report.path {
                                taken.spawn(row(8.0)).with_children(|row| {
                                    row.spawn(grade_badge(step.grade, p));
                                    let ran_out =
                                        if step.timed_out { ", time ran out" } else { "" };
                                    row.spawn(small(
                                        format!("{:.0}s{ran_out}", step.took as f64 / 1000.0),
                                        p,
                                    ));
                                });
                                taken.spawn(body(step.joined(), p));
                            }
                        });
                        path_column(columns, "Best path", p, |best| {
                            for step in &report.best_path {
                                best.spawn(body(step.joined(), p));
                            }
                        });
                    });
            });
            root.spawn(row(12.0)).with_children(|row| {
                row.spawn(button(
                    "Replay with a new seed (R)",
                    p,
                    |_: On<Activated>,
                     active: Res<ActiveSession>,
                     mut starts: MessageWriter<StartSession>| {
                        replay(&active, &mut starts);
                    },
                ));
                let label = if back.0 == Screen::History {
                    "Back to your runs (Esc)"
                } else {
                    "Back to library (Esc)"
                };
                row.spawn(go_button(label, back.0, p));
            });
        });
}

/// Half the width: a heading, then `fill` adds the steps.
fn path_column(
    columns: &mut ChildSpawnerCommands,
    title: &str,
    p: &Palette,
    fill: impl FnOnce(&mut ChildSpawnerCommands),
) {
    columns
        .spawn(panel_with(
            p,
            Node {
                width: percent(50),
                ..column(8.0)
            },
        ))
        .with_children(|column| {
            column.spawn(heading(title, p));
            fill(column);
        });
}

fn replay(active: &ActiveSession, starts: &mut MessageWriter<StartSession>) {
    starts.write(StartSession::again(active, SeedChoice::Fresh));
}

fn debrief_keys(
    keys: Res<ButtonInput<KeyCode>>,
    active: Option<Res<ActiveSession>>,
    mut starts: MessageWriter<StartSession>,
    mut screen: ResMut<NextState<Screen>>,
    back: Res<DebriefReturn>,
) {
    if keys.any_just_pressed([KeyCode::Escape, KeyCode::KeyL]) {
        screen.set(back.0);
    }
    if keys.just_pressed(KeyCode::KeyR)
        && let Some(active) = active
    {
        replay(&active, &mut starts);
    }
}
