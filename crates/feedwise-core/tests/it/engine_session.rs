//! Engine rules, one test each, on a scenario built for them (`fixtures/engine/all-kinds.ron`).

use crate::common;

use crate::common::{all_kinds, answer, secs, session};
use feedwise_core::engine::{
    Answer, AnswerError, DecisionTime, OfferKind, PlayEvent, debrief, record, replay,
};
use feedwise_core::scenario::{Grade, Happening};

fn shown(events: &[PlayEvent]) -> Vec<(u64, String)> {
    events
        .iter()
        .filter_map(|e| match e {
            PlayEvent::Shown { at, happening } => Some((*at, format!("{happening:?}"))),
            _ => None,
        })
        .collect()
}

#[test]
fn events_arrive_at_their_scenario_time() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    let first = play.advance(secs(5));
    assert!(matches!(&first[0], PlayEvent::BeatStarted { beat, at: 0 } if beat == "open"));
    assert_eq!(
        shown(&first).len(),
        1,
        "only the post at 0 s is due after 5 s: {first:#?}"
    );
    assert_eq!(play.clock(), 5_000);
    let second = play.advance(secs(5));
    assert_eq!(shown(&second).len(), 1, "the message at 10 s: {second:#?}");
    assert_eq!(shown(&second)[0].0, 10_000);
    assert!(
        matches!(second.last(), Some(PlayEvent::DecisionOffered(offer)) if offer.decision == "first")
    );
}

#[test]
fn text_is_filled_from_the_seeded_variants() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 3);
    let events = play.advance(secs(1));
    let town = play.variables()["town"].clone();
    let Some(PlayEvent::Shown {
        happening: Happening::Post { text, .. },
        ..
    }) = events.get(1)
    else {
        panic!("expected the post: {events:#?}")
    };
    assert_eq!(text, &format!("Hello from {town}"));
    let patient = play.variables()["patient"].clone();
    assert_eq!(play.persona("pt").expect("cast").name, patient);
    assert_eq!(play.persona("pt").unwrap().handle, format!("pt_{town}"));
}

#[test]
fn a_pictures_words_and_a_group_chats_name_are_filled_too() {
    let mut scenario = (*all_kinds()).clone();
    scenario.platform = feedwise_core::scenario::Platform::GroupChat {
        name: "{town} night team".into(),
        members: 9,
    };
    let Happening::Post { shows, .. } = &mut scenario.beats[0].events[0].show else {
        panic!("the fixture opens with a post");
    };
    *shows = Some("A photo of {patient}'s wristband".into());
    let scenario = std::sync::Arc::new(scenario);
    let mut play = session(&scenario, 3);
    let events = play.advance(secs(1));
    let (town, patient) = (
        play.variables()["town"].clone(),
        play.variables()["patient"].clone(),
    );
    let Some(PlayEvent::Shown {
        happening: Happening::Post { shows, .. },
        ..
    }) = events.get(1)
    else {
        panic!("expected the post: {events:#?}")
    };
    assert_eq!(
        shows.as_deref(),
        Some(format!("A photo of {patient}'s wristband").as_str())
    );
    assert_eq!(
        play.platform(),
        feedwise_core::scenario::Platform::GroupChat {
            name: format!("{town} night team"),
            members: 9
        }
    );
}

#[test]
fn a_pending_decision_pauses_the_timeline() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("a".into()));
    play.advance_to_decision(); // the untimed ranking
    let clock = play.clock();
    let events = play.advance(secs(3600));
    assert!(
        events.is_empty(),
        "nothing happens while a decision waits: {events:#?}"
    );
    assert_eq!(play.clock(), clock, "the timeline stood still");
    assert!(play.pending().is_some());
}

