//! Spaced review of each principle by Leitner boxes (Sebastian Leitner, 1972): a principle
//! handled well moves up a box and comes due after a longer interval; one handled poorly goes
//! back to the first box and comes due the next day. Results come from the trainee's finished
//! runs, oldest first; the clock is the caller's.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use crate::record::{PrincipleTotal, RunRecord, RunStatus, time};

/// Days until a principle in each box is due again: box 1 the next day, box 5 after a month.
pub const INTERVAL_DAYS: [u64; 5] = [1, 3, 7, 14, 30];

const DAY: u64 = 24 * 60 * 60;

/// How a run went on one principle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Result {
    /// Below half of what the scenario allows on it: back to box 1.
    Poor,
    /// Between: the box stays.
    Middling,
    /// Four fifths or more of the best total: up a box.
    Good,
}

impl Result {
    /// The result of one principle's total against the range the scenario allows.
    pub fn of(total: &PrincipleTotal) -> Result {
        let share = total.share();
        if share >= 0.8 {
            Result::Good
        } else if share < 0.5 {
            Result::Poor
        } else {
            Result::Middling
        }
    }

    /// Whether the trainee lost any marks on it.
    pub fn lost_marks(total: &PrincipleTotal) -> bool {
        total.total < total.max
    }
}

/// One principle's place in the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub principle: String,
    /// 1 to 5.
    pub box_number: usize,
    /// Unix seconds of the last finished run that scored it.
    pub last_practised: u64,
    /// Unix seconds when it comes due.
    pub due: u64,
    /// Of the last three runs that scored it, how many lost marks on it, and how many there were.
    pub recent_losses: (usize, usize),
    /// The last result.
    pub last: Result,
}

impl Review {
    pub fn is_due(&self, now: u64) -> bool {
        now >= self.due
    }

    /// Whole days since it was last practised.
    pub fn days_since(&self, now: u64) -> u64 {
        now.saturating_sub(self.last_practised) / DAY
    }
}

/// The finished runs (practised decisions among them) with the time each was last written,
/// oldest first.
pub fn finished_in_order<R: Borrow<RunRecord>>(runs: &[R]) -> Vec<(u64, &RunRecord)> {
    let mut finished: Vec<(u64, &RunRecord)> = (runs.iter())
        .map(Borrow::borrow)
        .filter(|run| run.status == RunStatus::Finished)
        .filter_map(|run| Some((time::parse(&run.updated)?, run)))
        .collect();
    finished.sort_by(|a, b| (a.0, &a.1.run).cmp(&(b.0, &b.1.run)));
    finished
}

/// The schedule for every principle the finished runs scored, by principle id. Runs that
/// started before `since` (a reset) are left out. Runs are borrowed as the caller holds them
/// (`RunRecord`, `&RunRecord`, `Arc<RunRecord>`), so a record is never copied to be read.
pub fn schedule<R: Borrow<RunRecord>>(runs: &[R], since: Option<u64>) -> BTreeMap<String, Review> {
    let finished = finished_in_order(runs).into_iter().filter(|(_, run)| {
        since.is_none_or(|since| time::parse(&run.started).is_some_and(|at| at >= since))
    });
    // Each review, and whether each run that scored it lost marks on it.
    let mut reviews: BTreeMap<String, (Review, Vec<bool>)> = BTreeMap::new();
    for (at, run) in finished {
        for total in &run.principles {
            let result = Result::of(total);
            let (review, lost) = reviews.entry(total.principle.clone()).or_insert_with(|| {
                let review = Review {
                    principle: total.principle.clone(),
                    box_number: 1,
                    last_practised: at,
                    due: at,
                    recent_losses: (0, 0),
                    last: result,
                };
                (review, Vec::new())
            });
            lost.push(Result::lost_marks(total));
            // A principle starts in box 1, so a good first result moves it to box 2.
            review.box_number = match result {
                Result::Poor => 1,
                Result::Middling => review.box_number,
                Result::Good => (review.box_number + 1).min(INTERVAL_DAYS.len()),
            };
            review.last_practised = at;
            review.due = at + INTERVAL_DAYS[review.box_number - 1] * DAY;
            review.last = result;
        }
    }
    (reviews.into_iter())
        .map(|(principle, (mut review, lost))| {
            let recent = &lost[lost.len().saturating_sub(3)..];
            review.recent_losses = (recent.iter().filter(|l| **l).count(), recent.len());
            (principle, review)
        })
        .collect()
}
