//! What a caller may answer at a decision, and what is wrong with an answer that is refused.

use std::fmt;

/// An answer names options by id, never by position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Answer {
    /// The one option chosen (`Choose`).
    Choose(String),
    /// Every option, best first (`Rank`).
    Rank(Vec<String>),
    /// Exactly `pick` options (`ChooseSeveral`).
    Several(Vec<String>),
}

impl Answer {
    pub fn ids(&self) -> Vec<String> {
        match self {
            Answer::Choose(id) => vec![id.clone()],
            Answer::Rank(ids) | Answer::Several(ids) => ids.clone(),
        }
    }
}

/// Why an answer was refused. A refused answer changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    NothingPending,
    Finished,
    WrongKind {
        decision: String,
        expected: &'static str,
        given: &'static str,
    },
    UnknownOption {
        decision: String,
        option: String,
        known: Vec<String>,
    },
    Repeated {
        decision: String,
        option: String,
    },
    NotAPermutation {
        decision: String,
        missing: Vec<String>,
    },
    WrongCount {
        decision: String,
        expected: usize,
        given: usize,
    },
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::NothingPending => write!(
                f,
                "an answer was given, but no decision is waiting for one; advance the timeline until a decision is offered"
            ),
            AnswerError::Finished => {
                write!(f, "the scenario has ended; there is nothing left to answer")
            }
            AnswerError::WrongKind {
                decision,
                expected,
                given,
            } => write!(
                f,
                "decision `{decision}` asks for {expected}, but {given} was given"
            ),
            AnswerError::UnknownOption {
                decision,
                option,
                known,
            } => write!(
                f,
                "decision `{decision}` has no option `{option}`; its options are {}",
                known.join(", ")
            ),
            AnswerError::Repeated { decision, option } => write!(
                f,
                "option `{option}` is given twice for decision `{decision}`"
            ),
            AnswerError::NotAPermutation { decision, missing } => write!(
                f,
                "a ranking for `{decision}` must place every option once; missing: {}",
                missing.join(", ")
            ),
            AnswerError::WrongCount {
                decision,
                expected,
                given,
            } => write!(
                f,
                "decision `{decision}` needs exactly {expected} options chosen, but {given} were given"
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

/// How an answer kind is named in messages.
pub fn kind_word(answer: &Answer) -> &'static str {
    match answer {
        Answer::Choose(_) => "one option (Choose)",
        Answer::Rank(_) => "a ranking (Rank)",
        Answer::Several(_) => "a selection (ChooseSeveral)",
    }
}
