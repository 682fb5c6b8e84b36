//! Path exploration on generated scenarios far too large to walk path by path.

use feedwise_core::engine::paths::{Budget, ExploreError, explore, explore_within};
use feedwise_core::scenario::synthetic::{
    Mix, flags_kept_apart, long_ranking, synthetic, wide_selection,
};

#[test]
fn twenty_four_way_decisions_in_a_row_are_summarised_exactly() {
    let scenario = synthetic("deep", 20, 4, Mix::ChooseOnly);
    let exploration = explore(&scenario).expect("explorable");
    assert_eq!(exploration.paths, 4u128.pow(20), "over 10^12 paths");
    assert!(
        exploration.states <= 21,
        "memoised: {} states",
        exploration.states
    );
    let best = exploration.best.expect("best path");
    assert_eq!(best.steps.len(), 20);
    assert_eq!(best.share, 1000);
    assert!(
        best.steps.iter().all(|s| s.answer[0].ends_with("-o0")),
        "the exemplary option every time"
    );
    let worst = exploration.worst.expect("worst path");
    assert_eq!(worst.share, 0);
    let boundaries = exploration
        .principles
        .iter()
        .find(|p| p.principle == "boundaries")
        .unwrap();
    // Each decision moves boundaries by +2 (best) to -1 (worst).
    assert_eq!((boundaries.min, boundaries.max), (-20, 40));
}

#[test]
fn ranking_and_choose_several_branch_by_scored_outcome() {
    let scenario = synthetic("mixed", 3, 4, Mix::AllKinds);
    let exploration = explore(&scenario).expect("explorable");
    // Choose (4 options) x Rank (5 tops) x ChooseSeveral (C(6,3) = 20 sets).
    assert_eq!(exploration.paths, 4 * 5 * 20);
    let best = exploration.best.unwrap();
    assert_eq!(best.share, 1000);
    assert_eq!(best.steps[1].answer.len(), 5, "a full ranking");
    let worst = exploration.worst.unwrap();
    // Worst ranking earns 8 of 20; the worst selection none of the keyed options.
    assert_eq!(worst.steps[1].share, 400);
    assert_eq!(worst.steps[2].share, 0);
}

/// `check` explores on worker threads with the default 2 MiB stack: the walk keeps its own
/// stack, so a long chain of decisions explores there, and one past the limit is refused.
#[test]
fn a_long_chain_of_decisions_explores_on_a_small_stack_and_one_past_the_limit_is_refused() {
    let worker = |beats: usize| {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || explore(&synthetic("chain", beats, 2, Mix::ChooseOnly)))
            .unwrap()
            .join()
            .expect("no stack overflow")
    };
    let within = worker(9_900).expect("9,900 beats are within the limit");
    assert_eq!(within.paths, u128::MAX, "2^9,900 paths, saturated");
    assert_eq!(within.best.expect("a best path").steps.len(), 9_900);
    let past = worker(10_500).expect_err("10,500 beats are past the limit");
    assert!(past.to_string().contains("more than 10000 beats"), "{past}");
}

#[test]
fn states_that_never_merge_stop_at_the_budget_with_a_clear_message() {
    let started = std::time::Instant::now();
    let error = explore(&flags_kept_apart(20)).expect_err("over the state budget");
    let message = error.to_string();
    assert!(
        message.contains("exploration stopped after 1000000 states"),
        "{message}"
    );
    assert!(message.contains("cheaper pass"), "{message}");
    // A million states are held compactly: tens of MB, not gigabytes.
    let ExploreError::TooManyStates { bytes, .. } = error else {
        panic!("{error:?}")
    };
    assert!(bytes < 96 << 20, "{} MiB for a million states", bytes >> 20);
    // Generous for a debug build on a loaded machine; unbounded exploration took minutes.
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
}

#[test]
fn a_smaller_budget_of_states_or_memory_stops_sooner_with_its_figures() {
    let scenario = flags_kept_apart(20);
    let by_states = explore_within(
        &scenario,
        Budget {
            states: 5_000,
            ..Budget::default()
        },
    )
    .expect_err("over 5,000 states");
    assert!(
        by_states.to_string().contains("after 5000 states"),
        "{by_states}"
    );
    let by_memory = explore_within(
        &scenario,
        Budget {
            bytes: 1 << 20,
            ..Budget::default()
        },
    )
    .expect_err("over 1 MiB");
    let ExploreError::TooManyStates { states, bytes } = by_memory else {
        panic!("{by_memory:?}")
    };
    assert!(
        bytes > 1 << 20 && states < 1_000_000,
        "{states} states, {bytes} bytes"
    );
}

#[test]
fn flags_no_route_tests_any_more_are_forgotten_so_endings_merge() {
    // Sixteen flags tested together at the last beat: every set of them is a state of its own
    // until that test, then all of them meet in the one ending.
    let exploration = explore(&flags_kept_apart(16)).expect("within the budget");
    assert_eq!(exploration.paths, 1 << 16);
    assert_eq!(
        exploration.states,
        (1 << 16) - 1 + 1,
        "beats' states plus one ending"
    );
}

/// How the forty options of `forty_options` set flags.
#[derive(Clone, Copy, PartialEq)]
enum Flags {
    None,
    OneEach,
    /// The first twenty set one shared flag.
    HalfShareOne,
}

