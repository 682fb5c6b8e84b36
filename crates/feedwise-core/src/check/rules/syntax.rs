//! `syntax`: the file is not valid RON, or valid RON of the wrong shape (a missing or unknown
//! field, a wrong type). The position is ron's.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "syntax",
    severity: Severity::Error,
    summary: "the file is not valid RON or does not have the shape of a scenario",
};
