//! `events-out-of-order`: events are listed in the order they arrive; an earlier `at` after a
//! later one is almost always a typo.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "events-out-of-order",
    severity: Severity::Error,
    summary: "an event's `at` is earlier than the event before it",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (list, events) in walk::event_lists(cx.scenario) {
        for (i, pair) in events.windows(2).enumerate() {
            if pair[1].at < pair[0].at {
                let path = list.index(i + 1).field("at");
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&path),
                        format!(
                            "event at {}s comes after an event at {}s",
                            pair[1].at, pair[0].at
                        ),
                    )
                    .with_help("list events in the order they arrive, or fix the time"),
                );
            }
        }
    }
}
