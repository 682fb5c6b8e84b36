//! `file-too-large`: a file over the size limit is not read at all, so a stray or hostile
//! file in a shared scenario pack cannot cost memory or time.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "file-too-large",
    severity: Severity::Error,
    summary: "the file is larger than the 4 MiB limit for scenario and catalogue files",
};