/// A decision of 40 options, each a copy of one with the given id and flags, and a route that
/// tests the flags.
fn forty_options(flags: Flags) -> feedwise_core::scenario::Scenario {
    use feedwise_core::scenario::{Condition, Route};
    let mut scenario = wide_selection(40, 20);
    let beat = &mut scenario.beats[0];
    let decision = beat.decision.as_mut().expect("a decision");
    for (i, option) in decision.options.iter_mut().enumerate() {
        option.set = match flags {
            Flags::None => vec![],
            Flags::OneEach => vec![format!("f{i}")],
            Flags::HalfShareOne if i < 20 => vec!["f0".to_owned()],
            Flags::HalfShareOne => vec![],
        };
    }
    if flags != Flags::None {
        let to = "elsewhere".to_owned();
        beat.then.insert(
            0,
            Route {
                when: Condition::Any((0..40).map(|i| Condition::Flag(format!("f{i}"))).collect()),
                to,
            },
        );
        let ending = scenario.endings[0].clone();
        scenario.endings.push(feedwise_core::scenario::Ending {
            id: "elsewhere".into(),
            ..ending
        });
    }
    scenario
}

#[test]
fn choose_twenty_of_forty_is_counted_and_scored_without_listing_selections() {
    let started = std::time::Instant::now();
    let exploration = explore(&forty_options(Flags::None)).expect("interchangeable options group");
    assert_eq!(exploration.paths, 137_846_528_820, "40 choose 20");
    let best = exploration.best.expect("best");
    assert_eq!(best.share, 1000);
    assert_eq!(best.steps[0].answer.len(), 20);
    assert!(
        best.steps[0]
            .answer
            .iter()
            .all(|id| id[1..].parse::<u32>().unwrap() < 20)
    );
    assert_eq!(exploration.worst.expect("worst").share, 0);
    let boundaries = exploration
        .principles
        .iter()
        .find(|p| p.principle == "boundaries")
        .expect("scored");
    assert_eq!((boundaries.min, boundaries.max), (40, 40), "20 picks of +2");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn choose_twenty_of_forty_that_each_set_a_tested_flag_is_refused_with_a_message() {
    let started = std::time::Instant::now();
    let message = explore(&forty_options(Flags::OneEach))
        .expect_err("too many distinct selections")
        .to_string();
    assert!(
        message.contains("has 137846528820 selections that lead to different places"),
        "{message}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn options_that_set_the_same_flag_are_interchangeable_so_twenty_of_forty_still_explores() {
    let exploration = explore(&forty_options(Flags::HalfShareOne)).expect("two classes of twenty");
    assert_eq!(exploration.paths, 137_846_528_820, "40 choose 20");
    assert_eq!(exploration.states, 3, "the beat and two endings");
    // Only a selection of none of the twenty flag-setters keeps away from `elsewhere`.
    assert_eq!(exploration.endings_reached, vec!["end", "elsewhere"]);
}

#[test]
fn a_ranking_of_forty_is_scored_exactly_and_one_of_a_hundred_is_refused() {
    let ranking = long_ranking;
    let exploration = explore(&ranking(40)).expect("40 options rank");
    assert_eq!(exploration.paths, 40, "one path per option ranked first");
    assert_eq!(exploration.best.expect("best").share, 1000);
    // The worst order puts every option at least four places from its keyed place.
    let worst = exploration.worst.expect("worst");
    assert_eq!(worst.share, 0);
    assert_eq!(worst.steps[0].answer.len(), 40, "a full ranking");
    let message = explore(&ranking(100)).expect_err("too long").to_string();
    assert!(message.contains("ranks 100 options"), "{message}");
}

/// A chain of two-way decisions without events, so that thousands fit in one file under
/// the 4 MiB limit.
fn bare_chain(beats: usize) -> feedwise_core::scenario::Scenario {
    let mut scenario = synthetic("long-chain", beats, 2, Mix::ChooseOnly);
    for beat in &mut scenario.beats {
        beat.events.clear();
    }
    scenario
}

/// `check` on files of each adversarial shape: it finishes on a worker-sized stack, reports
/// no error for a valid file, and says when exploration gave up.
#[test]
fn check_finishes_on_every_adversarial_shape_and_warns_where_exploration_stopped() {
    use feedwise_core::check::check_file;
    use feedwise_core::scenario::Catalogue;
    use feedwise_core::scenario::load::to_ron;
    let dir = tempfile::tempdir().expect("temp dir");
    let shapes = [
        ("long-chain", bare_chain(3_000), false),
        ("flags-apart", flags_kept_apart(22), true),
        ("wide", wide_selection(40, 20), false),
        ("ranked", long_ranking(40), false),
    ];
    for (name, scenario, stops) in shapes {
        let path = dir.path().join(format!("{name}.ron"));
        std::fs::write(&path, to_ron(&scenario).expect("serialises")).expect("write");
        let started = std::time::Instant::now();
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let catalogue = Catalogue::embedded().expect("catalogue");
                check_file(&path, &catalogue)
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
        let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.code).collect();
        assert!(
            result
                .diagnostics
                .iter()
                .all(|d| d.severity != feedwise_core::check::Severity::Error),
            "{name}: {codes:?}"
        );
        assert_eq!(
            codes.contains(&"exploration-limit"),
            stops,
            "{name}: {codes:?}"
        );
        // Generous for a debug build on a loaded machine.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "{name}"
        );
    }
}
