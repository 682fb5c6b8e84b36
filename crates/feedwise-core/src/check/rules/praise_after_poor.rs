//! `praise-after-poor`: a path on which an answer was graded Poor or Breach must not end in an
//! ending whose tone is `Praise`, or the last thing the trainee reads contradicts the grade
//! they were given. Critical answers are `critical-praise`'s.
use super::prelude::*;
use super::shared::praised_after;

pub const RULE: Rule = Rule {
    code: "praise-after-poor",
    severity: Severity::Error,
    summary: "a path through an answer graded Poor or Breach reaches an ending marked `tone: Praise`",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(exploration) = cx.exploration() else {
        return; // A loop or a limit: `cycle` or `exploration-limit` says so.
    };
    for found in praised_after(cx, &exploration.after_poor) {
        let (option, ending) = (&found.option.id, found.ending);
        out.push(
            cx.report(
                &RULE,
                At::Value(&found.path.field("id")),
                format!(
                    "option `{option}`, graded {}, can lead to ending `{ending}`, whose tone is `Praise`",
                    found.option.grade.word()
                ),
            )
            .with_help(format!(
                "set a flag on `{option}` and route it to an ending that says what went wrong, in a Mixed or Recovered tone, or give `{ending}` another tone"
            )),
        );
    }
}
