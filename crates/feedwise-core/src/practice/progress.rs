//! Progress over time: for each principle, the share of the best total the trainee reached in
//! each finished run or practised decision, dated, with its place in the review schedule. The
//! history draws it as a small chart over dates; the reflective note over a period lists it.

use std::borrow::Borrow;

use super::schedule::{Review, finished_in_order, schedule};
use crate::engine::debrief::Standing;
use crate::record::RunRecord;

/// One run's result on a principle.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// When the run was last written (Unix seconds).
    pub at: u64,
    /// How far along the range the run allowed the total came: 0 the lowest, 1 the highest.
    pub share: f32,
    pub total: i64,
    pub max: i64,
    pub standing: Standing,
}

/// A principle's results, oldest first, and its review.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub principle: String,
    pub title: String,
    pub points: Vec<Point>,
    pub review: Option<Review>,
}

/// Every principle the finished runs scored, in the order they first scored it, each with its
/// dated results (all of them: a reset of the schedule does not undo what was done) and its
/// review (which counts runs from `since`, as the schedule does).
pub fn progress<R: Borrow<RunRecord>>(runs: &[R], since: Option<u64>) -> Vec<Progress> {
    let reviews = schedule(runs, since);
    let mut out: Vec<Progress> = Vec::new();
    for (at, run) in finished_in_order(runs) {
        for total in &run.principles {
            let point = Point {
                at,
                share: total.share() as f32,
                total: total.total,
                max: total.max,
                standing: total.standing(),
            };
            match out.iter_mut().find(|p| p.principle == total.principle) {
                Some(progress) => progress.points.push(point),
                None => out.push(Progress {
                    principle: total.principle.clone(),
                    title: total.title.clone(),
                    points: vec![point],
                    review: reviews.get(&total.principle).cloned(),
                }),
            }
        }
    }
    out
}

/// Where the time `at` sits along a chart `width` wide running from `start` to `end`, clamped
/// to the chart.
pub fn position(at: u64, start: u64, end: u64, width: f32) -> f32 {
    let span = end.saturating_sub(start).max(1) as f32;
    (at.saturating_sub(start) as f32 / span * width).clamp(0.0, width)
}

/// Where each point sits along a chart `width` wide over time, from the first point to `end`
/// (the later of now and the next review): points on the same day would overlap, so each sits
/// at least `gap` after the one before, and the last ones are pushed back inside the width.
pub fn positions(points: &[Point], end: u64, width: f32, gap: f32) -> Vec<f32> {
    let Some(first) = points.first() else {
        return Vec::new();
    };
    let mut xs: Vec<f32> = Vec::with_capacity(points.len());
    for point in points {
        let x = position(point.at, first.at, end, width);
        let after = xs.last().map_or(0.0, |last| last + gap);
        xs.push(x.max(after));
    }
    // Anything pushed past the end moves back, keeping the gaps.
    let mut limit = width;
    for x in xs.iter_mut().rev() {
        *x = x.min(limit).max(0.0);
        limit = *x - gap;
    }
    xs
}
