//! What to practise next, on synthetic records: the weak principle first, then what is due,
//! then what is unplayed; the Leitner intervals growing and shrinking; the same record and date
//! giving the same answer; a fresh install offered the profession's short scenarios.

use std::collections::BTreeSet;

use feedwise_core::engine::{DecisionTime, Transcript};
use feedwise_core::practice::{INTERVAL_DAYS, ScenarioFacts, Why, recommend, schedule};
use feedwise_core::record::{PrincipleTotal, RunRecord, RunStatus, SCHEMA, time};
use feedwise_core::scenario::{Audience, Catalogue, Profession};

const DAY: u64 = 24 * 60 * 60;
/// 2026-12-01T00:00:00Z.
const START: u64 = 1_796_083_200;

fn catalogue() -> Catalogue {
    Catalogue::embedded().expect("embedded catalogue")
}

fn facts(id: &str, focus: &[&str], audiences: &[Audience], minutes: u32) -> ScenarioFacts {
    ScenarioFacts {
        id: id.to_owned(),
        title: format!("Title of {id}"),
        audiences: audiences.to_vec(),
        minutes,
        focus: focus.iter().map(|p| (*p).to_owned()).collect(),
        scores: focus
            .iter()
            .map(|p| (*p).to_owned())
            .collect::<BTreeSet<_>>(),
    }
}

fn library() -> Vec<ScenarioFacts> {
    vec![
        facts("conf-long", &["confidentiality"], &[Audience::Nurse], 9),
        facts("conf-short", &["confidentiality"], &[Audience::Doctor], 6),
        facts("bounds", &["boundaries"], &[Audience::Nurse], 7),
        facts("respect", &["respect"], &[Audience::Nurse], 8),
        facts("quick-nurse", &["accuracy"], &[Audience::Nurse], 5),
        facts("quick-doctor", &["accuracy"], &[Audience::Doctor], 4),
    ]
}

/// A finished run of `scenario` on day `day`, with each principle's total out of 0..=4.
fn run(n: u32, scenario: &str, day: u64, totals: &[(&str, i64)]) -> RunRecord {
    let at = time::rfc3339(START + day * DAY);
    RunRecord {
        schema: SCHEMA,
        run: format!("run-{n:03}"),
        scenario_title: scenario.to_owned(),
        title_as_written: None,
        audience: "nurses (NMC)".to_owned(),
        started: at.clone(),
        updated: at,
        status: RunStatus::Finished,
        transcript: Transcript {
            scenario: scenario.to_owned(),
            version: 1,
            content_hash: String::new(),
            seed: u64::from(n),
            profession: None,
            decision_time: DecisionTime::default(),
            decisions: vec![],
            ending: None,
        },
        decisions: vec![],
        percentage: 50,
        principles: totals
            .iter()
            .map(|(principle, total)| PrincipleTotal {
                principle: (*principle).to_owned(),
                title: (*principle).to_owned(),
                total: *total,
                min: 0,
                max: 4,
            })
            .collect(),
        ending: None,
        practice: None,
    }
}

/// What a nurse is offered, with every run counted.
fn for_a_nurse(runs: &[RunRecord], now: u64) -> Vec<feedwise_core::practice::Recommendation> {
    recommend(
        runs,
        &library(),
        &catalogue(),
        Some(Profession::Nurse),
        None,
        now,
    )
}

#[test]
fn a_trainee_who_always_fails_confidentiality_is_offered_it_first() {
    let runs = vec![
        run(1, "conf-long", 0, &[("confidentiality", 0), ("respect", 4)]),
        run(2, "bounds", 1, &[("confidentiality", 1), ("boundaries", 4)]),
        run(3, "conf-long", 2, &[("confidentiality", 0), ("respect", 4)]),
    ];
    let now = START + 11 * DAY;
    let next = for_a_nurse(&runs, now);
    let first = &next[0];
    assert_eq!(
        first.why,
        Why::Weak {
            principle: "confidentiality".into()
        }
    );
    // The one about it written for nurses, though played twice, before the doctors' one.
    assert_eq!(first.scenario, "conf-long");
    assert_eq!(
        first.reason,
        "you lost marks on “Protect confidentiality” in 3 of your last 3 runs; last practised 9 days ago"
    );
    assert!((1..=3).contains(&next.len()), "{next:#?}");
}

