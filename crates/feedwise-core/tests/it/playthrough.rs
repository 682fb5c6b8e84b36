//! The compiled fast path against the two things it must agree with: a `Session` playing the
//! same answers on the authored text, and exploration's summaries against every answer tried
//! one by one, on shipped scenarios and on generated ones with flags, jumps, critical options
//! and timeouts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use crate::common::{catalogue, scenario, shipped_scenarios};
use feedwise_core::engine::compiled::Compiled;
use feedwise_core::engine::paths::explore;
use feedwise_core::engine::playthrough::{Asks, Playthrough, Stop};
use feedwise_core::engine::{Answer, OfferKind, Session};
use feedwise_core::scenario::synthetic::{Mix, flags_kept_apart, synthetic};
use feedwise_core::scenario::{
    Condition, DecisionKind, DecisionOption, Ending, Grade, Route, Scenario, Timeout,
};

/// A small deterministic generator (the tests need repeatable, not good, randomness).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// A generated scenario of `beats` decisions (Choose, Rank of 5, choose 3 of 6 in turn) whose
/// options set flags, jump ahead, are critical or time out, and whose routes test the flags.
/// Jumps only go forward, so every scenario explores.
fn generated(seed: u64, beats: usize) -> Scenario {
    let mut rng = Lcg(seed);
    let mut scenario = synthetic("generated", beats, 3, Mix::AllKinds);
    let template = scenario.endings[0].clone();
    for id in ["end-b", "end-c"] {
        scenario.endings.push(Ending {
            id: id.into(),
            ..template.clone()
        });
    }
    let ending_ids: Vec<String> = scenario.endings.iter().map(|e| e.id.clone()).collect();
    let later = |rng: &mut Lcg, beat: usize| -> String {
        let choices: Vec<String> = (beat + 1..beats)
            .map(|b| format!("beat-{b}"))
            .chain(ending_ids.iter().cloned())
            .collect();
        choices[rng.below(choices.len())].clone()
    };
    let flag = |rng: &mut Lcg| format!("f{}", rng.below(3));
    let vary = |rng: &mut Lcg, option: &mut DecisionOption, beat: usize| {
        if rng.below(3) == 0 {
            option.set = vec![flag(rng)];
        }
        if rng.below(6) == 0 {
            option.next = Some(later(rng, beat));
        }
        option.critical = rng.below(8) == 0;
        option.effects = BTreeMap::from([
            ("boundaries".to_owned(), rng.below(5) as i32 - 2),
            ("respect".to_owned(), rng.below(5) as i32 - 2),
        ]);
    };
    for b in 0..beats {
        let beat = &mut scenario.beats[b];
        let decision = beat.decision.as_mut().expect("synthetic beats decide");
        for option in &mut decision.options {
            vary(&mut rng, option, b);
        }
        if rng.below(3) == 0 {
            let mut default = decision.options[0].clone();
            default.id = format!("d{b}-default");
            default.grade = [Grade::Acceptable, Grade::Poor, Grade::Breach][rng.below(3)];
            vary(&mut rng, &mut default, b);
            decision.timeout = Some(Timeout {
                seconds: 30,
                default,
            });
        }
        if rng.below(2) == 0 {
            let when = match rng.below(3) {
                0 => Condition::Flag(flag(&mut rng)),
                1 => Condition::NotFlag(flag(&mut rng)),
                _ => Condition::All(vec![
                    Condition::Flag(flag(&mut rng)),
                    Condition::Any(vec![
                        Condition::Flag(flag(&mut rng)),
                        Condition::NotFlag(flag(&mut rng)),
                    ]),
                ]),
            };
            let to = later(&mut rng, b);
            beat.then.insert(0, Route { when, to });
        }
    }
    scenario
}

fn scenarios_to_compare() -> Vec<Arc<Scenario>> {
    let mut all: Vec<Arc<Scenario>> = shipped_scenarios().iter().map(scenario).collect();
    all.push(Arc::new(synthetic("all-kinds", 9, 4, Mix::AllKinds)));
    all.push(Arc::new(flags_kept_apart(6)));
    all.extend((0..40).map(|seed| Arc::new(generated(seed, 4))));
    all
}

