//! The ways of answering one decision that exploration tells apart: as many as lead to
//! different places or scores, never one per ordering or per selection when those only move
//! the score within a range.
//!
//! - `Choose`: one branch per option.
//! - `Rank`: one per top option (the action taken first), its marks ranging from the worst to
//!   the best order of the rest, found as an assignment rather than by listing orders.
//! - `ChooseSeveral`: options are grouped into classes that lead to the same place (the same
//!   tested flags set, the same criticality, graded Poor or worse or not; an option that jumps
//!   is a class of its own). A
//!   branch is a count taken from each class; it stands for every selection with those counts,
//!   counted and scored without listing them.

use std::collections::BTreeSet;

use super::{ExploreError, MAX_COMBINATIONS};
use crate::engine::compiled::{CompiledDecision, Consequence, Kind, Target};
use crate::engine::score::{self, MAX_RANKED, Permille};
use crate::scenario::{Decision, DecisionKind, Grade};

/// One way (or a group of interchangeable ways) of answering a decision.
#[derive(Debug, Clone)]
pub struct Branch {
    /// The best-scoring answer this branch stands for: option ids (a ranking in order).
    pub answer: Vec<String>,
    /// The worst-scoring one.
    pub worst_answer: Vec<String>,
    pub low: Permille,
    pub high: Permille,
    /// (principle index, least change, greatest change).
    pub effects: Vec<(u16, i64, i64)>,
    /// Bit positions of the flags set.
    pub sets: Vec<u32>,
    pub next: Option<Target>,
    pub critical: bool,
    /// The critical options acting in this branch (ids), for reports.
    pub critical_options: Vec<String>,
    /// Whether an option graded Poor or Breach, and not critical, acts in this branch (critical
    /// ones are reported as such).
    pub faulted: bool,
    /// Those options (ids), for reports.
    pub faulted_options: Vec<String>,
    pub timed_out: bool,
    /// How many answers the branch stands for (paths multiply by it).
    pub ways: u128,
}

impl Branch {
    /// The branch in which `acting` (consequences with their option ids) act.
    fn acting(
        acting: &[(&Consequence, &String)],
        (answer, worst_answer): (Vec<String>, Vec<String>),
        (low, high): (Permille, Permille),
    ) -> Branch {
        let mut effects: Vec<(u16, i64, i64)> = Vec::new();
        for &(principle, change) in acting.iter().flat_map(|(c, _)| &c.effects) {
            add_change(&mut effects, principle, change.into(), change.into());
        }
        let mut sets: Vec<u32> = acting
            .iter()
            .flat_map(|(c, _)| c.sets.iter().copied())
            .collect();
        sets.sort_unstable();
        sets.dedup();
        let ids_where = |keep: fn(&Consequence) -> bool| -> Vec<String> {
            (acting.iter().filter(|(c, _)| keep(c)))
                .map(|(_, id)| String::clone(id))
                .collect()
        };
        Branch {
            answer,
            worst_answer,
            low,
            high,
            effects,
            sets,
            next: acting.iter().find_map(|(c, _)| c.next),
            critical: acting.iter().any(|(c, _)| c.critical),
            critical_options: ids_where(|c| c.critical),
            faulted: acting.iter().any(|(c, _)| is_faulted(c)),
            faulted_options: ids_where(is_faulted),
            timed_out: false,
            ways: 1,
        }
    }
}

/// Graded Poor or worse without being critical: a slip a `Praise` ending must not follow.
fn is_faulted(consequence: &Consequence) -> bool {
    consequence.grade >= Grade::Poor && !consequence.critical
}

fn add_change(effects: &mut Vec<(u16, i64, i64)>, principle: u16, least: i64, most: i64) {
    match effects.binary_search_by_key(&principle, |e| e.0) {
        Ok(at) => {
            effects[at].1 += least;
            effects[at].2 += most;
        }
        Err(at) => effects.insert(at, (principle, least, most)),
    }
}

/// The branches of a decision (and of its timeout default). `tested` is the number of flags
/// some route tests (bit positions below it).
pub fn branches(
    decision: &Decision,
    compiled: &CompiledDecision,
    tested: usize,
) -> Result<Vec<Branch>, ExploreError> {
    let option = move |i: usize| (&compiled.options[i], &decision.options[i].id);
    let mut found = match &decision.kind {
        DecisionKind::Choose => (0..decision.options.len())
            .map(|i| {
                let (consequence, id) = option(i);
                let ids = vec![id.clone()];
                let share = consequence.share;
                Branch::acting(&[(consequence, id)], (ids.clone(), ids), (share, share))
            })
            .collect(),
        DecisionKind::Rank { key } => rank(decision, key, option)?,
        DecisionKind::ChooseSeveral { pick, .. } => {
            let Kind::ChooseSeveral { in_key, .. } = &compiled.kind else {
                return Ok(Vec::new());
            };
            several(decision, compiled, *pick as usize, in_key, tested)?
        }
    };
    if let (Some(timeout), Some(default)) = (&decision.timeout, &compiled.timeout) {
        let id = vec![timeout.default.id.clone()];
        found.push(Branch {
            timed_out: true,
            ..Branch::acting(
                &[(default, &timeout.default.id)],
                (id.clone(), id),
                (default.share, default.share),
            )
        });
    }
    Ok(found)
}

