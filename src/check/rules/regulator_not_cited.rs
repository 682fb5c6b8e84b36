//! `regulator-not-cited`: a scenario written for nurses, midwives, allied health professionals
//! or doctors should cite their own regulator somewhere, because that is the guidance the
//! trainee answers to (a dietitian is not bound by GMC paragraphs).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "regulator-not-cited",
    severity: Severity::Warning,
    summary: "no option cites the regulator of one of the scenario's audiences",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cited = |publisher: &str| {
        walk::outcomes(cx.scenario).iter().any(|(_, option)| {
            option.cite.iter().any(|c| {
                cx.catalogue
                    .document(c.document())
                    .is_some_and(|d| d.publisher == publisher && d.replaced_by.is_none())
            })
        })
    };
    let mut reported = Vec::new();
    for (i, &audience) in cx.scenario.audiences.iter().enumerate() {
        let Some(publisher) = audience.regulator() else {
            continue;
        };
        if reported.contains(&publisher) || cited(publisher) {
            continue;
        }
        reported.push(publisher);
        let current: Vec<&str> = cx
            .catalogue
            .documents
            .iter()
            .filter(|d| d.publisher == publisher && d.replaced_by.is_none())
            .map(|d| d.id.as_str())
            .collect();
        out.push(
            cx.report(
                &RULE,
                At::Value(&ValuePath::root().field("audiences").index(i)),
                format!(
                    "the scenario is for {} but no option cites current {publisher} guidance",
                    audience.word()
                ),
            )
            .with_help(format!(
                "cite the {publisher} paragraphs that support the feedback ({})",
                current.join(", ")
            )),
        );
    }
}
