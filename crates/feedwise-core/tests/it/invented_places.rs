//! Scenarios pair invented misconduct with invented places only: no shipped scenario's town,
//! area or institution is a real settlement of Great Britain (docs/place-names.md has the
//! hand check this automates, near misses included). The gazetteer is Ordnance Survey's
//! settlement names (tests/data/gb-places.tsv).

use std::collections::HashMap;

use crate::common::{scenario, shipped_scenarios};

/// Variables that name a settlement: every name in them must be invented.
const SETTLEMENT: &[&str] = &["town", "city", "village", "area", "region", "county"];

/// Variables that name an institution ("Foxglove Lane Surgery"): the name may use ordinary
/// words that are also hamlets somewhere, but no town or city.
const INSTITUTION: &[&str] = &[
    "hosp", "hospital", "practice", "surgery", "clinic", "school", "pub", "unit", "trust",
];

/// Words that are settlements somewhere but here describe, not place: "Fernleigh Vale".
const GENERIC: &[&str] = &[
    "vale",
    "rise",
    "green",
    "park",
    "hill",
    "end",
    "lane",
    "street",
    "road",
    "brook",
    "mill",
    "church",
    "crown",
    "infirmary",
    "royal",
    "general",
    "district",
    "hillside",
    "bridge",
    "cross",
    "common",
    "heath",
    "moor",
    "wood",
    "field",
    "fields",
    "gate",
    "court",
    "house",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "new",
    "old",
    "the",
];

/// Settlement names by lower-case name: `C`ity, `T`own, `V`illage, `H`amlet, `S`uburb, `O`ther.
fn gazetteer() -> HashMap<String, char> {
    let text = std::fs::read_to_string(crate::common::repo(
        "crates/feedwise-core/tests/data/gb-places.tsv",
    ))
    .expect("the gazetteer is in the repository");
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, kind)| (name.to_lowercase(), kind.chars().next().unwrap_or('O')))
        .collect()
}

/// The whole value and each capitalised word in it (`{variables}` inside are left out).
fn candidates(value: &str) -> Vec<String> {
    let mut found = vec![value.to_owned()];
    found.extend(
        value
            .split(|c: char| c.is_whitespace() || c == '{' || c == '}')
            .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
            .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
            .filter(|word| word.chars().count() >= 4)
            .filter(|word| !GENERIC.contains(&word.to_lowercase().as_str()))
            .map(str::to_owned),
    );
    // A one-word value is its own word.
    found.dedup();
    found
}

/// The real places named in a scenario's place-like variables: (variable, value, place, kind).
fn real_places(
    path: &std::path::Path,
    places: &HashMap<String, char>,
) -> Vec<(String, String, String, char)> {
    let scenario = scenario(path);
    let mut found = Vec::new();
    for (name, values) in &scenario.variants {
        let is = |list: &[&str]| list.iter().any(|key| name.contains(key));
        let counts: fn(char) -> bool = if is(SETTLEMENT) {
            |_| true
        } else if is(INSTITUTION) {
            |kind| matches!(kind, 'C' | 'T')
        } else {
            continue;
        };
        for value in values {
            for candidate in candidates(value) {
                if let Some(&kind) = places.get(&candidate.to_lowercase())
                    && counts(kind)
                {
                    found.push((name.clone(), value.clone(), candidate, kind));
                }
            }
        }
    }
    found
}

#[test]
fn no_shipped_scenario_names_a_real_settlement() {
    let places = gazetteer();
    assert!(places.len() > 30_000, "the whole gazetteer read");
    let mut problems = Vec::new();
    for path in shipped_scenarios() {
        for (variable, value, place, kind) in real_places(&path, &places) {
            problems.push(format!(
                "{}: `{variable}` value \"{value}\": {place} is a real place ({kind})",
                path.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_real_town_and_a_real_hamlet_in_a_town_variable() {
    let places = gazetteer();
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(crate::common::repo("tests/fixtures/check/base.ron"))
        .expect("base fixture");
    let file = dir.path().join("real.ron");
    let text = base.replace(
        r#"variants: {"patient": ["Sam", "Jo"]},"#,
        r#"variants: {"patient": ["Sam", "Jo"], "town": ["Wexcombe", "Larkhollow"], "hosp": ["Wexcombe General", "Aldershot Royal"]},"#,
    );
    assert_ne!(text, base, "the fixture's variants line was found");
    std::fs::write(&file, text).expect("write");
    let found: Vec<String> = real_places(&file, &places)
        .into_iter()
        .map(|(variable, _, place, _)| format!("{variable}: {place}"))
        .collect();
    // Wexcombe is a hamlet: real as a town, but not a town an institution's name would claim;
    // Aldershot is a town. Larkhollow is invented.
    assert_eq!(found, ["hosp: Aldershot", "town: Wexcombe"]);
}