fn rank<'d>(
    decision: &Decision,
    key: &[String],
    option: impl Fn(usize) -> (&'d Consequence, &'d String),
) -> Result<Vec<Branch>, ExploreError> {
    if key.len() > MAX_RANKED {
        return Err(ExploreError::TooManyToRank {
            decision: decision.id.clone(),
            options: key.len(),
        });
    }
    let available = score::MARKS_PER_OPTION * key.len() as u32;
    let ids = |order: &[usize]| order.iter().map(|&k| key[k].clone()).collect::<Vec<_>>();
    Ok((0..key.len())
        .filter_map(|top| {
            let at = decision.options.iter().position(|o| o.id == key[top])?;
            let ((low, low_order), (high, high_order)) =
                score::rank_extremes_with_top(key.len(), top);
            Some(Branch::acting(
                &[option(at)],
                (ids(&high_order), ids(&low_order)),
                (
                    score::marks_share(low, available),
                    score::marks_share(high, available),
                ),
            ))
        })
        .collect())
}

/// Options of a `ChooseSeveral` that are interchangeable as far as where play goes and what
/// it may end in: the same tested flags set, the same criticality, and graded Poor or worse or
/// not. An option that jumps is a class of its own, as which jump acts depends on where it is
/// listed.
struct Class {
    /// In the decision's order.
    keyed: Vec<usize>,
    unkeyed: Vec<usize>,
    /// Per principle (index, least sums, greatest sums of 0, 1, 2... members' changes).
    changes: Vec<(u16, Vec<i64>, Vec<i64>)>,
    sets: Vec<u32>,
    next: Option<Target>,
    critical: bool,
    faulted: bool,
}

impl Class {
    fn size(&self) -> usize {
        self.keyed.len() + self.unkeyed.len()
    }
}

fn several(
    decision: &Decision,
    compiled: &CompiledDecision,
    pick: usize,
    in_key: &[bool],
    tested: usize,
) -> Result<Vec<Branch>, ExploreError> {
    let options = &compiled.options;
    if pick > options.len() {
        return Ok(Vec::new());
    }
    let classes = classes(compiled, in_key, tested);
    // How many choices of a count per class add up to `pick`: each is one branch.
    let mut sums = vec![0u128; pick + 1];
    sums[0] = 1;
    for class in &classes {
        let mut next = vec![0u128; pick + 1];
        for (total, &ways) in sums.iter().enumerate().filter(|(_, w)| **w > 0) {
            for taken in 0..=class.size().min(pick - total) {
                next[total + taken] = next[total + taken].saturating_add(ways);
            }
        }
        sums = next;
    }
    if sums[pick] > MAX_COMBINATIONS {
        return Err(ExploreError::TooManyCombinations {
            decision: decision.id.clone(),
            ways: sums[pick],
        });
    }
    let available = score::MARKS_PER_OPTION * pick as u32;
    let share = |hits: usize| score::marks_share(hits as u32 * score::MARKS_PER_OPTION, available);
    let ids = |mut indices: Vec<usize>| -> Vec<String> {
        indices.sort_unstable();
        indices
            .into_iter()
            .map(|i| decision.options[i].id.clone())
            .collect()
    };
    let mut found = Vec::new();
    for_each_count(&classes, pick, &mut |counts| {
        let (mut best, mut worst) = (Vec::new(), Vec::new());
        let (mut fewest, mut most) = (0, 0);
        let mut effects: Vec<(u16, i64, i64)> = Vec::new();
        let mut sets = Vec::new();
        let mut next: Option<(usize, Target)> = None;
        let mut critical_options = Vec::new();
        let mut faulted_options = Vec::new();
        let mut ways = 1u128;
        for (class, &taken) in classes.iter().zip(counts) {
            if taken == 0 {
                continue;
            }
            let keyed_most = taken.min(class.keyed.len());
            let keyed_fewest = taken.saturating_sub(class.unkeyed.len());
            most += keyed_most;
            fewest += keyed_fewest;
            for (keyed, into) in [(keyed_most, &mut best), (keyed_fewest, &mut worst)] {
                into.extend(&class.keyed[..keyed]);
                into.extend(&class.unkeyed[..taken - keyed]);
            }
            for (principle, least, greatest) in &class.changes {
                add_change(&mut effects, *principle, least[taken], greatest[taken]);
            }
            sets.extend(&class.sets);
            if let Some(target) = class.next {
                let at = class.keyed.first().or(class.unkeyed.first()).copied();
                if let Some(at) = at
                    && next.is_none_or(|(first, _)| at < first)
                {
                    next = Some((at, target));
                }
            }
            for (flagged, into) in [
                (class.critical, &mut critical_options),
                (class.faulted, &mut faulted_options),
            ] {
                if flagged {
                    let mut members: Vec<usize> =
                        class.keyed.iter().chain(&class.unkeyed).copied().collect();
                    members.sort_unstable();
                    into.extend(members.into_iter().map(|i| decision.options[i].id.clone()));
                }
            }
            ways = ways.saturating_mul(binomial(class.size() as u128, taken as u128));
        }
        effects.retain(|&(_, least, most)| (least, most) != (0, 0));
        sets.sort_unstable();
        sets.dedup();
        found.push(Branch {
            answer: ids(best),
            worst_answer: ids(worst),
            low: share(fewest),
            high: share(most),
            effects,
            sets,
            next: next.map(|(_, target)| target),
            critical: !critical_options.is_empty(),
            critical_options,
            faulted: !faulted_options.is_empty(),
            faulted_options,
            timed_out: false,
            ways,
        });
    });
    Ok(found)
}

