//! Every event, decision, outcome and text of a scenario, each with its path in the document,
//! so rules do not each repeat the nested loops.

use crate::scenario::spans::ValuePath;
use crate::scenario::{Decision, DecisionOption, Event, Happening, Platform, Route, Scenario};

/// The events of every beat and ending, with the path of each event's list.
pub fn event_lists(scenario: &Scenario) -> Vec<(ValuePath, &[Event])> {
    let root = ValuePath::root();
    let beats = scenario.beats.iter().enumerate().map(|(i, beat)| {
        (
            root.field("beats").index(i).field("events"),
            beat.events.as_slice(),
        )
    });
    let endings = scenario.endings.iter().enumerate().map(|(i, ending)| {
        (
            root.field("endings").index(i).field("events"),
            ending.events.as_slice(),
        )
    });
    beats.chain(endings).collect()
}

/// Every event with the path of its `show` value.
pub fn happenings(scenario: &Scenario) -> Vec<(ValuePath, &Happening)> {
    event_lists(scenario)
        .into_iter()
        .flat_map(|(list, events)| {
            events
                .iter()
                .enumerate()
                .map(move |(i, event)| (list.index(i).field("show"), &event.show))
        })
        .collect()
}

/// Every decision with its path.
pub fn decisions(scenario: &Scenario) -> Vec<(ValuePath, &Decision)> {
    scenario
        .beats
        .iter()
        .enumerate()
        .filter_map(|(i, beat)| {
            let decision = beat.decision.as_ref()?;
            Some((
                ValuePath::root().field("beats").index(i).field("decision"),
                decision,
            ))
        })
        .collect()
}

/// Every route of every beat's `then`, with its path.
pub fn routes(scenario: &Scenario) -> Vec<(ValuePath, &Route)> {
    let beats = ValuePath::root().field("beats");
    (scenario.beats.iter().enumerate())
        .flat_map(|(i, beat)| {
            let then = beats.index(i).field("then");
            (beat.then.iter().enumerate()).map(move |(j, route)| (then.index(j), route))
        })
        .collect()
}

/// Every option, and every timeout default, with its path.
pub fn outcomes(scenario: &Scenario) -> Vec<(ValuePath, &DecisionOption)> {
    decisions(scenario)
        .into_iter()
        .flat_map(|(path, decision)| outcomes_of(&path, decision))
        .collect()
}

/// The options, then the timeout default, of the decision at `path`, each with its path.
pub fn outcomes_of<'s>(
    path: &ValuePath,
    decision: &'s Decision,
) -> Vec<(ValuePath, &'s DecisionOption)> {
    let options = (decision.options.iter().enumerate())
        .map(|(i, option)| (path.field("options").index(i), option));
    let default = (decision.timeout.iter())
        .map(|timeout| (path.field("timeout").field("default"), &timeout.default));
    options.chain(default).collect()
}

/// Every text a trainee reads (where `{variables}` may appear), with its path.
pub fn texts(scenario: &Scenario) -> Vec<(ValuePath, &str)> {
    let root = ValuePath::root();
    let mut found: Vec<(ValuePath, &str)> = vec![
        (root.field("title"), &scenario.title),
        (root.field("summary"), &scenario.summary),
    ];
    for (name, texts) in &scenario.by_audience {
        for (audience, text) in texts {
            let path = root.field("by_audience").key(name);
            found.push((path.key(&format!("{audience:?}")), text));
        }
    }
    for (i, persona) in scenario.cast.iter().enumerate() {
        let path = root.field("cast").index(i);
        found.push((path.field("name"), &persona.name));
        found.push((path.field("handle"), &persona.handle));
        if let Some(bio) = &persona.bio {
            found.push((path.field("bio"), bio));
        }
    }
    if let Platform::GroupChat { name, .. } = &scenario.platform {
        found.push((root.field("platform").field("name"), name));
    }
    for (path, happening) in happenings(scenario) {
        if let Happening::Post {
            shows: Some(shows), ..
        } = happening
        {
            found.push((path.field("shows"), shows));
        }
        match happening {
            Happening::Post { text, .. }
            | Happening::Reply { text, .. }
            | Happening::Message { text, .. }
            | Happening::Notification { text, .. }
            | Happening::Resurfaced { text, .. } => found.push((path.field("text"), text)),
            Happening::Engagement { .. } | Happening::Deleted { .. } => {}
        }
    }
    for (path, decision) in decisions(scenario) {
        found.push((path.field("prompt"), &decision.prompt));
        for (i, question) in decision.discuss.iter().enumerate() {
            found.push((path.field("discuss").index(i), question));
        }
    }
    for (path, option) in outcomes(scenario) {
        found.push((path.field("text"), &option.text));
        found.push((path.field("feedback"), &option.feedback));
    }
    for (i, ending) in scenario.endings.iter().enumerate() {
        let path = root.field("endings").index(i);
        found.push((path.field("title"), &ending.title));
        found.push((path.field("debrief"), &ending.debrief));
    }
    found
}