#[test]
fn a_timed_decision_counts_down_then_takes_its_default() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    play.advance_to_decision();
    assert_eq!(play.pending().unwrap().time_limit, Some(30));
    assert!(play.advance(secs(20)).is_empty());
    assert_eq!(play.time_left(), Some(10_000));
    let events = play.advance(secs(15));
    assert!(
        matches!(&events[0], PlayEvent::TimedOut { decision, default } if decision == "first" && default == "none")
    );
    let Some(PlayEvent::Decided(outcome)) = events.get(1) else {
        panic!("{events:#?}")
    };
    assert!(outcome.timed_out);
    assert_eq!(outcome.grade, Grade::Poor);
    assert_eq!(outcome.took, 30_000);
    let patient = play.variables()["patient"].clone();
    assert_eq!(
        outcome.explanations[0].feedback,
        format!("Silence leaves {patient} waiting.")
    );
    // Play stops after the outcome so the trainee can read it; the default's route follows.
    assert_eq!(events.len(), 2);
    let next = play.advance(secs(0));
    assert!(
        matches!(&next[0], PlayEvent::BeatStarted { beat, .. } if beat == "several-beat"),
        "{next:#?}"
    );
}

#[test]
fn the_time_setting_doubles_or_multiplies_a_timed_decisions_limit() {
    let scenario = all_kinds();
    for (time, limit) in [(DecisionTime::Double, 60u64), (DecisionTime::TenTimes, 300)] {
        let mut play = session(&scenario, 1).with_decision_time(time);
        play.advance_to_decision();
        assert_eq!(
            play.pending().unwrap().time_limit.map(u64::from),
            Some(limit),
            "{time:?}"
        );
        // Past the written 30 s, the decision still waits.
        assert!(play.advance(secs(45)).is_empty(), "{time:?}");
        assert_eq!(play.time_left(), Some((limit - 45) * 1000));
        let events = play.advance(secs(limit));
        assert!(
            matches!(&events[0], PlayEvent::TimedOut { .. }),
            "{time:?}: {events:#?}"
        );
    }
}

#[test]
fn with_no_time_limit_a_timed_decision_waits_like_any_other() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1).with_decision_time(DecisionTime::Off);
    play.advance_to_decision();
    assert_eq!(play.pending().unwrap().time_limit, None);
    assert_eq!(play.time_left(), None);
    assert!(play.advance(secs(3600)).is_empty());
    assert!(play.pending().is_some(), "still waiting after an hour");
}

#[test]
fn a_run_played_with_more_time_replays_with_it() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1).with_decision_time(DecisionTime::Double);
    play.advance_to_decision();
    // Answered at 50 s: past the written 30 s, within the doubled 60.
    play.advance(secs(50));
    play.answer(Answer::Choose("a".into())).expect("accepted");
    let transcript = record(&play);
    assert_eq!(transcript.decision_time, DecisionTime::Double);
    let replayed = replay(
        std::sync::Arc::clone(&scenario),
        common::catalogue(),
        &transcript,
    );
    // Only what a run in progress has not reached yet; no answer refused as too late.
    assert!(
        !replayed.problems.iter().any(|p| p.stops_replay()),
        "{:?}",
        replayed.problems
    );
    assert_eq!(replayed.session.outcomes()[0].took, 50_000);
    // Written out, a normal run says nothing of it, so older feedwise reads it too.
    let normal = record(&session(&scenario, 1));
    let ron = feedwise_core::scenario::load::to_ron(&normal).unwrap();
    assert!(!ron.contains("decision_time"), "{ron}");
}

#[test]
fn choices_are_made_by_id_whatever_the_shown_order() {
    let scenario = all_kinds();
    for seed in 0..20 {
        let mut play = session(&scenario, seed);
        play.advance_to_decision();
        let events = play.answer(Answer::Choose("b".into())).expect("accepted");
        let Some(PlayEvent::Decided(outcome)) = events.first() else {
            panic!()
        };
        assert_eq!(outcome.chosen, vec!["b".to_string()], "seed {seed}");
        assert_eq!(outcome.grade, Grade::Poor);
    }
}

#[test]
fn the_seed_shuffles_option_order_and_the_same_seed_repeats_it() {
    let scenario = all_kinds();
    let order = |seed| {
        let mut play = session(&scenario, seed);
        play.advance_to_decision();
        play.pending()
            .unwrap()
            .options
            .iter()
            .map(|o| o.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(42), order(42));
    let orders: std::collections::BTreeSet<_> = (0..30).map(order).collect();
    assert!(
        orders.len() > 1,
        "different seeds should show different orders"
    );
    for o in &orders {
        let mut sorted = o.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            vec!["a", "b", "c"],
            "each order is a permutation of the options"
        );
    }
}

