//! Every path through a scenario's decisions, summarised without walking them one by one.
//!
//! Play is a walk over states: a beat or ending, plus the flags that some route at it or after
//! it may still test. Each state's summary (paths on from it, endings, principle ranges, best
//! and worst scores by number of decisions) is computed once, so twenty 4-way decisions in a
//! row (over 10^12 paths) take a few dozen states. `Rank` items branch by their top option
//! (the action taken) and `ChooseSeveral` by the options that change where play goes: their
//! scored outcomes, never every order or selection (see `branches`).
//!
//! Limits, each with its own message: `MAX_STATES` states and `MAX_BYTES` of memory,
//! `MAX_DEPTH` beats in a row, `MAX_COMBINATIONS` distinct selections at one decision, and
//! `score::MAX_RANKED` options in a ranking. The walk keeps its own stack, so it runs on any
//! thread.

mod branches;
mod states;
mod walk;

use serde::Serialize;

use super::compiled::{self, Compiled, Target};
use super::score::{MAX_RANKED, Permille};
use crate::scenario::Scenario;

/// What `feedwise paths` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Exploration {
    /// Complete paths from the start to an ending (saturating).
    pub paths: u128,
    pub endings_reached: Vec<String>,
    pub endings_unreached: Vec<String>,
    pub beats_reached: Vec<String>,
    pub best: Option<PathSummary>,
    pub worst: Option<PathSummary>,
    /// Per principle: the lowest and highest total over complete paths.
    pub principles: Vec<PrincipleRange>,
    pub dead_ends: Vec<DeadEnd>,
    /// Endings that some path reaches after taking a critical option, by decision.
    pub after_critical: Vec<CriticalReach>,
    /// Endings that some path reaches after an answer graded Poor or Breach that is not
    /// critical (for a `Rank`, the option put first; for a timeout, its default), by decision.
    pub after_poor: Vec<CriticalReach>,
    /// Distinct states visited (a measure of the work done).
    pub states: usize,
}

/// The endings a path can reach after a critical option at one decision (or, in
/// `after_poor`, after an option graded Poor or worse).
#[derive(Debug, Clone, PartialEq, Eq, Ord, PartialOrd, Serialize)]
pub struct CriticalReach {
    pub decision: String,
    /// The critical (or poorly graded) option ids acting in the answer (a timeout default
    /// included).
    pub options: Vec<String>,
    pub endings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSummary {
    /// Mean share of the decisions on the path, in thousandths.
    pub share: Permille,
    pub steps: Vec<PathStep>,
    pub ending: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    pub decision: String,
    pub answer: Vec<String>,
    pub share: Permille,
    pub timed_out: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipleRange {
    pub principle: String,
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Ord, PartialOrd, Serialize)]
pub struct DeadEnd {
    pub beat: String,
    pub flags: Vec<String>,
}

/// Why exploration could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExploreError {
    #[error("`start` names `{0}`, which is no beat or ending")]
    UnknownStart(String),
    #[error("play can return to beat `{beat}`, so paths cannot be counted; run `feedwise check`")]
    Loop { beat: String },
    #[error("a path passes through more than {MAX_DEPTH} beats")]
    TooDeep,
    /// The budget of states or memory ran out.
    #[error(
        "exploration stopped after {states} states ({} MiB): this scenario has more distinct \
         paths than `paths` can summarise (flags set by choices and tested later keep paths \
         apart); `check` checks reachability by a cheaper pass instead",
        bytes >> 20
    )]
    TooManyStates { states: usize, bytes: usize },
    /// A ranking has more options than `score::MAX_RANKED`.
    #[error(
        "decision `{decision}` ranks {options} options; `paths` scores rankings of up to \
         {MAX_RANKED}; `check` checks reachability by a cheaper pass instead"
    )]
    TooManyToRank { decision: String, options: usize },
    /// A choose-several decision has more ways to answer than `MAX_COMBINATIONS`.
    #[error(
        "decision `{decision}` has {ways} selections that lead to different places (its \
         options that jump, set a tested flag or are critical), more than the \
         {MAX_COMBINATIONS} `paths` follows one by one; `check` checks reachability by a \
         cheaper pass instead"
    )]
    TooManyCombinations { decision: String, ways: u128 },
}