fn classes(compiled: &CompiledDecision, in_key: &[bool], tested: usize) -> Vec<Class> {
    type Signature = (Option<usize>, Vec<u32>, bool, bool);
    let mut by_signature: Vec<(Signature, Vec<usize>)> = Vec::new();
    for (i, option) in compiled.options.iter().enumerate() {
        let mut sets: Vec<u32> = option
            .sets
            .iter()
            .copied()
            .filter(|&bit| (bit as usize) < tested)
            .collect();
        sets.sort_unstable();
        sets.dedup();
        let signature = (
            option.next.is_some().then_some(i),
            sets,
            option.critical,
            is_faulted(option),
        );
        match by_signature.iter_mut().find(|(s, _)| *s == signature) {
            Some((_, members)) => members.push(i),
            None => by_signature.push((signature, vec![i])),
        }
    }
    let principles: BTreeSet<u16> = compiled
        .options
        .iter()
        .flat_map(|c| c.effects.iter().map(|e| e.0))
        .collect();
    by_signature
        .into_iter()
        .map(|((_, sets, critical, faulted), members)| {
            let changes = principles
                .iter()
                .map(|&principle| {
                    let mut values: Vec<i64> = members
                        .iter()
                        .map(|&i| change(&compiled.options[i], principle))
                        .collect();
                    values.sort_unstable();
                    let least = prefix_sums(values.iter().copied());
                    let greatest = prefix_sums(values.iter().rev().copied());
                    (principle, least, greatest)
                })
                .collect();
            let next = members.first().and_then(|&i| compiled.options[i].next);
            let (keyed, unkeyed) = members.iter().partition(|&&i| in_key[i]);
            Class {
                keyed,
                unkeyed,
                changes,
                sets,
                next,
                critical,
                faulted,
            }
        })
        .collect()
}

/// Calls `visit` with every way of taking a count from each class (at most its size) that
/// adds up to `pick`.
fn for_each_count(classes: &[Class], pick: usize, visit: &mut dyn FnMut(&[usize])) {
    fn go(
        classes: &[Class],
        left: usize,
        counts: &mut Vec<usize>,
        room: &[usize],
        visit: &mut dyn FnMut(&[usize]),
    ) {
        let at = counts.len();
        if at == classes.len() {
            if left == 0 {
                visit(counts);
            }
            return;
        }
        // Take enough here that the classes after can still make up the rest.
        let least = left.saturating_sub(room[at + 1]);
        for taken in least..=classes[at].size().min(left) {
            counts.push(taken);
            go(classes, left - taken, counts, room, visit);
            counts.pop();
        }
    }
    // room[i]: how many the classes from i on can take at most.
    let mut room = vec![0; classes.len() + 1];
    for i in (0..classes.len()).rev() {
        room[i] = room[i + 1] + classes[i].size();
    }
    go(classes, pick, &mut Vec::new(), &room, visit);
}

fn change(consequence: &Consequence, principle: u16) -> i64 {
    consequence
        .effects
        .iter()
        .find(|e| e.0 == principle)
        .map_or(0, |e| i64::from(e.1))
}

/// Sums of the first 0, 1, 2, ... values.
fn prefix_sums(values: impl Iterator<Item = i64>) -> Vec<i64> {
    std::iter::once(0)
        .chain(values.scan(0, |sum, v| {
            *sum += v;
            Some(*sum)
        }))
        .collect()
}

/// n choose k, saturating.
pub fn binomial(n: u128, k: u128) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    // Each partial product is itself a binomial coefficient, so the division is exact.
    let mut ways = 1u128;
    for i in 0..k {
        match ways.checked_mul(n - i) {
            Some(product) => ways = product / (i + 1),
            None => return u128::MAX,
        }
    }
    ways
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomials_are_exact_and_saturate() {
        assert_eq!(binomial(40, 20), 137_846_528_820);
        assert_eq!(binomial(6, 3), 20);
        assert_eq!(binomial(3, 5), 0);
        assert_eq!(binomial(400, 200), u128::MAX);
    }

    #[test]
    fn prefix_sums_start_at_zero() {
        assert_eq!(prefix_sums([3, -1, 2].into_iter()), vec![0, 3, 2, 4]);
    }
}
