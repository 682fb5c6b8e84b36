//! The one place the app talks to the engine: it feeds scenario time in, turns the engine's
//! events into messages for the feed, and moves between play phases. Nothing here draws.

use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;

use super::LaunchOptions;
use super::screens::Screen;
use crate::engine::{Answer, AnswerError, Outcome, PlayEvent, Session};
use crate::scenario::{Catalogue, Scenario};

/// The session being played.
#[derive(Resource, Debug, Clone)]
pub struct ActiveSession(pub Session);

/// Where play stands on the Play screen.
#[derive(SubStates, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Play)]
pub enum PlayPhase {
    /// Events arrive in scenario time.
    #[default]
    Watching,
    /// A decision is open; the timeline is paused (a timed decision counts down).
    Deciding,
    /// The outcome of the last decision is shown.
    Feedback,
}

/// Systems that read the trainee's keys during play. The engine is fed before them, so an
/// answer given this frame is never followed by more timeline in the same frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlayInput;

/// The pause menu is open: nothing advances.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

/// An engine event for the feed to draw.
#[derive(Message, Debug, Clone)]
pub struct FeedMessage(pub PlayEvent);

/// The last scored decision, for the feedback panel.
#[derive(Resource, Debug, Default, Clone)]
pub struct LastOutcome(pub Option<Outcome>);

/// Scenario seconds per real second.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Speed(pub f32);

pub(super) fn plugin(app: &mut App) {
    let speed = app.world().resource::<LaunchOptions>().speed;
    app.insert_resource(Speed(if speed > 0.0 { speed } else { 1.0 }));
    app.add_sub_state::<PlayPhase>();
    app.add_message::<FeedMessage>();
    app.init_resource::<Paused>();
    app.init_resource::<LastOutcome>();
    app.add_systems(
        Update,
        drive_session.before(PlayInput).run_if(
            in_state(Screen::Play)
                .and_then(not_paused)
                .and_then(in_state(PlayPhase::Watching).or_else(in_state(PlayPhase::Deciding))),
        ),
    );
}

fn not_paused(paused: Res<Paused>) -> bool {
    !paused.0
}

/// A new session, ready to play; the seed comes from the caller (launch option or clock).
pub fn new_session(
    scenario: &Arc<Scenario>,
    catalogue: &Arc<Catalogue>,
    seed: u64,
) -> ActiveSession {
    ActiveSession(Session::new(
        Arc::clone(scenario),
        Arc::clone(catalogue),
        seed,
    ))
}

/// A seed for a new run: the app may read the clock, the engine never does.
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_micros() as u64 % 1_000_000)
}

/// Feeds scenario time to the engine and forwards what it shows.
fn drive_session(
    time: Res<Time>,
    speed: Res<Speed>,
    mut active: ResMut<ActiveSession>,
    mut feed: MessageWriter<FeedMessage>,
    mut last: ResMut<LastOutcome>,
    mut phase: ResMut<NextState<PlayPhase>>,
    mut screen: ResMut<NextState<Screen>>,
) {
    // An answer given this frame (by key or click) has already moved play on: wait for the
    // feedback panel rather than running the timeline past it.
    if !matches!(*phase, NextState::Unchanged) {
        return;
    }
    let elapsed = time.delta().mul_f32(speed.0);
    let events = active.0.advance(elapsed);
    forward(events, &mut feed, &mut last, &mut phase, &mut screen);
}

/// Skips to the next event of the timeline (Space), for trainees who do not want to wait.
pub fn skip_ahead(
    active: &mut ActiveSession,
    feed: &mut MessageWriter<FeedMessage>,
    last: &mut LastOutcome,
    phase: &mut NextState<PlayPhase>,
    screen: &mut NextState<Screen>,
) {
    if let Some(wait) = active.0.next_event_in() {
        let events = active.0.advance(Duration::from_millis(wait));
        forward(events, feed, last, phase, screen);
    }
}

/// Answers the open decision; on success the feedback panel opens.
pub fn submit(
    active: &mut ActiveSession,
    answer: Answer,
    last: &mut LastOutcome,
    phase: &mut NextState<PlayPhase>,
) -> Result<(), AnswerError> {
    let events = active.0.answer(answer)?;
    for event in events {
        if let PlayEvent::Decided(outcome) = event {
            last.0 = Some(*outcome);
            phase.set(PlayPhase::Feedback);
        }
    }
    Ok(())
}

fn forward(
    events: Vec<PlayEvent>,
    feed: &mut MessageWriter<FeedMessage>,
    last: &mut LastOutcome,
    phase: &mut NextState<PlayPhase>,
    screen: &mut NextState<Screen>,
) {
    for event in events {
        match &event {
            PlayEvent::DecisionOffered(_) => phase.set(PlayPhase::Deciding),
            PlayEvent::Decided(outcome) => {
                last.0 = Some(outcome.as_ref().clone());
                phase.set(PlayPhase::Feedback);
            }
            PlayEvent::EndingReached { .. } | PlayEvent::DeadEnd { .. } => {
                screen.set(Screen::Debrief)
            }
            _ => {}
        }
        feed.write(FeedMessage(event));
    }
}
