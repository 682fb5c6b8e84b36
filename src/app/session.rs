//! The one place the app talks to the engine. Screens and keys write requests
//! (`StartSession`, `SessionRequest`); `start_sessions` makes the `Session`, and
//! `drive_session` answers, skips, feeds scenario time in, applies every event to the run's
//! timeline (`Feed`), sends the changes on and moves between play phases. Nothing here draws.

use std::sync::Arc;
use std::time::Duration;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::LaunchOptions;
use super::state::{PlayPhase, Screen};
use crate::engine::paths::{self, Exploration};
use crate::engine::timeline::{Change, Panel};
use crate::engine::{Answer, Outcome, PlayEvent, Session, Timeline};
use crate::scenario::{Catalogue, Scenario};

/// The session being played.
#[derive(Resource, Debug, Clone)]
pub struct ActiveSession(pub Session);

/// Systems that read the trainee's keys during play. The engine is fed after them, so their
/// requests are carried out in the same frame, before any more timeline.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlayInput;

/// The pause menu is open: nothing advances.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

/// What the run has shown so far (posts, threads, counts, messages, unread badges); the
/// engine's events go in here and the feed draws the changes that come out.
#[derive(Resource, Debug, Default, Clone)]
pub struct Feed(pub Timeline);

/// A change to the simulated network for the feed to draw; details are read from `Feed`.
#[derive(Message, Debug, Clone)]
pub struct FeedChange(pub Change);

/// The last scored decision, for the feedback panel.
#[derive(Resource, Debug, Default, Clone)]
pub struct LastOutcome(pub Option<Outcome>);

/// Scenario seconds per real second.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Speed(pub f32);

pub(super) fn plugin(app: &mut App) {
    let speed = app.world().resource::<LaunchOptions>().speed;
    app.insert_resource(Speed(if speed > 0.0 { speed } else { 1.0 }));
    app.add_message::<FeedChange>();
    app.add_message::<SessionRequest>();
    app.add_message::<StartSession>();
    app.add_message::<Refused>();
    // After the keys of this frame, so a restart chosen now starts now.
    app.add_systems(Update, start_sessions.after(PlayInput));
    app.init_resource::<Feed>();
    app.init_resource::<Paused>();
    app.init_resource::<LastOutcome>();
    app.add_systems(
        Update,
        drive_session
            .after(PlayInput)
            .run_if(in_state(Screen::Play).and_then(not_paused)),
    );
}

fn not_paused(paused: Res<Paused>) -> bool {
    !paused.0
}

/// Start a run: from the library, `--scenario`, the pause menu's restart or the debrief's
/// replay. `start_sessions` alone makes the `Session`.
#[derive(Message, Debug, Clone)]
pub struct StartSession {
    pub scenario: Arc<Scenario>,
    pub catalogue: Arc<Catalogue>,
    pub seed: SeedChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedChoice {
    /// This seed (the command line's, or the same run again).
    Given(u64),
    /// A new seed from the clock, never the one just played.
    Fresh,
}

impl StartSession {
    /// A run with the launch option's seed, or a fresh one.
    pub fn new(scenario: &Arc<Scenario>, catalogue: &Arc<Catalogue>, seed: Option<u64>) -> Self {
        StartSession {
            scenario: Arc::clone(scenario),
            catalogue: Arc::clone(catalogue),
            seed: seed.map_or(SeedChoice::Fresh, SeedChoice::Given),
        }
    }

    /// The running session again, with `seed`.
    pub fn again(active: &ActiveSession, seed: SeedChoice) -> Self {
        StartSession {
            scenario: active.0.shared_scenario(),
            catalogue: active.0.shared_catalogue(),
            seed,
        }
    }
}

fn start_sessions(
    mut starts: MessageReader<StartSession>,
    active: Option<Res<ActiveSession>>,
    exploration: Option<Res<ScenarioExploration>>,
    mut feed: ResMut<Feed>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
) {
    let Some(start) = starts.read().last() else {
        return;
    };
    let seed = match start.seed {
        SeedChoice::Given(seed) => seed,
        SeedChoice::Fresh => {
            let seed = crate::clock::seed_from_clock();
            let previous = active.map(|a| a.0.seed());
            if previous == Some(seed) {
                seed + 1
            } else {
                seed
            }
        }
    };
    let same_scenario = exploration
        .as_ref()
        .is_some_and(|e| Arc::ptr_eq(&e.scenario, &start.scenario));
    if !same_scenario {
        commands.insert_resource(ScenarioExploration::start(Arc::clone(&start.scenario)));
    }
    commands.insert_resource(ActiveSession(Session::new(
        Arc::clone(&start.scenario),
        Arc::clone(&start.catalogue),
        seed,
    )));
    // Every run starts with an empty network, from the moment its session exists: nothing of
    // the new run may land in the old run's feed, whatever runs between now and the screen's
    // set-up.
    feed.0 = Timeline::of(&start.scenario);
    // Entering Play again (a restart) runs its set-up afresh.
    screen.set(Screen::Play);
}

/// Every path through the scenario being played (the debrief's ranges and best path), explored
/// once per scenario on a background thread when its first run starts, so the debrief neither
/// explores again nor waits on a frame; replays and restarts reuse it.
#[derive(Resource, Clone)]
pub struct ScenarioExploration {
    scenario: Arc<Scenario>,
    result: Arc<std::sync::OnceLock<Option<Exploration>>>,
}

impl ScenarioExploration {
    fn start(scenario: Arc<Scenario>) -> Self {
        let result = Arc::new(std::sync::OnceLock::new());
        let (for_thread, explored) = (Arc::clone(&result), Arc::clone(&scenario));
        let spawned = std::thread::Builder::new()
            .name("explore".into())
            .spawn(move || {
                let _ = for_thread.set(paths::explore(&explored).ok());
            });
        if spawned.is_err() {
            // No thread: the debrief explores when it is shown instead.
            let _ = result.set(None);
        }
        ScenarioExploration { scenario, result }
    }

