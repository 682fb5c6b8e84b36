//! Practice sets on the shipped library: every keyed stop replays to its decision, a set is
//! drawn for the weakest principle first and spans several scenarios, the same record, date and
//! seed give the same set, and a practised decision is recorded alone with its own range.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use feedwise_core::engine::flow::principle_ranges;
use feedwise_core::engine::{Answer, DecisionTime, Session, replay};
use feedwise_core::practice::{
    Need, PER_SCENARIO, Practicable, SET_SIZE, ScenarioFacts, SetItem, keyed_stops, practice_set,
    schedule,
};
use feedwise_core::record::{PracticeItem, RunClock, RunRecord, RunStatus, build, time};
use feedwise_core::scenario::{Profession, Scenario};

use super::common::{all_kinds, catalogue, scenario, shipped_scenarios};

const DAY: u64 = 24 * 60 * 60;
/// 2026-12-01T00:00:00Z.
const START: u64 = 1_796_083_200;

fn shipped() -> Vec<Arc<Scenario>> {
    shipped_scenarios().iter().map(scenario).collect()
}

fn practicable(library: &[Arc<Scenario>]) -> Vec<Practicable> {
    let catalogue = catalogue();
    library
        .iter()
        .map(|s| Practicable {
            facts: ScenarioFacts::of(s),
            stops: keyed_stops(s, &catalogue),
        })
        .collect()
}

/// A nurse's set from `runs` at `now`, chosen with `seed`.
fn nurse_set(runs: &[RunRecord], practicable: &[Practicable], now: u64, seed: u64) -> Vec<SetItem> {
    practice_set(
        runs,
        practicable,
        &catalogue(),
        Some(Profession::Nurse),
        None,
        now,
        seed,
    )
}

/// A nurse's set on a fresh install (no runs yet), chosen with `seed`.
fn fresh_set(practicable: &[Practicable], seed: u64) -> Vec<SetItem> {
    nurse_set(&[], practicable, START, seed)
}

/// The session an item's transcript replays to: waiting at the item's decision.
fn replayed(item: &SetItem, scenario: &Arc<Scenario>, seed: u64) -> Session {
    let transcript = item.transcript(
        scenario,
        seed,
        Some(Profession::Nurse),
        DecisionTime::default(),
    );
    let replay = replay(Arc::clone(scenario), catalogue(), &transcript);
    assert!(
        replay.problems.iter().all(|p| !p.stops_replay()),
        "{}: {:?}",
        item.scenario,
        replay.problems
    );
    replay.session
}

#[test]
fn the_ranges_of_a_decision_are_what_one_answer_can_give() {
    let scenario = all_kinds();
    let decision = |id: &str| {
        (scenario.beats.iter())
            .filter_map(|b| b.decision.as_ref())
            .find(|d| d.id == id)
            .expect("decision")
    };
    // A choice: over its options, 0 for an option that does not score the principle.
    assert_eq!(
        principle_ranges(decision("first")),
        BTreeMap::from([
            ("boundaries".to_owned(), (-2, 2)),
            ("confidentiality".to_owned(), (-5, 0)),
        ])
    );
    // A ranking: the option ranked first acts.
    assert_eq!(
        principle_ranges(decision("order")),
        BTreeMap::from([("respect".to_owned(), (-3, 2))])
    );
    // A timeout's default acts alone: a principle only it scores, or a worse value, counts.
    let mut timed = decision("first").clone();
    let default = &mut timed.timeout.as_mut().expect("timed").default;
    default.effects.insert("respect".to_owned(), -4);
    default.effects.insert("boundaries".to_owned(), -3);
    let ranges = principle_ranges(&timed);
    assert_eq!(ranges["respect"], (-4, 0));
    assert_eq!(ranges["boundaries"], (-3, 2));
    // Two of four: the two lowest and the two highest.
    assert_eq!(
        principle_ranges(decision("pick")),
        BTreeMap::from([
            ("escalation".to_owned(), (0, 3)),
            ("respect".to_owned(), (-2, 0)),
        ])
    );
}