/// Everything a playthrough and a session must agree on at the end of a run.
#[derive(Debug, PartialEq, Eq)]
struct Result {
    ending: Option<String>,
    decisions: u32,
    share_sum: u64,
    totals: BTreeMap<String, i64>,
    flags: BTreeSet<String>,
    critical: bool,
}

/// Plays the same random answers through a session and a playthrough.
fn both(
    scenario: &Arc<Scenario>,
    compiled: &Compiled,
    rng: &mut Lcg,
    seed: u64,
) -> (Result, Result) {
    let mut session = Session::new(Arc::clone(scenario), catalogue(), seed);
    let mut fast = Playthrough::new(compiled);
    loop {
        session.advance_to_decision();
        let stop = fast.to_decision();
        let Some(offer) = session.pending().cloned() else {
            assert!(!matches!(stop, Stop::Decision { .. }), "{stop:?}");
            break;
        };
        let Stop::Decision { beat } = stop else {
            panic!(
                "the session offers `{}`, the playthrough stopped: {stop:?}",
                offer.decision
            )
        };
        let decision = scenario.beats[beat].decision.as_ref().expect("a decision");
        assert_eq!(decision.id, offer.decision);
        let index = |id: &str| decision.options.iter().position(|o| o.id == id).unwrap();
        if decision.timeout.is_some() && rng.below(4) == 0 {
            let left = session.time_left().expect("timed");
            session.advance(Duration::from_millis(left));
            assert!(fast.time_out());
            continue;
        }
        let mut ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
        // Shuffle the offered order a little more, so answers are not always the seed's order.
        for i in (1..ids.len()).rev() {
            ids.swap(i, rng.below(i + 1));
        }
        let indices: Vec<usize> = ids.iter().map(|id| index(id)).collect();
        let (answer, accepted) = match (offer.kind, fast.asks()) {
            (OfferKind::Choose, Some(Asks::Choose { .. })) => {
                (Answer::Choose(ids[0].clone()), fast.choose(indices[0]))
            }
            (OfferKind::Rank, Some(Asks::Rank { .. })) => {
                (Answer::Rank(ids.clone()), fast.rank(&indices))
            }
            (OfferKind::ChooseSeveral { pick }, Some(Asks::Several { pick: p, .. })) => {
                assert_eq!(pick as usize, p);
                let chosen = &ids[..p];
                (
                    Answer::Several(chosen.to_vec()),
                    fast.choose_several(&indices[..p]),
                )
            }
            (kind, asks) => panic!("the session asks {kind:?}, the playthrough {asks:?}"),
        };
        assert!(accepted, "the playthrough refused {answer:?}");
        session.answer(answer).expect("valid");
    }
    let outcomes = session.outcomes();
    let mut totals = BTreeMap::new();
    for effect in outcomes.iter().flat_map(|o| &o.effects) {
        *totals.entry(effect.principle.clone()).or_insert(0) += i64::from(effect.change);
    }
    let from_session = Result {
        ending: session.ending().map(str::to_owned),
        decisions: outcomes.len() as u32,
        share_sum: outcomes.iter().map(|o| u64::from(o.share)).sum(),
        totals,
        flags: session.flags().iter().cloned().collect(),
        critical: outcomes.iter().any(|o| o.critical),
    };
    let from_fast = Result {
        ending: match fast.to_decision() {
            Stop::Ending(e) => Some(scenario.endings[e].id.clone()),
            _ => None,
        },
        decisions: fast.decisions(),
        share_sum: fast.share_sum(),
        totals: compiled
            .principles
            .iter()
            .zip(fast.totals())
            .filter(|(p, _)| from_session.totals.contains_key(*p))
            .map(|(p, &t)| (p.clone(), t))
            .collect(),
        flags: fast.flag_names().map(str::to_owned).collect(),
        critical: fast.critical(),
    };
    (from_session, from_fast)
}

