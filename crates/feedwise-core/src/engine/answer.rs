//! What a caller may answer at a decision, and what is wrong with an answer that is refused.

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error(
        "an answer was given, but no decision is waiting for one; advance the timeline until a decision is offered"
    )]
    NothingPending,
    #[error("the scenario has ended; there is nothing left to answer")]
    Finished,
    #[error("decision `{decision}` asks for {expected}, but {given} was given")]
    WrongKind {
        decision: String,
        expected: &'static str,
        given: &'static str,
    },
    #[error("decision `{decision}` has no option `{option}`; its options are {}", known.join(", "))]
    UnknownOption {
        decision: String,
        option: String,
        known: Vec<String>,
    },
    #[error("option `{option}` is given twice for decision `{decision}`")]
    Repeated { decision: String, option: String },
    #[error("a ranking for `{decision}` must place every option once; missing: {}", missing.join(", "))]
    NotAPermutation {
        decision: String,
        missing: Vec<String>,
    },
    #[error(
        "decision `{decision}` needs exactly {expected} options chosen, but {given} were given"
    )]
    WrongCount {
        decision: String,
        expected: usize,
        given: usize,
    },
}

/// How an answer kind is named in messages.
pub fn kind_word(answer: &Answer) -> &'static str {
    match answer {
        Answer::Choose(_) => "one option (Choose)",
        Answer::Rank(_) => "a ranking (Rank)",
        Answer::Several(_) => "a selection (ChooseSeveral)",
    }
}