#[test]
fn every_keyed_stop_of_the_library_replays_to_its_decision() {
    let library = shipped();
    let catalogue = catalogue();
    let mut stops = 0;
    for scenario in &library {
        let keyed = keyed_stops(scenario, &catalogue);
        assert!(
            !keyed.is_empty(),
            "{} has no decision to practise",
            scenario.id
        );
        assert!(keyed[0].before.is_empty(), "{}", scenario.id);
        for (n, stop) in keyed.iter().enumerate() {
            let item = SetItem {
                scenario: scenario.id.clone(),
                title: scenario.title.clone(),
                decision: stop.decision.clone(),
                before: stop.before.clone(),
                principle: String::new(),
                need: Need::New,
                reason: String::new(),
            };
            let session = replayed(&item, scenario, 7 + n as u64);
            assert_eq!(
                session.pending().map(|o| o.decision.as_str()),
                Some(stop.decision.as_str()),
                "{}",
                scenario.id
            );
            // The answers before it were the keyed ones: nothing lost on the way.
            assert!(
                (session.outcomes().iter()).all(|o| o.chosen.iter().all(|c| o.key.contains(c))
                    || o.chosen.first() == o.key.first()),
                "{}: {:?}",
                scenario.id,
                session
                    .outcomes()
                    .iter()
                    .map(|o| (&o.chosen, &o.key))
                    .collect::<Vec<_>>()
            );
            stops += 1;
        }
    }
    assert!(stops >= library.len() * 2, "{stops} stops");
}

/// A finished run of `scenario` on `day` whose principle totals are all poor on `principle`.
fn poor_run(n: u32, scenario: &Scenario, day: u64, principle: &str) -> RunRecord {
    // Play the keyed path, then mark the principle poor: the schedule reads the totals.
    let mut session = Session::playing_as(
        Arc::new(scenario.clone()),
        catalogue(),
        u64::from(n),
        Some(Profession::Nurse),
    );
    let keyed = keyed_stops(&Arc::new(scenario.clone()), &catalogue());
    for stop in &keyed {
        session.advance_to_decision();
        if session.pending().map(|o| o.decision.as_str()) != Some(stop.decision.as_str()) {
            break;
        }
        let offer = session.pending().cloned().expect("offer");
        let first = offer.options[0].id.clone();
        let answer = match offer.kind {
            feedwise_core::engine::OfferKind::Choose => Answer::Choose(first),
            _ => break,
        };
        let _ = session.answer(answer);
    }
    let at = START + day * DAY;
    let clock = RunClock {
        run: format!("run-{n}"),
        started: at,
        answered: vec![at; session.outcomes().len()],
        now: at,
        practice: None,
    };
    let mut record = build(&session, &clock, RunStatus::Finished, None);
    record.principles.retain(|t| t.principle != principle);
    record
        .principles
        .push(feedwise_core::record::PrincipleTotal {
            principle: principle.to_owned(),
            title: principle.to_owned(),
            total: -4,
            min: -4,
            max: 4,
        });
    record
}

#[test]
fn a_set_practises_the_weakest_principle_first_across_several_scenarios() {
    let library = shipped();
    let practicable = practicable(&library);
    let runs = vec![
        poor_run(1, &library[0], 0, "confidentiality"),
        poor_run(2, &library[1], 1, "confidentiality"),
    ];
    let now = START + 3 * DAY;
    let set = nurse_set(&runs, &practicable, now, 42);
    assert_eq!(set.len(), SET_SIZE, "{set:#?}");
    assert_eq!(set[0].principle, "confidentiality");
    assert_eq!(set[0].need, Need::Weak);
    assert_eq!(
        set[0].reason,
        "“Protect confidentiality”: you lost marks on it recently"
    );
    let scenarios: BTreeSet<&str> = set.iter().map(|i| i.scenario.as_str()).collect();
    assert!(scenarios.len() >= 3, "{scenarios:?}");
    for id in &scenarios {
        assert!(set.iter().filter(|i| i.scenario == *id).count() <= PER_SCENARIO);
    }
    let decisions: BTreeSet<(&str, &str)> = (set.iter())
        .map(|i| (i.scenario.as_str(), i.decision.as_str()))
        .collect();
    assert_eq!(decisions.len(), set.len(), "a decision twice in one set");
    // Each principle once, before any comes round again.
    let principles: BTreeSet<&str> = set.iter().map(|i| i.principle.as_str()).collect();
    assert_eq!(principles.len(), set.len());
    // Each item replays to its decision, and that decision scores its principle.
    for (n, item) in set.iter().enumerate() {
        let scenario = library.iter().find(|s| s.id == item.scenario).unwrap();
        let session = replayed(item, scenario, n as u64);
        let decision = session.pending_decision().expect("pending");
        assert!(principle_ranges(decision).contains_key(&item.principle));
    }
}

