//! A run recorded as RON: which scenario (id, version, content hash), the seed, and each
//! decision's answer by option id with its timing. Replaying it gives the same debrief;
//! replaying against an edited scenario says which decisions no longer apply.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::decision_time::DecisionTime;
use super::outcome::Millis;
use super::session::{OfferKind, PlayEvent, Session};
use crate::hash::fnv1a;
use crate::scenario::load::to_ron;
use crate::scenario::{Catalogue, Profession, Scenario};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    pub scenario: String,
    pub version: u32,
    /// Hash of the scenario's content (not its layout or comments), to spot edits.
    pub content_hash: String,
    pub seed: u64,
    /// Who played, so a replay reads the same `by_audience` text; records from before it was
    /// kept lack it and replay as the scenario's first audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profession: Option<Profession>,
    /// How long timed decisions allowed; records from before it was kept played at normal.
    #[serde(default, skip_serializing_if = "DecisionTime::is_normal")]
    pub decision_time: DecisionTime,
    pub decisions: Vec<RecordedDecision>,
    #[serde(default)]
    pub ending: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedDecision {
    pub decision: String,
    /// Option ids as answered; for a timeout, the default's id.
    pub chosen: Vec<String>,
    #[serde(default)]
    pub timed_out: bool,
    /// Timeline time when the decision was offered, and how long the answer took.
    pub offered_at: Millis,
    pub took: Millis,
}

impl RecordedDecision {
    /// A decision as a transcript records it: what was chosen, and when.
    pub fn of(outcome: &super::Outcome) -> Self {
        RecordedDecision {
            decision: outcome.decision.clone(),
            chosen: outcome.chosen.clone(),
            timed_out: outcome.timed_out,
            offered_at: outcome.offered_at,
            took: outcome.took,
        }
    }
}

/// A stable hash of what a scenario says, whatever its formatting.
pub fn content_hash(scenario: &Scenario) -> String {
    let canonical = to_ron(scenario).unwrap_or_default();
    format!("{:016x}", fnv1a(canonical.as_bytes()))
}

/// The transcript of a session so far.
pub fn record(session: &Session) -> Transcript {
    let scenario = session.scenario();
    Transcript {
        scenario: scenario.id.clone(),
        version: scenario.version,
        content_hash: content_hash(scenario),
        seed: session.seed(),
        profession: session.profession(),
        decision_time: session.decision_time(),
        decisions: session
            .outcomes()
            .iter()
            .map(RecordedDecision::of)
            .collect(),
        ending: session.ending().map(str::to_owned),
    }
}

/// Something in a transcript that the scenario as it is now does not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayProblem {
    OtherScenario {
        recorded: String,
        current: String,
    },
    ContentChanged {
        recorded_version: u32,
        current_version: u32,
    },
    /// The recorded decision is not the one the scenario offers at that point.
    DifferentDecision {
        index: usize,
        recorded: String,
        offered: Option<String>,
    },
    /// The recorded answer is refused now (an option renamed or removed, a changed kind).
    AnswerRefused {
        index: usize,
        decision: String,
        reason: String,
    },
    /// A recorded timeout where the decision now has no time limit.
    NoLongerTimed {
        index: usize,
        decision: String,
    },
    /// Decisions after the first problem that were not replayed.
    NotReplayed {
        decisions: Vec<String>,
    },
    /// The transcript stops at a decision the scenario still asks.
    Unanswered {
        decision: String,
    },
    EndingChanged {
        recorded: Option<String>,
        reached: Option<String>,
    },
}

impl ReplayProblem {
    /// Whether the replay stopped short of the transcript here. A changed version or a
    /// decision still waiting for its answer are facts about the run, not breaks in it.
    pub fn stops_replay(&self) -> bool {
        !matches!(
            self,
            ReplayProblem::Unanswered { .. } | ReplayProblem::ContentChanged { .. }
        )
    }
}

impl std::fmt::Display for ReplayProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplayProblem::OtherScenario { recorded, current } => write!(
                f,
                "the transcript is of scenario `{recorded}`, not `{current}`"
            ),
            ReplayProblem::ContentChanged {
                recorded_version,
                current_version,
            } => write!(
                f,
                "the scenario has changed since the run (version {recorded_version} then, {current_version} now)"
            ),
            ReplayProblem::DifferentDecision {
                index,
                recorded,
                offered,
            } => write!(
                f,
                "decision {} no longer applies: the run answered `{recorded}`, {}",
                index + 1,
                match offered {
                    Some(offered) => format!("the scenario now asks `{offered}`"),
                    None => "but the scenario now ends before it".to_owned(),
                }
            ),
            ReplayProblem::AnswerRefused {
                index,
                decision,
                reason,
            } => write!(
                f,
                "decision {} (`{decision}`) no longer applies: {reason}",
                index + 1
            ),
            ReplayProblem::NoLongerTimed { index, decision } => write!(
                f,
                "decision {} (`{decision}`) timed out in the run but has no time limit now",
                index + 1
            ),
            ReplayProblem::NotReplayed { decisions } => {
                write!(f, "not replayed: {}", decisions.join(", "))
            }
            ReplayProblem::Unanswered { decision } => write!(
                f,
                "the run stops at decision `{decision}`, which the scenario still asks"
            ),
            ReplayProblem::EndingChanged { recorded, reached } => write!(
                f,
                "the run ended at {}, the replay at {}",
                recorded.as_deref().unwrap_or("no ending"),
                reached.as_deref().unwrap_or("no ending")
            ),
        }
    }
}

