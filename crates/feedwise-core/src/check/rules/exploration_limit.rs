//! `exploration-limit`: the engine could not follow every path within its limits (states,
//! memory, depth, selections at one decision, options in a ranking). `check` still finishes:
//! reachability falls back to the beat graph, which assumes every condition can hold, and the
//! rules that need every path (`critical-praise`, `praise-after-poor`) cannot vouch for this
//! file.
use super::prelude::*;
use crate::engine::paths::ExploreError;

pub const RULE: Rule = Rule {
    code: "exploration-limit",
    severity: Severity::Warning,
    summary: "the scenario has more distinct paths than exploration can follow",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(error) = cx.exploration_error() else {
        return;
    };
    let root = ValuePath::root();
    // Loops and a bad `start` have rules of their own (`cycle`, `unknown-target`).
    let at = match error {
        ExploreError::UnknownStart(_) | ExploreError::Loop { .. } => return,
        ExploreError::TooManyCombinations { decision, .. }
        | ExploreError::TooManyToRank { decision, .. } => decision_kind(cx, decision),
        ExploreError::TooDeep | ExploreError::TooManyStates { .. } => None,
    }
    .unwrap_or_else(|| root.field("start"));
    out.push(
        cx.report(&RULE, At::Value(&at), error.to_string())
            .with_note(
                "reachability was checked on the graph of beats instead, as if every condition \
                 could hold, and `critical-praise` and `praise-after-poor` could not be checked",
            )
            .with_help(
                "split the scenario in two, test fewer flags set by earlier choices, or give \
                 fewer options that jump or set flags to one decision; the limits are in \
                 docs/authoring.md",
            ),
    );
}

/// Where a decision's `kind` is written.
fn decision_kind(cx: &Context<'_>, decision: &str) -> Option<ValuePath> {
    walk::decisions(cx.scenario)
        .into_iter()
        .find(|(_, d)| d.id == decision)
        .map(|(path, _)| path.field("kind"))
}