#[test]
fn the_same_record_date_and_seed_give_the_same_set_and_another_seed_may_not() {
    let library = shipped();
    let practicable = practicable(&library);
    let runs = vec![poor_run(1, &library[2], 0, "respect")];
    let now = START + 2 * DAY;
    let set = |seed| nurse_set(&runs, &practicable, now, seed);
    assert_eq!(set(5), set(5));
    let distinct: BTreeSet<Vec<(String, String)>> = (0..8)
        .map(|seed| {
            set(seed)
                .into_iter()
                .map(|i| (i.scenario, i.decision))
                .collect()
        })
        .collect();
    assert!(distinct.len() > 1, "eight seeds gave one set");
}

#[test]
fn a_fresh_install_gets_a_set_of_new_principles_written_for_the_profession() {
    let library = shipped();
    let practicable = practicable(&library);
    let set = fresh_set(&practicable, 1);
    assert_eq!(set.len(), SET_SIZE);
    assert!(set.iter().all(|i| i.need == Need::New));
    for item in &set {
        let facts = &practicable
            .iter()
            .find(|p| p.facts.id == item.scenario)
            .unwrap()
            .facts;
        assert!(
            facts
                .audiences
                .contains(&feedwise_core::scenario::Audience::Nurse),
            "{} is not written for nurses",
            item.scenario
        );
    }
}

#[test]
fn a_practised_decision_is_recorded_alone_with_its_own_range_and_moves_the_schedule() {
    let library = shipped();
    let practicable = practicable(&library);
    let set = fresh_set(&practicable, 3);
    // The item with the most decisions before it.
    let item = set.iter().max_by_key(|i| i.before.len()).unwrap();
    assert!(
        !item.before.is_empty(),
        "no item past a first decision: {set:#?}"
    );
    let scenario = library.iter().find(|s| s.id == item.scenario).unwrap();
    let mut session = replayed(item, scenario, 9);
    let decision = session.pending_decision().cloned().unwrap();
    let answer = session.pending().unwrap().answer_as_shown();
    session.answer(answer).expect("answer");
    let at = START + DAY;
    let mark = PracticeItem {
        set: "set-1".to_owned(),
        position: 2,
        of: 5,
        replayed: item.before.len() as u32,
        principle: item.principle.clone(),
    };
    let clock = RunClock {
        run: "item-2".to_owned(),
        started: at,
        answered: vec![at; session.outcomes().len()],
        now: at + 60,
        practice: Some(mark.clone()),
    };
    let record = build(&session, &clock, RunStatus::Finished, None);
    assert_eq!(record.practice, Some(mark));
    assert_eq!(record.kind_words(), "practice set, decision 2 of 5");
    assert_eq!(record.decisions.len(), 1);
    assert_eq!(record.decisions[0].decision, item.decision);
    assert_eq!(record.ending, None);
    assert_eq!(record.transcript.decisions.len(), item.before.len() + 1);
    let outcome = session.outcomes().last().unwrap();
    assert_eq!(
        record.percentage,
        feedwise_core::engine::debrief::percentage(std::slice::from_ref(outcome))
    );
    let ranges = principle_ranges(&decision);
    // Principles every answer scores alike are left out: nothing about them was practised.
    let practised = ranges.values().filter(|(min, max)| min < max).count();
    assert_eq!(record.principles.len(), practised);
    for total in &record.principles {
        let (min, max) = ranges[&total.principle];
        assert_eq!((total.min, total.max), (min, max), "{}", total.principle);
        assert!((min..=max).contains(&total.total));
    }
    // The record replays to the same answer, and the schedule counts the practised principles.
    let again = replay(Arc::clone(scenario), catalogue(), &record.transcript);
    assert_eq!(again.session.outcomes().last(), Some(outcome));
    let reviews = schedule(std::slice::from_ref(&record), None);
    assert!(reviews.contains_key(&item.principle));
    assert_eq!(
        reviews[&item.principle].last_practised,
        time::parse(&record.updated).unwrap()
    );
}

/// A set's decisions answered with the first option (or the order shown, or the first `pick`),
/// recorded as the app records them.
pub fn played_set(seed: u64) -> Vec<RunRecord> {
    let library = shipped();
    let set = fresh_set(&practicable(&library), seed);
    let of = set.len() as u32;
    (set.iter().enumerate())
        .map(|(n, item)| {
            let scenario = library.iter().find(|s| s.id == item.scenario).unwrap();
            let mut session = replayed(item, scenario, seed + n as u64);
            let answer = session.pending().unwrap().answer_as_shown();
            session.answer(answer).expect("answer");
            let at = START + 60 * n as u64;
            build(
                &session,
                &RunClock {
                    run: format!("00000000-0000-4000-8000-00000000000{n}"),
                    started: at,
                    answered: vec![at + 30; session.outcomes().len()],
                    now: at + 30,
                    practice: Some(PracticeItem {
                        set: "11111111-2222-4333-8444-555555555555".to_owned(),
                        position: n as u32 + 1,
                        of,
                        replayed: item.before.len() as u32,
                        principle: item.principle.clone(),
                    }),
                },
                RunStatus::Finished,
                None,
            )
        })
        .collect()
}