#[test]
fn one_who_did_everything_well_is_offered_what_is_due_then_what_is_unplayed() {
    let runs = vec![
        run(1, "conf-long", 0, &[("confidentiality", 4)]),
        run(2, "bounds", 2, &[("boundaries", 4)]),
    ];
    // Box 2 after one good result: confidentiality comes due three days after day 0, boundaries
    // three days after day 2. On day 4 only confidentiality is due.
    let now = START + 4 * DAY;
    let next = for_a_nurse(&runs, now);
    let whys: Vec<&Why> = next.iter().map(|r| &r.why).collect();
    assert_eq!(
        whys,
        [
            &Why::Due {
                principle: "confidentiality".into()
            },
            &Why::Unplayed,
            &Why::Unplayed
        ],
        "{next:#?}"
    );
    assert_eq!(
        next[0].scenario, "conf-long",
        "written for nurses, played again"
    );
    assert!(
        next[0]
            .reason
            .contains("due for review: last practised 4 days ago")
    );
    // Unplayed: written for nurses first, the shortest first.
    assert_eq!(next[1].scenario, "quick-nurse");
    assert_eq!(next[1].reason, "not yet played: written for nurses");
    assert_eq!(next[2].scenario, "respect");
}

#[test]
fn the_intervals_grow_with_each_good_result_and_shrink_to_a_day_after_a_poor_one() {
    let mut runs = Vec::new();
    let mut expected = Vec::new();
    let mut day = 0;
    // Good five times: boxes 2, 3, 4, 5 and 5 again.
    for (n, box_number) in [2, 3, 4, 5, 5].into_iter().enumerate() {
        runs.push(run(n as u32, "conf-long", day, &[("confidentiality", 4)]));
        let review = &schedule(&runs, None)["confidentiality"];
        assert_eq!(review.box_number, box_number, "after good result {n}");
        assert_eq!(
            review.due,
            START + (day + INTERVAL_DAYS[box_number - 1]) * DAY
        );
        expected.push(INTERVAL_DAYS[box_number - 1]);
        day += INTERVAL_DAYS[box_number - 1];
    }
    assert_eq!(expected, [3, 7, 14, 30, 30], "the documented intervals");
    // A middling result keeps the box; a poor one sends it back to the first, due next day.
    runs.push(run(10, "conf-long", day, &[("confidentiality", 3)]));
    assert_eq!(schedule(&runs, None)["confidentiality"].box_number, 5);
    runs.push(run(11, "conf-long", day + 1, &[("confidentiality", 2)]));
    assert_eq!(schedule(&runs, None)["confidentiality"].box_number, 5);
    runs.push(run(12, "conf-long", day + 2, &[("confidentiality", 1)]));
    let review = &schedule(&runs, None)["confidentiality"];
    assert_eq!(review.box_number, 1);
    assert_eq!(review.due, START + (day + 3) * DAY);
}

#[test]
fn the_same_record_and_date_give_the_same_recommendation_whatever_the_order() {
    let runs = vec![
        run(1, "conf-long", 0, &[("confidentiality", 1)]),
        run(2, "respect", 1, &[("respect", 2)]),
        run(3, "bounds", 3, &[("boundaries", 4), ("confidentiality", 4)]),
    ];
    let mut reversed = runs.clone();
    reversed.reverse();
    let now = START + 20 * DAY;
    let ask = |runs: &[RunRecord]| for_a_nurse(runs, now);
    assert_eq!(ask(&runs), ask(&reversed));
    assert_eq!(ask(&runs), ask(&runs));
    assert_ne!(
        ask(&runs),
        recommend(
            &runs,
            &library(),
            &catalogue(),
            Some(Profession::Nurse),
            None,
            START + DAY
        ),
        "another date may differ (nothing due yet on day 1)"
    );
}

#[test]
fn a_fresh_install_recommends_the_professions_short_scenarios_first() {
    let next = recommend::<RunRecord>(
        &[],
        &library(),
        &catalogue(),
        Some(Profession::Doctor),
        None,
        START,
    );
    let ids: Vec<&str> = next.iter().map(|r| r.scenario.as_str()).collect();
    assert_eq!(ids, ["quick-doctor", "conf-short", "quick-nurse"]);
    assert_eq!(next[0].reason, "not yet played: written for doctors");
    assert_eq!(next[2].reason, "not yet played: 5 minutes");
}

#[test]
fn a_paramedic_is_told_the_scenario_is_written_for_allied_health_professionals() {
    let library = vec![facts(
        "scene",
        &["confidentiality"],
        &[Audience::AlliedHealth],
        8,
    )];
    let next = recommend::<RunRecord>(
        &[],
        &library,
        &catalogue(),
        Some(Profession::Paramedic),
        None,
        START,
    );
    assert_eq!(
        next[0].reason,
        "not yet played: written for allied health professionals"
    );
}

