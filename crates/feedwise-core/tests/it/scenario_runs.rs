//! Scripted run-throughs of every shipped scenario: its best path and a poor path, played on
//! the engine as the app plays them, with the events and debrief they must produce.

use crate::common::{catalogue, scenario, session, shipped_scenarios};
use feedwise_core::engine::paths::{PathSummary, explore};
use feedwise_core::engine::{Answer, OfferKind, PlayEvent, Session, debrief};
use feedwise_core::scenario::{Grade, Happening};

/// Plays a path (one answer per decision, as ids) and returns every event. An answer of
/// [`LET_TIME_RUN_OUT`] waits for the decision's time limit instead of answering.
fn play(session: &mut Session, answers: &[Vec<String>]) -> Vec<PlayEvent> {
    let mut events = Vec::new();
    for ids in answers {
        events.extend(session.advance_to_decision());
        if ids.first().map(String::as_str) == Some(LET_TIME_RUN_OUT) {
            let left = session.time_left().expect("a timed decision");
            events.extend(session.advance(std::time::Duration::from_millis(left)));
            continue;
        }
        let offer = session
            .pending()
            .cloned()
            .unwrap_or_else(|| panic!("expected a decision for {ids:?}: {events:#?}"));
        let answer = match offer.kind {
            OfferKind::Choose => Answer::Choose(ids[0].clone()),
            OfferKind::Rank => Answer::Rank(ids.clone()),
            OfferKind::ChooseSeveral { .. } => Answer::Several(ids.clone()),
        };
        events.extend(session.answer(answer).unwrap_or_else(|e| panic!("{e}")));
    }
    events.extend(session.advance_to_decision());
    events
}

const LET_TIME_RUN_OUT: &str = "(time runs out)";

fn plan(path: &PathSummary) -> Vec<Vec<String>> {
    path.steps
        .iter()
        .map(|s| {
            if s.timed_out {
                vec![LET_TIME_RUN_OUT.to_owned()]
            } else {
                s.answer.clone()
            }
        })
        .collect()
}

/// A hand-written test plan: these answers, this ending, this result.
struct Plan<'a> {
    file: &'a str,
    answers: &'a [&'a str],
    ending: &'a str,
    least_percentage: u32,
    most_percentage: u32,
    breaches: usize,
}

fn run_plan(plan: &Plan<'_>) {
    let scenario = scenario(crate::common::repo("scenarios").join(plan.file));
    let mut game = session(&scenario, 2024);
    let answers: Vec<Vec<String>> = plan
        .answers
        .iter()
        .map(|a| a.split('+').map(String::from).collect())
        .collect();
    let events = play(&mut game, &answers);
    assert!(
        game.is_finished(),
        "{}: did not finish: {events:#?}",
        plan.file
    );
    assert_eq!(game.ending(), Some(plan.ending), "{}", plan.file);
    let report = debrief(&game);
    assert!(
        (plan.least_percentage..=plan.most_percentage).contains(&report.percentage),
        "{}: {}% not in {}..={}",
        plan.file,
        report.percentage,
        plan.least_percentage,
        plan.most_percentage
    );
    assert_eq!(
        report.breaches.len(),
        plan.breaches,
        "{}: {:#?}",
        plan.file,
        report.breaches
    );
    // Every kind of feed event the file uses on this path was shown before the ending.
    let shown = events
        .iter()
        .filter(|e| matches!(e, PlayEvent::Shown { .. }))
        .count();
    assert!(shown >= 5, "{}: only {shown} events shown", plan.file);
}

#[test]
fn patient_dm_best_path() {
    run_plan(&Plan {
        file: "patient-dm-results.ron",
        answers: &[
            "redirect-kindly",
            "decline-request+tell-practice+review-privacy",
        ],
        ending: "clear-lines",
        least_percentage: 100,
        most_percentage: 100,
        breaches: 0,
    });
}

