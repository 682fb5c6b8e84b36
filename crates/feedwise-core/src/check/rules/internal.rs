//! `internal`: feedwise itself failed (panicked) while checking a file. The file is reported
//! with the failure rather than silently left out, and the run goes on with the other files.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "internal",
    severity: Severity::Error,
    summary: "feedwise failed while checking a file (a bug in feedwise, not in the file)",
};
