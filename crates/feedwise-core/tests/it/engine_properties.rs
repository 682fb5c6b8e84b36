//! Properties over random seeds and random valid play: the engine never panics, what it
//! shows is in time order, refused answers change nothing, and a transcript replays to the
//! same debrief.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::common::{catalogue, scenario, shipped_scenarios};
use feedwise_core::engine::{
    Answer, Offer, OfferKind, PlayEvent, Session, debrief, record, replay,
};
use feedwise_core::scenario::Scenario;
use proptest::prelude::*;

/// The shipped library and the all-kinds fixture, checked once for every case (checking them
/// again for each of the 96 cases took most of this file's 28 s).
fn scenarios() -> &'static [Arc<Scenario>] {
    static ALL: OnceLock<Vec<Arc<Scenario>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Arc<Scenario>> = shipped_scenarios().iter().map(scenario).collect();
        all.push(scenario("tests/fixtures/engine/all-kinds.ron"));
        all
    })
}

/// A valid answer to an offer, chosen by `pick`.
fn valid_answer(offer: &Offer, pick: u64) -> Answer {
    let mut ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
    let n = ids.len();
    // A pick-driven permutation: rotate, then swap pairs chosen by the pick's bits.
    ids.rotate_left((pick as usize) % n);
    for i in 0..n.saturating_sub(1) {
        if (pick >> (i + 8)) & 1 == 1 {
            ids.swap(i, i + 1);
        }
    }
    match offer.kind {
        OfferKind::Choose => Answer::Choose(ids[0].clone()),
        OfferKind::Rank => Answer::Rank(ids),
        OfferKind::ChooseSeveral { pick: k } => {
            Answer::Several(ids.into_iter().take(k as usize).collect())
        }
    }
}

fn event_time(event: &PlayEvent) -> Option<u64> {
    match event {
        PlayEvent::BeatStarted { at, .. }
        | PlayEvent::Shown { at, .. }
        | PlayEvent::EndingReached { at, .. }
        | PlayEvent::DeadEnd { at, .. } => Some(*at),
        PlayEvent::DecisionOffered(offer) => Some(offer.at),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_play_is_ordered_and_replays_to_the_same_debrief(
        which in 0usize..16,
        seed in any::<u64>(),
        steps in prop::collection::vec((0u64..50_000, any::<u64>(), any::<bool>()), 1..60),
    ) {
        let all = scenarios();
        let scenario = Arc::clone(&all[which % all.len()]);
        let mut session = Session::new(Arc::clone(&scenario), catalogue(), seed);
        let mut last = 0;
        for (ms, pick, answer_now) in steps {
            for event in session.advance(Duration::from_millis(ms)) {
                if let Some(at) = event_time(&event) {
                    prop_assert!(at >= last, "event at {at} after one at {last}: {event:?}");
                    last = at;
                }
            }
            if answer_now && let Some(offer) = session.pending().cloned() {
                let answer = valid_answer(&offer, pick);
                prop_assert!(session.answer(answer.clone()).is_ok(), "valid answer {answer:?} refused for {offer:?}");
            }
            if session.is_finished() {
                break;
            }
        }
        if session.is_finished() {
            let replayed = replay(Arc::clone(&scenario), catalogue(), &record(&session));
            prop_assert!(replayed.problems.is_empty(), "{:?}", replayed.problems);
            prop_assert_eq!(debrief(&replayed.session), debrief(&session));
        }
    }

    #[test]
    fn refused_answers_change_nothing(
        which in 0usize..16,
        seed in any::<u64>(),
        junk in prop::collection::vec("[a-z-]{0,12}", 0..9),
        kind in 0u8..3,
    ) {
        let all = scenarios();
        let scenario = Arc::clone(&all[which % all.len()]);
        let mut session = Session::new(scenario, catalogue(), seed);
        session.advance_to_decision();
        let before = (format!("{:?}", session.pending()), session.outcomes().len(), session.flags().clone(), session.clock());
        let answer = match kind {
            0 => Answer::Choose(junk.first().cloned().unwrap_or_default()),
            1 => Answer::Rank(junk),
            _ => Answer::Several(junk),
        };
        if session.answer(answer).is_err() {
            let after = (format!("{:?}", session.pending()), session.outcomes().len(), session.flags().clone(), session.clock());
            prop_assert_eq!(before, after);
        }
    }
}
