//! The debrief at an ending: per-principle totals against what this scenario allows, the
//! overall percentage, critical breaches first, the path taken beside the best path, and
//! the seed that repeats the run.

use serde::Serialize;

use super::outcome::{Millis, Outcome};
use super::paths::{self, PathStep};
use super::score::{FULL, Permille};
use super::session::Session;
use crate::scenario::Grade;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Debrief {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub ending: Option<EndingSummary>,
    /// Mean share of full marks over the decisions taken, as a whole percentage.
    pub percentage: u32,
    pub principles: Vec<PrincipleScore>,
    pub breaches: Vec<Breach>,
    pub path: Vec<TakenStep>,
    pub best_path: Vec<BestStep>,
    /// Share the best path earns, in thousandths.
    pub best_share: Permille,
    /// Timeline time from start to end, plus time spent on decisions.
    pub total_time: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndingSummary {
    pub id: String,
    pub title: String,
    pub debrief: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipleScore {
    pub principle: String,
    pub title: String,
    pub total: i64,
    /// The lowest and highest totals any path through this scenario reaches.
    pub min: i64,
    pub max: i64,
}

/// Where a principle's total stands against zero and the best any path reaches, so a bar is
/// read the same way in words as in colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Standing {
    /// The highest total any path reaches (and above zero, or nothing better was possible).
    Best,
    /// Above zero, short of the best.
    Gained,
    /// Zero: nothing gained, nothing lost.
    Neutral,
    /// Below zero: the choices worked against the principle.
    Lost,
}

impl Standing {
    /// Where `total` stands against zero and `best`, the highest total any path reaches.
    pub fn of(total: i64, best: i64) -> Standing {
        if total >= best && total >= 0 {
            Standing::Best
        } else if total > 0 {
            Standing::Gained
        } else if total == 0 {
            Standing::Neutral
        } else {
            Standing::Lost
        }
    }
}

impl PrincipleScore {
    pub fn standing(&self) -> Standing {
        Standing::of(self.total, self.max)
    }

    /// The total in words, with zero and the best possible named, e.g.
    /// "+1: above zero; best possible +2 (range -1 to +2)".
    pub fn in_words(&self) -> String {
        let verdict = match self.standing() {
            Standing::Best => "the best possible".to_owned(),
            Standing::Gained => format!("above zero; best possible {:+}", self.max),
            Standing::Neutral if self.max > 0 => {
                format!("neutral, no harm done; best possible {:+}", self.max)
            }
            Standing::Neutral => "neutral, no harm done".to_owned(),
            Standing::Lost => format!("below zero; best possible {:+}", self.max),
        };
        format!(
            "{:+}: {verdict} (range {:+} to {:+})",
            self.total, self.min, self.max
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breach {
    pub decision: String,
    pub option: String,
    pub text: String,
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TakenStep {
    pub decision: String,
    pub prompt: String,
    pub chosen: Vec<String>,
    pub chosen_text: Vec<String>,
    pub grade: Grade,
    pub share: Permille,
    pub timed_out: bool,
    pub took: Millis,
    /// Whether the answer is a ranking (its texts are in order) rather than a choice or set.
    pub ranked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BestStep {
    pub decision: String,
    pub answer: Vec<String>,
    pub answer_text: Vec<String>,
    pub ranked: bool,
}

impl TakenStep {
    /// The answer's texts as one line: a ranking in order, a selection as a list.
    pub fn joined(&self) -> String {
        join_answer(&self.chosen_text, self.ranked)
    }
}

impl BestStep {
    pub fn joined(&self) -> String {
        join_answer(&self.answer_text, self.ranked)
    }
}

fn join_answer(texts: &[String], ranked: bool) -> String {
    texts.join(if ranked { "  >  " } else { "  +  " })
}

/// Mean share of a list of outcomes as a whole percentage (100 when there were none).
pub fn percentage(outcomes: &[Outcome]) -> u32 {
    if outcomes.is_empty() {
        return 100;
    }
    let sum: u64 = outcomes.iter().map(|o| u64::from(o.share)).sum();
    let count = outcomes.len() as u64;
    ((sum * 100 + count * u64::from(FULL) / 2) / (count * u64::from(FULL))) as u32
}

/// A principle's total over the outcomes: the sum of their changes to it.
pub fn principle_total(outcomes: &[Outcome], principle: &str) -> i64 {
    (outcomes.iter().flat_map(|o| &o.effects))
        .filter(|e| e.principle == principle)
        .map(|e| i64::from(e.change))
        .sum()
}

/// The debrief for a session (normally once it has ended; before that it covers the
/// decisions so far). It explores the scenario for the ranges and the best path; a caller that
/// already has that exploration passes it to `debrief_with`.
pub fn debrief(session: &Session) -> Debrief {
    debrief_with(session, paths::explore(session.scenario()).ok().as_ref())
}

/// The debrief, with the scenario's exploration (`paths::explore`) done beforehand; `None`
/// when it could not be explored, which leaves out the ranges and the best path.
pub fn debrief_with(session: &Session, exploration: Option<&paths::Exploration>) -> Debrief {
    let scenario = session.scenario();
    let catalogue = session.catalogue();
    let outcomes = session.outcomes();
    let principles = exploration
        .map(|e| e.principles.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|range| PrincipleScore {
            title: catalogue.principle_title(&range.principle),
            total: principle_total(outcomes, &range.principle),
            principle: range.principle,
            min: range.min,
            max: range.max,
        })
        .collect();
    // The best path's decisions by id, looked up once per step rather than searched for (the
    // path taken carries its own texts and kinds in its outcomes).
    let decisions: std::collections::HashMap<&str, &crate::scenario::Decision> = scenario
        .beats
        .iter()
        .filter_map(|b| b.decision.as_ref())
        .map(|d| (d.id.as_str(), d))
        .collect();
    let option_text = |decision: &str, id: &str| -> String {
        decisions
            .get(decision)
            .and_then(|d| d.all_outcomes().find(|o| o.id == id))
            .map_or_else(|| id.to_owned(), |o| session.fill(&o.text))
    };
    let breaches = outcomes
        .iter()
        .flat_map(|o| {
            o.explanations
                .iter()
                .filter(|e| e.chosen && e.critical)
                .map(move |e| (o, e))
        })
        .map(|(o, e)| Breach {
            decision: o.decision.clone(),
            option: e.option.clone(),
            text: e.text.clone(),
            feedback: e.feedback.clone(),
        })
        .collect();
    let is_ranking = |decision: &str| {
        decisions
            .get(decision)
            .is_some_and(|d| matches!(d.kind, crate::scenario::DecisionKind::Rank { .. }))
    };
    let path = outcomes
        .iter()
        .map(|o| TakenStep {
            decision: o.decision.clone(),
            prompt: o.prompt.clone(),
            chosen_text: o.chosen_text.clone(),
            chosen: o.chosen.clone(),
            grade: o.grade,
            share: o.share,
            timed_out: o.timed_out,
            took: o.took,
            ranked: o.kind == super::OfferKind::Rank && !o.timed_out,
        })
        .collect();
    let best = exploration.and_then(|e| e.best.clone());
    let best_path = best
        .as_ref()
        .map(|b| {
            b.steps
                .iter()
                .map(|s: &PathStep| BestStep {
                    decision: s.decision.clone(),
                    answer_text: s
                        .answer
                        .iter()
                        .map(|id| option_text(&s.decision, id))
                        .collect(),
                    answer: s.answer.clone(),
                    ranked: is_ranking(&s.decision) && !s.timed_out,
                })
                .collect()
        })
        .unwrap_or_default();
    let ending = session
        .ending()
        .and_then(|id| scenario.ending(id))
        .map(|e| EndingSummary {
            id: e.id.clone(),
            title: session.fill(&e.title),
            debrief: session.fill(&e.debrief),
        });
    Debrief {
        scenario: scenario.id.clone(),
        title: session.fill(&scenario.title),
        seed: session.seed(),
        ending,
        percentage: percentage(outcomes),
        principles,
        breaches,
        path,
        best_path,
        best_share: best.map_or(FULL, |b| b.share),
        total_time: session.clock() + outcomes.iter().map(|o| o.took).sum::<Millis>(),
    }
}
