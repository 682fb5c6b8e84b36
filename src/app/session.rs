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
use crate::engine::transcript::ReplayProblem;
use crate::engine::{Answer, Outcome, PlayEvent, Session, Timeline, Transcript, replay};
use crate::record::{PracticeItem, RunClock, RunRecord, RunStatus, build, time};
use crate::scenario::{Catalogue, Scenario};

/// The session being played.
#[derive(Resource, Debug, Clone)]
pub struct ActiveSession(pub Session);

/// Systems that read the trainee's keys during play. The engine is fed after them, so their
/// requests are carried out in the same frame, before any more timeline.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlayInput;

/// Where runs start: after the keys of the frame, so what they ask for starts in that frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct StartRuns;

/// The pause menu is open: nothing advances.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

/// The scenario clock stands still while the trainee can still answer: author mode holds it
/// while a saved file's problems are on screen, so nothing times out while the author reads.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ClockHeld(pub bool);

/// A practice set's decision waits, its feed replayed, until the trainee has read the feed and
/// asks for it (Enter, or the button): the clock stands still meanwhile, so a timed decision's
/// countdown starts only when it opens.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct ReadFirst {
    pub waiting: bool,
    /// When the decision was reached (`Time`'s elapsed seconds).
    pub since: f64,
}

impl ReadFirst {
    /// An Enter this soon after the feed was shown is the second of a double press that left
    /// the last feedback, not a request to answer.
    pub const AT_LEAST: f64 = 0.4;
}

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

/// Who the running session is in the trainee's record: its id, when it started and when
/// each decision was answered.
#[derive(Resource, Debug, Clone)]
pub struct CurrentRun(pub RunClock);

/// The record of a run as it now stands, for `records.rs` to keep: sent after each decision,
/// at an ending, and when a run is left before its ending.
#[derive(Message, Debug, Clone)]
pub struct SaveRun(pub RunRecord);

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
    app.add_message::<SaveRun>();
    app.add_systems(OnExit(Screen::Play), abandon_unfinished_run);
    // After the keys of this frame, so a restart chosen now starts now.
    app.add_systems(Update, start_sessions.in_set(StartRuns).after(PlayInput));
    app.init_resource::<Feed>();
    app.init_resource::<Paused>();
    app.init_resource::<ClockHeld>();
    app.init_resource::<ReadFirst>();
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
    /// A run to carry on from its record instead of a new run: its transcript is replayed.
    pub resume: Option<Arc<RunRecord>>,
    /// One decision of a practice set: the scenario replayed to it on the keyed path.
    pub practice: Option<PracticeStart>,
}

