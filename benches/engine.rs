//! Engine throughput: events shown per second, decisions scored per second, random
//! playthroughs of the shape ink's peer benchmark plays, on the compiled fast path and as full
//! sessions (`scripts/compare-ink.sh` runs them beside ink), and `paths` on a deep generated scenario (20 four-way decisions in a row, over
//! 10^12 paths).
//!
//! cargo bench --bench engine

use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feedwise::engine::compiled::Compiled;
use feedwise::engine::paths::explore;
use feedwise::engine::playthrough::{Asks, Playthrough, Stop};
use feedwise::engine::{Answer, OfferKind, Session};
use feedwise::scenario::Catalogue;
use feedwise::scenario::synthetic::{Mix, synthetic};

const DECISIONS: usize = 200;

/// Plays the whole scenario, answering the first option shown; returns events and decisions.
fn play_through(
    scenario: &Arc<feedwise::scenario::Scenario>,
    catalogue: &Arc<Catalogue>,
) -> (usize, usize) {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(catalogue), 1);
    let (mut events, mut decisions) = (0, 0);
    loop {
        events += session.advance_to_decision().len();
        let Some(offer) = session.pending() else {
            break;
        };
        let ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
        let answer = match offer.kind {
            OfferKind::Choose => Answer::Choose(ids[0].clone()),
            OfferKind::Rank => Answer::Rank(ids),
            OfferKind::ChooseSeveral { pick } => Answer::Several(ids[..pick as usize].to_vec()),
        };
        events += session.answer(answer).expect("valid").len();
        decisions += 1;
    }
    (events, decisions)
}

/// One random playthrough of `scenario`, as ink's `bench-play.js` does: a fresh run, then at
/// each decision a pseudo-random option (the same generator as the ink script). Returns the
/// number of choices made.
fn random_playthrough(
    scenario: &Arc<feedwise::scenario::Scenario>,
    catalogue: &Arc<Catalogue>,
    rng: &mut u64,
) -> usize {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(catalogue), 1);
    let mut choices = 0;
    loop {
        session.advance_to_decision();
        let Some(offer) = session.pending() else {
            return choices;
        };
        *rng = (*rng * 1_103_515_245 + 12_345) % 2_147_483_648;
        let pick = (*rng % offer.options.len() as u64) as usize;
        let id = offer.options[pick].id.clone();
        session.answer(Answer::Choose(id)).expect("valid");
        choices += 1;
    }
}

/// The same random playthrough on the compiled fast path: no text, nothing allocated per
/// choice. Returns the number of choices made.
fn compiled_playthrough(fast: &mut Playthrough<'_>, rng: &mut u64) -> usize {
    fast.restart();
    let mut choices = 0;
    while let Stop::Decision { .. } = fast.to_decision() {
        let Some(Asks::Choose { options }) = fast.asks() else {
            unreachable!("the peer shape has only Choose decisions");
        };
        *rng = (*rng * 1_103_515_245 + 12_345) % 2_147_483_648;
        fast.choose((*rng % options as u64) as usize);
        choices += 1;
    }
    choices
}

fn engine(c: &mut Criterion) {
    let catalogue = Arc::new(Catalogue::embedded().expect("catalogue"));
    let long = Arc::new(synthetic("long", DECISIONS, 4, Mix::AllKinds));
    let (events, decisions) = play_through(&long, &catalogue);
    assert_eq!(decisions, DECISIONS);

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(events as u64));
    group.bench_function("events", |b| b.iter(|| play_through(&long, &catalogue)));
    group.throughput(Throughput::Elements(decisions as u64));
    group.bench_function("decisions", |b| b.iter(|| play_through(&long, &catalogue)));
    group.finish();

    // ink's peer: 20 sequential four-way scored decisions, random choices, one run each time.
    let deep = Arc::new(synthetic("deep", 20, 4, Mix::ChooseOnly));
    let mut rng = 12_345;
    assert_eq!(random_playthrough(&deep, &catalogue, &mut rng), 20);
    let compiled = Compiled::new(&deep);
    let mut fast = Playthrough::new(&compiled);
    assert_eq!(compiled_playthrough(&mut fast, &mut rng), 20);
    let mut group = c.benchmark_group("vs-ink");
    group.throughput(Throughput::Elements(20));
    // The fast path: compiled once (as ink compiles its story once), one playthrough restarted
    // per run (as ink resets its story), every choice scored.
    group.bench_function("playthrough", |b| {
        b.iter(|| compiled_playthrough(&mut fast, &mut rng))
    });
    // A full session per run: events with their text, offers, outcomes with feedback.
    group.bench_function("session", |b| {
        b.iter(|| random_playthrough(&deep, &catalogue, &mut rng))
    });
    group.finish();

    assert_eq!(explore(&deep).expect("explorable").paths, 4u128.pow(20));
    // Adversarial: twenty flags kept apart run into the state budget and stop.
    let apart = feedwise::scenario::synthetic::flags_kept_apart(20);
    assert!(explore(&apart).is_err());
    let mut group = c.benchmark_group("paths-budget");
    group.sample_size(10);
    group.bench_function("20 flags kept apart, to the 1,000,000-state budget", |b| {
        b.iter(|| explore(&apart))
    });
    group.finish();
    let wide = feedwise::scenario::synthetic::wide_selection(40, 20);
    let ranking = feedwise::scenario::synthetic::long_ranking(40);
    assert_eq!(explore(&wide).expect("grouped").paths, 137_846_528_820);
    assert_eq!(explore(&ranking).expect("assigned").paths, 40);
    let mut group = c.benchmark_group("paths");
    group.bench_function("20 four-way decisions", |b| b.iter(|| explore(&deep)));
    group.bench_function("choose 20 of 40", |b| b.iter(|| explore(&wide)));
    group.bench_function("rank 40", |b| b.iter(|| explore(&ranking)));
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
