//! `byte-order-mark`: the file starts with an invisible byte-order mark, which some Windows
//! editors write. It is read past, and said, so that an author knows why another tool may
//! stumble on the file.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "byte-order-mark",
    severity: Severity::Warning,
    summary: "the file starts with a byte-order mark, which was ignored",
};
