//! `plan-unknown-scenario`: a session plan names a scenario id that no scenario has. Checked by `check::plan` on files in a `sessions` folder.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "plan-unknown-scenario",
    severity: Severity::Error,
    summary: "a session plan names a scenario id that no scenario has",
};
