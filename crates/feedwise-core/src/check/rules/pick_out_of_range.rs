//! `pick-out-of-range`: `ChooseSeveral` asks for k of n options; k must be at least 1 and less
//! than n, or there is nothing to judge.
use super::prelude::*;
use crate::scenario::DecisionKind;

pub const RULE: Rule = Rule {
    code: "pick-out-of-range",
    severity: Severity::Error,
    summary: "`ChooseSeveral` has `pick` of 0 or not fewer than its options",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, decision) in walk::decisions(cx.scenario) {
        let DecisionKind::ChooseSeveral { pick, .. } = &decision.kind else {
            continue;
        };
        let n = decision.options.len();
        if *pick == 0 || *pick as usize >= n {
            out.push(
                cx.report(
                    &RULE,
                    At::Value(&path.field("kind").field("pick")),
                    format!("`pick: {pick}` with {n} options"),
                )
                .with_help(format!(
                    "pick between 1 and {} options",
                    n.saturating_sub(1).max(1)
                )),
            );
        }
    }
}
