//! `curly-quotes`: text written between curly quotes (`“ ”`, as a word processor types them)
//! was read as if the quotes were straight. Reported once a file, at the first.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "curly-quotes",
    severity: Severity::Warning,
    summary: "text between curly quotes was read as if the quotes were straight",
};
