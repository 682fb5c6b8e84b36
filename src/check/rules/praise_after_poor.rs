//! `praise-after-poor`: a path on which an answer was graded Poor or Breach must not end in an
//! ending whose tone is `Praise`, or the last thing the trainee reads contradicts the grade
//! they were given. Critical answers are `critical-praise`'s.
use super::prelude::*;
use super::shared::option_path;
use crate::scenario::Tone;

pub const RULE: Rule = Rule {
    code: "praise-after-poor",
    severity: Severity::Error,
    summary: "a path through an answer graded Poor or Breach reaches an ending marked `tone: Praise`",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(exploration) = cx.exploration() else {
        return; // A loop or a limit: `cycle` or `exploration-limit` says so.
    };
    // A selection stands for many: report each option and ending once.
    let mut reported = std::collections::BTreeSet::new();
    for reach in &exploration.after_poor {
        for ending in &reach.endings {
            let praising = cx
                .scenario
                .ending(ending)
                .is_some_and(|e| e.tone == Some(Tone::Praise));
            if !praising {
                continue;
            }
            for option_id in &reach.options {
                if !reported.insert((&reach.decision, option_id, ending)) {
                    continue;
                }
                let Some((path, option)) = option_path(cx, &reach.decision, option_id) else {
                    continue;
                };
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&path.field("id")),
                        format!(
                            "option `{option_id}`, graded {}, can lead to ending `{ending}`, whose tone is `Praise`",
                            option.grade.word()
                        ),
                    )
                    .with_help(format!(
                        "set a flag on `{option_id}` and route it to an ending that says what went wrong, in a Mixed or Recovered tone, or give `{ending}` another tone"
                    )),
                );
            }
        }
    }
}
