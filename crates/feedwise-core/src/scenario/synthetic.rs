//! Synthetic scenarios, generated rather than written: for benchmarks (1,000 files to check,
//! a deep scenario to explore) and for tests that need size rather than content.

use std::collections::BTreeMap;

use super::model::*;

/// Which decision kinds a synthetic scenario cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// Only `Choose` decisions with `width` options each.
    ChooseOnly,
    /// `Choose`, `Rank` (5 options) and `ChooseSeveral` (3 of 6) in turn.
    AllKinds,
}

/// A valid scenario of `decisions` beats in a row, each with a few events and a decision.
pub fn synthetic(id: &str, decisions: usize, width: usize, mix: Mix) -> Scenario {
    let width = width.max(2);
    let beat_id = |i: usize| format!("beat-{i}");
    let beats = (0..decisions)
        .map(|i| {
            let next = if i + 1 == decisions {
                "end".to_owned()
            } else {
                beat_id(i + 1)
            };
            let kind_index = match mix {
                Mix::ChooseOnly => 0,
                Mix::AllKinds => i % 3,
            };
            let count = match kind_index {
                1 => 5,
                2 => 6,
                _ => width,
            };
            let options: Vec<DecisionOption> = (0..count).map(|o| option(i, o)).collect();
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            let kind = match kind_index {
                1 => DecisionKind::Rank { key: ids },
                2 => DecisionKind::ChooseSeveral {
                    pick: 3,
                    key: ids[..3].to_vec(),
                },
                _ => DecisionKind::Choose,
            };
            Beat {
                id: beat_id(i),
                events: events(i),
                decision: Some(Decision {
                    id: format!("decision-{i}"),
                    prompt: format!("Decision {i}: {{patient}} replies again. What now?"),
                    kind,
                    options,
                    timeout: None,
                    discuss: vec![],
                }),
                then: vec![Route {
                    when: Condition::Always,
                    to: next,
                }],
            }
        })
        .collect();
    Scenario {
        id: id.to_owned(),
        title: format!("Synthetic scenario {id}"),
        summary: "Generated for benchmarks and tests.".to_owned(),
        tags: vec!["synthetic".to_owned()],
        focus: vec!["boundaries".to_owned()],
        edition: "SM24".to_owned(),
        audiences: vec![Audience::Doctor],
        minutes: 5,
        version: 1,
        variants: BTreeMap::from([(
            "patient".to_owned(),
            vec!["Sam".to_owned(), "Jo".to_owned()],
        )]),
        by_audience: BTreeMap::new(),
        platform: Platform::Feed,
        cast: vec![
            persona("me", "Dr Me", "drme", Role::Me, 10),
            persona("pt", "{patient}", "pt", Role::Patient, 3),
        ],
        start: if decisions == 0 {
            "end".to_owned()
        } else {
            beat_id(0)
        },
        beats,
        endings: vec![Ending {
            id: "end".into(),
            title: "The end".into(),
            events: vec![],
            debrief: "Generated ending.".into(),
            tone: None,
        }],
    }
}

fn persona(id: &str, name: &str, handle: &str, role: Role, followers: u32) -> Persona {
    Persona {
        id: id.into(),
        name: name.into(),
        handle: handle.into(),
        role,
        bio: None,
        avatar: None,
        verified: false,
        followers,
    }
}

fn events(i: usize) -> Vec<Event> {
    let post = format!("post-{i}");
    vec![
        Event {
            at: 0,
            show: Happening::Post {
                id: post.clone(),
                by: "pt".into(),
                text: format!("Post {i} from {{patient}}"),
                image: None,
                shows: None,
                likes: 1,
                reposts: 0,
            },
        },
        Event {
            at: 5,
            show: Happening::Reply {
                id: format!("reply-{i}"),
                to: post.clone(),
                by: "me".into(),
                text: "A reply".into(),
                likes: 0,
            },
        },
        Event {
            at: 9,
            show: Happening::Engagement {
                post,
                likes: Some(40),
                reposts: Some(3),
                replies: None,
            },
        },
    ]
}

fn option(decision: usize, index: usize) -> DecisionOption {
    let grade = [
        Grade::Exemplary,
        Grade::Acceptable,
        Grade::Poor,
        Grade::Breach,
    ][index % 4];
    DecisionOption {
        id: format!("d{decision}-o{index}"),
        text: format!("Option {index}"),
        grade,
        effects: BTreeMap::from([
            ("boundaries".to_owned(), 2 - index as i32),
            ("respect".to_owned(), (index % 2) as i32),
        ]),
        critical: false,
        behaviours: vec![],
        exception: None,
        feedback: "Generated feedback.".into(),
        cite: vec![Citation("SM24".into(), "18".into())],
        next: None,
        set: vec![],
    }
}

/// `decisions` two-way decisions that each set a flag of their own, all tested together by the
/// last beat's first route: no two paths share a state, so exploration has 2^decisions of them
/// to tell apart (the shape that exhausted memory before the state budget).
pub fn flags_kept_apart(decisions: usize) -> Scenario {
    let mut scenario = synthetic("flags", decisions, 2, Mix::ChooseOnly);
    let flags: Vec<String> = (0..decisions).map(|i| format!("f{i}")).collect();
    for (beat, flag) in scenario.beats.iter_mut().zip(&flags) {
        if let Some(decision) = beat.decision.as_mut() {
            decision.options[0].set = vec![flag.clone()];
        }
    }
    if let Some(last) = scenario.beats.last_mut() {
        let end = last
            .then
            .last()
            .map_or_else(|| "end".to_owned(), |r| r.to.clone());
        last.then.insert(
            0,
            Route {
                when: Condition::All(flags.into_iter().map(Condition::Flag).collect()),
                to: end,
            },
        );
    }
    scenario
}

/// One `ChooseSeveral` decision of `options` interchangeable options (copies of one, with ids
/// `o0`, `o1`...), `pick` of them to choose, the first `pick` keyed.
pub fn wide_selection(options: usize, pick: u32) -> Scenario {
    one_decision_of_copies("wide", options, |_| DecisionKind::ChooseSeveral {
        pick,
        key: (0..pick).map(|i| format!("o{i}")).collect(),
    })
}

/// One `Rank` decision of `options` options keyed in the order they are listed.
pub fn long_ranking(options: usize) -> Scenario {
    one_decision_of_copies("ranked", options, |ids| DecisionKind::Rank {
        key: ids.to_vec(),
    })
}

/// A scenario of one decision whose `options` options are copies of one (ids `o0`, `o1`...),
/// of the kind `kind` makes from those ids.
fn one_decision_of_copies(
    id: &str,
    options: usize,
    kind: impl FnOnce(&[String]) -> DecisionKind,
) -> Scenario {
    let mut scenario = synthetic(id, 1, 4, Mix::ChooseOnly);
    if let Some(decision) = scenario.beats[0].decision.as_mut() {
        let template = decision.options[0].clone();
        let ids: Vec<String> = (0..options).map(|i| format!("o{i}")).collect();
        decision.options = ids
            .iter()
            .map(|id| DecisionOption {
                id: id.clone(),
                ..template.clone()
            })
            .collect();
        decision.kind = kind(&ids);
    }
    scenario
}
