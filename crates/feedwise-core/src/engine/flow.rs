//! Where play goes next: the one rule shared by a live session, best-path play and the
//! exploration of every path, so that they can never disagree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::scenario::{Beat, Decision, DecisionKind, DecisionOption, Scenario};

/// Flags set by choices so far.
pub type Flags = BTreeSet<String>;

/// A place in the scenario: a beat or an ending, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Beat(usize),
    Ending(usize),
}

/// Every beat and ending by id (the first beat with an id, else the first ending), so that a
/// session moves in constant time however many beats a scenario has.
pub fn node_index(scenario: &Scenario) -> HashMap<String, Node> {
    let mut index = HashMap::with_capacity(scenario.beats.len() + scenario.endings.len());
    for (i, ending) in scenario.endings.iter().enumerate().rev() {
        index.insert(ending.id.clone(), Node::Ending(i));
    }
    for (i, beat) in scenario.beats.iter().enumerate().rev() {
        index.insert(beat.id.clone(), Node::Beat(i));
    }
    index
}

/// The options whose consequences are taken for an answer: the chosen option for `Choose`,
/// the top-ranked one for `Rank` (the action the trainee would take first), every chosen one
/// for `ChooseSeveral`, in the order the decision lists them.
pub fn acting_options<'d>(decision: &'d Decision, chosen: &[String]) -> Vec<&'d DecisionOption> {
    match decision.kind {
        DecisionKind::Choose | DecisionKind::Rank { .. } => chosen
            .first()
            .and_then(|id| decision.option(id))
            .into_iter()
            .collect(),
        DecisionKind::ChooseSeveral { .. } => decision
            .options
            .iter()
            .filter(|option| chosen.contains(&option.id))
            .collect(),
    }
}

/// The summed principle effects of the options that act. Sums saturate: two huge effects in
/// an unchecked file must not wrap round to a score of the opposite sign.
pub fn total_effects(acting: &[&DecisionOption]) -> BTreeMap<String, i32> {
    let mut totals: BTreeMap<String, i32> = BTreeMap::new();
    for option in acting {
        for (principle, change) in &option.effects {
            let total = totals.entry(principle.clone()).or_insert(0);
            *total = total.saturating_add(*change);
        }
    }
    totals
}

/// Each principle a decision scores, with the lowest and highest total one answer to it can
/// give: over the options for a choice or a ranking (the option ranked first acts), over the
/// sets of `pick` options for a selection, and the timeout's default, which acts alone. An
/// option that does not score a principle gives 0.
pub fn principle_ranges(decision: &Decision) -> BTreeMap<String, (i64, i64)> {
    let principles: BTreeSet<&String> = (decision.all_outcomes())
        .flat_map(|o| o.effects.keys())
        .collect();
    let pick = match decision.kind {
        DecisionKind::ChooseSeveral { pick, .. } => pick as usize,
        DecisionKind::Choose | DecisionKind::Rank { .. } => 1,
    };
    principles
        .into_iter()
        .map(|principle| {
            let mut values: Vec<i64> = (decision.options.iter())
                .map(|o| i64::from(o.effects.get(principle).copied().unwrap_or(0)))
                .collect();
            values.sort_unstable();
            let pick = pick.clamp(1, values.len().max(1));
            let mut min: i64 = values.iter().take(pick).sum();
            let mut max: i64 = values.iter().rev().take(pick).sum();
            if let Some(timeout) = &decision.timeout {
                let default = timeout.default.effects.get(principle).copied().unwrap_or(0);
                (min, max) = (min.min(i64::from(default)), max.max(i64::from(default)));
            }
            (principle.clone(), (min, max))
        })
        .collect()
}

/// The id of the beat or ending that follows: the first acting option's `next`, else the
/// first of the beat's routes whose condition holds with `flags` (which already include the
/// flags this answer sets). `None` when no way on exists (a dead end).
pub fn destination<'a>(
    beat: &'a Beat,
    acting: &[&'a DecisionOption],
    flags: &Flags,
) -> Option<&'a str> {
    acting
        .iter()
        .find_map(|option| option.next.as_deref())
        .or_else(|| route(beat, flags))
}

/// The first route of a beat whose condition holds.
pub fn route<'a>(beat: &'a Beat, flags: &Flags) -> Option<&'a str> {
    let is_set = |flag: &str| flags.contains(flag);
    beat.then
        .iter()
        .find(|route| route.when.holds(&is_set))
        .map(|route| route.to.as_str())
}
