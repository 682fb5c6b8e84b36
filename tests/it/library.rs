//! The shipped library as a whole: coverage targets, British English and tone.

use crate::common::{catalogue, scenario, shipped_scenarios};
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

/// Phrases an ending uses when it tells the trainee that all went well.
const PRAISE: &[&str] = &[
    "well done",
    "were protected",
    "was protected",
    "nothing here will trouble",
    "nothing to trouble",
    "nothing that would trouble",
    "nothing to worry about",
];

#[test]
fn no_path_with_a_critical_breach_ends_in_praise() {
    use feedwise::engine::paths::explore;
    use feedwise::scenario::Tone;
    let mut problems = Vec::new();
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        for ending in &scenario.endings {
            if ending.tone.is_none() {
                problems.push(format!(
                    "{}: ending `{}` has no tone",
                    file.display(),
                    ending.id
                ));
            }
        }
        let exploration = explore(&scenario).expect("shipped scenarios explore");
        for reach in &exploration.after_critical {
            for id in &reach.endings {
                let ending = scenario.ending(id).expect("explored endings exist");
                let words = format!("{} {}", ending.title, ending.debrief).to_lowercase();
                let praising = PRAISE.iter().find(|p| words.contains(*p));
                if ending.tone == Some(Tone::Praise) || praising.is_some() {
                    problems.push(format!(
                        "{}: critical {:?} at `{}` can reach `{id}` ({:?}, {:?})",
                        file.display(),
                        reach.options,
                        reach.decision,
                        ending.tone,
                        praising
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_path_with_a_poor_answer_ends_in_praise() {
    use feedwise::engine::paths::explore;
    use feedwise::scenario::Tone;
    let mut found = Vec::new();
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        let exploration = explore(&scenario).expect("shipped scenarios explore");
        for reach in &exploration.after_poor {
            for id in &reach.endings {
                let ending = scenario.ending(id).expect("explored endings exist");
                if ending.tone == Some(Tone::Praise) {
                    for option in &reach.options {
                        found.push((scenario.id.clone(), option.clone(), id.clone()));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "a poorly graded answer reaches a `Praise` ending (scenario, option, ending): {found:?}"
    );
}

#[test]
fn no_shipped_text_holds_a_character_the_fonts_cannot_draw() {
    let mut problems = Vec::new();
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        for (path, text) in texts(&scenario) {
            for (_, problem) in feedwise::glyphs::undrawable(text) {
                problems.push(format!("{}: {problem:?} in {:?}", file.display(), path.0));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scenario_list_in_docs_names_every_shipped_file() {
    let list = std::fs::read_to_string("docs/scenarios.md").expect("docs/scenarios.md");
    for file in shipped_scenarios() {
        let name = file.file_name().unwrap().to_string_lossy();
        assert!(
            list.contains(&format!("`{name}`")),
            "docs/scenarios.md does not list {name}; run python3 scripts/scenario-table.py"
        );
    }
}

#[test]
fn every_diagnostic_code_is_documented() {
    let guide = std::fs::read_to_string("docs/authoring.md").unwrap();
    let reference = std::fs::read_to_string("docs/diagnostics.md").unwrap();
    for rule in feedwise::check::rules::all() {
        assert!(
            guide.contains(&format!("| `{}` |", rule.code)),
            "docs/authoring.md has no row for `{}`",
            rule.code
        );
        assert!(
            reference.contains(&format!("\n## {}\n", rule.code)),
            "docs/diagnostics.md has no section for `{}`",
            rule.code
        );
    }
}

#[test]
fn docs_grading_md_is_what_the_behaviour_catalogue_generates() {
    use feedwise::cli::reference::{REGENERATE, grading};
    use feedwise::scenario::library::GuidanceSources;
    let sources = GuidanceSources::read(std::path::Path::new("assets/guidance"))
        .unwrap_or_else(|(path, error)| panic!("{}: {error}", path.display()));
    let catalogue = sources
        .parse()
        .unwrap_or_else(|(file, error)| panic!("{}: {}", file.path.display(), error.message))
        .catalogue();
    let page = std::fs::read_to_string("docs/grading.md").unwrap_or_default();
    assert!(
        page == grading(&catalogue),
        "docs/grading.md differs from what assets/guidance/behaviours.ron generates; regenerate it with `{REGENERATE}`"
    );
}

/// The end-to-end scripts reach patient-dm-results by pressing ArrowDown from the first card;
/// a scenario added before it in file-name order moves it, and `cargo test` says so here
/// rather than only the window tests.
#[test]
fn the_end_to_end_scripts_count_their_way_to_patient_dm_results() {
    let mut names: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .collect();
    names.sort();
    let place = names
        .iter()
        .position(|name| name == "patient-dm-results.ron")
        .expect("shipped");
    for script in ["tests/e2e/play-through.txt", "tests/e2e/screen-reader.txt"] {
        let text = std::fs::read_to_string(script).unwrap();
        let downs = text.lines().filter(|l| *l == "key ArrowDown").count();
        assert_eq!(
            downs, place,
            "{script}: ArrowDown presses to reach the card"
        );
    }
}