#[test]
fn same_scenario_seed_and_inputs_give_identical_events() {
    let scenario = all_kinds();
    let run = |seed| {
        let mut play = session(&scenario, seed);
        let mut events = play.advance(secs(7));
        events.extend(answer(&mut play, Answer::Choose("a".into())));
        events.extend(answer(
            &mut play,
            Answer::Rank(vec![
                "r2".into(),
                "r1".into(),
                "r3".into(),
                "r4".into(),
                "r5".into(),
            ]),
        ));
        events.extend(answer(
            &mut play,
            Answer::Several(vec!["s1".into(), "s4".into()]),
        ));
        events.extend(play.advance(secs(60)));
        serde_json::to_string(&events).expect("events serialise")
    };
    assert_eq!(run(9), run(9));
    assert_ne!(run(9), run(10), "another seed fills other names");
}

#[test]
fn an_answer_with_nothing_pending_is_refused() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    assert_eq!(
        play.answer(Answer::Choose("a".into())),
        Err(AnswerError::NothingPending)
    );
    let message = AnswerError::NothingPending.to_string();
    assert!(message.contains("no decision is waiting"), "{message}");
}

#[test]
fn refused_answers_say_what_was_wrong_and_change_nothing() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    play.advance_to_decision();
    let before = format!("{:?}", play.pending());
    let unknown = play.answer(Answer::Choose("z".into())).unwrap_err();
    assert!(matches!(&unknown, AnswerError::UnknownOption { option, .. } if option == "z"));
    assert!(
        unknown
            .to_string()
            .contains("has no option `z`; its options are a, b, c"),
        "{unknown}"
    );
    let kind = play.answer(Answer::Rank(vec!["a".into()])).unwrap_err();
    assert!(
        kind.to_string()
            .contains("asks for one option (Choose), but a ranking (Rank) was given"),
        "{kind}"
    );
    assert_eq!(
        format!("{:?}", play.pending()),
        before,
        "the decision is still pending, unchanged"
    );
    assert!(play.outcomes().is_empty());
    assert!(play.flags().is_empty());
}

#[test]
fn a_ranking_must_be_a_permutation() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("a".into()));
    play.advance_to_decision();
    let short = play
        .answer(Answer::Rank(vec!["r1".into(), "r2".into()]))
        .unwrap_err();
    assert!(
        matches!(&short, AnswerError::NotAPermutation { missing, .. } if missing == &["r3", "r4", "r5"]),
        "{short}"
    );
    let repeated = play
        .answer(Answer::Rank(
            ["r1", "r1", "r2", "r3", "r4"].map(String::from).to_vec(),
        ))
        .unwrap_err();
    assert!(matches!(repeated, AnswerError::Repeated { .. }));
    assert!(play.outcomes().len() == 1 && play.pending().is_some());
}

#[test]
fn choose_several_needs_exactly_pick_options() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("b".into()));
    play.advance_to_decision();
    assert_eq!(
        play.pending().unwrap().kind,
        OfferKind::ChooseSeveral { pick: 2 }
    );
    let three = play
        .answer(Answer::Several(
            ["s1", "s2", "s3"].map(String::from).to_vec(),
        ))
        .unwrap_err();
    assert_eq!(
        three,
        AnswerError::WrongCount {
            decision: "pick".into(),
            expected: 2,
            given: 3
        }
    );
    assert!(
        three
            .to_string()
            .contains("needs exactly 2 options chosen, but 3 were given")
    );
}

#[test]
fn flags_set_by_a_choice_steer_later_routes() {
    let scenario = all_kinds();
    let mut kind = session(&scenario, 1);
    answer(&mut kind, Answer::Choose("a".into()));
    assert!(kind.flags().contains("kind"));
    let next = kind.advance_to_decision();
    assert!(matches!(&next[0], PlayEvent::BeatStarted { beat, .. } if beat == "rank-beat"));

    let mut blunt = session(&scenario, 1);
    answer(&mut blunt, Answer::Choose("b".into()));
    let next = blunt.advance_to_decision();
    assert!(matches!(&next[0], PlayEvent::BeatStarted { beat, .. } if beat == "several-beat"));
    // A flag set in ChooseSeveral picks the poor ending.
    answer(&mut blunt, Answer::Several(vec!["s3".into(), "s1".into()]));
    let end = blunt.advance(secs(60));
    assert!(
        matches!(end.last(), Some(PlayEvent::EndingReached { ending, .. }) if ending == "end-poor"),
        "{end:#?}"
    );
}

