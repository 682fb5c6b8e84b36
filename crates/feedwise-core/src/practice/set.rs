//! Practice sets: about ten minutes of single decisions drawn from across the library for the
//! principles that are weakest or due. Each decision is reached by replaying its scenario on
//! the keyed path (the best answer to every decision before it), so the trainee sees the feed
//! as it stood and answers that one decision. Pure: the record, the library, the time and the
//! seed come in as arguments.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::recommend::{ScenarioFacts, due_first, weak_first};
use super::schedule::{Review, schedule};
use crate::engine::flow::principle_ranges;
use crate::engine::transcript::{RecordedDecision, content_hash};
use crate::engine::{Answer, DecisionTime, Session, Transcript};
use crate::hash::fnv1a;
use crate::record::{RunRecord, RunStatus};
use crate::scenario::{Catalogue, DecisionKind, Profession, Scenario};

/// Decisions in a set: at about two minutes each (reading the feed, answering, reading the
/// feedback), ten minutes.
pub const SET_SIZE: usize = 5;
pub const MINUTES_PER_DECISION: u32 = 2;
/// At most this many decisions of one scenario in a set, so a set spans several.
pub const PER_SCENARIO: usize = 2;
/// A keyed path longer than this is taken to loop (a scenario that routes back on itself).
const LONGEST_PATH: usize = 200;

/// A decision on a scenario's keyed path, with the answers that reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedStop {
    pub decision: String,
    /// The keyed answers to the decisions before it, as a transcript records them.
    pub before: Vec<RecordedDecision>,
    /// Each principle the decision scores, with the lowest and highest an answer gives.
    pub ranges: BTreeMap<String, (i64, i64)>,
}

/// Every decision the keyed path of a scenario reaches, in order. A decision that scores no
/// principle is passed by (there is nothing in it to practise).
pub fn keyed_stops(scenario: &Arc<Scenario>, catalogue: &Arc<Catalogue>) -> Vec<KeyedStop> {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(catalogue), 0);
    let mut stops = Vec::new();
    for _ in 0..LONGEST_PATH {
        session.advance_to_decision();
        let Some(decision) = session.pending_decision().cloned() else {
            break;
        };
        let ranges = principle_ranges(&decision);
        if ranges.values().any(|(min, max)| min < max) {
            // As a transcript records them (without hashing the scenario for each stop).
            let before = session
                .outcomes()
                .iter()
                .map(RecordedDecision::of)
                .collect();
            stops.push(KeyedStop {
                decision: decision.id.clone(),
                before,
                ranges,
            });
        }
        let key = decision.keyed();
        let keyed = match &decision.kind {
            // The first of the best-graded options.
            DecisionKind::Choose => Answer::Choose(key.into_iter().next().unwrap_or_default()),
            DecisionKind::Rank { .. } => Answer::Rank(key),
            DecisionKind::ChooseSeveral { .. } => Answer::Several(key),
        };
        if session.answer(keyed).is_err() {
            break;
        }
    }
    stops
}

/// A scenario as a practice set draws on it.
#[derive(Debug, Clone)]
pub struct Practicable {
    pub facts: ScenarioFacts,
    pub stops: Vec<KeyedStop>,
}

/// Why a principle is in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// Marks lost on it recently.
    Weak,
    /// Due for review.
    Due,
    /// Not practised yet.
    New,
    /// Practised and not due: the least secure first.
    Keep,
}

/// One decision of a practice set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetItem {
    pub scenario: String,
    pub title: String,
    pub decision: String,
    pub before: Vec<RecordedDecision>,
    /// The principle it practises, and why that one.
    pub principle: String,
    pub need: Need,
    /// Why, in the trainee's words.
    pub reason: String,
}

impl SetItem {
    /// The transcript that replays the scenario to this decision, for `seed` and who plays.
    pub fn transcript(
        &self,
        scenario: &Scenario,
        seed: u64,
        profession: Option<Profession>,
        decision_time: DecisionTime,
    ) -> Transcript {
        Transcript {
            scenario: scenario.id.clone(),
            version: scenario.version,
            content_hash: content_hash(scenario),
            seed,
            profession,
            decision_time,
            decisions: self.before.clone(),
            ending: None,
        }
    }
}

