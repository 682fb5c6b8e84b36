//! What to play next: one to three scenarios chosen from the trainee's record and the library,
//! each with its reason in words. Weak principles come first (lost marks recently, back in the
//! first box), then principles due for review, then scenarios not yet played (written for the
//! trainee first, shortest first). A pure function of its arguments: the same record, library
//! and time give the same answer.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use super::schedule::{Result, Review, schedule};
use crate::record::{RunRecord, RunStatus, time};
use crate::scenario::{Audience, Catalogue, Profession, Scenario};

/// At most this many recommendations.
pub const MOST: usize = 3;

/// What the recommender needs to know of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioFacts {
    pub id: String,
    pub title: String,
    pub audiences: Vec<Audience>,
    pub minutes: u32,
    /// Principles it is mainly about.
    pub focus: Vec<String>,
    /// Principles any of its options score.
    pub scores: BTreeSet<String>,
}

impl ScenarioFacts {
    pub fn of(scenario: &Scenario) -> Self {
        let scores = crate::check::walk::outcomes(scenario)
            .into_iter()
            .flat_map(|(_, option)| option.effects.keys().cloned())
            .collect();
        ScenarioFacts {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
            audiences: scenario.audiences.clone(),
            minutes: scenario.minutes,
            focus: scenario.focus.clone(),
            scores,
        }
    }

    /// How well it practises a principle: 2 when it is mainly about it, 1 when it scores it.
    fn teaches(&self, principle: &str) -> u8 {
        if self.focus.iter().any(|p| p == principle) {
            2
        } else {
            u8::from(self.scores.contains(principle))
        }
    }
}

/// Why a scenario is recommended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Marks lost on this principle recently.
    Weak { principle: String },
    /// This principle is due for review.
    Due { principle: String },
    /// Not played yet.
    Unplayed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub scenario: String,
    pub title: String,
    pub why: Why,
    /// The reason in the trainee's words.
    pub reason: String,
}

/// One to three scenarios for the trainee to play next. `since` leaves out runs from before a
/// reset of the schedule; `now` is Unix seconds.
pub fn recommend<R: Borrow<RunRecord>>(
    runs: &[R],
    library: &[ScenarioFacts],
    catalogue: &Catalogue,
    profession: Option<Profession>,
    since: Option<u64>,
    now: u64,
) -> Vec<Recommendation> {
    let reviews = schedule(runs, since);
    recommend_with(&reviews, runs, library, catalogue, profession, now)
}

/// `recommend` with the schedule already worked out from the same runs (the library's strip
/// also lists what it says is due).
pub fn recommend_with<R: Borrow<RunRecord>>(
    reviews: &BTreeMap<String, Review>,
    runs: &[R],
    library: &[ScenarioFacts],
    catalogue: &Catalogue,
    profession: Option<Profession>,
    now: u64,
) -> Vec<Recommendation> {
    let played = times_played(runs);
    let last_played = last_played(runs);
    // Written for the trainee's own audience (everything is, for nobody in particular).
    let mine = |facts: &ScenarioFacts| profession.is_none_or(|p| written_for(facts, p));
    let pick = |facts: &ScenarioFacts, why: Why, reason: String| Recommendation {
        scenario: facts.id.clone(),
        title: facts.title.clone(),
        why,
        reason,
    };
    let mut chosen: Vec<Recommendation> = Vec::new();
    let taken = |chosen: &[Recommendation], id: &str| chosen.iter().any(|r| r.scenario == id);

    // The best scenario for a principle: mainly about it, for the trainee, played least and
    // longest ago, shortest; not the one just played, when there is another.
    let best_for = |principle: &str, chosen: &[Recommendation]| -> Option<&ScenarioFacts> {
        library
            .iter()
            .filter(|facts| facts.teaches(principle) > 0 && !taken(chosen, &facts.id))
            .min_by_key(|facts| {
                (
                    std::cmp::Reverse(facts.teaches(principle)),
                    !mine(facts),
                    played.get(facts.id.as_str()).copied().unwrap_or(0),
                    last_played.get(facts.id.as_str()).copied().unwrap_or(0),
                    facts.minutes,
                    facts.id.clone(),
                )
            })
    };

    // 1. Weak: the last result poor, or marks lost in most recent runs; most losses first.
    for review in weak_first(reviews) {
        if chosen.len() == MOST {
            break;
        }
        if let Some(facts) = best_for(&review.principle, &chosen) {
            let (lost, of) = review.recent_losses;
            let why = Why::Weak {
                principle: review.principle.clone(),
            };
            let reason = format!(
                "you lost marks on “{}” in {}; last practised {}",
                catalogue.principle_title(&review.principle),
                if of == 1 {
                    "your last run".to_owned()
                } else {
                    format!("{lost} of your last {of} runs")
                },
                ago(review.days_since(now)),
            );
            chosen.push(pick(facts, why, reason));
        }
    }

    // 2. Due for review: the longest overdue first.
    for review in due_first(reviews, now) {
        if chosen.len() == MOST {
            break;
        }
        if chosen
            .iter()
            .any(|r| matches!(&r.why, Why::Weak { principle } if *principle == review.principle))
        {
            continue;
        }
        if let Some(facts) = best_for(&review.principle, &chosen) {
            let why = Why::Due {
                principle: review.principle.clone(),
            };
            let reason = format!(
                "“{}” is due for review: last practised {}",
                catalogue.principle_title(&review.principle),
                ago(review.days_since(now)),
            );
            chosen.push(pick(facts, why, reason));
        }
    }

    // 3. Not yet played: written for the trainee first, then the shortest.
    let mut unplayed: Vec<&ScenarioFacts> = library
        .iter()
        .filter(|facts| !played.contains_key(facts.id.as_str()))
        .collect();
    unplayed.sort_by_key(|facts| (!mine(facts), facts.minutes, facts.id.clone()));
    for facts in unplayed {
        if chosen.len() == MOST {
            break;
        }
        if taken(&chosen, &facts.id) {
            continue;
        }
        // Said by audience: a paramedic's scenarios are written for allied health
        // professionals, not for paramedics alone.
        let reason = match profession.and_then(Profession::audience) {
            Some(audience) if facts.audiences.contains(&audience) => {
                format!("not yet played: written for {}", audience.word())
            }
            _ => format!("not yet played: {} minutes", facts.minutes),
        };
        chosen.push(pick(facts, Why::Unplayed, reason));
    }
    chosen
}

