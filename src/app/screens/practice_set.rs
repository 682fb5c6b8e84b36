//! How a practice set went: each decision with its grade, the principle it practised, what the
//! trainee chose and what it did to the principles, from the records the set left. Shown after
//! a set's last decision and for a set chosen in the history. 4 starts another set, H opens the
//! history, Esc goes back.

use std::sync::Arc;

use bevy::prelude::*;

use crate::app::library::Library;
use crate::app::practice_set::{ShownPracticeSet, StartPracticeSet};
use crate::app::records::RunHistory;
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::focus::Activated;
use crate::app::theme::widget::{
    Frame, body, button, card, go_button, grade_badge, row, screen_root, scroll_list, small,
    strong, text_line, title, wrap_row,
};
use crate::record::{AnswerKind, RunRecord};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::PracticeSet), spawn_summary);
    app.add_systems(
        Update,
        (
            // The last decision's record is written off the frame: draw again when it lands.
            spawn_summary.run_if(resource_changed::<RunHistory>),
            summary_keys,
        )
            .run_if(in_state(Screen::PracticeSet)),
    );
}

/// The summary's root (tests look for it).
#[derive(Component)]
pub struct PracticeSummary;

/// The set's decisions, in the order played.
pub fn decisions_of(history: &RunHistory, set: &str) -> Vec<Arc<RunRecord>> {
    let mut items: Vec<Arc<RunRecord>> = (history.runs.iter())
        .filter(|run| run.practice_set() == Some(set))
        .cloned()
        .collect();
    items.sort_by_key(|run| run.practice.as_ref().map_or(0, |p| p.position));
    items
}

fn spawn_summary(
    mut commands: Commands,
    shown: Option<Res<ShownPracticeSet>>,
    history: Res<RunHistory>,
    library: Res<Library>,
    palette: Res<Palette>,
    old: Query<Entity, With<PracticeSummary>>,
) {
    for entity in &old {
        commands.entity(entity).despawn();
    }
    let p = palette.as_ref();
    let items = shown
        .as_ref()
        .map(|shown| decisions_of(&history, &shown.id))
        .unwrap_or_default();
    let planned = (items.first().and_then(|i| i.practice.as_ref())).map_or(0, |p| p.of);
    let mean = (items.iter().map(|i| i.percentage).sum::<u32>()) / (items.len() as u32).max(1);
    commands
        .spawn((
            PracticeSummary,
            DespawnOnExit(Screen::PracticeSet),
            screen_root(),
        ))
        .with_children(|root| {
            root.spawn(row(18.0)).with_children(|top| {
                top.spawn(title(format!("Practice set: {} decisions", items.len()), p));
                top.spawn(text_line(
                    format!("{mean}%"),
                    crate::app::theme::size::TITLE,
                    p.accent,
                ));
                if (items.len() as u32) < planned {
                    top.spawn(small(format!("left after {} of {planned}", items.len()), p));
                }
            });
            root.spawn(small(
                "Each decision was reached by replaying its scenario with the best answers to the \
                 decisions before it. What you lost marks on comes back for review soon; what \
                 you handled well, later.",
                p,
            ));
            root.spawn(scroll_list(10.0, true)).with_children(|list| {
                for item in &items {
                    decision_card(list, item, &library, p);
                }
            });
            root.spawn(wrap_row(12.0, 6.0)).with_children(|keys| {
                keys.spawn(button(
                    "Another set (4)",
                    p,
                    |_: On<Activated>, mut sets: MessageWriter<StartPracticeSet>| {
                        sets.write(StartPracticeSet);
                    },
                ));
                keys.spawn(go_button("Your runs (H)", Screen::History, p));
                keys.spawn(button(
                    "Back (Esc)",
                    p,
                    |_: On<Activated>,
                     shown: Option<Res<ShownPracticeSet>>,
                     mut screen: ResMut<NextState<Screen>>| {
                        screen.set(shown.map_or(Screen::Library, |s| s.back));
                    },
                ));
            });
        });
}

fn decision_card(
    list: &mut ChildSpawnerCommands,
    item: &RunRecord,
    library: &Library,
    p: &Palette,
) {
    let (Some(practice), Some(decision)) = (&item.practice, item.decisions.first()) else {
        return;
    };
    list.spawn(card(p, Frame::Accent(p.grade(decision.grade))))
        .with_children(|card| {
            card.spawn(row(10.0)).with_children(|top| {
                top.spawn(grade_badge(decision.grade, p));
                top.spawn(strong(
                    format!("{}. {}", practice.position, item.scenario_title),
                    p.text,
                ));
                top.spawn(small(
                    format!(
                        "practising “{}”",
                        library.catalogue.principle_title(&practice.principle)
                    ),
                    p,
                ));
            });
            card.spawn(body(&decision.prompt, p));
            // A ranking's first choice is what it does (the rest is its order).
            let chosen = match decision.kind {
                AnswerKind::Rank => decision
                    .chosen_text
                    .first()
                    .map(|first| format!("You ranked first: {first}")),
                _ => (!decision.chosen_text.is_empty())
                    .then(|| format!("You chose: {}", decision.chosen_text.join(" · "))),
            };
            if let Some(chosen) = chosen {
                card.spawn(small(chosen, p));
            }
            let effects: Vec<String> = (item.principles.iter())
                .map(|t| {
                    format!(
                        "{:+} {} (from {:+} to {:+})",
                        t.total, t.title, t.min, t.max
                    )
                })
                .collect();
            if !effects.is_empty() {
                card.spawn(small(effects.join(" · "), p));
            }
        });
}

fn summary_keys(
    keys: Res<ButtonInput<KeyCode>>,
    shown: Option<Res<ShownPracticeSet>>,
    mut screen: ResMut<NextState<Screen>>,
    mut sets: MessageWriter<StartPracticeSet>,
) {
    // Not Enter: the Enter that closed the last feedback, pressed twice, would skip this.
    if keys.any_just_pressed([KeyCode::Escape, KeyCode::KeyL]) {
        screen.set(shown.map_or(Screen::Library, |s| s.back));
    } else if keys.just_pressed(KeyCode::KeyH) {
        screen.set(Screen::History);
    } else if keys.any_just_pressed([KeyCode::Digit4, KeyCode::Numpad4]) {
        sets.write(StartPracticeSet);
    }
}
