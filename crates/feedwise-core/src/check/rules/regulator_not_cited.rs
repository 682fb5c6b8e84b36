//! `regulator-not-cited`: a scenario written for nurses, midwives, allied health professionals
//! or doctors should cite their own regulator somewhere, because that is the guidance the
//! trainee answers to (a dietitian is not bound by GMC paragraphs).
use super::prelude::*;
use crate::scenario::{Catalogue, Scenario};

pub const RULE: Rule = Rule {
    code: "regulator-not-cited",
    severity: Severity::Warning,
    summary: "no option cites the regulator of one of the scenario's audiences",
};

/// Each regulator of the scenario's audiences that no option cites (current documents only),
/// with the index of the first audience it binds. `--coverage` counts the same.
pub fn uncited_regulators(
    scenario: &Scenario,
    catalogue: &Catalogue,
) -> Vec<(usize, &'static str)> {
    let cited: Vec<&str> = walk::outcomes(scenario)
        .iter()
        .flat_map(|(_, option)| &option.cite)
        .filter_map(|c| catalogue.document(c.document()))
        .filter(|d| d.replaced_by.is_none())
        .map(|d| d.publisher.as_str())
        .collect();
    let mut uncited: Vec<(usize, &'static str)> = Vec::new();
    for (i, audience) in scenario.audiences.iter().enumerate() {
        if let Some(publisher) = audience.regulator()
            && !cited.contains(&publisher)
            && !uncited.iter().any(|(_, p)| *p == publisher)
        {
            uncited.push((i, publisher));
        }
    }
    uncited
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, publisher) in uncited_regulators(cx.scenario, cx.catalogue) {
        let audience = cx.scenario.audiences[i];
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
