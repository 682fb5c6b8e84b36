//! Runs as xAPI 1.0.3 statements for a learning record store (LRS). Per run: `attempted` the
//! scenario at its start, `answered` for each decision (a `cmi.interaction` with its options,
//! key and the trainee's response), and for a finished run `completed` then `passed` or
//! `failed` (`passed`: see `PASS_PERCENTAGE`). The registration is the run's id. Statement ids
//! are UUID v5 of the run id and the statement's role, and every time comes from the record,
//! never the clock, so exporting or sending again gives byte-identical statements and an LRS
//! stores each once. The actor is a pseudonymous account, never a name or an email address.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::record::{AnswerKind, DecisionRecord, RunRecord, RunStatus};
use crate::scenario::Grade;

/// The activity base when none is given: a reserved top-level domain (RFC 2606), so the ids
/// are well-formed IRIs that resolve nowhere.
pub const DEFAULT_BASE: &str = "https://feedwise.invalid/xapi/";

/// A finished run passes with at least this percentage and no critical breach.
pub const PASS_PERCENTAGE: u32 = 70;

pub const VERSION: &str = "1.0.3";

/// Every verb is this and its display word: `attempted`, `answered`, `completed`, ...
const VERBS: &str = "http://adlnet.gov/expapi/verbs/";
const TYPE_SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
const TYPE_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
const TYPE_ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

/// The namespace of statement ids: UUID v5 of this URL in the URL namespace.
fn namespace() -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        b"https://feedwise.invalid/xapi/statement-ids",
    )
}

/// Who the statements are about: a pseudonymous account, e.g. `trainee-3f9a0c1d` at
/// `https://feedwise.invalid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub home_page: String,
    pub name: String,
}

impl Actor {
    /// An account at the activity base's origin (`https://feedwise.invalid` by default).
    pub fn at(base: &str, name: &str) -> Actor {
        let origin = base
            .find("://")
            .map(|scheme| {
                let rest = &base[scheme + 3..];
                &base[..scheme + 3 + rest.find('/').unwrap_or(rest.len())]
            })
            .unwrap_or(base);
        Actor {
            home_page: origin.to_owned(),
            name: name.to_owned(),
        }
    }
}

pub type LanguageMap = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: String,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Outcome>,
    pub context: Context,
    pub timestamp: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub account: Account,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    #[serde(rename = "homePage")]
    pub home_page: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verb {
    pub id: String,
    pub display: LanguageMap,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    pub name: LanguageMap,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(
        rename = "interactionType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub interaction_type: Option<String>,
    #[serde(
        rename = "correctResponsesPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub correct_responses_pattern: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<Component>>,
}

/// An option of an interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    pub id: String,
    pub description: LanguageMap,
}

/// A statement's `result`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub scaled: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub registration: String,
    #[serde(
        rename = "contextActivities",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context_activities: Option<ContextActivities>,
    pub platform: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextActivities {
    pub parent: Vec<Activity>,
    /// The practice set a practised decision belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grouping: Vec<Activity>,
}