#[test]
fn a_set_is_one_xapi_registration_attempted_with_its_first_decision_and_completed_with_its_last() {
    use feedwise_core::export::xapi::{Actor, DEFAULT_BASE, statements};
    let records = played_set(4);
    let runs: Vec<&RunRecord> = records.iter().collect();
    let actor = Actor::at("https://example.org/", "trainee-1");
    let all = statements(&runs, &actor, DEFAULT_BASE);
    let set_activity = format!("{DEFAULT_BASE}practice-set");
    assert!(
        all.iter()
            .all(|s| s.context.registration == "11111111-2222-4333-8444-555555555555")
    );
    let verbs: Vec<(&str, &str)> = (all.iter())
        .map(|s| (s.verb.display["en-US"].as_str(), s.object.id.as_str()))
        .filter(|(_, object)| *object == set_activity)
        .collect();
    assert_eq!(
        verbs,
        [
            ("attempted", set_activity.as_str()),
            ("completed", set_activity.as_str())
        ]
    );
    let answered: Vec<_> = all
        .iter()
        .filter(|s| s.verb.display["en-US"] == "answered")
        .collect();
    assert_eq!(answered.len(), 5);
    for statement in &answered {
        let context = statement.context.context_activities.as_ref().unwrap();
        assert_eq!(context.grouping[0].id, set_activity);
        assert!(
            context.parent[0]
                .id
                .starts_with(&format!("{DEFAULT_BASE}scenarios/"))
        );
    }
    // No scenario is attempted or completed: a set's decision is not a run of its scenario.
    assert!(
        all.iter()
            .all(|s| s.verb.display["en-US"] == "answered" || s.object.id == set_activity)
    );
    let completed = all
        .iter()
        .find(|s| s.verb.display["en-US"] == "completed")
        .unwrap();
    let mean = records.iter().map(|r| r.percentage).sum::<u32>() / 5;
    assert_eq!(
        completed
            .result
            .as_ref()
            .unwrap()
            .score
            .as_ref()
            .unwrap()
            .raw,
        Some(mean)
    );
    // Ids are unique.
    let ids: BTreeSet<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), all.len());
    // Without the whole set (four of five, or one decision twice) the set is not completed:
    // the statement's fixed id must not carry a score that depends on what was exported.
    let completed = |runs: &[&RunRecord]| {
        statements(runs, &actor, DEFAULT_BASE)
            .iter()
            .filter(|s| s.verb.display["en-US"] == "completed")
            .count()
    };
    assert_eq!(completed(&runs), 1);
    assert_eq!(completed(&runs[1..]), 0);
    let twice = [runs[0], runs[1], runs[1], runs[3], runs[4]];
    assert_eq!(completed(&twice), 0);
}

#[test]
fn a_sets_csv_rows_and_note_name_the_set_and_each_decisions_place() {
    let records = played_set(6);
    let runs: Vec<&RunRecord> = records.iter().collect();
    let csv = feedwise_core::export::csv::runs(&runs);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let set_column = headers.iter().position(|h| h == "practice_set").unwrap();
    let place_column = headers
        .iter()
        .position(|h| h == "practice_position")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(&row[set_column], "11111111-2222-4333-8444-555555555555");
        assert_eq!(row[place_column], format!("{} of 5", n + 1));
    }
    let decisions = feedwise_core::export::csv::decisions(&runs);
    assert_eq!(
        decisions.lines().count(),
        6,
        "one row per practised decision: {decisions}"
    );
    let note = feedwise_core::export::note::markdown(&runs);
    assert!(
        note.starts_with("# Reflective note: a practice set of 5 decisions on 2026-12-01"),
        "{note}"
    );
    assert!(note.contains("practice set, decision 3 of 5 (the decisions before it were answered for you with the best answers)"), "{note}");
    assert!(
        note.contains("beside the lowest and highest any answer to it gives"),
        "{note}"
    );
    let name = feedwise_core::export::file_name(&runs, feedwise_core::export::Format::Markdown);
    assert_eq!(name, "feedwise-note-practice-set-2026-12-01-11111111.md");
}
