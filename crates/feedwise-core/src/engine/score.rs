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

/// Rankings of more options than this are not scored for exploration (an SJT item has 4-8).
pub const MAX_RANKED: usize = 64;

/// The lowest- and highest-scoring full rankings of `n` options that put keyed place `top`
/// first: (marks, order of keyed places) for each. Exact for any `n` up to `MAX_RANKED`: the
/// rest of the order is an assignment of places to options, solved without listing the
/// (n-1)! orders.
pub fn rank_extremes_with_top(n: usize, top: usize) -> ((u32, Vec<usize>), (u32, Vec<usize>)) {
    let rest: Vec<usize> = (0..n).filter(|&i| i != top).collect();
    // Row r is place r + 1; column c is keyed place rest[c].
    let marks = |row: usize, column: usize| -> i64 {
        i64::from(MARKS_PER_OPTION.saturating_sub((row + 1).abs_diff(rest[column]) as u32))
    };
    let order_of = |columns: Vec<usize>| -> Vec<usize> {
        std::iter::once(top)
            .chain(columns.into_iter().map(|c| rest[c]))
            .collect()
    };
    let total = |order: &[usize]| -> u32 {
        order
            .iter()
            .enumerate()
            .map(|(place, &keyed)| MARKS_PER_OPTION.saturating_sub(place.abs_diff(keyed) as u32))
            .sum()
    };
    let low = order_of(min_cost_assignment(rest.len(), &marks));
    let high = order_of(min_cost_assignment(rest.len(), &|r, c| -marks(r, c)));
    ((total(&low), low), (total(&high), high))
}

/// The column given to each row in a least-cost perfect matching of an `n` x `n` cost matrix
/// (the Hungarian method with potentials, O(n^3)).
pub fn min_cost_assignment(n: usize, cost: &dyn Fn(usize, usize) -> i64) -> Vec<usize> {
    const INFINITE: i64 = i64::MAX / 4;
    // 1-based, with row and column 0 as the sentinel the method starts each search from.
    let mut row_potential = vec![0i64; n + 1];
    let mut column_potential = vec![0i64; n + 1];
    let mut row_of_column = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for row in 1..=n {
        row_of_column[0] = row;
        let mut column = 0;
        let mut least = vec![INFINITE; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[column] = true;
            let current_row = row_of_column[column];
            let mut delta = INFINITE;
            let mut next = 0;
            for c in 1..=n {
                if used[c] {
                    continue;
                }
                let reduced =
                    cost(current_row - 1, c - 1) - row_potential[current_row] - column_potential[c];
                if reduced < least[c] {
                    least[c] = reduced;
                    way[c] = column;
                }
                if least[c] < delta {
                    delta = least[c];
                    next = c;
                }
            }
            for c in 0..=n {
                if used[c] {
                    row_potential[row_of_column[c]] += delta;
                    column_potential[c] -= delta;
                } else {
                    least[c] -= delta;
                }
            }
            column = next;
            if row_of_column[column] == 0 {
                break;
            }
        }
        while column != 0 {
            let previous = way[column];
            row_of_column[column] = row_of_column[previous];
            column = previous;
        }
    }
    let mut column_of_row = vec![0; n];
    for c in 1..=n {
        if row_of_column[c] > 0 {
            column_of_row[row_of_column[c] - 1] = c - 1;
        }
    }
    column_of_row
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every order of `rest` after `top`, tried one by one: what the assignment must match.
    fn brute_force(n: usize, top: usize) -> (u32, u32) {
        fn orders(items: &mut Vec<usize>, k: usize, visit: &mut dyn FnMut(&[usize])) {
            if k == items.len() {
                visit(items);
                return;
            }
            for i in k..items.len() {
                items.swap(k, i);
                orders(items, k + 1, visit);
                items.swap(k, i);
            }
        }
        let mut rest: Vec<usize> = (0..n).filter(|&i| i != top).collect();
        let (mut low, mut high) = (u32::MAX, 0);
        orders(&mut rest, 0, &mut |tail| {
            let marks: u32 = std::iter::once(&top)
                .chain(tail)
                .enumerate()
                .map(|(place, &k)| MARKS_PER_OPTION.saturating_sub(place.abs_diff(k) as u32))
                .sum();
            low = low.min(marks);
            high = high.max(marks);
        });
        (low, high)
    }

    #[test]
    fn rank_extremes_equal_trying_every_order() {
        for n in 1..=7 {
            for top in 0..n {
                let ((low, low_order), (high, high_order)) = rank_extremes_with_top(n, top);
                assert_eq!((low, high), brute_force(n, top), "n = {n}, top = {top}");
                for order in [&low_order, &high_order] {
                    let mut sorted = order.clone();
                    sorted.sort_unstable();
                    assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a full ranking");
                    assert_eq!(order[0], top);
                }
            }
        }
    }

    #[test]
    fn rank_extremes_of_a_long_ranking_are_found_without_listing_orders() {
        // 40! orders could never be listed; the keyed order is the best, and the marks of the
        // worst come from pushing every option at least four places from its keyed place.
        let ((low, _), (high, high_order)) = rank_extremes_with_top(40, 0);
        assert_eq!(high, 160);
        assert_eq!(high_order, (0..40).collect::<Vec<_>>());
        assert_eq!(low, 4, "only the fixed top option scores");
    }

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
