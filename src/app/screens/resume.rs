//! The offer to carry on a run left part-way (a crash, a closed window): shown over the
//! library once the library and the history are read. C carries on at the decision in
//! progress; D leaves it, and the run is kept in the history as abandoned.

use std::sync::Arc;

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::library::Library;
use crate::app::notices::Notices;
use crate::app::records::{ResumeOffer, RunHistory, decline_resume};
use crate::app::session::{SaveRun, StartSession};
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::widget::{body, button, dialog, heading, in_dialog, overlay, row, small};
use crate::record::time;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_offer, offer_keys)
            .chain()
            .run_if(in_state(Screen::Library)),
    );
}

/// The offer's dialog.
#[derive(Component)]
pub struct ResumeDialog;

/// Whether the offer is waiting for an answer: the library's own keys wait too.
pub fn offered(offer: Res<ResumeOffer>) -> bool {
    offer.0.is_some()
}

fn show_offer(
    mut commands: Commands,
    offer: Res<ResumeOffer>,
    library: Res<Library>,
    history: Res<RunHistory>,
    shown: Query<Entity, With<ResumeDialog>>,
    palette: Res<Palette>,
) {
    let wanted = offer.0.is_some() && library.loaded && history.loaded;
    if !wanted {
        for entity in &shown {
            commands.entity(entity).despawn();
        }
        return;
    }
    if !shown.is_empty() {
        return;
    }
    let Some(record) = &offer.0 else { return };
    let p = palette.as_ref();
    let answered = record.decisions.len();
    let scrim = commands.spawn((
        ResumeDialog,
        DespawnOnExit(Screen::Library),
        overlay(p, 40, AlignItems::Center),
    ));
    in_dialog(scrim, dialog(p, 560.0, 80.0, p.accent), |dialog| {
        dialog.spawn(heading("Carry on where you left off?", p));
        dialog.spawn(body(
            format!(
                "\"{}\" was left part-way: started {}, {answered} decision{} answered.",
                record.scenario_title,
                time::readable(&record.started),
                if answered == 1 { "" } else { "s" }
            ),
            p,
        ));
        dialog.spawn(small(
            format!(
                "Carrying on replays your answers and opens decision {}. Leaving it \
                 keeps the run in your history as abandoned.",
                answered + 1
            ),
            p,
        ));
        dialog.spawn(row(12.0)).with_children(|buttons| {
            buttons.spawn(button(
                "Carry on (C)",
                p,
                |_: On<Activated>, mut answer: Answer| answer.carry_on(),
            ));
            buttons.spawn(button(
                "Leave it (D)",
                p,
                |_: On<Activated>, mut answer: Answer| answer.leave(),
            ));
        });
    });
}

/// What answering the offer touches.
#[derive(bevy::ecs::system::SystemParam)]
struct Answer<'w> {
    offer: ResMut<'w, ResumeOffer>,
    library: Res<'w, Library>,
    starts: MessageWriter<'w, StartSession>,
    saves: MessageWriter<'w, SaveRun>,
    notices: ResMut<'w, Notices>,
}

impl Answer<'_> {
    fn carry_on(&mut self) {
        let Some(record) = self.offer.0.take() else {
            return;
        };
        match self.library.find(record.scenario()) {
            Some(scenario) => {
                self.starts.write(StartSession::resume(
                    scenario,
                    &self.library.catalogue,
                    Arc::clone(&record),
                ));
            }
            None => self.notices.push(format!(
                "cannot carry on {}: scenario `{}` is not in the library now; the run stays in your history",
                record.scenario_title,
                record.scenario()
            )),
        }
    }

    fn leave(&mut self) {
        decline_resume(&mut self.offer, &mut self.saves);
    }
}

fn offer_keys(keys: Res<ButtonInput<KeyCode>>, mut answer: Answer) {
    if answer.offer.0.is_none() {
        return;
    }
    if keys.just_pressed(KeyCode::KeyC) {
        answer.carry_on();
    } else if keys.just_pressed(KeyCode::KeyD) {
        answer.leave();
    }
}
