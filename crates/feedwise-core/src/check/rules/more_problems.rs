//! `more-problems`: a file with more than `MAX_DIAGNOSTICS_PER_FILE` problems shows the first
//! ones and this one, which counts the rest and points at the first not shown. Its severity is
//! that of the worst problem it stands for. Reported by the driver (`check::keep_first`).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "more-problems",
    severity: Severity::Error,
    summary: "a file has more problems than are listed; the rest are counted",
};