#[test]
fn a_playthrough_scores_and_ends_as_a_session_does_given_the_same_answers() {
    let mut rng = Lcg(7);
    for scenario in scenarios_to_compare() {
        let compiled = Compiled::new(&scenario);
        for seed in 0..12 {
            let (session, fast) = both(&scenario, &compiled, &mut rng, seed);
            assert_eq!(session, fast, "{} with seed {seed}", scenario.id);
        }
    }
}

#[test]
fn a_restarted_playthrough_forgets_the_last_run() {
    let scenario = generated(3, 4);
    let compiled = Compiled::new(&scenario);
    let mut fast = Playthrough::new(&compiled);
    while let Stop::Decision { .. } = fast.to_decision() {
        match fast.asks().expect("asks") {
            Asks::Choose { .. } => fast.choose(0),
            Asks::Rank { options } => fast.rank(&(0..options).collect::<Vec<_>>()),
            Asks::Several { pick, .. } => fast.choose_several(&(0..pick).collect::<Vec<_>>()),
        };
    }
    assert!(fast.decisions() > 0);
    fast.restart();
    assert_eq!((fast.decisions(), fast.share_sum()), (0, 0));
    assert!(fast.totals().iter().all(|&t| t == 0));
    assert_eq!(fast.flag_names().count(), 0);
    assert!(matches!(fast.to_decision(), Stop::Decision { beat: 0 }));
}

#[test]
fn answers_that_do_not_fit_the_decision_are_refused_and_change_nothing() {
    let scenario = synthetic("kinds", 3, 4, Mix::AllKinds);
    let compiled = Compiled::new(&scenario);
    let mut fast = Playthrough::new(&compiled);
    assert_eq!(fast.to_decision(), Stop::Decision { beat: 0 });
    assert!(!fast.choose(4), "only four options");
    assert!(!fast.rank(&[0, 1, 2, 3]), "a Choose is not ranked");
    assert!(fast.choose(1));
    assert_eq!(fast.asks(), None, "nothing waits until play goes on");
    fast.to_decision();
    assert!(!fast.rank(&[0, 1, 2, 3]), "a ranking places all five");
    assert!(!fast.rank(&[0, 0, 1, 2, 3]), "each once");
    assert!(fast.rank(&[4, 3, 2, 1, 0]));
    fast.to_decision();
    assert!(!fast.choose_several(&[0, 1]), "three are picked");
    assert!(!fast.choose_several(&[0, 1, 1]), "each once");
    assert!(!fast.time_out(), "no time limit");
    assert_eq!(fast.decisions(), 2);
}

/// Summaries of every answer tried one by one (rankings by every order, counted by top).
#[derive(Debug, Default)]
struct Brute {
    endings: BTreeSet<usize>,
    ranges: BTreeMap<usize, (i64, i64)>,
    best: Option<u64>,
    worst: Option<u64>,
    dead_ends: bool,
}

fn brute(fast: &Playthrough<'_>, found: &mut Brute) -> u128 {
    let mut fast = fast.clone();
    let stop = fast.to_decision();
    match stop {
        Stop::DeadEnd => {
            found.dead_ends = true;
            0
        }
        Stop::Ending(e) => {
            found.endings.insert(e);
            for (p, &total) in fast.totals().iter().enumerate() {
                let range = found.ranges.entry(p).or_insert((total, total));
                range.0 = range.0.min(total);
                range.1 = range.1.max(total);
            }
            let mean = match fast.decisions() {
                0 => 1000,
                n => fast.share_sum() / u64::from(n),
            };
            found.best = Some(found.best.map_or(mean, |b| b.max(mean)));
            found.worst = Some(found.worst.map_or(mean, |w| w.min(mean)));
            1
        }
        Stop::Decision { .. } => {
            let mut paths = 0u128;
            let mut then = |answer: &dyn Fn(&mut Playthrough<'_>) -> bool, count: bool| {
                let mut next = fast.clone();
                if answer(&mut next) {
                    let below = brute(&next, found);
                    if count {
                        paths += below;
                    }
                }
            };
            then(&|p| p.time_out(), true);
            match fast.asks().expect("asks") {
                Asks::Choose { options } => {
                    for i in 0..options {
                        then(&|p| p.choose(i), true);
                    }
                }
                Asks::Rank { options } => {
                    for top in 0..options {
                        let rest: Vec<usize> = (0..options).filter(|&i| i != top).collect();
                        let mut first = true;
                        permutations(rest, &mut |tail| {
                            let order: Vec<usize> =
                                std::iter::once(top).chain(tail.iter().copied()).collect();
                            then(&|p| p.rank(&order), first);
                            first = false;
                        });
                    }
                }
                Asks::Several { options, pick } => {
                    subsets(options, pick, &mut |chosen| {
                        then(&|p| p.choose_several(chosen), true);
                    });
                }
            }
            paths
        }
    }
}