#[test]
fn an_options_next_overrides_the_routes() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("c".into()));
    let events = play.advance(secs(0));
    assert!(
        matches!(events.last(), Some(PlayEvent::EndingReached { ending, .. }) if ending == "end-breach")
    );
    assert!(play.is_finished());
    assert_eq!(
        play.answer(Answer::Choose("a".into())),
        Err(AnswerError::Finished)
    );
}

#[test]
fn rankings_are_scored_by_sjt_marks_through_the_session() {
    let scenario = all_kinds();
    let rank = |order: [&str; 5]| {
        let mut play = session(&scenario, 1);
        answer(&mut play, Answer::Choose("a".into()));
        let events = answer(&mut play, Answer::Rank(order.map(String::from).to_vec()));
        let Some(PlayEvent::Decided(outcome)) = events.last() else {
            panic!("{events:#?}")
        };
        outcome.as_ref().clone()
    };
    let keyed = rank(["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(keyed.marks.map(|m| (m.earned, m.available)), Some((20, 20)));
    assert_eq!(keyed.grade, Grade::Exemplary);
    let reversed = rank(["r5", "r4", "r3", "r2", "r1"]);
    assert_eq!(reversed.marks.unwrap().earned, 8);
    // The top option is the action taken: its effects are scored.
    assert_eq!(reversed.effects[0].principle, "respect");
    assert_eq!(reversed.effects[0].change, -3);
    let swapped = rank(["r2", "r1", "r3", "r4", "r5"]);
    assert_eq!(swapped.marks.unwrap().earned, 18);
    // Every option is explained in keyed order with the trainee's place and marks.
    let first = &swapped.explanations[0];
    assert_eq!(
        (
            first.option.as_str(),
            first.placed,
            first.keyed_place,
            first.marks
        ),
        ("r1", Some(1), Some(0), Some(3))
    );
}

#[test]
fn choose_several_scores_four_per_keyed_option_and_sums_effects() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("b".into()));
    let events = answer(&mut play, Answer::Several(vec!["s2".into(), "s1".into()]));
    let Some(PlayEvent::Decided(outcome)) = events.last() else {
        panic!()
    };
    assert_eq!(outcome.marks.map(|m| (m.earned, m.available)), Some((8, 8)));
    assert_eq!(
        outcome
            .effects
            .iter()
            .map(|e| (e.principle.as_str(), e.change))
            .collect::<Vec<_>>(),
        vec![("escalation", 3)]
    );
    let half = {
        let mut play = session(&scenario, 1);
        answer(&mut play, Answer::Choose("b".into()));
        let events = answer(&mut play, Answer::Several(vec!["s1".into(), "s4".into()]));
        let Some(PlayEvent::Decided(outcome)) = events.last() else {
            panic!()
        };
        outcome.marks.unwrap().earned
    };
    assert_eq!(half, 4);
}

#[test]
fn outcomes_resolve_guidance_references_from_the_catalogue() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    let events = answer(&mut play, Answer::Choose("a".into()));
    let Some(PlayEvent::Decided(outcome)) = events.last() else {
        panic!()
    };
    let reference = &outcome.explanations[0].references[0];
    assert_eq!(
        (reference.document.as_str(), reference.part.as_str()),
        ("SM24", "18")
    );
    assert!(
        reference
            .description
            .starts_with("Using social media as a medical professional"),
        "{}",
        reference.description
    );
    assert_eq!(
        outcome.effects[0].title,
        play.catalogue().principle("boundaries").unwrap().title
    );
}

#[test]
fn endings_play_their_events_then_end() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("b".into()));
    answer(&mut play, Answer::Several(vec!["s1".into(), "s2".into()]));
    let early = play.advance(secs(2));
    assert!(
        !early
            .iter()
            .any(|e| matches!(e, PlayEvent::EndingReached { .. })),
        "the closing message is due at 3 s"
    );
    let late = play.advance(secs(2));
    assert_eq!(shown(&late).len(), 1);
    let patient = play.variables()["patient"].clone();
    assert!(
        matches!(late.last(), Some(PlayEvent::EndingReached { debrief, .. }) if debrief == &format!("Well done, {patient}."))
    );
}