#[test]
fn patient_dm_poor_path() {
    run_plan(&Plan {
        file: "patient-dm-results.ron",
        answers: &[
            "reassure-vaguely",
            "advise-stop",
            "hide-comment+accept-request+reply-see-you",
        ],
        // Confirming in public that the commenter is a patient leads to its own ending.
        ending: "public-reply-end",
        least_percentage: 0,
        most_percentage: 40,
        // Confirming in public that the commenter is a patient is a Breach but not a critical
        // one (behaviour `confirms-patient-status`), so no critical breach is counted.
        breaches: 0,
    });
}

/// The follower's thanks answers the trainee's reply, which the feed shows first; before, it
/// hung under the follower's own question ("Bernie replies to Bernie").
#[test]
fn paid_endorsement_follower_thanks_the_trainees_reply() {
    let scenario = scenario(crate::common::repo("scenarios").join("paid-endorsement.ron"));
    let mut game = session(&scenario, 2024);
    let answers = [
        vec!["decline".to_owned()],
        vec!["general-and-refer".to_owned()],
    ];
    let events = play(&mut game, &answers);
    assert_eq!(game.ending(), Some("stepped-back-end"));
    let authors: std::collections::HashMap<&str, &str> = events
        .iter()
        .filter_map(|event| match event {
            PlayEvent::Shown {
                happening: Happening::Reply { id, by, .. } | Happening::Post { id, by, .. },
                ..
            } => Some((id.as_str(), by.as_str())),
            _ => None,
        })
        .collect();
    let thanks = events
        .iter()
        .find_map(|event| match event {
            PlayEvent::Shown {
                happening: Happening::Reply { id, to, by, .. },
                ..
            } if id == "r-follower-thanks" => Some((to.as_str(), by.as_str())),
            _ => None,
        })
        .expect("the follower's thanks is shown");
    assert_eq!(thanks.1, "follower");
    assert_eq!(
        authors.get(thanks.0),
        Some(&"me"),
        "the thanks answers {:?}, not a reply by the trainee",
        thanks.0
    );
}

#[test]
fn every_shipped_scenario_has_a_best_path_of_90_percent_or_more() {
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        let exploration = explore(&scenario).expect("explorable");
        let best = exploration.best.expect("a best path");
        let mut game = Session::new(scenario.clone(), catalogue(), 7);
        play(&mut game, &plan(&best));
        assert!(game.is_finished(), "{}", file.display());
        assert_eq!(
            game.ending(),
            Some(best.ending.as_str()),
            "{}",
            file.display()
        );
        let report = debrief(&game);
        assert!(
            report.percentage >= 90,
            "{}: best path scores {}%",
            file.display(),
            report.percentage
        );
        assert!(report.breaches.is_empty(), "{}", file.display());
    }
}

#[test]
fn every_shipped_scenario_has_a_poor_or_critical_path() {
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        let worst = explore(&scenario)
            .expect("explorable")
            .worst
            .expect("a worst path");
        let mut game = Session::new(scenario.clone(), catalogue(), 7);
        play(&mut game, &plan(&worst));
        assert!(game.is_finished(), "{}", file.display());
        let poor = game
            .outcomes()
            .iter()
            .any(|o| o.critical || matches!(o.grade, Grade::Poor | Grade::Breach));
        assert!(
            poor,
            "{}: the worst path has no poor grade or breach",
            file.display()
        );
        assert!(debrief(&game).percentage < 50, "{}", file.display());
    }
}

#[test]
fn every_ending_of_every_shipped_scenario_is_reachable() {
    for file in shipped_scenarios() {
        let exploration = explore(&scenario(&file)).expect("explorable");
        assert!(
            exploration.endings_unreached.is_empty(),
            "{}: {:?}",
            file.display(),
            exploration.endings_unreached
        );
        assert!(
            exploration.dead_ends.is_empty(),
            "{}: {:?}",
            file.display(),
            exploration.dead_ends
        );
    }
}
