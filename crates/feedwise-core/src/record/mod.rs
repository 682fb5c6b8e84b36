//! The trainee's record: every run kept as its transcript (enough to replay it) plus the
//! figures of its debrief (enough to list, chart and export it without the scenario), one RON
//! file per run in the user's data folder (`store.rs`). Times are passed in by the caller; the
//! run's id is a UUID, the xAPI registration of its statements.

pub mod store;
pub mod time;

use serde::{Deserialize, Serialize};

use crate::engine::debrief::{percentage, principle_total};
use crate::engine::outcome::{AsWritten, Millis, Outcome};
use crate::engine::paths::Exploration;
use crate::engine::score::Permille;
use crate::engine::{OfferKind, Session, Transcript, record};
use crate::scenario::Grade;

/// The version of the record format; a file with a higher one was written by a newer
/// feedwise and is left alone. 2 added the texts as the scenario writes them (`title_as_written`,
/// `as_written`); 3 added `practice`, marking a practice set's single decisions. Records of
/// earlier schemas are read as they are.
pub const SCHEMA: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    pub schema: u32,
    /// A UUID naming the run (the registration of its xAPI statements).
    pub run: String,
    pub scenario_title: String,
    /// The title as the scenario writes it (`{patient}` unfilled), the same for every seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_as_written: Option<String>,
    /// Who the scenario is written for, and their regulator, e.g. "doctors (GMC)".
    pub audience: String,
    /// When the run started and when this record was last written (RFC 3339, UTC).
    pub started: String,
    pub updated: String,
    pub status: RunStatus,
    /// Enough to replay the run (and to resume it at the decision in progress).
    pub transcript: Transcript,
    /// Each decision taken, scored, with what the trainee saw.
    pub decisions: Vec<DecisionRecord>,
    /// Mean share of full marks over the decisions taken, as a whole percentage.
    pub percentage: u32,
    pub principles: Vec<PrincipleTotal>,
    #[serde(default)]
    pub ending: Option<EndingRecord>,
    /// One decision of a practice set: the transcript replays to it on the keyed path, and
    /// `decisions` holds the trainee's answer alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<PracticeItem>,
}

/// Where a practised decision sits in its practice set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeItem {
    /// The set's id (a UUID), shared by its decisions.
    pub set: String,
    /// Its place in the set, from 1, and how many decisions the set has.
    pub position: u32,
    pub of: u32,
    /// How many decisions of the transcript were answered for the trainee, on the keyed path,
    /// to reach this one.
    pub replayed: u32,
    /// The principle it was chosen to practise.
    pub principle: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunStatus {
    /// Being played, or left by a crash or a closed window: the next start offers to resume.
    InProgress,
    /// Reached an ending.
    Finished,
    /// Left before an ending (back to the library, a restart, or resume declined).
    Abandoned,
}