#[test]
fn the_debrief_reports_totals_ranges_breaches_paths_and_seed() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 11);
    answer(&mut play, Answer::Choose("c".into()));
    play.advance(secs(0));
    let report = debrief(&play);
    assert_eq!(report.seed, 11);
    assert_eq!(
        report.ending.as_ref().map(|e| e.id.as_str()),
        Some("end-breach")
    );
    assert_eq!(report.percentage, 0);
    assert_eq!(report.breaches.len(), 1);
    assert_eq!(report.breaches[0].option, "c");
    let confidentiality = report
        .principles
        .iter()
        .find(|p| p.principle == "confidentiality")
        .expect("scored");
    assert_eq!(
        (
            confidentiality.total,
            confidentiality.min,
            confidentiality.max
        ),
        (-5, -5, 0)
    );
    let boundaries = report
        .principles
        .iter()
        .find(|p| p.principle == "boundaries")
        .unwrap();
    assert_eq!((boundaries.min, boundaries.max), (-2, 2));
    assert_eq!(report.path.len(), 1);
    assert_eq!(
        report.best_path.first().map(|s| s.answer.clone()),
        Some(vec!["a".to_string()])
    );
    assert_eq!(report.best_share, 1000);
}

#[test]
fn the_debrief_percentage_is_the_mean_share_of_decisions() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("a".into())); // 100%
    answer(
        &mut play,
        Answer::Rank(["r5", "r4", "r3", "r2", "r1"].map(String::from).to_vec()),
    ); // 8/20 = 40%
    answer(&mut play, Answer::Several(vec!["s1".into(), "s4".into()])); // 4/8 = 50%
    play.advance(secs(60));
    assert_eq!(debrief(&play).percentage, 63); // (1000 + 400 + 500) / 3 = 633 thousandths
}

#[test]
fn a_transcript_replays_to_the_same_debrief() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 5);
    play.advance(secs(12));
    play.advance(secs(4));
    play.answer(Answer::Choose("a".into())).unwrap();
    play.advance_to_decision();
    play.advance(secs(9));
    play.answer(Answer::Rank(
        ["r1", "r3", "r2", "r4", "r5"].map(String::from).to_vec(),
    ))
    .unwrap();
    // The choose-several decision is untimed: the trainee thinks for 200 s, then answers.
    play.advance(secs(100));
    play.advance(secs(100));
    play.answer(Answer::Several(vec!["s1".into(), "s2".into()]))
        .unwrap();
    play.advance(secs(60));
    let transcript = record(&play);
    assert_eq!(transcript.decisions.len(), 3);
    assert_eq!(transcript.decisions[0].took, 6_000);
    let text = feedwise_core::scenario::load::to_ron(&transcript).unwrap();
    let parsed: feedwise_core::engine::Transcript = feedwise_core::scenario::load::ron_options()
        .from_str(&text)
        .unwrap();
    assert_eq!(parsed, transcript);
    let replayed = replay(scenario.clone(), common::catalogue(), &parsed);
    assert!(replayed.problems.is_empty(), "{:?}", replayed.problems);
    assert_eq!(debrief(&replayed.session), debrief(&play));
}

#[test]
fn a_run_left_after_its_last_answer_replays_to_its_ending_without_a_problem() {
    // Recorded at the last answer, before the ending showed (the app closed or killed there).
    let scenario = all_kinds();
    let mut play = session(&scenario, 5);
    answer(&mut play, Answer::Choose("c".into())); // critical: straight to `end-breach`
    let left = record(&play);
    assert_eq!((left.decisions.len(), left.ending.as_deref()), (1, None));
    let replayed = replay(scenario.clone(), common::catalogue(), &left);
    assert!(replayed.problems.is_empty(), "{:?}", replayed.problems);
    assert!(replayed.session.is_finished());
    assert_eq!(replayed.session.ending(), Some("end-breach"));
    // A recorded ending that the replay does not reach is still a change.
    let mut other = left.clone();
    other.ending = Some("end-good".into());
    let replayed = replay(scenario, common::catalogue(), &other);
    assert!(
        replayed.problems.iter().any(|p| p.stops_replay()),
        "{:?}",
        replayed.problems
    );
}