#[test]
fn a_reset_schedule_forgets_the_runs_before_it() {
    let runs = vec![run(1, "conf-long", 0, &[("confidentiality", 0)])];
    assert!(schedule(&runs, None).contains_key("confidentiality"));
    assert!(schedule(&runs, Some(START + DAY)).is_empty());
    let next = recommend(
        &runs,
        &library(),
        &catalogue(),
        Some(Profession::Nurse),
        Some(START + DAY),
        START + 2 * DAY,
    );
    assert!(next.iter().all(|r| r.why == Why::Unplayed), "{next:#?}");
}

#[test]
fn runs_left_unfinished_do_not_move_the_schedule() {
    let mut abandoned = run(1, "conf-long", 0, &[("confidentiality", 0)]);
    abandoned.status = RunStatus::Abandoned;
    assert!(schedule(&[abandoned], None).is_empty());
}

#[test]
fn progress_gives_each_principle_its_dated_shares_and_review() {
    let runs = vec![
        run(2, "bounds", 3, &[("confidentiality", 4), ("boundaries", 2)]),
        run(1, "conf-long", 0, &[("confidentiality", 1)]),
    ];
    let progress = feedwise_core::practice::progress(&runs, None);
    let ids: Vec<&str> = progress.iter().map(|p| p.principle.as_str()).collect();
    // In the order first scored, oldest run first, whatever the order kept.
    assert_eq!(ids, ["confidentiality", "boundaries"]);
    let confidentiality = &progress[0];
    let shares: Vec<(u64, f32)> = (confidentiality.points.iter())
        .map(|p| ((p.at - START) / DAY, p.share))
        .collect();
    assert_eq!(shares, [(0, 0.25), (3, 1.0)]);
    let review = confidentiality.review.as_ref().expect("reviewed");
    // Poor then good: box 1, then box 2.
    assert_eq!(review.due, START + 3 * DAY + INTERVAL_DAYS[1] * DAY);
}

#[test]
fn positions_follow_the_dates_and_keep_same_day_results_apart() {
    use feedwise_core::practice::{Point, positions};
    let point = |day: u64, minute: u64| Point {
        at: START + day * DAY + minute * 60,
        share: 0.5,
        total: 0,
        max: 4,
        standing: feedwise_core::engine::debrief::Standing::of(0, 4),
    };
    let end = START + 10 * DAY;
    // Days 0 and 5 of a ten-day axis 100 wide: 0 and 50.
    assert_eq!(
        positions(&[point(0, 0), point(5, 0)], end, 100.0, 5.0),
        [0.0, 50.0]
    );
    // Three on day 0 a minute apart sit a gap apart.
    assert_eq!(
        positions(&[point(0, 0), point(0, 1), point(0, 2)], end, 100.0, 5.0),
        [0.0, 5.0, 10.0]
    );
    // Two at the very end are pushed back inside the width.
    assert_eq!(
        positions(&[point(0, 0), point(10, 0), point(10, 1)], end, 100.0, 5.0),
        [0.0, 95.0, 100.0]
    );
}

#[test]
fn the_note_over_a_period_lists_each_principles_progress_by_date() {
    let runs = [
        run(1, "conf-long", 0, &[("confidentiality", 1)]),
        run(2, "bounds", 3, &[("confidentiality", 4), ("boundaries", 2)]),
    ];
    let refs: Vec<&RunRecord> = runs.iter().collect();
    let note = feedwise_core::export::note::markdown(&refs);
    assert!(note.contains("## Progress over the period"), "{note}");
    assert!(
        note.contains("- confidentiality: 2026-12-01 25%, 2026-12-04 100%; next review 2026-12-07"),
        "{note}"
    );
    assert!(
        note.contains("- boundaries: 2026-12-04 50%; next review 2026-12-05"),
        "{note}"
    );
    // One run has no progress over time to show.
    let one = feedwise_core::export::note::markdown(&refs[..1]);
    assert!(!one.contains("Progress over the period"), "{one}");
}

#[test]
fn a_practised_decision_does_not_make_its_scenario_played() {
    let mut practised = run(1, "bounds", 0, &[("boundaries", 4)]);
    practised.practice = Some(feedwise_core::record::PracticeItem {
        set: "set".to_owned(),
        position: 1,
        of: 5,
        replayed: 2,
        principle: "boundaries".to_owned(),
    });
    let next = for_a_nurse(&[practised], START + DAY);
    assert!(
        next.iter()
            .any(|r| r.scenario == "bounds" && r.why == Why::Unplayed),
        "{next:#?}"
    );
}