/// Whether a principle counts as weak: the last result poor, or marks lost in most recent
/// runs while it sits in a low box.
pub fn is_weak(review: &Review) -> bool {
    review.last == Result::Poor || (review.recent_losses.0 >= 2 && review.box_number <= 2)
}

/// The weak principles' reviews, most recent losses first, then the lowest box.
pub fn weak_first(reviews: &BTreeMap<String, Review>) -> Vec<&Review> {
    let mut weak: Vec<&Review> = reviews.values().filter(|r| is_weak(r)).collect();
    weak.sort_by_key(|r| {
        (
            std::cmp::Reverse(r.recent_losses.0),
            r.box_number,
            r.principle.clone(),
        )
    });
    weak
}

/// The reviews due at `now`, the longest overdue first.
pub fn due_first(reviews: &BTreeMap<String, Review>, now: u64) -> Vec<&Review> {
    let mut due: Vec<&Review> = reviews.values().filter(|r| r.is_due(now)).collect();
    due.sort_by_key(|r| (r.due, r.principle.clone()));
    due
}

/// Whether the scenario is written for the profession's own audience.
fn written_for(facts: &ScenarioFacts, profession: Profession) -> bool {
    profession
        .audience()
        .is_some_and(|audience| facts.audiences.contains(&audience))
}

/// Finished runs by scenario id (a practice set's decision is not a play of its scenario).
fn times_played<R: Borrow<RunRecord>>(runs: &[R]) -> BTreeMap<&str, usize> {
    let mut played = BTreeMap::new();
    finished(runs).for_each(|run| *played.entry(run.scenario()).or_default() += 1);
    played
}

/// The latest start of a finished run, by scenario id (Unix seconds).
fn last_played<R: Borrow<RunRecord>>(runs: &[R]) -> BTreeMap<&str, u64> {
    let mut last = BTreeMap::new();
    let started = finished(runs).filter_map(|run| Some((time::parse(&run.started)?, run)));
    for (at, run) in started {
        let entry = last.entry(run.scenario()).or_insert(at);
        *entry = (*entry).max(at);
    }
    last
}

/// Whole runs that reached their ending, not a practice set's single decisions.
fn finished<R: Borrow<RunRecord>>(runs: &[R]) -> impl Iterator<Item = &RunRecord> {
    (runs.iter())
        .map(Borrow::borrow)
        .filter(|run| run.status == RunStatus::Finished && run.practice.is_none())
}

/// "today", "yesterday", "9 days ago".
fn ago(days: u64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    }
}