impl RunStatus {
    pub fn word(self) -> &'static str {
        match self {
            RunStatus::InProgress => "in progress",
            RunStatus::Finished => "finished",
            RunStatus::Abandoned => "abandoned",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    pub decision: String,
    pub prompt: String,
    pub kind: AnswerKind,
    /// Every option as the trainee saw it (variables filled), in the scenario's order.
    pub options: Vec<OptionRecord>,
    /// The keyed answer: the best-graded options of a choice, the expert order of a ranking,
    /// the best set of a selection.
    pub key: Vec<String>,
    /// The prompt and options as the scenario writes them, the same for every seed (records
    /// from before it was kept have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<AsWritten>,
    /// Option ids as answered (ranking order); the default's id when time ran out.
    pub chosen: Vec<String>,
    /// What those options said (a timeout's default is not among `options`).
    #[serde(default)]
    pub chosen_text: Vec<String>,
    pub timed_out: bool,
    pub grade: Grade,
    pub critical: bool,
    /// Share of full marks, in thousandths.
    pub share: Permille,
    /// SJT marks (earned, available) for rankings and selections.
    #[serde(default)]
    pub marks: Option<(u32, u32)>,
    pub effects: Vec<PrincipleEffect>,
    /// What the guidance says about the answer (the feedback of the options acted on).
    pub feedback: Vec<String>,
    /// The documents and paragraphs the answer touched, one line per document.
    pub guidance: Vec<String>,
    /// Scenario time it was offered, and how long the answer took (milliseconds).
    pub offered_at: Millis,
    pub took: Millis,
    /// Wall-clock time of the answer (RFC 3339, UTC).
    pub answered: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerKind {
    Choose,
    Rank,
    ChooseSeveral { pick: u32 },
}

impl AnswerKind {
    pub fn word(self) -> &'static str {
        match self {
            AnswerKind::Choose => "choose",
            AnswerKind::Rank => "rank",
            AnswerKind::ChooseSeveral { .. } => "choose-several",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionRecord {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipleEffect {
    pub principle: String,
    pub change: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipleTotal {
    pub principle: String,
    pub title: String,
    pub total: i64,
    /// The lowest and highest totals any path through the scenario reaches.
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndingRecord {
    pub id: String,
    pub title: String,
}

impl PrincipleTotal {
    /// How far along its range the total came: 0 the lowest, 1 the highest (1 when every path
    /// gives the same).
    pub fn share(&self) -> f64 {
        let range = self.max - self.min;
        if range <= 0 {
            return 1.0;
        }
        ((self.total - self.min) as f64 / range as f64).clamp(0.0, 1.0)
    }

    /// Where the total stands, as the debrief says it.
    pub fn standing(&self) -> crate::engine::debrief::Standing {
        crate::engine::debrief::Standing::of(self.total, self.max)
    }
}

impl RunRecord {
    /// The critical breaches among the decisions taken.
    pub fn critical_breaches(&self) -> usize {
        self.decisions.iter().filter(|d| d.critical).count()
    }

    pub fn seed(&self) -> u64 {
        self.transcript.seed
    }

    pub fn scenario(&self) -> &str {
        &self.transcript.scenario
    }

    /// The id of the practice set it is a decision of.
    pub fn practice_set(&self) -> Option<&str> {
        self.practice.as_ref().map(|p| p.set.as_str())
    }

    /// What it is, in the history's and the note's words: "finished", or "practice set,
    /// decision 2 of 5".
    pub fn kind_words(&self) -> String {
        match &self.practice {
            Some(item) => format!("practice set, decision {} of {}", item.position, item.of),
            None => self.status.word().to_owned(),
        }
    }
}

/// The practice set all of `runs` are decisions of, if there is one.
pub fn one_practice_set<'a>(runs: &[&'a RunRecord]) -> Option<&'a str> {
    let set = runs.first()?.practice_set()?;
    runs.iter()
        .all(|run| run.practice_set() == Some(set))
        .then_some(set)
}

/// What the caller knows that the session does not: the run's id, when it started, when each
/// decision was answered, and now.
#[derive(Debug, Clone)]
pub struct RunClock {
    pub run: String,
    pub started: u64,
    /// Unix seconds of each answer so far, in order.
    pub answered: Vec<u64>,
    pub now: u64,
    /// The run is one decision of a practice set.
    pub practice: Option<PracticeItem>,
}

/// A new run id (UUID v4) from 16 bytes of randomness the caller supplies.
pub fn run_id(random: [u8; 16]) -> String {
    uuid::Builder::from_random_bytes(random)
        .into_uuid()
        .hyphenated()
        .to_string()
}

impl DecisionRecord {
    /// A decision as the record keeps it: all of it is in the outcome, with the wall-clock
    /// time of the answer.
    pub fn of(outcome: &Outcome, answered: u64) -> Self {
        DecisionRecord {
            decision: outcome.decision.clone(),
            prompt: outcome.prompt.clone(),
            kind: match outcome.kind {
                OfferKind::Choose => AnswerKind::Choose,
                OfferKind::Rank => AnswerKind::Rank,
                OfferKind::ChooseSeveral { pick } => AnswerKind::ChooseSeveral { pick },
            },
            options: (outcome.options.iter())
                .map(|(id, text)| OptionRecord {
                    id: id.clone(),
                    text: text.clone(),
                })
                .collect(),
            key: outcome.key.clone(),
            as_written: Some(outcome.as_written.clone()),
            chosen: outcome.chosen.clone(),
            chosen_text: outcome.chosen_text.clone(),
            timed_out: outcome.timed_out,
            grade: outcome.grade,
            critical: outcome.critical,
            share: outcome.share,
            marks: outcome.marks.map(|m| (m.earned, m.available)),
            effects: (outcome.effects.iter())
                .map(|e| PrincipleEffect {
                    principle: e.principle.clone(),
                    change: e.change,
                })
                .collect(),
            feedback: (outcome.explanations.iter())
                .filter(|e| e.chosen)
                .map(|e| e.feedback.clone())
                .collect(),
            guidance: outcome.guidance.clone(),
            offered_at: outcome.offered_at,
            took: outcome.took,
            answered: time::rfc3339(answered),
        }
    }
}

/// The record of a session as it stands: a fold over its outcomes, each decision's record
/// made from its outcome alone, the totals from theirs. `exploration` gives the principles'
/// ranges (as on the debrief); without it the ranges are the totals themselves.
pub fn build(
    session: &Session,
    clock: &RunClock,
    status: RunStatus,
    exploration: Option<&Exploration>,
) -> RunRecord {
    let scenario = session.scenario();
    // A practice set's decision keeps the trainee's answer alone: those before it were
    // answered for them on the keyed path.
    let replayed = clock.practice.as_ref().map_or(0, |p| p.replayed as usize);
    let outcomes = session.outcomes().get(replayed..).unwrap_or_default();
    let decisions = (outcomes.iter().enumerate())
        .map(|(index, outcome)| {
            DecisionRecord::of(
                outcome,
                (clock.answered.get(replayed + index).copied()).unwrap_or(clock.now),
            )
        })
        .collect();
    let principles = match &clock.practice {
        Some(_) => practised_totals(session, outcomes),
        None => principle_totals(session, exploration),
    };
    let ending = match &clock.practice {
        Some(_) => None,
        None => session.ending().and_then(|id| scenario.ending(id)),
    };
    RunRecord {
        schema: SCHEMA,
        run: clock.run.clone(),
        scenario_title: session.fill(&scenario.title),
        title_as_written: Some(scenario.title.clone()),
        audience: audience_of(scenario),
        started: time::rfc3339(clock.started),
        updated: time::rfc3339(clock.now),
        status,
        transcript: record(session),
        decisions,
        percentage: percentage(outcomes),
        principles,
        ending: ending.map(|e| EndingRecord {
            id: e.id.clone(),
            title: session.fill(&e.title),
        }),
        practice: clock.practice.clone(),
    }
}

/// The totals of a practice set's decision: each principle it scores, against the lowest and
/// highest any answer to that decision gives (the whole scenario's range would dwarf it). A
/// principle every answer scores alike is left out: nothing about it was practised.
fn practised_totals(session: &Session, outcomes: &[Outcome]) -> Vec<PrincipleTotal> {
    let catalogue = session.catalogue();
    let mut totals: Vec<PrincipleTotal> = Vec::new();
    for outcome in outcomes {
        let mut ranges = (session.scenario().beats.iter())
            .filter_map(|beat| beat.decision.as_ref())
            .find(|decision| decision.id == outcome.decision)
            .map(crate::engine::flow::principle_ranges)
            .unwrap_or_default();
        // Whatever the answer scored lies within its range (even against an edited scenario).
        for effect in &outcome.effects {
            let change = i64::from(effect.change);
            let range = ranges.entry(effect.principle.clone()).or_insert((0, 0));
            *range = (range.0.min(change), range.1.max(change));
        }
        for (principle, (min, max)) in ranges.into_iter().filter(|(_, (min, max))| min < max) {
            let total = principle_total(std::slice::from_ref(outcome), &principle);
            match totals.iter_mut().find(|t| t.principle == principle) {
                Some(t) => {
                    t.total += total;
                    t.min += min;
                    t.max += max;
                }
                None => totals.push(PrincipleTotal {
                    title: catalogue.principle_title(&principle),
                    principle,
                    total,
                    min,
                    max,
                }),
            }
        }
    }
    totals
}

/// Each principle's total against the range any path reaches (as the debrief shows them);
/// without an exploration, the principles touched so far, ranged by their own totals.
fn principle_totals(session: &Session, exploration: Option<&Exploration>) -> Vec<PrincipleTotal> {
    let total = |principle: &str| principle_total(session.outcomes(), principle);
    let catalogue = session.catalogue();
    if let Some(ranges) = exploration.map(|e| &e.principles).filter(|r| !r.is_empty()) {
        return (ranges.iter())
            .map(|range| PrincipleTotal {
                principle: range.principle.clone(),
                title: catalogue.principle_title(&range.principle),
                total: total(&range.principle),
                min: range.min,
                max: range.max,
            })
            .collect();
    }
    let mut totals: Vec<PrincipleTotal> = Vec::new();
    for effect in session.outcomes().iter().flat_map(|o| &o.effects) {
        if totals.iter().all(|t| t.principle != effect.principle) {
            let total = total(&effect.principle);
            totals.push(PrincipleTotal {
                principle: effect.principle.clone(),
                title: effect.title.clone(),
                total,
                min: total.min(0),
                max: total.max(0),
            });
        }
    }
    totals
}

fn audience_of(scenario: &crate::scenario::Scenario) -> String {
    scenario
        .audiences
        .iter()
        .map(|a| match a.regulator() {
            Some(regulator) => format!("{} ({regulator})", a.word()),
            None => a.word().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