/// An activity base from the command line: an http or https URL, ending in `/`.
pub fn activity_base(text: &str) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split('/').next().unwrap_or_default());
    if host.is_none_or(str::is_empty)
        || text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`#?".contains(c))
    {
        return Err(format!(
            "--activity-base `{text}` is not an http or https URL such as {DEFAULT_BASE}"
        ));
    }
    Ok(if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    })
}

/// The scenario's activity id.
pub fn scenario_activity(base: &str, scenario: &str) -> String {
    format!("{base}scenarios/{}", segment(scenario))
}

/// The activity every practice set is an attempt at (each set is its own registration).
pub fn practice_set_activity(base: &str) -> String {
    format!("{base}practice-set")
}

/// A decision's activity id, under its scenario's.
pub fn decision_activity(base: &str, scenario: &str, decision: &str) -> String {
    format!(
        "{}/decisions/{}",
        scenario_activity(base, scenario),
        segment(decision)
    )
}

/// The stable id of one statement of a run: UUID v5 of `run/role`.
pub fn statement_id(run: &str, role: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{run}/{role}").as_bytes())
        .hyphenated()
        .to_string()
}

/// Whether a finished run passed: `PASS_PERCENTAGE` or more and no critical breach.
pub fn passed(run: &RunRecord) -> bool {
    run.percentage >= PASS_PERCENTAGE && run.critical_breaches() == 0
}

/// Every statement of the runs, in order: each run's `attempted`, its `answered`s, and for a
/// finished run `completed` and `passed` or `failed`. A practice set's decisions share the
/// set's registration: its first `attempted` the set, each `answered` its decision (grouped
/// under the set), and its last `completed` the set with the mean score of its decisions here.
pub fn statements(runs: &[&RunRecord], actor: &Actor, base: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    let practice_set = activity(
        practice_set_activity(base),
        Some(definition(
            "feedwise practice set",
            "Single decisions from feedwise scenarios, chosen for the principles that are weakest or due for review",
            TYPE_ASSESSMENT,
        )),
    );
    for run in runs {
        let practice = run.practice.as_ref();
        let make = |role: &str, object: Activity, result: Option<Outcome>, at: &str| Statement {
            id: statement_id(&run.run, role),
            actor: Agent {
                object_type: "Agent".to_owned(),
                account: Account {
                    home_page: actor.home_page.clone(),
                    name: actor.name.clone(),
                },
            },
            verb: Verb {
                id: format!("{VERBS}{}", verb_of(role)),
                display: language("en-US", verb_of(role)),
            },
            object,
            result,
            context: Context {
                registration: practice.map_or(&run.run, |p| &p.set).clone(),
                // An answer's context names its scenario (and its practice set).
                context_activities: (verb_of(role) == "answered").then(|| ContextActivities {
                    parent: vec![activity(scenario_activity(base, run.scenario()), None)],
                    grouping: (practice.iter())
                        .map(|_| activity(practice_set_activity(base), None))
                        .collect(),
                }),
                platform: "feedwise".to_owned(),
                language: "en-GB".to_owned(),
                // Who played, when the record keeps it: e.g. "nurse".
                extensions: std::iter::once(extension(base, "seed", run.seed()))
                    .chain(
                        (run.transcript.profession)
                            .map(|p| extension(base, "profession", p.slug())),
                    )
                    .collect(),
            },
            timestamp: run_time(at),
            version: VERSION.to_owned(),
        };
        let scenario = activity(
            scenario_activity(base, run.scenario()),
            Some(definition(
                // As written, so every run of the scenario defines it alike.
                run.title_as_written
                    .as_deref()
                    .unwrap_or(&run.scenario_title),
                &format!("A feedwise scenario for {}", run.audience),
                TYPE_SIMULATION,
            )),
        );
        // A run attempts its scenario; a practice set is attempted with its first decision.
        let attempted = match practice {
            None => Some(scenario.clone()),
            Some(item) if item.position == 1 => Some(practice_set.clone()),
            Some(_) => None,
        };
        if let Some(object) = attempted {
            out.push(make("attempted", object, None, &run.started));
        }
        // The last answer's time, which a later rewrite of the record cannot move.
        let ended = (run.decisions.last()).map_or(run.updated.as_str(), |d| d.answered.as_str());
        for (index, decision) in run.decisions.iter().enumerate() {
            out.push(make(
                &format!("answered/{}/{}", index + 1, decision.decision),
                interaction(base, run.scenario(), decision),
                Some(answer(base, decision)),
                &decision.answered,
            ));
        }
        if let Some(item) = practice {
            let items: Vec<&&RunRecord> = (runs.iter())
                .filter(|r| r.practice_set() == Some(&item.set))
                .collect();
            // Completed once the whole set is here, each decision once: the statement's id is
            // fixed, so its score must not depend on which of the set's records are exported.
            let positions: std::collections::BTreeSet<u32> = (items.iter())
                .filter_map(|r| r.practice.as_ref().map(|p| p.position))
                .collect();
            let whole = items.len() as u32 == item.of
                && positions.len() as u32 == item.of
                && positions.iter().copied().eq(1..=item.of);
            if item.position == item.of && whole {
                let mean = (items.iter().map(|r| r.percentage.min(100)).sum::<u32>())
                    / (items.len() as u32).max(1);
                let decisions = BTreeMap::from([extension(base, "decisions", items.len())]);
                let result = completion(mean, None, decisions);
                out.push(make("completed", practice_set.clone(), Some(result), ended));
            }
            continue;
        }
        if run.status == RunStatus::Finished {
            let ending = (run.ending.as_ref()).map(|e| extension(base, "ending", e.id.clone()));
            let breaches = extension(base, "critical-breaches", run.critical_breaches());
            let extensions = std::iter::once(breaches).chain(ending).collect();
            let result = completion(run.percentage.min(100), Some(passed(run)), extensions);
            let completed = Some(result.clone());
            out.push(make("completed", scenario.clone(), completed, ended));
            let verb = if passed(run) { "passed" } else { "failed" };
            out.push(make(verb, scenario, Some(result), ended));
        }
    }
    out
}

/// The statements as a JSON array, indented for people to read (`send` posts them compact).
pub fn to_json(statements: &[Statement]) -> String {
    let mut text = serde_json::to_string_pretty(statements).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

/// A decision as a `cmi.interaction`: `choice` for Choose and ChooseSeveral, `sequencing`
/// for Rank, with its options and its key as the correct responses.
fn interaction(base: &str, scenario: &str, decision: &DecisionRecord) -> Activity {
    let written = decision
        .as_written
        .as_ref()
        .filter(|w| w.options.len() == decision.options.len());
    let (interaction_type, patterns) = match decision.kind {
        // Every best option of a choice is right on its own.
        AnswerKind::Choose => ("choice", decision.key.clone()),
        AnswerKind::ChooseSeveral { .. } => ("choice", vec![decision.key.join("[,]")]),
        AnswerKind::Rank => ("sequencing", vec![decision.key.join("[,]")]),
    };
    let choices = (decision.options.iter().enumerate())
        .map(|(i, o)| Component {
            id: o.id.clone(),
            description: language(
                "en-GB",
                written.and_then(|w| w.options.get(i)).unwrap_or(&o.text),
            ),
        })
        .collect();
    // As written, so every run defines the interaction alike whatever its names.
    let prompt = written.map_or(&decision.prompt, |w| &w.prompt);
    Activity {
        definition: Some(Definition {
            interaction_type: Some(interaction_type.to_owned()),
            correct_responses_pattern: Some(patterns),
            choices: Some(choices),
            ..definition(&decision.decision, prompt, TYPE_INTERACTION)
        }),
        ..activity(decision_activity(base, scenario, &decision.decision), None)
    }
}

fn answer(base: &str, decision: &DecisionRecord) -> Outcome {
    let mut extensions = BTreeMap::from([
        extension(base, "grade", decision.grade.word()),
        extension(base, "critical", decision.critical),
    ]);
    if decision.timed_out {
        extensions.extend([
            extension(base, "timed-out", true),
            // The default the scenario took is not one of the interaction's choices.
            extension(base, "default-taken", decision.chosen.join("[,]")),
        ]);
    }
    if !decision.effects.is_empty() {
        let principles = (decision.effects.iter())
            .map(|e| (e.principle.clone(), serde_json::Value::from(e.change)))
            .collect();
        let (key, value) = extension(base, "principles", serde_json::Value::Object(principles));
        extensions.insert(key, value);
    }
    Outcome {
        score: Some(Score {
            scaled: f64::from(decision.share.min(1000)) / 1000.0,
            raw: decision.marks.map(|(earned, _)| earned),
            min: decision.marks.map(|_| 0),
            max: decision.marks.map(|(_, available)| available),
        }),
        success: Some(
            matches!(decision.grade, Grade::Exemplary | Grade::Acceptable) && !decision.critical,
        ),
        completion: None,
        response: Some(response(decision)),
        duration: Some(duration(decision.took)),
        extensions,
    }
}

fn activity(id: String, definition: Option<Definition>) -> Activity {
    Activity {
        object_type: "Activity".to_owned(),
        id,
        definition,
    }
}

/// An activity's definition, in British English, with nothing of an interaction.
fn definition(name: &str, description: &str, kind: &str) -> Definition {
    Definition {
        name: language("en-GB", name),
        description: Some(language("en-GB", description)),
        kind: kind.to_owned(),
        interaction_type: None,
        correct_responses_pattern: None,
        choices: None,
    }
}

/// The result of a `completed` (and a run's `passed` or `failed`): a percentage out of 100.
fn completion(
    percentage: u32,
    success: Option<bool>,
    extensions: BTreeMap<String, serde_json::Value>,
) -> Outcome {
    Outcome {
        score: Some(Score {
            scaled: f64::from(percentage) / 100.0,
            raw: Some(percentage),
            min: Some(0),
            max: Some(100),
        }),
        success,
        completion: Some(true),
        response: None,
        duration: None,
        extensions,
    }
}

/// One of feedwise's extensions, named under the activity base.
fn extension(
    base: &str,
    name: &str,
    value: impl Into<serde_json::Value>,
) -> (String, serde_json::Value) {
    (format!("{base}extensions/{name}"), value.into())
}

/// The trainee's answer in the interaction's response syntax: one id for a choice, ids
/// joined by `[,]` for a selection or a ranking (in the trainee's order); nothing when time
/// ran out, as the trainee gave no answer.
pub fn response(decision: &DecisionRecord) -> String {
    if decision.timed_out {
        return String::new();
    }
    decision.chosen.join("[,]")
}

/// Milliseconds as an ISO 8601 duration to the hundredth of a second (the precision xAPI
/// compares): `PT12.34S`, `PT1H2M5S`, `PT0S`.
pub fn duration(millis: u64) -> String {
    let hundredths = millis / 10;
    let (hours, minutes) = (hundredths / 360_000, hundredths / 6_000 % 60);
    let (seconds, part) = (hundredths / 100 % 60, hundredths % 100);
    let mut out = String::from("PT");
    if hours > 0 {
        out += &format!("{hours}H");
    }
    if minutes > 0 {
        out += &format!("{minutes}M");
    }
    if part > 0 {
        out += format!("{seconds}.{part:02}").trim_end_matches('0');
        out.push('S');
    } else if seconds > 0 || (hours == 0 && minutes == 0) {
        out += &format!("{seconds}S");
    }
    out
}

/// A record's time as a statement's: the record's own RFC 3339 UTC text, or the Unix epoch
/// for one that is missing, so a statement is never stamped with the export's own time.
fn run_time(text: &str) -> String {
    if crate::record::time::parse(text).is_some() {
        text.to_owned()
    } else {
        "1970-01-01T00:00:00Z".to_owned()
    }
}

/// A statement's verb: its role's first part (`answered/1/reply` is an `answered`).
fn verb_of(role: &str) -> &str {
    role.split('/').next().unwrap_or(role)
}

fn language(tag: &str, text: &str) -> LanguageMap {
    BTreeMap::from([(tag.to_owned(), text.to_owned())])
}

/// An id as one IRI path segment: unreserved characters kept, the rest percent-encoded.
fn segment(id: &str) -> String {
    let mut out = String::new();
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_iso_8601() {
        assert_eq!(duration(0), "PT0S");
        assert_eq!(duration(12_345), "PT12.34S");
        assert_eq!(duration(12_500), "PT12.5S");
        assert_eq!(duration(3_725_000), "PT1H2M5S");
        assert_eq!(duration(120_000), "PT2M");
    }

    #[test]
    fn bases_are_urls_ending_in_a_slash() {
        assert_eq!(
            activity_base("https://lrs.example.org/feedwise").unwrap(),
            "https://lrs.example.org/feedwise/"
        );
        assert!(activity_base("feedwise.invalid").is_err());
        assert!(activity_base("https://").is_err());
        assert!(activity_base("https://a b/").is_err());
    }

    #[test]
    fn ids_are_one_path_segment_each() {
        assert_eq!(
            decision_activity(DEFAULT_BASE, "two-am-reply", "a b/c"),
            "https://feedwise.invalid/xapi/scenarios/two-am-reply/decisions/a%20b%2Fc"
        );
        assert_eq!(
            Actor::at(DEFAULT_BASE, "x").home_page,
            "https://feedwise.invalid"
        );
    }

    #[test]
    fn statement_ids_depend_on_run_and_role_only() {
        let a = statement_id("07070707-0707-4707-8707-070707070707", "attempted");
        assert_eq!(
            a,
            statement_id("07070707-0707-4707-8707-070707070707", "attempted")
        );
        assert_ne!(
            a,
            statement_id("07070707-0707-4707-8707-070707070707", "completed")
        );
        assert_eq!(Uuid::parse_str(&a).unwrap().get_version_num(), 5);
    }
}
