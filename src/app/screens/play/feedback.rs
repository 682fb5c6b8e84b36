//! Feedback after each decision: the grade as a coloured badge with its word, the principles
//! touched with their signed effects, the explanation and guidance references; for `Rank` the
//! keyed order beside the trainee's with the marks per option. Enter continues. References of
//! the trainee's own regulator come first; the others follow, smaller, under "Also".

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::practice_set::PracticeNext;
use crate::app::session::{ActiveSession, CurrentRun, LastOutcome, Paused};
use crate::app::state::PlayPhase;
use crate::app::theme::accessible::Accessible;
use crate::app::theme::widget::{
    Frame, body, button, card, dialog, grade_badge, heading, overlay, row, scroll_list, small,
    strong, wrap_row, wrapped_text,
};
use crate::app::theme::{Palette, size};
use crate::engine::Outcome;
use crate::engine::outcome::Explanation;
use crate::record::PracticeItem;
use crate::scenario::{Catalogue, Profession};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(PlayPhase::Feedback), show_feedback);
    app.add_systems(
        Update,
        feedback_keys
            .in_set(crate::app::session::PlayInput)
            .run_if(in_state(PlayPhase::Feedback)),
    );
}

/// Marks the feedback panel (tests look for it).
#[derive(Component)]
pub struct FeedbackPanel;

/// The line of an option's references from the trainee's own regulator (or all of them, when
/// none is theirs), and the line of the others.
#[derive(Component)]
pub struct OwnGuidance;
#[derive(Component)]
pub struct AlsoGuidance;

/// Orders references for whoever plays.
struct Reader<'a> {
    catalogue: &'a Catalogue,
    regulators: Vec<&'static str>,
}

fn show_feedback(
    mut commands: Commands,
    last: Res<LastOutcome>,
    palette: Res<Palette>,
    active: Option<Res<ActiveSession>>,
    current: Option<Res<CurrentRun>>,
) {
    let Some(outcome) = &last.0 else { return };
    let practising = current.as_ref().and_then(|c| c.0.practice.as_ref());
    let Some(active) = active else { return };
    let reader = Reader {
        catalogue: active.0.catalogue(),
        regulators: (active.0.profession())
            .and_then(Profession::regulator)
            .into_iter()
            .collect(),
    };
    let p = palette.as_ref();
    let layer = (
        FeedbackPanel,
        DespawnOnExit(PlayPhase::Feedback),
        overlay(p, 20, AlignItems::Center),
    );
    // Read out whole as it opens: the grade's word, effects and explanation.
    let spoken = Accessible::new(accesskit::Role::Region).polite();
    let boxed = (dialog(p, 1000.0, 92.0, p.grade(outcome.grade)), spoken);
    super::over_play(&mut commands, layer, boxed, |panel| {
        fill(panel, outcome, &reader, practising, p);
    });
}

fn fill(
    panel: &mut ChildSpawnerCommands,
    outcome: &Outcome,
    reader: &Reader,
    practising: Option<&PracticeItem>,
    p: &Palette,
) {
    panel.spawn(row(12.0)).with_children(|row| {
        row.spawn(grade_badge(outcome.grade, p));
        if outcome.critical {
            row.spawn(strong("Critical breach", p.breach));
        }
        if outcome.timed_out {
            row.spawn(strong("Time ran out", p.poor));
        }
        if let Some(marks) = outcome.marks {
            row.spawn(strong(
                format!("{} of {} marks", marks.earned, marks.available),
                p.text,
            ));
        }
    });
    panel.spawn(small(&outcome.prompt, p));
    if !outcome.effects.is_empty() {
        panel.spawn(wrap_row(14.0, 4.0)).with_children(|row| {
            for effect in &outcome.effects {
                let color = match effect.change.cmp(&0) {
                    std::cmp::Ordering::Greater => p.exemplary,
                    std::cmp::Ordering::Less => p.breach,
                    std::cmp::Ordering::Equal => p.muted,
                };
                let text = format!("{:+} {}", effect.change, effect.title);
                row.spawn(strong(text, color));
            }
        });
    }
    // The explanations scroll; the grade above and the continue button below stay put.
    panel
        .spawn(scroll_list(10.0, false))
        .with_children(|panel| explain(panel, outcome, reader, p));
    panel.spawn(button(
        match practising {
            Some(item) if item.position < item.of => "Next decision (Enter)",
            Some(_) => "See how the set went (Enter)",
            None => "Continue (Enter)",
        },
        p,
        |_: On<Activated>,
         current: Option<Res<CurrentRun>>,
         mut phase: ResMut<NextState<PlayPhase>>,
         mut next: MessageWriter<PracticeNext>| {
            carry_on(current.as_deref(), &mut phase, &mut next);
        },
    ));
}

/// After the feedback: play goes on, or a practice set moves to its next decision.
fn carry_on(
    current: Option<&CurrentRun>,
    phase: &mut NextState<PlayPhase>,
    next: &mut MessageWriter<PracticeNext>,
) {
    if current.is_some_and(|c| c.0.practice.is_some()) {
        next.write(PracticeNext);
    } else {
        phase.set(PlayPhase::Watching);
    }
}

fn explain(panel: &mut ChildSpawnerCommands, outcome: &Outcome, reader: &Reader, p: &Palette) {
    let ranked = outcome.explanations.iter().any(|e| e.keyed_place.is_some());
    if ranked {
        panel.spawn(heading("Expert order beside yours", p));
    }
    for explanation in &outcome.explanations {
        panel
            .spawn(card(p, Frame::Accent(p.grade(explanation.grade))))
            .with_children(|item| {
                item.spawn(row(10.0)).with_children(|row| {
                    row.spawn(grade_badge(explanation.grade, p));
                    row.spawn(small(label(explanation), p));
                });
                item.spawn(strong(&explanation.text, p.text));
                item.spawn(body(&explanation.feedback, p));
                let guidance = reader
                    .catalogue
                    .guidance_for(&reader.regulators, &explanation.citations());
                if !guidance.first.is_empty() {
                    let text = format!("Guidance: {}", guidance.first.join("; "));
                    item.spawn((OwnGuidance, wrapped_text(text, size::BODY, p.text)));
                }
                if !guidance.also.is_empty() {
                    let text = format!("Also: {}", guidance.also.join("; "));
                    item.spawn((AlsoGuidance, wrapped_text(text, size::SMALL, p.muted)));
                }
            });
    }
}

/// What an option's card says of it: its place in the key and the trainee's, or whether it
/// was chosen and is among the best.
fn label(e: &Explanation) -> String {
    match e.keyed_place {
        Some(keyed) => format!(
            "Expert rank {} · you ranked it {} · {} of {} marks",
            keyed + 1,
            e.placed.map_or("-".to_owned(), |p| (p + 1).to_string()),
            e.marks.unwrap_or(0),
            crate::engine::score::MARKS_PER_OPTION
        ),
        None if e.in_key || e.marks.is_some() => format!(
            "You {} this · {} the best options",
            if e.chosen { "chose" } else { "did not choose" },
            if e.in_key { "one of" } else { "not one of" }
        ),
        None if e.chosen => "Your choice".to_owned(),
        None => "A better answer, and why".to_owned(),
    }
}

fn feedback_keys(
    keys: Res<ButtonInput<KeyCode>>,
    paused: Res<Paused>,
    current: Option<Res<CurrentRun>>,
    mut phase: ResMut<NextState<PlayPhase>>,
    mut next: MessageWriter<PracticeNext>,
) {
    if !paused.0 && keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
        carry_on(current.as_deref(), &mut phase, &mut next);
    }
}
