//! Path exploration on generated scenarios far too large to walk path by path.

use feedwise::engine::paths::explore;
use feedwise::scenario::synthetic::{Mix, synthetic};

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

/// `check` explores on worker threads with the default 2 MiB stack: a long chain of decisions
/// must be explored there without overflowing, and one past the limit refused with a message.
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
    let within = worker(1_900).expect("1,900 beats are within the limit");
    assert_eq!(within.paths, u128::MAX, "2^1,900 paths, saturated");
    let past = worker(2_500).expect_err("2,500 beats are past the limit");
    assert!(past.to_string().contains("more than 2000 beats"), "{past}");
}

#[test]
fn states_that_never_merge_stop_at_the_budget_with_a_clear_message() {
    let started = std::time::Instant::now();
    let error = explore(&feedwise::scenario::synthetic::flags_kept_apart(20))
        .expect_err("over the state budget");
    let message = error.to_string();
    assert!(
        message.contains("exploration stopped after 100000 states"),
        "{message}"
    );
    assert!(message.contains("cheaper pass"), "{message}");
    // Generous for a debug build on a loaded machine; unbounded exploration took minutes.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_choose_twenty_of_forty_decision_is_refused_with_a_message_not_listed() {
    use feedwise::scenario::{DecisionKind, DecisionOption};
    let mut scenario = synthetic("wide", 1, 4, Mix::ChooseOnly);
    let decision = scenario.beats[0].decision.as_mut().expect("a decision");
    let template: DecisionOption = decision.options[0].clone();
    decision.options = (0..40)
        .map(|i| DecisionOption {
            id: format!("o{i}"),
            ..template.clone()
        })
        .collect();
    decision.kind = DecisionKind::ChooseSeveral {
        pick: 20,
        key: (0..20).map(|i| format!("o{i}")).collect(),
    };
    let started = std::time::Instant::now();
    let message = explore(&scenario).expect_err("too many ways").to_string();
    assert!(
        message.contains("can be answered in 137846528820 ways"),
        "{message}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