/// Where a practice set's decision starts: the keyed answers that reach it, and its place in
/// the set.
#[derive(Debug, Clone)]
pub struct PracticeStart {
    pub transcript: Transcript,
    pub item: PracticeItem,
    /// The decision the transcript replays to.
    pub decision: String,
    /// The run to answer it in again (the pause menu's restart); a new run when `None`.
    pub run: Option<String>,
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
            resume: None,
            practice: None,
        }
    }

    /// The run a record keeps, carried on at the decision it had reached.
    pub fn resume(
        scenario: &Arc<Scenario>,
        catalogue: &Arc<Catalogue>,
        record: Arc<RunRecord>,
    ) -> Self {
        StartSession {
            seed: SeedChoice::Given(record.seed()),
            resume: Some(record),
            ..StartSession::new(scenario, catalogue, None)
        }
    }

    /// The running session again, with `seed`.
    pub fn again(active: &ActiveSession, seed: SeedChoice) -> Self {
        let (scenario, catalogue) = (active.0.shared_scenario(), active.0.shared_catalogue());
        StartSession {
            seed,
            ..StartSession::new(&scenario, &catalogue, None)
        }
    }

    /// A practice set's decision: `scenario` replayed on the keyed path to it.
    pub fn practice(
        scenario: &Arc<Scenario>,
        catalogue: &Arc<Catalogue>,
        practice: PracticeStart,
    ) -> Self {
        StartSession {
            seed: SeedChoice::Given(practice.transcript.seed),
            practice: Some(practice),
            ..StartSession::new(scenario, catalogue, None)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn start_sessions(
    mut starts: MessageReader<StartSession>,
    active: Option<Res<ActiveSession>>,
    current: Option<Res<CurrentRun>>,
    exploration: Option<Res<ScenarioExploration>>,
    mut feed: ResMut<Feed>,
    mut changes: ResMut<Messages<FeedChange>>,
    mut saves: MessageWriter<SaveRun>,
    mut notices: ResMut<super::notices::Notices>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
    phase: Option<Res<State<PlayPhase>>>,
    mut next_phase: ResMut<NextState<PlayPhase>>,
    settings: Res<super::settings::CurrentSettings>,
    (time, mut practice_next): (Res<Time>, MessageWriter<super::practice_set::PracticeNext>),
) {
    let Some(start) = starts.read().last() else {
        return;
    };
    // A run carried on, or a practice set's decision, is replayed to where it stood.
    let replayed = (start.practice.as_ref().map(|p| &p.transcript))
        .or(start.resume.as_ref().map(|r| &r.transcript))
        .map(|transcript| {
            replay(
                Arc::clone(&start.scenario),
                Arc::clone(&start.catalogue),
                transcript,
            )
        });
    // A practice set's decision is replayed to first: a scenario changed since the set was
    // chosen may no longer reach it, and the set then goes on without it.
    if let (Some(practice), Some(replayed)) = (&start.practice, &replayed) {
        let reached = replayed.session.pending().map(|o| o.decision.as_str());
        if reached != Some(practice.decision.as_str()) {
            notices.push(format!(
                "the practice set's decision `{}` of `{}` is no longer reached (the scenario \
                 has changed since the set was chosen): the set goes on without it",
                practice.decision, start.scenario.id
            ));
            practice_next.write(super::practice_set::PracticeNext);
            return;
        }
    }
    // A restart leaves the run it replaces: keep that run as abandoned (unless it is that
    // same run carried on, as when author mode reloads its scenario).
    if let (Some(active), Some(current)) = (&active, &current)
        && (start.resume.as_ref()).is_none_or(|record| record.run != current.0.run)
        && let Some(record) = left_record(&active.0, &current.0, exploration.as_deref())
    {
        saves.write(SaveRun(record));
    }
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
    // A practice set's decision has no debrief: its scenario needs no exploring.
    if !same_scenario && start.practice.is_none() {
        commands.insert_resource(ScenarioExploration::start(Arc::clone(&start.scenario)));
    }
    // Every run starts with an empty network, from the moment its session exists: nothing of
    // the new run may land in the old run's feed, whatever runs between now and the screen's
    // set-up.
    feed.0 = Timeline::of(&start.scenario);
    // Nor may a change the old run sent this frame reach the new run's screen.
    changes.clear();
    // What the run had shown is shown again, as it arrived; a practice set's decision at once
    // as it stood, the keyed answers before it counting as already given.
    if let Some(replayed) = &replayed {
        let shown = replayed.events.iter().flat_map(|event| feed.0.apply(event));
        changes.write_batch(shown.map(FeedChange));
    }
    let now = crate::clock::unix_now();
    let (session, run) = match (&start.resume, &start.practice, replayed) {
        (_, Some(practice), Some(replayed)) => {
            // The same decision again (the pause menu's restart) keeps its run, so its new
            // answer replaces the old one.
            let run = RunClock {
                run: (practice.run.clone()).unwrap_or_else(crate::clock::new_run_id),
                started: now,
                answered: vec![now; replayed.session.outcomes().len()],
                now,
                practice: Some(practice.item.clone()),
            };
            (replayed.session, run)
        }
        (Some(record), None, Some(replayed)) => {
            let kept = replayed.session.outcomes().len();
            if let Some(problem) = resume_problem(&replayed.problems, kept) {
                notices.push(problem);
            }
            info!(
                "resumed run {} of `{}` at decision {}",
                record.run,
                record.scenario(),
                kept + 1
            );
            let run = RunClock {
                run: record.run.clone(),
                started: time::parse(&record.started).unwrap_or(now),
                answered: record
                    .decisions
                    .iter()
                    .take(kept)
                    .map(|d| time::parse(&d.answered).unwrap_or(now))
                    .collect(),
                now,
                practice: record.practice.clone(),
            };
            (replayed.session, run)
        }
        _ => (
            Session::playing_as(
                Arc::clone(&start.scenario),
                Arc::clone(&start.catalogue),
                seed,
                settings.0.profession,
            )
            .with_decision_time(settings.0.decision_time),
            RunClock {
                run: crate::clock::new_run_id(),
                started: now,
                answered: Vec::new(),
                now,
                practice: None,
            },
        ),
    };
    // A run left after its last answer reached its ending in the replay: it is finished, and
    // its debrief shows (it was once offered again at every start and could never end).
    if start.resume.is_some() && session.is_finished() {
        // `for_session` leaves out an exploration of another scenario.
        let explored = exploration.as_deref().and_then(|e| e.for_session(&session));
        let clock = RunClock { now, ..run.clone() };
        let record = build(&session, &clock, RunStatus::Finished, explored);
        saves.write(SaveRun(record));
        commands.insert_resource(ActiveSession(session));
        commands.insert_resource(CurrentRun(run));
        screen.set(Screen::Debrief);
        return;
    }
    commands.insert_resource(ReadFirst {
        waiting: run.practice.is_some(),
        since: time.elapsed_secs_f64(),
    });
    commands.insert_resource(ActiveSession(session));
    commands.insert_resource(CurrentRun(run));
    // Entering Play again (a restart) runs its set-up afresh. Play's phase outlives that, so
    // a restart from an open decision or its feedback goes back to watching: the new run's
    // own pending decision then opens as a resumed one does.
    screen.set(Screen::Play);
    if phase.is_some_and(|phase| *phase.get() != PlayPhase::Watching) {
        next_phase.set(PlayPhase::Watching);
    }
}

/// What the trainee is told when a resumed run could not be carried on in full: the first
/// thing that no longer applies, and where play picks up. Nothing when it all replayed.
fn resume_problem(problems: &[ReplayProblem], kept: usize) -> Option<String> {
    let stopped = problems.iter().find(|p| p.stops_replay())?;
    Some(format!(
        "The scenario has changed since these answers were given: {stopped}. The run carries \
         on after the {kept} decision{} that still apply.",
        if kept == 1 { "" } else { "s" }
    ))
}

/// The record of a run being left before its ending, if it has anything to keep.
fn left_record(
    session: &Session,
    run: &RunClock,
    exploration: Option<&ScenarioExploration>,
) -> Option<RunRecord> {
    // A practice set's decision is kept once answered, never as a run left unfinished.
    if session.is_finished() || session.outcomes().is_empty() || run.practice.is_some() {
        return None;
    }
    let clock = RunClock {
        now: crate::clock::unix_now(),
        ..run.clone()
    };
    let explored = exploration.and_then(|e| e.for_session(session));
    Some(build(session, &clock, RunStatus::Abandoned, explored))
}

/// Leaving Play for anything but the debrief (the pause menu's way back to the library)
/// abandons the run.
fn abandon_unfinished_run(
    active: Option<Res<ActiveSession>>,
    current: Option<Res<CurrentRun>>,
    exploration: Option<Res<ScenarioExploration>>,
    mut saves: MessageWriter<SaveRun>,
) {
    if let (Some(active), Some(current)) = (active, current)
        && let Some(record) = left_record(&active.0, &current.0, exploration.as_deref())
    {
        saves.write(SaveRun(record));
    }
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

    /// The exploration, if it is done and of the session's scenario.
    pub fn for_session(&self, session: &Session) -> Option<&Exploration> {
        self.of(session.scenario()).then(|| self.get()).flatten()
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
    current: Option<ResMut<'w, CurrentRun>>,
    exploration: Option<Res<'w, ScenarioExploration>>,
    saves: MessageWriter<'w, SaveRun>,
}

/// The one system that calls the engine: it carries out the requests of this frame, then,
/// unless one of them moved play on, feeds scenario time in. Every engine event goes through
/// `forward`.
fn drive_session(
    time: Res<Time>,
    speed: Res<Speed>,
    held: Res<ClockHeld>,
    read_first: Res<ReadFirst>,
    state: Res<State<PlayPhase>>,
    mut requests: MessageReader<SessionRequest>,
    mut run: Runner,
) {
    let watching = *state.get() == PlayPhase::Watching;
    // A decision already open while watching (a resumed run starts at one) is shown at once;
    // a practice set's once the trainee has read the feed.
    if watching && run.active.0.pending().is_some() {
        if !read_first.waiting {
            run.phase.set(PlayPhase::Deciding);
        }
        return;
    }
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
    if !running || held.0 || !matches!(*run.phase, NextState::Unchanged) {
        return;
    }
    let elapsed = time.delta().mul_f32(speed.0);
    let events = run.active.0.advance(elapsed);
    run.forward(events);
}

impl Runner<'_> {
    /// Applies events to the feed and moves between phases and screens; a decision answered
    /// or an ending reached is saved to the trainee's record.
    fn forward(&mut self, events: Vec<PlayEvent>) {
        let mut progressed = false;
        for event in events {
            match &event {
                PlayEvent::DecisionOffered(_) => self.phase.set(PlayPhase::Deciding),
                PlayEvent::Decided(outcome) => {
                    self.last.0 = Some(outcome.as_ref().clone());
                    self.phase.set(PlayPhase::Feedback);
                    if let Some(current) = &mut self.current {
                        current.0.answered.push(crate::clock::unix_now());
                        info!(
                            "answered decision {} of run {}",
                            self.active.0.outcomes().len(),
                            current.0.run
                        );
                    }
                    progressed = true;
                }
                // A practice set's decision stops at its feedback, wherever the scenario goes.
                PlayEvent::EndingReached { .. } | PlayEvent::DeadEnd { .. }
                    if !self.practising() =>
                {
                    self.screen.set(Screen::Debrief);
                    progressed = true;
                }
                _ => {}
            }
            self.changes
                .write_batch(self.feed.0.apply(&event).into_iter().map(FeedChange));
        }
        if progressed {
            self.save();
        }
    }

    fn practising(&self) -> bool {
        (self.current.as_ref()).is_some_and(|current| current.0.practice.is_some())
    }

    fn save(&mut self) {
        let Some(current) = &self.current else {
            return;
        };
        let session = &self.active.0;
        let status = if session.is_finished() || current.0.practice.is_some() {
            RunStatus::Finished
        } else {
            RunStatus::InProgress
        };
        let explored = self
            .exploration
            .as_ref()
            .and_then(|e| e.for_session(session));
        let clock = RunClock {
            now: crate::clock::unix_now(),
            ..current.0.clone()
        };
        self.saves
            .write(SaveRun(build(session, &clock, status, explored)));
    }
}
