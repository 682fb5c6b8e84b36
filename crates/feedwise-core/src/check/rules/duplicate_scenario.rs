//! `duplicate-scenario`: two files declare the same scenario id, so `--scenario ID` and
//! transcripts could not tell them apart.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "duplicate-scenario",
    severity: Severity::Error,
    summary: "two scenario files declare the same `id`",
};