/// A practice set of up to `SET_SIZE` decisions: one per principle in order of need (weak,
/// due, not practised yet, the least secure; round again when there are fewer principles than
/// decisions to fill), each from the scenario that best practises it,
/// at most `PER_SCENARIO` from one scenario. Among equals, scenarios written for the trainee
/// come first, then decisions the trainee has answered least, then the widest range on the
/// principle; `seed` breaks the remaining ties, so one set differs from the next. `since`
/// leaves out runs before a reset of the schedule; `now` is Unix seconds.
pub fn practice_set<R: Borrow<RunRecord>>(
    runs: &[R],
    library: &[Practicable],
    catalogue: &Catalogue,
    profession: Option<Profession>,
    since: Option<u64>,
    now: u64,
    seed: u64,
) -> Vec<SetItem> {
    let reviews = schedule(runs, since);
    let needs = needs(&reviews, library, catalogue, now);
    let answered = times_answered(runs);
    let mine = |facts: &ScenarioFacts| {
        profession
            .and_then(Profession::audience)
            .is_none_or(|audience| facts.audiences.contains(&audience))
    };
    let mut items: Vec<SetItem> = Vec::new();
    loop {
        let before = items.len();
        for (principle, need) in &needs {
            if items.len() == SET_SIZE {
                break;
            }
            let from = |id: &str| items.iter().filter(|i| i.scenario == id).count();
            let best = (library.iter())
                .filter(|p| from(&p.facts.id) < PER_SCENARIO)
                .flat_map(|p| p.stops.iter().map(move |stop| (p, stop)))
                .filter(|(p, stop)| {
                    let range = stop.ranges.get(principle);
                    range.is_some_and(|(min, max)| min < max)
                        && !(items.iter())
                            .any(|i| i.scenario == p.facts.id && i.decision == stop.decision)
                })
                .min_by_key(|(p, stop)| {
                    let (min, max) = stop.ranges[principle];
                    let key = (p.facts.id.as_str(), stop.decision.as_str());
                    (
                        from(&p.facts.id) > 0,
                        !mine(&p.facts),
                        answered.get(&key).copied().unwrap_or(0),
                        std::cmp::Reverse(max - min),
                        tie_break(seed, &p.facts.id, &stop.decision),
                    )
                });
            if let Some((p, stop)) = best {
                items.push(SetItem {
                    scenario: p.facts.id.clone(),
                    title: p.facts.title.clone(),
                    decision: stop.decision.clone(),
                    before: stop.before.clone(),
                    principle: principle.clone(),
                    need: *need,
                    reason: reason(*need, &catalogue.principle_title(principle)),
                });
            }
        }
        if items.len() == SET_SIZE || items.len() == before {
            return items;
        }
    }
}

/// The principles in the order a set takes them, each once.
fn needs(
    reviews: &BTreeMap<String, Review>,
    library: &[Practicable],
    catalogue: &Catalogue,
    now: u64,
) -> Vec<(String, Need)> {
    let weak = weak_first(reviews);
    let due = due_first(reviews, now);
    let scored: BTreeSet<&String> = (library.iter())
        .flat_map(|p| p.stops.iter().flat_map(|s| s.ranges.keys()))
        .collect();
    // New principles in the catalogue's order, which puts the broad ones first.
    let new = (catalogue.principles.iter())
        .map(|p| &p.id)
        .filter(|id| scored.contains(id) && !reviews.contains_key(*id));
    let mut kept: Vec<&Review> = reviews.values().collect();
    kept.sort_by_key(|r| (r.box_number, r.due, r.principle.clone()));
    let mut seen = BTreeSet::new();
    (weak.into_iter().map(|r| (&r.principle, Need::Weak)))
        .chain(due.into_iter().map(|r| (&r.principle, Need::Due)))
        .chain(new.map(|id| (id, Need::New)))
        .chain(kept.into_iter().map(|r| (&r.principle, Need::Keep)))
        .filter(|(principle, _)| seen.insert(*principle))
        .map(|(principle, need)| (principle.clone(), need))
        .collect()
}

/// How often the trainee has answered each decision (scenario id, decision id), in any run.
fn times_answered<R: Borrow<RunRecord>>(runs: &[R]) -> BTreeMap<(&str, &str), usize> {
    let mut answered = BTreeMap::new();
    let runs = runs.iter().map(Borrow::borrow);
    for run in runs.filter(|run| run.status != RunStatus::InProgress) {
        for decision in &run.decisions {
            *answered
                .entry((run.scenario(), decision.decision.as_str()))
                .or_default() += 1;
        }
    }
    answered
}

fn tie_break(seed: u64, scenario: &str, decision: &str) -> u64 {
    fnv1a(format!("{seed}/{scenario}/{decision}").as_bytes())
}

fn reason(need: Need, principle: &str) -> String {
    match need {
        Need::Weak => format!("“{principle}”: you lost marks on it recently"),
        Need::Due => format!("“{principle}”: due for review"),
        Need::New => format!("“{principle}”: not practised yet"),
        Need::Keep => format!("“{principle}”: keeping it fresh"),
    }
}
