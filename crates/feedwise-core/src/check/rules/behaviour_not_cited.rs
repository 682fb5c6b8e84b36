//! `behaviour-not-cited`: a behaviour lists the paragraphs that govern it for each regulator;
//! an option that is that behaviour, in a scenario for that regulator's registrants, should
//! cite one of them, so the trainee reads the rule they answer to.
use super::prelude::*;
use crate::scenario::Audience;

pub const RULE: Rule = Rule {
    code: "behaviour-not-cited",
    severity: Severity::Warning,
    summary: "an option cites none of its behaviour's paragraphs for a regulator of the audience",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Each regulator once, with the audiences it binds ("nurses and midwives").
    let mut regulators: Vec<(&str, Vec<Audience>)> = Vec::new();
    for &audience in &cx.scenario.audiences {
        let Some(regulator) = audience.regulator() else {
            continue;
        };
        match regulators.iter_mut().find(|(r, _)| *r == regulator) {
            Some((_, bound)) if !bound.contains(&audience) => bound.push(audience),
            Some(_) => {}
            None => regulators.push((regulator, vec![audience])),
        }
    }
    for (path, option) in walk::outcomes(cx.scenario) {
        for id in &option.behaviours {
            let Some(behaviour) = cx.catalogue.behaviour(id) else {
                continue;
            };
            for (regulator, audiences) in &regulators {
                let listed = behaviour.cited_for(regulator);
                if listed.is_empty() || listed.iter().any(|c| option.cite.contains(c)) {
                    continue;
                }
                let wanted: Vec<String> = listed
                    .iter()
                    .map(|c| format!("(\"{}\", \"{}\")", c.document(), c.part()))
                    .collect();
                let who: Vec<&str> = audiences.iter().map(|a| a.word()).collect();
                out.push(
                    cx.report(
                        &RULE,
                        At::Value(&path.field("cite")),
                        format!(
                            "option `{}` is behaviour `{id}` but cites none of its {regulator} paragraphs",
                            option.id
                        ),
                    )
                    .with_help(format!(
                        "cite {} for {}",
                        wanted.join(" or "),
                        who.join(" and ")
                    )),
                );
            }
        }
    }
}
