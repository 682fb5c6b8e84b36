//! The workshop as a facilitator drives it, without the app: a plan's scenarios in order, the
//! facilitator's pick for every kind of decision, going back, what phones may vote on, time
//! and the discussion timer, the summary and its file name.

use std::sync::Arc;
use std::time::Duration;

use crate::common::{all_kinds, catalogue, scenario};
use feedwise_core::engine::Answer;
use feedwise_core::scenario::Scenario;
use feedwise_room::workshop::{Request, Seen};
use feedwise_room::{Phase, Plan, PlanItem, Workshop};

fn library(id: &str) -> Option<Arc<Scenario>> {
    match id {
        "all-kinds" => Some(all_kinds()),
        "by-audience" => Some(scenario("tests/fixtures/engine/by-audience.ron")),
        _ => None,
    }
}

fn item(scenario: &str, seed: u64) -> PlanItem {
    PlanItem {
        scenario: scenario.to_owned(),
        seed,
        minutes: 15,
        discuss: Default::default(),
    }
}

fn plan(items: Vec<PlanItem>) -> Plan {
    Plan {
        id: "two-step".to_owned(),
        title: "Two steps".to_owned(),
        audiences: Vec::new(),
        professions: Vec::new(),
        scenarios: items,
    }
}

fn two_step() -> Workshop {
    let plan = plan(vec![item("all-kinds", 7), item("by-audience", 3)]);
    Workshop::with_plan(plan, catalogue(), &library).expect("both scenarios are there")
}

fn apply(workshop: &mut Workshop, request: Request) {
    let described = format!("{request:?}");
    if let Err(message) = workshop.apply(request, &library) {
        panic!("{described} was refused: {message}");
    }
}

/// Runs the timeline until the room has a decision on screen.
fn to_decision(workshop: &mut Workshop) {
    if !workshop.running() {
        apply(workshop, Request::StartPause);
    }
    for _ in 0..1_000 {
        if workshop.room().phase() != Phase::Watching {
            return;
        }
        workshop.tick(Duration::from_secs(1), 1.0);
    }
    panic!("no decision came");
}

/// The open decision's option ids, in the order the room sees them.
fn shown_ids(workshop: &Workshop) -> Vec<String> {
    let offer = workshop
        .room()
        .session()
        .pending()
        .expect("a decision is open");
    offer.options.iter().map(|o| o.id.clone()).collect()
}

fn texts(workshop: &Workshop) -> Vec<String> {
    workshop
        .latest(usize::MAX)
        .iter()
        .map(|seen| seen.text().to_owned())
        .collect()
}

#[test]
fn a_plan_runs_its_scenarios_in_order_and_the_summary_keeps_each_once() {
    let mut workshop = two_step();
    assert_eq!(workshop.item(), 0);
    let first_title = workshop.title().to_owned();
    assert!(first_title.starts_with("All kinds for "), "{first_title}");
    to_decision(&mut workshop);
    apply(&mut workshop, Request::FollowShown(vec![0]));

    apply(&mut workshop, Request::Next);
    assert_eq!(workshop.item(), 1);
    assert_eq!(workshop.title(), "A fixture");
    assert!(
        workshop.latest(8).is_empty(),
        "the new scenario's feed starts empty"
    );
    assert!(
        !workshop.running(),
        "the next scenario waits for the facilitator"
    );
    assert_eq!(workshop.finished().len(), 1);
    assert_eq!(workshop.finished()[0].title, first_title);

    let last = workshop.apply(Request::Next, &library);
    assert!(last.unwrap_err().contains("last scenario"));
    to_decision(&mut workshop);
    apply(&mut workshop, Request::FollowShown(vec![0]));
    apply(&mut workshop, Request::End);
    assert!(workshop.ended());
    assert!(!workshop.running());

    let [(csv_extension, csv), (md_extension, markdown)] = workshop.summary();
    assert_eq!((csv_extension, md_extension), ("csv", "md"));
    assert!(
        csv.contains(&first_title) && csv.contains("A fixture"),
        "{csv}"
    );
    assert!(markdown.starts_with("# Two steps\n"), "{markdown}");
    assert_eq!(markdown.matches("\n## ").count(), 2, "{markdown}");
    // Asking again adds nothing.
    assert_eq!(workshop.summary()[1].1, markdown);
}

#[test]
fn a_plan_naming_a_scenario_the_library_lacks_is_refused_with_its_id() {
    let missing = plan(vec![item("not-here", 1)]);
    let error = Workshop::with_plan(missing, catalogue(), &library)
        .err()
        .expect("refused");
    assert!(error.contains("`not-here`"), "{error}");
    let mut workshop = Workshop::with_plan(
        plan(vec![item("all-kinds", 7), item("not-here", 1)]),
        catalogue(),
        &library,
    )
    .expect("the first is there");
    let error = workshop.apply(Request::Next, &library).unwrap_err();
    assert!(error.contains("`not-here`"), "{error}");
    assert_eq!(workshop.item(), 0, "a refused Next changes nothing");
}

