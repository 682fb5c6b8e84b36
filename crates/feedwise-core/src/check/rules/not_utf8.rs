//! `not-utf8`: scenario files are UTF-8 text; anything else is refused before parsing.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "not-utf8",
    severity: Severity::Error,
    summary: "the file is not UTF-8 text (the position of the first bad byte is given)",
};
