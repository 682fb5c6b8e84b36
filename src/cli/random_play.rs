//! `feedwise play FILE --random N`: N seeded random playthroughs on the compiled fast path
//! (`Playthrough`): the spread of endings and scores, per-principle totals, how often each
//! option and ending was reached, and any run that stopped without an ending, with the
//! `--choose` answers that reproduce it.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::engine::compiled::Compiled;
use crate::engine::playthrough::{Asks, Playthrough, Stop};
use crate::scenario::Scenario;

/// Runs longer than this many decisions are stopped (only a looping, unchecked file).
const MAX_DECISIONS: usize = 10_000;

#[derive(Debug, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub runs: u64,
    pub seed: u64,
    /// Ending id -> runs that reached it.
    pub endings: BTreeMap<String, u64>,
    /// Mean share of a run's decisions, as a whole percentage: lowest, mean, highest.
    pub score: (u32, f64, u32),
    /// Principle -> (lowest, mean, highest) total.
    pub principles: BTreeMap<String, (i64, f64, i64)>,
    /// Decision id -> option id -> times it acted (chosen, ranked first, or picked).
    pub options: BTreeMap<String, BTreeMap<String, u64>>,
    /// Runs that stopped with no ending: the run's seed and the answers that reproduce it.
    pub stopped: Vec<Stopped>,
}

#[derive(Debug, Serialize)]
pub struct Stopped {
    pub run: u64,
    pub choose: String,
}

/// A small repeatable generator: each run's answers follow from `seed + run`.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }

    fn shuffled(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, self.below(i + 1));
        }
        order
    }
}

pub fn random_runs(scenario: &Scenario, runs: u64, seed: u64) -> Summary {
    let compiled = Compiled::new(scenario);
    let mut play = Playthrough::new(&compiled);
    let mut endings: BTreeMap<String, u64> = BTreeMap::new();
    let mut options: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let mut scores: Vec<u32> = Vec::new();
    let mut totals: Vec<Vec<i64>> = vec![Vec::new(); compiled.principles.len()];
    let mut stopped = Vec::new();
    for run in 0..runs {
        let mut rng = Rng(seed.wrapping_add(run).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        play.restart();
        let mut answers: Vec<String> = Vec::new();
        let end = loop {
            let stop = play.to_decision();
            let Stop::Decision { beat } = stop else {
                break stop;
            };
            if answers.len() >= MAX_DECISIONS {
                break Stop::DeadEnd;
            }
            let Some(decision) = scenario.beats[beat].decision.as_ref() else {
                break Stop::DeadEnd;
            };
            let id = |i: usize| decision.options[i].id.clone();
            // The answer's options (as `--choose` names them), the first `acting` of them acting.
            let (acting, named): (usize, Vec<usize>) = match play.asks() {
                Some(Asks::Choose { options }) => {
                    let i = rng.below(options);
                    play.choose(i);
                    (1, vec![i])
                }
                Some(Asks::Rank { options }) => {
                    let order = rng.shuffled(options);
                    play.rank(&order);
                    (1, order)
                }
                Some(Asks::Several { options, pick }) => {
                    let mut chosen = rng.shuffled(options);
                    chosen.truncate(pick);
                    chosen.sort_unstable();
                    play.choose_several(&chosen);
                    (chosen.len(), chosen)
                }
                None => break Stop::DeadEnd,
            };
            let counts = options.entry(decision.id.clone()).or_default();
            for &i in &named[..acting] {
                *counts.entry(id(i)).or_insert(0) += 1;
            }
            answers.push(named.iter().map(|&i| id(i)).collect::<Vec<_>>().join("+"));
        };
        match end {
            Stop::Ending(e) => {
                *endings.entry(scenario.endings[e].id.clone()).or_insert(0) += 1;
                let share = match play.decisions() {
                    0 => 1000,
                    decisions => play.share_sum() / u64::from(decisions),
                };
                scores.push(((share + 5) / 10) as u32);
                for (p, total) in play.totals().iter().enumerate() {
                    totals[p].push(*total);
                }
            }
            _ => stopped.push(Stopped {
                run,
                choose: answers.join(","),
            }),
        }
    }
    // Lowest, mean and highest.
    let spread = |values: &[i64]| {
        let mean = if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<i64>() as f64 / values.len() as f64
        };
        let low = values.iter().copied().min().unwrap_or(0);
        (low, mean, values.iter().copied().max().unwrap_or(0))
    };
    let scores: Vec<i64> = scores.into_iter().map(i64::from).collect();
    let (low, mean, high) = spread(&scores);
    Summary {
        scenario: scenario.id.clone(),
        runs,
        seed,
        endings,
        // Back to the u32 the scores were.
        score: (low as u32, mean, high as u32),
        principles: (compiled.principles.iter().cloned())
            .zip(totals.iter().map(|values| spread(values)))
            .collect(),
        options,
        stopped,
    }
}

/// The summary for people.
pub fn render(summary: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} random playthroughs (seed {})",
        summary.scenario, summary.runs, summary.seed
    );
    let _ = writeln!(out, "endings:");
    for (ending, count) in &summary.endings {
        let _ = writeln!(
            out,
            "  {ending:<28} {count:>7} ({:.1}%)",
            *count as f64 * 100.0 / summary.runs.max(1) as f64
        );
    }
    let (low, mean, high) = summary.score;
    let _ = writeln!(out, "score: {low}% to {high}%, mean {mean:.1}%");
    let _ = writeln!(out, "principle totals (lowest, mean, highest):");
    for (principle, (low, mean, high)) in &summary.principles {
        let _ = writeln!(out, "  {principle:<28} {low:+} {mean:+.1} {high:+}");
    }
    let _ = writeln!(out, "options acted on:");
    for (decision, counts) in &summary.options {
        let line: Vec<String> = counts.iter().map(|(o, n)| format!("{o} {n}")).collect();
        let _ = writeln!(out, "  {decision}: {}", line.join(", "));
    }
    if summary.stopped.is_empty() {
        let _ = writeln!(out, "every run reached an ending");
    }
    for stopped in summary.stopped.iter().take(10) {
        let _ = writeln!(
            out,
            "run {} stopped with no ending; reproduce with: --choose {}",
            stopped.run, stopped.choose
        );
    }
    out
}