#[test]
fn a_timed_out_decision_replays_as_a_timeout() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 2);
    play.advance(secs(100));
    answer(&mut play, Answer::Several(vec!["s1".into(), "s2".into()]));
    play.advance(secs(60));
    let transcript = record(&play);
    assert!(transcript.decisions[0].timed_out);
    let replayed = replay(scenario, common::catalogue(), &transcript);
    assert!(replayed.problems.is_empty(), "{:?}", replayed.problems);
    assert_eq!(debrief(&replayed.session), debrief(&play));
}

#[test]
fn replaying_against_an_edited_scenario_reports_what_no_longer_applies() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 5);
    answer(&mut play, Answer::Choose("a".into()));
    answer(
        &mut play,
        Answer::Rank(["r1", "r2", "r3", "r4", "r5"].map(String::from).to_vec()),
    );
    answer(&mut play, Answer::Several(vec!["s1".into(), "s2".into()]));
    let transcript = record(&play);

    // An option renamed in the ranking.
    let mut edited = (*scenario).clone();
    edited.beats[1].decision.as_mut().unwrap().options[0].id = "r1-new".into();
    let replayed = replay(
        std::sync::Arc::new(edited),
        common::catalogue(),
        &transcript,
    );
    let text: Vec<String> = replayed.problems.iter().map(|p| p.to_string()).collect();
    assert!(text[0].contains("the scenario has changed"), "{text:?}");
    assert!(
        text[1].starts_with("decision 2 (`order`) no longer applies"),
        "{text:?}"
    );
    assert_eq!(text[2], "not replayed: pick");
    // The changed version alone does not stop the replay; the renamed option does.
    let stops: Vec<bool> = replayed.problems.iter().map(|p| p.stops_replay()).collect();
    assert_eq!(stops[..2], [false, true], "{text:?}");

    // A decision removed: the ranking beat now skips straight to the ending.
    let mut shorter = (*scenario).clone();
    shorter.beats[1].decision = None;
    shorter.beats[1].then = vec![feedwise_core::scenario::Route {
        when: Default::default(),
        to: "end-good".into(),
    }];
    let replayed = replay(
        std::sync::Arc::new(shorter),
        common::catalogue(),
        &transcript,
    );
    let text: Vec<String> = replayed.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("decision 2 no longer applies: the run answered `order`")),
        "{text:?}"
    );
}

#[test]
fn an_unchecked_dead_end_stops_play_without_a_panic() {
    let mut scenario = (*all_kinds()).clone();
    scenario.beats[0].then = vec![feedwise_core::scenario::Route {
        when: feedwise_core::scenario::Condition::Flag("never".into()),
        to: "rank-beat".into(),
    }];
    let scenario = std::sync::Arc::new(scenario);
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("b".into()));
    let events = play.advance(secs(1));
    assert!(
        matches!(events.last(), Some(PlayEvent::DeadEnd { beat, .. }) if beat == "open"),
        "{events:#?}"
    );
    assert!(play.is_finished());
}

#[test]
fn an_unchecked_loop_does_not_hang() {
    let mut scenario = (*all_kinds()).clone();
    // Two beats without events or decisions that route to each other.
    scenario.beats[1].decision = None;
    scenario.beats[1].events.clear();
    scenario.beats[1].then = vec![feedwise_core::scenario::Route {
        when: Default::default(),
        to: "rank-beat".into(),
    }];
    let scenario = std::sync::Arc::new(scenario);
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("a".into()));
    let events = play.advance(secs(1));
    assert!(
        matches!(events.last(), Some(PlayEvent::DeadEnd { .. })),
        "{events:#?}"
    );
}

#[test]
fn skipping_ahead_jumps_to_the_next_event() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    play.advance(secs(1)); // the post at 0 s
    assert_eq!(play.next_event_in(), Some(9_000));
    let events = play.advance(std::time::Duration::from_millis(
        play.next_event_in().unwrap(),
    ));
    assert_eq!(shown(&events).len(), 1, "the message at 10 s: {events:#?}");
    assert_eq!(play.next_event_in(), None, "a decision is pending");
}