fn permutations(mut items: Vec<usize>, visit: &mut dyn FnMut(&[usize])) {
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
    go(&mut items, 0, visit);
}

fn subsets(n: usize, k: usize, visit: &mut dyn FnMut(&[usize])) {
    fn go(
        n: usize,
        k: usize,
        from: usize,
        current: &mut Vec<usize>,
        visit: &mut dyn FnMut(&[usize]),
    ) {
        if current.len() == k {
            visit(current);
            return;
        }
        for i in from..n {
            current.push(i);
            go(n, k, i + 1, current, visit);
            current.pop();
        }
    }
    go(n, k, 0, &mut Vec::new(), visit);
}

#[test]
fn exploration_agrees_with_trying_every_answer_one_by_one() {
    let mut checked = 0;
    for seed in 0..40 {
        let scenario = generated(seed, 4);
        let compiled = Compiled::new(&scenario);
        let mut found = Brute::default();
        let paths = brute(&Playthrough::new(&compiled), &mut found);
        let explored = explore(&scenario).expect("forward jumps only");
        let context = format!("generated scenario {seed}");
        assert_eq!(explored.paths, paths, "{context}: paths");
        let reached: BTreeSet<String> = found
            .endings
            .iter()
            .map(|&e| scenario.endings[e].id.clone())
            .collect();
        assert_eq!(
            explored
                .endings_reached
                .iter()
                .cloned()
                .collect::<BTreeSet<_>>(),
            reached,
            "{context}: endings"
        );
        for range in &explored.principles {
            let p = compiled
                .principles
                .iter()
                .position(|q| *q == range.principle)
                .unwrap();
            assert_eq!(
                Some(&(range.min, range.max)),
                found.ranges.get(&p),
                "{context}: {}",
                range.principle
            );
        }
        assert_eq!(
            explored.best.map(|b| u64::from(b.share)),
            found.best,
            "{context}: best"
        );
        assert_eq!(
            explored.worst.map(|w| u64::from(w.share)),
            found.worst,
            "{context}: worst"
        );
        assert_eq!(!explored.dead_ends.is_empty(), found.dead_ends, "{context}");
        checked += 1;
    }
    assert_eq!(checked, 40);
}

#[test]
fn selections_that_set_tested_flags_are_followed_apart_and_the_rest_grouped() {
    // Choose 3 of 6 where one option sets a flag the route tests: the selections with it and
    // those without lead to different endings; each group is counted, not listed.
    let mut scenario = synthetic("several", 3, 4, Mix::AllKinds);
    let last = scenario.beats.len() - 1;
    let decision = scenario.beats[last].decision.as_mut().unwrap();
    assert!(matches!(decision.kind, DecisionKind::ChooseSeveral { .. }));
    decision.options[5].set = vec!["spoke-out".into()];
    let template = scenario.endings[0].clone();
    scenario.endings.push(Ending {
        id: "exposed".into(),
        ..template
    });
    scenario.beats[last].then.insert(
        0,
        Route {
            when: Condition::Flag("spoke-out".into()),
            to: "exposed".into(),
        },
    );
    let explored = explore(&scenario).expect("explorable");
    assert_eq!(
        explored.paths,
        4 * 5 * 20,
        "all 20 selections still counted"
    );
    assert_eq!(explored.endings_reached, vec!["end", "exposed"]);
}
