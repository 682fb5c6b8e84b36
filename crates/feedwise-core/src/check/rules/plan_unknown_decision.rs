//! `plan-unknown-decision`: a session plan gives discussion prompts for a decision its scenario does not have. Checked by `check::plan` on files in a `sessions` folder.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "plan-unknown-decision",
    severity: Severity::Error,
    summary: "a session plan gives discussion prompts for a decision its scenario does not have",
};
