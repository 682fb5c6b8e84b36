//! The shipped library as a whole: coverage targets, British English and tone.

mod common;

use common::{catalogue, scenario, shipped_scenarios};
use feedwise::check::coverage::Coverage;
use feedwise::check::walk::texts;

#[test]
fn the_library_meets_its_coverage_targets() {
    let scenarios: Vec<_> = shipped_scenarios().iter().map(scenario).collect();
    let refs: Vec<_> = scenarios.iter().map(|s| s.as_ref()).collect();
    let coverage = Coverage::of(&refs, &catalogue());
    let unmet = coverage.unmet();
    assert!(
        unmet.is_empty(),
        "library targets not met:\n{}",
        unmet.join("\n")
    );
}

/// American spellings that British English spells otherwise (whole words, lower case).
const AMERICAN: &[&str] = &[
    "color",
    "colors",
    "behavior",
    "behaviors",
    "behavioral",
    "organization",
    "organizations",
    "organize",
    "center",
    "centers",
    "favorite",
    "analyze",
    "apologize",
    "apologized",
    "realize",
    "realized",
    "recognize",
    "recognized",
    "criticize",
    "criticized",
    "emphasize",
    "minimize",
    "prioritize",
    "summarize",
    "honor",
    "labor",
    "neighbor",
    "defense",
    "offense",
    "practicing",
    "pediatric",
    "anesthetic",
    "hospitalized",
    "mom",
    "traveled",
    "canceled",
    "fulfill",
    "enroll",
    "gray",
    "cozy",
    "catalog",
];

const PLACEHOLDERS: &[&str] = &[
    "todo",
    "fixme",
    "tbd",
    "xxx",
    "lorem",
    "ipsum",
    "placeholder",
];

#[test]
fn scenario_text_is_british_english_without_placeholders() {
    let mut problems = Vec::new();
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        for (path, text) in texts(&scenario) {
            let lower = text.to_lowercase();
            for word in lower.split(|c: char| !c.is_alphanumeric()) {
                if AMERICAN.contains(&word) || PLACEHOLDERS.contains(&word) {
                    problems.push(format!("{}: `{word}` in {:?}", file.display(), path.0));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_shipped_scenario_survives_a_round_trip() {
    use feedwise::scenario::Scenario;
    use feedwise::scenario::load::{parse, to_ron};
    use feedwise::scenario::source::SourceFile;
    for file in shipped_scenarios() {
        let first = scenario(&file);
        let text = to_ron(first.as_ref()).expect("serialises");
        let again = parse::<Scenario>(&SourceFile::new(&file, text.clone()))
            .unwrap_or_else(|e| panic!("{}: {} at {}", file.display(), e.message, e.start));
        assert_eq!(
            &again.value,
            first.as_ref(),
            "{} changed in a round trip",
            file.display()
        );
        // And the serialised form is itself stable.
        assert_eq!(to_ron(&again.value).unwrap(), text);
    }
}