/// Distinct selections at one choose-several decision that exploration follows one by one, at
/// most: only options that jump, set a tested flag or are critical make selections distinct.
pub const MAX_COMBINATIONS: u128 = 20_000;

/// Distinct states (a beat with the flags still to be tested) explored at most.
pub const MAX_STATES: usize = 1_000_000;

/// Memory the exploration may hold, in bytes; past it, it stops as it does at `MAX_STATES`.
pub const MAX_BYTES: usize = 256 << 20;

/// Longest path followed (beats in a row); deeper scenarios are refused.
pub const MAX_DEPTH: usize = 10_000;

/// What an exploration may spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub states: usize,
    pub bytes: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            states: MAX_STATES,
            bytes: MAX_BYTES,
        }
    }
}

/// Explores every path of a scenario from its start, within the default budget.
pub fn explore(scenario: &Scenario) -> Result<Exploration, ExploreError> {
    explore_within(scenario, Budget::default())
}

/// Explores every path of a scenario from its start, within `budget`.
pub fn explore_within(scenario: &Scenario, budget: Budget) -> Result<Exploration, ExploreError> {
    let compiled = Compiled::new(scenario);
    let Target::Node(start) = compiled.start else {
        return Err(ExploreError::UnknownStart(scenario.start.clone()));
    };
    let found = (scenario.beats.iter().zip(&compiled.beats))
        .map(
            |(beat, compiled_beat)| match (&beat.decision, &compiled_beat.decision) {
                (Some(decision), Some(compiled_decision)) => {
                    branches::branches(decision, compiled_decision, compiled.tested).map(Some)
                }
                _ => Ok(None),
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    let mut walk = walk::Walk::new(scenario, &compiled, found, budget);
    let root = walk.run(start)?;
    let (best, worst) = walk.extremes(root);
    let reached = walk.endings_of(root).to_vec();
    let is_reached = |e: usize| compiled::is_set(&reached, e as u32);
    let ids = |keep: &dyn Fn(usize) -> bool| -> Vec<String> {
        (0..scenario.endings.len())
            .filter(|&e| keep(e))
            .map(|e| scenario.endings[e].id.clone())
            .collect()
    };
    let reaches = |after: &std::collections::BTreeMap<(usize, u32), Vec<u64>>,
                   options: fn(&branches::Branch) -> &Vec<String>|
     -> Vec<CriticalReach> {
        after
            .iter()
            .map(|(&(beat, branch), endings)| CriticalReach {
                decision: decision_id(scenario, beat),
                options: walk.branches[beat]
                    .as_ref()
                    .map(|b| options(&b[branch as usize]).clone())
                    .unwrap_or_default(),
                endings: ids(&|e| compiled::is_set(endings, e as u32)),
            })
            .collect()
    };
    Ok(Exploration {
        paths: walk.paths(root),
        endings_reached: ids(&is_reached),
        endings_unreached: ids(&|e| !is_reached(e)),
        beats_reached: scenario
            .beats
            .iter()
            .zip(&walk.beats_reached)
            .filter(|(_, reached)| **reached)
            .map(|(beat, _)| beat.id.clone())
            .collect(),
        best,
        worst,
        principles: walk
            .ranges_of(root)
            .map(|ranges| {
                compiled
                    .principles
                    .iter()
                    .zip(ranges)
                    .map(|(p, &(min, max))| PrincipleRange {
                        principle: p.clone(),
                        min,
                        max,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        dead_ends: walk.dead_ends.iter().cloned().collect(),
        after_critical: reaches(&walk.after_critical, |b| &b.critical_options),
        after_poor: reaches(&walk.after_faulted, |b| &b.faulted_options),
        states: walk.states.len(),
    })
}

/// The id of the decision at `beat` (empty when it has none).
fn decision_id(scenario: &Scenario, beat: usize) -> String {
    (scenario.beats[beat].decision.as_ref()).map_or_else(String::new, |d| d.id.clone())
}
