//! Runs played through the engine with fixed answers and fixed times, made into records: for
//! the export tests and `examples/sample_history.rs` (which includes this file and `common`).
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use feedwise_core::check::checked_scenario;
use feedwise_core::engine::{Answer, OfferKind, Session, paths};
use feedwise_core::record::{RunClock, RunRecord, RunStatus, build, run_id};
use feedwise_core::scenario::{Catalogue, Profession};

/// How a run answers: `style` picks which options (so runs differ), `stop_after` leaves the
/// run abandoned after that many decisions.
#[derive(Debug, Clone, Copy)]
pub struct Play {
    pub seed: u64,
    pub style: usize,
    pub stop_after: Option<usize>,
    /// The run id's bytes are all this value.
    pub id_byte: u8,
    /// Unix seconds the run started; each answer comes a minute after the one before.
    pub started: u64,
    /// Scenario time taken over each answer.
    pub think: Duration,
    /// Let a timed decision run out instead of answering it.
    pub time_out: bool,
    /// Who plays (none: as the scenario's first audience).
    pub profession: Option<Profession>,
}

impl Default for Play {
    fn default() -> Self {
        Play {
            seed: 1,
            style: 0,
            stop_after: None,
            id_byte: 7,
            started: 1_796_098_215,
            think: Duration::from_millis(12_340),
            time_out: false,
            profession: None,
        }
    }
}

/// Plays the scenario file (which must pass `check`) and returns its record.
pub fn play(path: impl AsRef<Path>, how: Play) -> RunRecord {
    let path = crate::common::repo(&path.as_ref().to_string_lossy());
    let path = path.as_path();
    let catalogue = Arc::new(Catalogue::embedded().expect("embedded catalogue"));
    let scenario = match checked_scenario(path, &catalogue) {
        Ok(scenario) => Arc::new(scenario),
        Err(errors) => panic!("{} has errors: {errors:#?}", path.display()),
    };
    let mut session =
        Session::playing_as(Arc::clone(&scenario), catalogue, how.seed, how.profession);
    let mut answered = 0;
    session.advance_to_decision();
    while let Some(offer) = session.pending().cloned() {
        if how.stop_after == Some(answered) {
            break;
        }
        // Think, but never past a time limit, unless asked to let it run out.
        let limit = offer
            .time_limit
            .map_or(Duration::MAX, |s| Duration::from_secs(s.into()));
        if how.time_out && offer.time_limit.is_some() {
            session.advance(limit + Duration::from_secs(1));
            answered += 1;
            session.advance_to_decision();
            continue;
        }
        session.advance(how.think.min(limit.saturating_sub(Duration::from_secs(1))));
        let ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
        let turn = how.style + answered;
        let mut rotated = ids.clone();
        rotated.rotate_left(turn % ids.len().max(1));
        let answer = match offer.kind {
            OfferKind::Choose => Answer::Choose(rotated[0].clone()),
            OfferKind::Rank => Answer::Rank(rotated),
            OfferKind::ChooseSeveral { pick } => {
                Answer::Several(rotated.into_iter().take(pick as usize).collect())
            }
        };
        session
            .answer(answer)
            .unwrap_or_else(|e| panic!("answer refused: {e}"));
        answered += 1;
        session.advance_to_decision();
    }
    let status = if session.is_finished() {
        RunStatus::Finished
    } else {
        RunStatus::Abandoned
    };
    let explored = paths::explore(&scenario).ok();
    let clock = RunClock {
        run: run_id([how.id_byte; 16]),
        started: how.started,
        answered: (1..=answered as u64)
            .map(|i| how.started + 60 * i)
            .collect(),
        now: how.started + 60 * (answered as u64 + 1),
        practice: None,
    };
    build(&session, &clock, status, explored.as_ref())
}