#[test]
fn a_critical_option_ranked_last_is_not_a_breach() {
    let mut scenario = (*all_kinds()).clone();
    scenario.beats[1].decision.as_mut().unwrap().options[4].critical = true; // r5, keyed last
    let scenario = std::sync::Arc::new(scenario);
    let rank = |order: [&str; 5]| {
        let mut play = session(&scenario, 1);
        answer(&mut play, Answer::Choose("a".into()));
        answer(&mut play, Answer::Rank(order.map(String::from).to_vec()));
        play
    };
    let keyed = rank(["r1", "r2", "r3", "r4", "r5"]);
    assert!(!keyed.outcomes()[1].critical);
    assert!(
        debrief(&keyed).breaches.is_empty(),
        "ranking it last is the right judgement"
    );
    let worst_first = rank(["r5", "r1", "r2", "r3", "r4"]);
    assert!(worst_first.outcomes()[1].critical);
    assert_eq!(
        debrief(&worst_first).breaches.len(),
        1,
        "ranking it first means doing it"
    );
}

#[test]
fn the_debrief_writes_rankings_in_order_and_selections_as_lists() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    answer(&mut play, Answer::Choose("a".into()));
    answer(
        &mut play,
        Answer::Rank(["r2", "r1", "r3", "r4", "r5"].map(String::from).to_vec()),
    );
    answer(&mut play, Answer::Several(vec!["s1".into(), "s4".into()]));
    play.advance(secs(60));
    let report = debrief(&play);
    assert_eq!(
        report.path[1].joined(),
        "Two  >  One  >  Three  >  Four  >  Five"
    );
    assert_eq!(report.path[2].joined(), "Report  +  Ignore");
    assert!(report.best_path[1].ranked && !report.best_path[2].ranked);
}

/// The single outcome of answering the first (`Choose`) decision of the all-kinds fixture.
fn first_choice(option: &str) -> feedwise_core::engine::Outcome {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    let events = answer(&mut play, Answer::Choose(option.into()));
    match events.last() {
        Some(PlayEvent::Decided(outcome)) => (**outcome).clone(),
        other => panic!("expected an outcome, got {other:#?}"),
    }
}

#[test]
fn a_choice_below_the_best_is_followed_by_the_best_option_and_why() {
    let outcome = first_choice("b");
    let shown: Vec<(&str, bool, Grade)> = outcome
        .explanations
        .iter()
        .map(|e| (e.option.as_str(), e.chosen, e.grade))
        .collect();
    assert_eq!(
        shown,
        vec![("b", true, Grade::Poor), ("a", false, Grade::Exemplary)],
        "the trainee's own option first, then the better answer"
    );
    assert_eq!(outcome.explanations[1].feedback, "Kind and clear.");
    assert!(!outcome.explanations[1].references.is_empty());
}

#[test]
fn the_best_choice_is_explained_alone() {
    let outcome = first_choice("a");
    assert_eq!(outcome.explanations.len(), 1);
    assert!(outcome.explanations[0].chosen);
}

#[test]
fn a_lapsed_choose_also_shows_the_best_option() {
    let scenario = all_kinds();
    let mut play = session(&scenario, 1);
    let mut events = play.advance_to_decision();
    events.extend(play.advance(secs(31)));
    let outcome = events
        .iter()
        .find_map(|e| match e {
            PlayEvent::Decided(outcome) => Some(outcome),
            _ => None,
        })
        .expect("the timeout decides");
    assert!(outcome.timed_out);
    let options: Vec<&str> = outcome
        .explanations
        .iter()
        .map(|e| e.option.as_str())
        .collect();
    assert_eq!(options, vec!["none", "a"]);
}

#[test]
fn a_debrief_from_an_exploration_made_earlier_matches_one_that_explores_and_none_leaves_out_ranges()
{
    let scenario = all_kinds();
    let mut play = session(&scenario, 11);
    answer(&mut play, Answer::Choose("c".into()));
    play.advance(secs(0));
    let explored = feedwise_core::engine::paths::explore(&scenario).expect("explorable");
    let reused = feedwise_core::engine::debrief::debrief_with(&play, Some(&explored));
    assert_eq!(reused, debrief(&play));
    assert!(!reused.principles.is_empty() && !reused.best_path.is_empty());
    let without = feedwise_core::engine::debrief::debrief_with(&play, None);
    assert!(without.principles.is_empty() && without.best_path.is_empty());
    assert_eq!(without.percentage, reused.percentage);
}