    /// The exploration once it is done; `None` while it runs or if it could not be done.
    pub fn get(&self) -> Option<&Exploration> {
        self.result.get().and_then(Option::as_ref)
    }

    /// Whether this is the exploration of `scenario`.
    pub fn of(&self, scenario: &Scenario) -> bool {
        std::ptr::eq(Arc::as_ptr(&self.scenario), scenario)
    }
}

/// What screens and keys ask of the running session. Only `drive_session` acts on them, so
/// an answer, a skip and a timeout all reach the screen by the same route.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum SessionRequest {
    Answer(Answer),
    /// Jump to the next event of the timeline (Space), while watching.
    SkipAhead,
    /// The trainee has looked at a panel; its badge clears.
    MarkRead(Panel),
}

/// The engine refused a request; the message is the engine's own.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Everything `drive_session` changes when the engine speaks.
#[derive(SystemParam)]
struct Runner<'w> {
    active: ResMut<'w, ActiveSession>,
    feed: ResMut<'w, Feed>,
    changes: MessageWriter<'w, FeedChange>,
    last: ResMut<'w, LastOutcome>,
    phase: ResMut<'w, NextState<PlayPhase>>,
    screen: ResMut<'w, NextState<Screen>>,
    refused: MessageWriter<'w, Refused>,
}

/// The one system that calls the engine: it carries out the requests of this frame, then,
/// unless one of them moved play on, feeds scenario time in. Every engine event goes through
/// `forward`.
fn drive_session(
    time: Res<Time>,
    speed: Res<Speed>,
    state: Res<State<PlayPhase>>,
    mut requests: MessageReader<SessionRequest>,
    mut run: Runner,
) {
    let watching = *state.get() == PlayPhase::Watching;
    for request in requests.read() {
        match request {
            SessionRequest::Answer(answer) => match run.active.0.answer(answer.clone()) {
                Ok(events) => run.forward(events),
                Err(error) => {
                    run.refused.write(Refused(error.to_string()));
                }
            },
            SessionRequest::SkipAhead if watching => {
                if let Some(wait) = run.active.0.next_event_in() {
                    let events = run.active.0.advance(Duration::from_millis(wait));
                    run.forward(events);
                }
            }
            SessionRequest::SkipAhead => {}
            SessionRequest::MarkRead(panel) => {
                if let Some(change) = run.feed.0.mark_read(*panel) {
                    run.changes.write(FeedChange(change));
                }
            }
        }
    }
    // A request (or a key handled this frame) has moved play on: wait for the panel it
    // opens rather than running the timeline past it.
    let running = watching || *state.get() == PlayPhase::Deciding;
    if !running || !matches!(*run.phase, NextState::Unchanged) {
        return;
    }
    let elapsed = time.delta().mul_f32(speed.0);
    let events = run.active.0.advance(elapsed);
    run.forward(events);
}

impl Runner<'_> {
    /// Applies events to the feed and moves between phases and screens.
    fn forward(&mut self, events: Vec<PlayEvent>) {
        for event in events {
            match &event {
                PlayEvent::DecisionOffered(_) => self.phase.set(PlayPhase::Deciding),
                PlayEvent::Decided(outcome) => {
                    self.last.0 = Some(outcome.as_ref().clone());
                    self.phase.set(PlayPhase::Feedback);
                }
                PlayEvent::EndingReached { .. } | PlayEvent::DeadEnd { .. } => {
                    self.screen.set(Screen::Debrief)
                }
                _ => {}
            }
            for change in self.feed.0.apply(&event) {
                self.changes.write(FeedChange(change));
            }
        }
    }
}
