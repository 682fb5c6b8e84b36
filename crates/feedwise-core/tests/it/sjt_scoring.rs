//! The UK Foundation Programme SJT marking rules, as a table.

use feedwise_core::engine::score::{Placement, placements_of, rank_marks, several_marks};

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn total(key: &[&str], ranking: &[&str]) -> u32 {
    let ranking = ids(ranking);
    rank_marks(&ids(key), &placements_of(&ranking)).iter().sum()
}

const KEY: [&str; 5] = ["a", "b", "c", "d", "e"];

#[test]
fn identity_ranking_earns_full_marks() {
    assert_eq!(total(&KEY, &KEY), 20);
}

#[test]
fn fully_reversed_ranking_earns_eight() {
    assert_eq!(total(&KEY, &["e", "d", "c", "b", "a"]), 8);
}

#[test]
fn swapping_two_neighbours_earns_eighteen() {
    assert_eq!(total(&KEY, &["b", "a", "c", "d", "e"]), 18);
    assert_eq!(total(&KEY, &["a", "b", "c", "e", "d"]), 18);
}

#[test]
fn marks_per_option_fall_by_one_per_place_and_never_below_zero() {
    let ranking = ids(&["e", "a", "b", "c", "d"]);
    let marks = rank_marks(&ids(&KEY), &placements_of(&ranking));
    // a..d each one place late (3 marks); e four places early (0 marks).
    assert_eq!(marks, vec![3, 3, 3, 3, 0]);
}

#[test]
fn tied_options_score_zero() {
    let placements = vec![
        Placement {
            option: "a",
            place: 0,
        },
        Placement {
            option: "b",
            place: 1,
        },
        Placement {
            option: "c",
            place: 1,
        },
        Placement {
            option: "d",
            place: 3,
        },
        Placement {
            option: "e",
            place: 4,
        },
    ];
    let marks = rank_marks(&ids(&KEY), &placements);
    assert_eq!(marks, vec![4, 0, 0, 4, 4]);
}

#[test]
fn choose_several_earns_four_per_keyed_option() {
    let key = ids(&["a", "c", "e"]);
    assert_eq!(several_marks(&key, &ids(&["a", "c", "e"]), 3), 12);
    assert_eq!(several_marks(&key, &ids(&["a", "b", "e"]), 3), 8);
    assert_eq!(several_marks(&key, &ids(&["b", "d", "f"]), 3), 0);
}

#[test]
fn choosing_more_than_allowed_scores_zero() {
    let key = ids(&["a", "c", "e"]);
    assert_eq!(several_marks(&key, &ids(&["a", "c", "e", "b"]), 3), 0);
}
