//! Scoring: the UK Foundation Programme SJT rules for `Rank` and `ChooseSeveral`, and the
//! per-decision fraction that makes the overall percentage.
//!
//! Fractions are kept in thousandths so that sums are exact and runs are repeatable.

use crate::scenario::{DecisionKind, Grade};

/// Marks for one ranked option.
pub const MARKS_PER_OPTION: u32 = 4;

/// A decision's share of full marks, in thousandths.
pub type Permille = u32;
pub const FULL: Permille = 1000;

/// The place given to one option in a ranking; two options may share a place (a tie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement<'a> {
    pub option: &'a str,
    pub place: usize,
}

/// SJT marks per option of a ranking, in key order: 4 minus the distance between the place
/// given and the keyed place, never below 0; an option tied with another scores 0.
pub fn rank_marks(key: &[String], placements: &[Placement<'_>]) -> Vec<u32> {
    key.iter()
        .enumerate()
        .map(|(keyed_place, id)| {
            let Some(placed) = placements.iter().find(|p| p.option == id) else {
                return 0;
            };
            let tied = placements
                .iter()
                .filter(|p| p.place == placed.place)
                .count()
                > 1;
            if tied {
                return 0;
            }
            MARKS_PER_OPTION.saturating_sub(placed.place.abs_diff(keyed_place) as u32)
        })
        .collect()
}

/// Placements of a full ordering (no ties), best first.
pub fn placements_of<'a>(ranking: &'a [String]) -> Vec<Placement<'a>> {
    ranking
        .iter()
        .enumerate()
        .map(|(place, option)| Placement { option, place })
        .collect()
}

/// SJT marks for a choose-several answer: 4 for each keyed option chosen, and 0 in all if
/// more than `pick` were chosen.
pub fn several_marks(key: &[String], chosen: &[String], pick: usize) -> u32 {
    if chosen.len() > pick {
        return 0;
    }
    let hits = chosen.iter().filter(|id| key.contains(id)).count() as u32;
    hits * MARKS_PER_OPTION
}

/// The share of a grade, for `Choose` decisions: exemplary is full marks, a breach none.
pub fn grade_share(grade: Grade) -> Permille {
    match grade {
        Grade::Exemplary => FULL,
        Grade::Acceptable => 667,
        Grade::Poor => 333,
        Grade::Breach => 0,
    }
}

/// The share for a decision that timed out: its default's grade for `Choose`; no marks for
/// a ranking or selection that was never made.
pub fn timeout_share(kind: &DecisionKind, default: Grade) -> Permille {
    match kind {
        DecisionKind::Choose => grade_share(default),
        DecisionKind::Rank { .. } | DecisionKind::ChooseSeveral { .. } => 0,
    }
}

/// The share of marks earned out of marks available.
pub fn marks_share(earned: u32, available: u32) -> Permille {
    if available == 0 {
        return FULL;
    }
    (u64::from(earned) * u64::from(FULL) / u64::from(available)) as Permille
}

/// The grade shown for a ranking or a selection, from its share of marks.
pub fn grade_for_share(share: Permille, critical: bool) -> Grade {
    if critical {
        Grade::Breach
    } else if share >= 900 {
        Grade::Exemplary
    } else if share >= 600 {
        Grade::Acceptable
    } else {
        Grade::Poor
    }
}

/// The lowest- and highest-scoring full rankings of `n` options that put keyed place `top`
/// first: (marks, order of keyed places) for each. Orders of the rest are tried in full for
/// the small n of SJT items; past 8 options the ascending and reversed orders bound it.
pub fn rank_extremes_with_top(n: usize, top: usize) -> ((u32, Vec<usize>), (u32, Vec<usize>)) {
    let rest: Vec<usize> = (0..n).filter(|&i| i != top).collect();
    let marks_of = |order: &[usize]| -> u32 {
        order
            .iter()
            .enumerate()
            .map(|(place, &keyed)| MARKS_PER_OPTION.saturating_sub(place.abs_diff(keyed) as u32))
            .sum()
    };
    let with_top = |tail: &[usize]| -> Vec<usize> {
        std::iter::once(top).chain(tail.iter().copied()).collect()
    };
    let mut low: Option<(u32, Vec<usize>)> = None;
    let mut high: Option<(u32, Vec<usize>)> = None;
    let mut consider = |order: Vec<usize>| {
        let marks = marks_of(&order);
        if low.as_ref().is_none_or(|(m, _)| marks < *m) {
            low = Some((marks, order.clone()));
        }
        if high.as_ref().is_none_or(|(m, _)| marks > *m) {
            high = Some((marks, order));
        }
    };
    if n > 8 {
        consider(with_top(&rest));
        consider(with_top(&rest.iter().rev().copied().collect::<Vec<_>>()));
    } else {
        permutations(&rest, &mut |tail| consider(with_top(tail)));
    }
    let fallback = (0, vec![top]);
    (
        low.unwrap_or_else(|| fallback.clone()),
        high.unwrap_or(fallback),
    )
}

fn permutations(items: &[usize], visit: &mut dyn FnMut(&[usize])) {
    fn go(items: &mut Vec<usize>, k: usize, visit: &mut dyn FnMut(&[usize])) {
        if k == items.len() {
            visit(items);
            return;
        }
        for i in k..items.len() {
            items.swap(k, i);
            go(items, k + 1, visit);
            items.swap(k, i);
        }
    }
    go(&mut items.to_vec(), 0, visit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_extremes_match_known_sjt_figures() {
        // The best option on top: the keyed order earns the full 20.
        let (_, (high, order)) = rank_extremes_with_top(5, 0);
        assert_eq!((high, order), (20, vec![0, 1, 2, 3, 4]));
        // The worst option on top: the fully reversed order earns 8, the least possible.
        let ((low, order), _) = rank_extremes_with_top(5, 4);
        assert_eq!(low, 8);
        assert_eq!(order[0], 4);
    }
}