/// The session a transcript replays to, and everything that did not match.
pub struct Replay {
    pub session: Session,
    pub problems: Vec<ReplayProblem>,
    /// Every event of the replay in order, so a screen can show what the run had shown.
    pub events: Vec<PlayEvent>,
}

/// Replays a transcript against a scenario with the same engine the app uses.
pub fn replay(
    scenario: Arc<Scenario>,
    catalogue: Arc<Catalogue>,
    transcript: &Transcript,
) -> Replay {
    let mut problems = Vec::new();
    if transcript.scenario != scenario.id {
        problems.push(ReplayProblem::OtherScenario {
            recorded: transcript.scenario.clone(),
            current: scenario.id.clone(),
        });
    }
    if transcript.content_hash != content_hash(&scenario) {
        problems.push(ReplayProblem::ContentChanged {
            recorded_version: transcript.version,
            current_version: scenario.version,
        });
    }
    let mut session =
        Session::playing_as(scenario, catalogue, transcript.seed, transcript.profession)
            .with_decision_time(transcript.decision_time);
    let mut stopped_at = None;
    let mut events = Vec::new();
    for (index, recorded) in transcript.decisions.iter().enumerate() {
        if let Err(problem) = replay_decision(&mut session, &mut events, index, recorded) {
            problems.push(problem);
            stopped_at = Some(index);
            break;
        }
    }
    if let Some(index) = stopped_at {
        let rest: Vec<String> = transcript.decisions[index + 1..]
            .iter()
            .map(|d| d.decision.clone())
            .collect();
        if !rest.is_empty() {
            problems.push(ReplayProblem::NotReplayed { decisions: rest });
        }
    } else {
        events.extend(session.advance_to_decision());
        if let Some(offer) = session.pending() {
            problems.push(ReplayProblem::Unanswered {
                decision: offer.decision.clone(),
            });
        } else if transcript.ending.is_some() && transcript.ending.as_deref() != session.ending() {
            // A transcript with no ending was left after its last answer (closed or killed
            // before the ending showed): reaching one now is the run carrying on, not a change.
            problems.push(ReplayProblem::EndingChanged {
                recorded: transcript.ending.clone(),
                reached: session.ending().map(str::to_owned),
            });
        }
    }
    Replay {
        session,
        problems,
        events,
    }
}

/// Replays one recorded decision, with its events, or says why it no longer applies.
fn replay_decision(
    session: &mut Session,
    events: &mut Vec<PlayEvent>,
    index: usize,
    recorded: &RecordedDecision,
) -> Result<(), ReplayProblem> {
    let decision = || recorded.decision.clone();
    let refused = |reason: String| ReplayProblem::AnswerRefused {
        index,
        decision: decision(),
        reason,
    };
    let different = |offered: Option<String>| ReplayProblem::DifferentDecision {
        index,
        recorded: decision(),
        offered,
    };
    events.extend(session.advance_to_decision());
    let offer = session.pending().cloned().ok_or_else(|| different(None))?;
    if offer.decision != recorded.decision {
        return Err(different(Some(offer.decision)));
    }
    if recorded.timed_out {
        let seconds = offer
            .time_limit
            .ok_or_else(|| ReplayProblem::NoLongerTimed {
                index,
                decision: decision(),
            })?;
        events.extend(session.advance(Duration::from_secs(u64::from(seconds))));
        return Ok(());
    }
    events.extend(session.advance(Duration::from_millis(recorded.took)));
    if session.pending().is_none() {
        return Err(refused(
            "the answer came after the time limit the decision has now".to_owned(),
        ));
    }
    let answer = match offer.kind {
        OfferKind::Choose => Answer::Choose(recorded.chosen.first().cloned().unwrap_or_default()),
        OfferKind::Rank => Answer::Rank(recorded.chosen.clone()),
        OfferKind::ChooseSeveral { .. } => Answer::Several(recorded.chosen.clone()),
    };
    events.extend(
        session
            .answer(answer)
            .map_err(|error| refused(error.to_string()))?,
    );
    Ok(())
}