#[test]
fn the_facilitators_pick_answers_every_kind_of_decision() {
    let mut workshop = Workshop::with_scenario(all_kinds(), catalogue(), 7);
    to_decision(&mut workshop);
    let shown = shown_ids(&workshop);
    assert_eq!(workshop.picks_wanted(), 1);
    assert_eq!(workshop.pick(&[1]), Ok(Answer::Choose(shown[1].clone())));
    assert!(workshop.pick(&[9]).unwrap_err().contains("no option 10"));
    // Choosing "Redirect kindly" sets the flag that leads to the ranking.
    let kindly = shown.iter().position(|id| id == "a").unwrap();
    apply(&mut workshop, Request::FollowShown(vec![kindly]));

    to_decision(&mut workshop);
    let shown = shown_ids(&workshop);
    assert_eq!(shown.len(), 5, "the ranking");
    // The picked option first, the rest as shown (the room has not voted).
    let Ok(Answer::Rank(order)) = workshop.pick(&[2]) else {
        panic!("a ranking's pick is a ranking");
    };
    let mut expected = vec![shown[2].clone()];
    expected.extend(shown.iter().filter(|id| **id != shown[2]).cloned());
    assert_eq!(order, expected);
    apply(&mut workshop, Request::FollowShown(vec![2]));
    assert_eq!(workshop.room().records()[1].followed, expected);
}

#[test]
fn a_selection_pick_names_as_many_options_as_it_asks_for() {
    let mut workshop = Workshop::with_scenario(all_kinds(), catalogue(), 7);
    to_decision(&mut workshop);
    let advise = shown_ids(&workshop)
        .iter()
        .position(|id| id == "b")
        .unwrap();
    apply(&mut workshop, Request::FollowShown(vec![advise]));
    to_decision(&mut workshop);
    assert_eq!(workshop.picks_wanted(), 2);
    let shown = shown_ids(&workshop);
    assert_eq!(
        workshop.pick(&[0, 3]),
        Ok(Answer::Several(vec![shown[0].clone(), shown[3].clone()]))
    );
}

#[test]
fn back_undoes_the_last_decision_and_shows_the_feed_as_it_was() {
    let mut workshop = Workshop::with_scenario(all_kinds(), catalogue(), 7);
    to_decision(&mut workshop);
    assert!(texts(&workshop).iter().any(|t| t.starts_with("Hello from")));
    // Everything the projector lists: texts, counts, deletions.
    let feed = |workshop: &Workshop| format!("{:?}", workshop.latest(usize::MAX));
    let before = feed(&workshop);
    // "Advise" leads to a beat that opens with a notification.
    let advise = shown_ids(&workshop)
        .iter()
        .position(|id| id == "b")
        .unwrap();
    apply(&mut workshop, Request::FollowShown(vec![advise]));
    to_decision(&mut workshop);
    assert_ne!(feed(&workshop), before, "the next beat showed more");
    assert_eq!(workshop.room().records().len(), 1);

    apply(&mut workshop, Request::Back);
    assert_eq!(workshop.room().records().len(), 0);
    assert_eq!(feed(&workshop), before);
    assert_eq!(
        workshop.room().session().pending().unwrap().decision,
        "first"
    );
    assert!(
        workshop.apply(Request::Back, &library).is_err(),
        "nothing left to undo"
    );
}

#[test]
fn phones_may_vote_only_on_an_open_decision() {
    let mut workshop = Workshop::with_scenario(all_kinds(), catalogue(), 7);
    assert_eq!(workshop.question(), None);
    to_decision(&mut workshop);
    assert_eq!(workshop.question(), None, "on screen, not yet open");
    assert!(workshop.vote("phone", Answer::Choose("a".into())).is_err());
    apply(&mut workshop, Request::OpenVoting);
    let question = workshop.question().expect("open");
    assert_eq!(question.decision, "first");
    assert_eq!(question.options.len(), 3);
    workshop.vote("phone", Answer::Choose("a".into())).unwrap();
    assert!(workshop.vote("phone", Answer::Choose("zz".into())).is_err());
    apply(&mut workshop, Request::CloseVoting);
    assert_eq!(workshop.question(), None);
    apply(&mut workshop, Request::Reveal);
    assert_eq!(workshop.reveal().map(|r| r.voters), Some(1));
}

#[test]
fn time_moves_only_while_running_and_the_timer_counts_from_zero() {
    let mut workshop = Workshop::with_scenario(all_kinds(), catalogue(), 7);
    assert!(!workshop.tick(Duration::from_secs(60), 1.0), "paused");
    assert!(workshop.latest(8).is_empty());
    apply(&mut workshop, Request::StartPause);
    assert!(
        workshop.tick(Duration::from_millis(1), 0.0),
        "the first post at 0"
    );
    assert!(matches!(workshop.latest(8)[..], [Seen::Post(_)]));

    apply(&mut workshop, Request::Timer);
    workshop.tick(Duration::ZERO, 2.5);
    assert_eq!(workshop.timer().seconds, 2.5);
    apply(&mut workshop, Request::Timer);
    workshop.tick(Duration::ZERO, 4.0);
    assert_eq!(workshop.timer().seconds, 2.5, "stopped, it keeps its time");
    apply(&mut workshop, Request::Timer);
    assert_eq!(workshop.timer().seconds, 0.0, "started again, from zero");
}

#[test]
fn export_names_carry_the_date_and_skip_names_taken() {
    let workshop = two_step();
    // 2026-12-06 14:30 UTC.
    let now = 1_796_567_400;
    assert_eq!(
        workshop.export_name(now, |_| false),
        "feedwise-two-step-2026-12-06-1430"
    );
    let taken = [
        "feedwise-two-step-2026-12-06-1430",
        "feedwise-two-step-2026-12-06-1430-2",
    ];
    assert_eq!(
        workshop.export_name(now, |name| taken.contains(&name)),
        "feedwise-two-step-2026-12-06-1430-3"
    );
    let alone = Workshop::with_scenario(all_kinds(), catalogue(), 7);
    assert!(
        alone
            .export_name(now, |_| false)
            .starts_with("feedwise-session-2026-12-06")
    );
}
