//! The trainee's record: every run kept as its transcript (enough to replay it) plus the
//! figures of its debrief (enough to list, chart and export it without the scenario), one RON
//! file per run in the user's data folder (`store.rs`). Times are passed in by the caller; the
//! run's id is a UUID, the xAPI registration of its statements.

pub mod store;
pub mod time;

use serde::{Deserialize, Serialize};

use crate::engine::debrief::{Debrief, debrief_with};
use crate::engine::outcome::{Effect, Millis};
use crate::engine::paths::Exploration;
use crate::engine::score::Permille;
use crate::engine::{Session, Transcript, record};
use crate::scenario::{DecisionKind, Grade};

/// The version of the record format; a file with a higher one was written by a newer
/// feedwise and is left alone.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    pub schema: u32,
    /// A UUID naming the run (the registration of its xAPI statements).
    pub run: String,
    pub scenario_title: String,
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
}

/// A new run id (UUID v4) from 16 bytes of randomness the caller supplies.
pub fn run_id(random: [u8; 16]) -> String {
    uuid::Builder::from_random_bytes(random)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// The record of a session as it stands. `exploration` gives the principles' ranges (as on
/// the debrief); without it the ranges are the totals themselves.
pub fn build(
    session: &Session,
    clock: &RunClock,
    status: RunStatus,
    exploration: Option<&Exploration>,
) -> RunRecord {
    let report = debrief_with(session, exploration);
    let scenario = session.scenario();
    let catalogue = session.catalogue();
    let decisions = session
        .outcomes()
        .iter()
        .enumerate()
        .map(|(index, outcome)| {
            let decision = scenario
                .beats
                .iter()
                .filter_map(|b| b.decision.as_ref())
                .find(|d| d.id == outcome.decision);
            let kind = match decision.map(|d| &d.kind) {
                Some(DecisionKind::Rank { .. }) => AnswerKind::Rank,
                Some(DecisionKind::ChooseSeveral { pick, .. }) => {
                    AnswerKind::ChooseSeveral { pick: *pick }
                }
                _ => AnswerKind::Choose,
            };
            let key = match decision.map(|d| &d.kind) {
                Some(DecisionKind::Rank { key } | DecisionKind::ChooseSeveral { key, .. }) => {
                    key.clone()
                }
                _ => {
                    let options = decision.map(|d| d.options.as_slice()).unwrap_or_default();
                    let best = options.iter().map(|o| o.grade).min();
                    options
                        .iter()
                        .filter(|o| Some(o.grade) == best)
                        .map(|o| o.id.clone())
                        .collect()
                }
            };
            let acted: Vec<_> = outcome.explanations.iter().filter(|e| e.chosen).collect();
            let cited: Vec<crate::scenario::Citation> = decision
                .into_iter()
                .flat_map(|d| d.all_outcomes())
                .filter(|o| acted.iter().any(|e| e.option == o.id))
                .flat_map(|o| o.cite.iter().cloned())
                .collect();
            DecisionRecord {
                decision: outcome.decision.clone(),
                prompt: outcome.prompt.clone(),
                kind,
                options: decision
                    .map(|d| {
                        d.options
                            .iter()
                            .map(|o| OptionRecord {
                                id: o.id.clone(),
                                text: session.fill(&o.text),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                key,
                chosen_text: outcome
                    .chosen
                    .iter()
                    .map(|id| {
                        decision
                            .and_then(|d| d.all_outcomes().find(|o| o.id == *id))
                            .map_or_else(|| id.clone(), |o| session.fill(&o.text))
                    })
                    .collect(),
                chosen: outcome.chosen.clone(),
                timed_out: outcome.timed_out,
                grade: outcome.grade,
                critical: outcome.critical,
                share: outcome.share,
                marks: outcome.marks.map(|m| (m.earned, m.available)),
                effects: outcome.effects.iter().map(effect).collect(),
                feedback: acted.iter().map(|e| e.feedback.clone()).collect(),
                // The player's regulator's references first, as the feedback showed them.
                guidance: {
                    let regulators: Vec<&str> = (session.profession().and_then(|p| p.regulator()))
                        .into_iter()
                        .collect();
                    let ordered = catalogue.guidance_for(&regulators, &cited);
                    ordered.first.into_iter().chain(ordered.also).collect()
                },
                offered_at: outcome.offered_at,
                took: outcome.took,
                answered: time::rfc3339(clock.answered.get(index).copied().unwrap_or(clock.now)),
            }
        })
        .collect();
    RunRecord {
        schema: SCHEMA,
        run: clock.run.clone(),
        scenario_title: report.title.clone(),
        audience: audience_of(scenario),
        started: time::rfc3339(clock.started),
        updated: time::rfc3339(clock.now),
        status,
        transcript: record(session),
        decisions,
        percentage: report.percentage,
        principles: principle_totals(&report, session),
        ending: report.ending.as_ref().map(|e| EndingRecord {
            id: e.id.clone(),
            title: e.title.clone(),
        }),
    }
}

fn effect(effect: &Effect) -> PrincipleEffect {
    PrincipleEffect {
        principle: effect.principle.clone(),
        change: effect.change,
    }
}

/// The debrief's principle totals; without an exploration, the principles touched so far.
fn principle_totals(report: &Debrief, session: &Session) -> Vec<PrincipleTotal> {
    if !report.principles.is_empty() {
        return report
            .principles
            .iter()
            .map(|p| PrincipleTotal {
                principle: p.principle.clone(),
                title: p.title.clone(),
                total: p.total,
                min: p.min,
                max: p.max,
            })
            .collect();
    }
    let mut totals: Vec<PrincipleTotal> = Vec::new();
    for effect in session.outcomes().iter().flat_map(|o| &o.effects) {
        let total = i64::from(effect.change);
        match totals.iter_mut().find(|t| t.principle == effect.principle) {
            Some(t) => t.total += total,
            None => totals.push(PrincipleTotal {
                principle: effect.principle.clone(),
                title: effect.title.clone(),
                total,
                min: 0,
                max: 0,
            }),
        }
    }
    for t in &mut totals {
        (t.min, t.max) = (t.total.min(0), t.total.max(0));
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
