//! `plan-duplicate`: a session plan runs the same scenario twice. Checked by `check::plan` on files in a `sessions` folder.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "plan-duplicate",
    severity: Severity::Error,
    summary: "a session plan runs the same scenario twice",
};
