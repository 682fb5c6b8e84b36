//! Exports of the trainee's runs (feedwise-core's export): the reflective note in Markdown and HTML, the
//! CSV of runs and of decisions read back with the `csv` crate, xAPI statements, choosing
//! runs, and file names. Runs are played through the engine with fixed answers.

use std::collections::BTreeSet;

use crate::export_support::{Play, play};
use feedwise_core::export::note::{escape, md, reflection_headings};
use feedwise_core::export::xapi::{self, Actor, DEFAULT_BASE};
use feedwise_core::export::{self, Format, Regulator, SelectError, Selection};
use feedwise_core::record::{AnswerKind, RunRecord, RunStatus};
use feedwise_core::scenario::Profession;

const ALL_KINDS: &str = "tests/fixtures/engine/all-kinds.ron";

/// all-kinds (doctors, GMC) to its end: a choice, a ranking, a selection.
fn all_kinds() -> RunRecord {
    let record = play(ALL_KINDS, Play::default());
    assert_eq!(record.status, RunStatus::Finished);
    let kinds: Vec<&str> = record.decisions.iter().map(|d| d.kind.word()).collect();
    for kind in ["choose", "rank", "choose-several"] {
        assert!(kinds.contains(&kind), "all-kinds has a {kind}: {kinds:?}");
    }
    record
}

fn text_of<'a>(decision: &'a feedwise_core::record::DecisionRecord, id: &str) -> &'a str {
    &decision
        .options
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("{id} is an option of {}", decision.decision))
        .text
}

// ---- the reflective note ----

#[test]
fn the_markdown_note_has_every_decision_its_answer_and_guidance_and_gmc_headings() {
    let record = all_kinds();
    let note = export::note::markdown(&[&record]);
    assert!(note.starts_with(&format!(
        "# Reflective note: {}",
        md(&record.scenario_title)
    )));
    for (n, decision) in record.decisions.iter().enumerate() {
        assert!(
            note.contains(&format!(
                "\n### Decision {}: {}\n",
                n + 1,
                md(&decision.prompt)
            )),
            "decision {} in:\n{note}",
            decision.decision
        );
        for id in &decision.chosen {
            assert!(
                note.contains(&md(text_of(decision, id))),
                "chosen {id} in:\n{note}"
            );
        }
        assert!(!decision.guidance.is_empty());
        for line in &decision.guidance {
            assert!(note.contains(&format!("- {}", md(line))), "{line}");
        }
    }
    let (intro, headings) = reflection_headings(Some(Regulator::Gmc));
    assert!(note.contains(&md(intro)));
    for (heading, prompt) in headings {
        assert!(note.contains(&format!("### {heading}\n\n_{}_", md(prompt))));
    }
    assert!(note.contains("appraisal"), "GMC appraisal wording");
    assert!(
        !note.contains("How this relates to the Code"),
        "no NMC heading"
    );
    // The principle table has a row per principle.
    for total in &record.principles {
        assert!(note.contains(&format!("| {} |", md(&total.title))));
    }
}

#[test]
fn no_line_is_repeated_within_a_decision_of_the_note() {
    let mut record = all_kinds();
    // The selection's two keyed options both cite the same paragraph: it is cited once.
    let several = record
        .decisions
        .iter()
        .find(|d| d.decision == "pick")
        .unwrap();
    let mut seen = std::collections::HashSet::new();
    assert!(
        several.guidance.iter().all(|line| seen.insert(line)),
        "{:?}",
        several.guidance
    );
    // A record written before citations were merged repeats its lines; the note does not.
    for decision in &mut record.decisions {
        decision.guidance = [decision.guidance.clone(), decision.guidance.clone()].concat();
        decision.feedback = [decision.feedback.clone(), decision.feedback.clone()].concat();
    }
    let note = export::note::markdown(&[&record]);
    let mut lists = 0;
    for list in note
        .split("Guidance it touched:")
        .chain(note.split("Feedback:"))
        .skip(1)
    {
        let items: Vec<&str> = (list.trim_start().lines())
            .take_while(|l| l.starts_with("- "))
            .collect();
        let mut seen = std::collections::HashSet::new();
        for item in &items {
            assert!(seen.insert(item), "repeated: {item}\n{list}");
        }
        lists += 1;
    }
    assert!(lists >= 4, "the guidance and feedback lists were found");
}

#[test]
fn a_ranking_is_written_in_the_trainees_order() {
    let record = all_kinds();
    let ranking = record
        .decisions
        .iter()
        .find(|d| d.kind == AnswerKind::Rank)
        .unwrap();
    let note = export::note::markdown(&[&record]);
    let at = |id: &str| {
        note.find(&format!(". {}", md(text_of(ranking, id))))
            .unwrap_or_else(|| panic!("{id} numbered in the note"))
    };
    let places: Vec<usize> = ranking.chosen.iter().map(|id| at(id)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
}

#[test]
fn the_html_note_has_the_same_content_escaped_and_prints_on_a4_without_scripts() {
    let record = all_kinds();
    let page = export::note::html(&[&record]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    for decision in &record.decisions {
        assert!(
            page.contains(&escape(&decision.prompt)),
            "{}",
            decision.prompt
        );
        for id in &decision.chosen {
            assert!(page.contains(&format!("<li>{}</li>", escape(text_of(decision, id)))));
        }
        for line in &decision.guidance {
            assert!(page.contains(&format!("<li>{}</li>", escape(line))));
        }
    }
    for (heading, _) in reflection_headings(Some(Regulator::Gmc)).1 {
        assert!(page.contains(&format!("<h3>{}</h3>", escape(heading))));
    }
    assert!(page.contains("@page { size: A4"));
    assert!(page.contains("@media print"));
    assert!(page.contains("Content-Security-Policy"));
    let lower = page.to_lowercase();
    for banned in [
        "<script",
        "javascript:",
        " src=",
        "href=",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!lower.contains(banned), "{banned} in the page");
    }
}

#[test]
fn scenario_text_with_markup_is_escaped_in_both_notes() {
    let mut record = all_kinds();
    record.scenario_title = "Tom & Jerry <script>alert('x')</script>".into();
    record.decisions[0].prompt = "<img src=x onerror=alert(1)> & more".into();
    let chosen = record.decisions[0].chosen[0].clone();
    for option in &mut record.decisions[0].options {
        if option.id == chosen {
            option.text = "</li><script>steal()</script>".into();
        }
    }
    record.decisions[0].chosen_text = vec!["</li><script>steal()</script>".into()];
    let page = export::note::html(&[&record]);
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "{page}");
    assert!(!lower.contains("<img"));
    assert!(page.contains("Tom &amp; Jerry &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; more"));
    assert!(page.contains("<li>&lt;/li&gt;&lt;script&gt;steal()&lt;/script&gt;</li>"));
    let note = export::note::markdown(&[&record]);
    // Every `<` is escaped, so no renderer makes a tag of it.
    assert_eq!(
        note.matches('<').count(),
        note.matches("\\<").count(),
        "{note}"
    );
    assert!(note.contains("Tom \\& Jerry \\<script\\>alert('x')\\</script\\>"));
}

#[test]
fn the_chart_has_one_bar_per_principle_with_its_number() {
    let record = all_kinds();
    assert!(record.principles.len() >= 2, "{:?}", record.principles);
    let page = export::note::html(&[&record]);
    assert_eq!(page.matches("<svg").count(), 1);
    assert_eq!(
        page.matches("class=\"bar ").count(),
        record.principles.len()
    );
    assert_eq!(
        page.matches("class=\"zero\"").count(),
        record.principles.len()
    );
    for total in &record.principles {
        let number = export::chart::signed(total.total);
        let words = format!(
            "{number} (range {} to {})",
            export::chart::signed(total.min),
            export::chart::signed(total.max)
        );
        assert!(
            page.contains(&format!("class=\"value\">{words}</text>")),
            "{words}"
        );
        assert!(page.contains(&format!(">{}</text>", escape(&total.title))));
    }
}

#[test]
fn an_html_note_with_emoji_brings_its_own_emoji_font_and_one_without_does_not() {
    let plain = all_kinds();
    let page = export::note::html(&[&plain]);
    assert!(!page.contains("@font-face"), "no emoji, no font");
    assert!(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    let mut with_emoji = plain.clone();
    with_emoji.decisions[0].chosen_text = vec!["Repost it 👏👏".into()];
    let page = export::note::html(&[&with_emoji]);
    assert!(page.contains("Repost it 👏👏"));
    assert!(page.contains(
        "@font-face { font-family: 'Noto Emoji feedwise'; src: url(data:font/ttf;base64,"
    ));
    assert!(
        page.contains("style-src 'unsafe-inline'; font-src data:\""),
        "the policy lets it load"
    );
    // Letters and punctuation the text face has do not call for it.
    let mut typographic = plain.clone();
    typographic.decisions[0].chosen_text = vec!["“Quoted” — café…".into()];
    assert!(!export::note::html(&[&typographic]).contains("@font-face"));
}

#[test]
fn the_note_states_the_time_spent_and_the_kind_of_learning() {
    // Each answer a minute after the one before, the record a minute after the last.
    let record = all_kinds();
    let minutes = record.decisions.len() + 1;
    let note = export::note::markdown(&[&record]);
    assert!(
        note.contains(&format!(
            "- **Time spent:** about {minutes} minutes over 1 run"
        )),
        "{note}"
    );
    assert!(note.contains("- **Type of learning:** individual, self-directed"));
    assert!(
        !note.contains("participatory"),
        "the NMC's terms only for the NMC"
    );
    let both = export::note::markdown(&[&record, &record]);
    assert!(both.contains(&format!("about {} minutes over 2 runs", 2 * minutes)));
    let nurses = play("scenarios/ward-selfie.ron", Play::default());
    let note = export::note::markdown(&[&nurses]);
    assert!(note.contains("not participatory learning"), "{note}");
}

#[test]
fn the_reflection_follows_the_regulator_the_audience_names() {
    let nurses = play("scenarios/ward-selfie.ron", Play::default());
    let ahps = play("scenarios/closed-group-image.ron", Play::default());
    let mixed = play("scenarios/patient-dm-results.ron", Play::default());
    assert_eq!(nurses.audience, "nurses (NMC)");
    assert_eq!(ahps.audience, "allied health professionals (HCPC)");
    for (record, regulator, own, foreign) in [
        (
            &nurses,
            Some(Regulator::Nmc),
            "How this relates to the Code",
            "appraisal",
        ),
        (
            &ahps,
            Some(Regulator::Hcpc),
            "How it benefits the people who use my service",
            "the Code",
        ),
        (
            &mixed,
            None,
            "How this relates to my professional standards",
            "revalidation: this",
        ),
    ] {
        assert_eq!(Regulator::of_runs(&[record]), regulator);
        let note = export::note::markdown(&[record]);
        for (heading, _) in reflection_headings(regulator).1 {
            assert!(note.contains(&format!("### {heading}")), "{heading}");
        }
        assert!(note.contains(own), "{own}");
        let reflection = &note[note.find("## My reflection").unwrap()..];
        assert!(!reflection.contains(foreign), "{foreign} in {reflection}");
    }
}

#[test]
fn the_reflection_follows_who_played_when_the_record_keeps_it() {
    // patient-dm-results is for doctors and nurses: by its audience no one regulator.
    let as_nurse = |profession| {
        play(
            "scenarios/patient-dm-results.ron",
            Play {
                profession,
                ..Play::default()
            },
        )
    };
    let nurse = as_nurse(Some(Profession::Nurse));
    assert_eq!(Regulator::of_runs(&[&nurse]), Some(Regulator::Nmc));
    let note = export::note::markdown(&[&nurse]);
    assert!(note.contains("How this relates to the Code"), "{note}");
    assert!(note.contains("nurses"), "played as, in the facts: {note}");
    // Its guidance lists the NMC's references first.
    let cited_both = nurse
        .decisions
        .iter()
        .find(|d| d.guidance.iter().any(|g| g.contains("(GMC")))
        .expect("an answer citing the GMC too");
    assert!(
        cited_both.guidance[0].contains("(NMC"),
        "{:?}",
        cited_both.guidance
    );

    let student = as_nurse(Some(Profession::MedicalStudent));
    assert_eq!(Regulator::of_runs(&[&student]), Some(Regulator::Gmc));
    let educator = as_nurse(Some(Profession::Educator));
    assert_eq!(Regulator::of_runs(&[&educator]), None);
    assert_eq!(Regulator::of_runs(&[&as_nurse(None)]), None);
}

#[test]
fn xapi_statements_say_who_played_when_known() {
    let nurse = play(
        "scenarios/patient-dm-results.ron",
        Play {
            profession: Some(Profession::NursingStudent),
            ..Play::default()
        },
    );
    let key = format!("{DEFAULT_BASE}extensions/profession");
    let statements = xapi::statements(&[&nurse], &actor(), DEFAULT_BASE);
    assert!(!statements.is_empty());
    for statement in &statements {
        assert_eq!(
            statement.context.extensions.get(&key),
            Some(&serde_json::Value::from("nursing-student"))
        );
    }
    let anyone = play("scenarios/patient-dm-results.ron", Play::default());
    let statements = xapi::statements(&[&anyone], &actor(), DEFAULT_BASE);
    assert!(
        statements
            .iter()
            .all(|s| !s.context.extensions.contains_key(&key))
    );
}

#[test]
fn a_period_note_has_each_run_and_one_reflection() {
    let first = all_kinds();
    let second = play(
        "scenarios/ward-selfie.ron",
        Play {
            id_byte: 8,
            started: first_started_plus_days(2),
            ..Play::default()
        },
    );
    let note = export::note::markdown(&[&first, &second]);
    assert!(note.starts_with(
        "# Reflective note: simulated social media practice, 2026-12-01 to 2026-12-03"
    ));
    for record in [&first, &second] {
        assert!(note.contains(&format!("## What happened: {}", md(&record.scenario_title))));
    }
    assert_eq!(note.matches("## My reflection").count(), 1);
    // A doctor's and a nurse's scenario: headings that suit either.
    assert!(note.contains("your regulator's standards"));
}

fn first_started_plus_days(days: u64) -> u64 {
    Play::default().started + days * 86_400
}

// ---- CSV ----

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(text.ends_with("\r\n"), "RFC 4180 lines end in CRLF");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_of_runs_reads_back_one_row_per_run() {
    let mut first = all_kinds();
    first.scenario_title = "Commas, \"quotes\"\r\nand a line break".into();
    let abandoned = play(
        "scenarios/two-am-reply.ron",
        Play {
            id_byte: 9,
            stop_after: Some(1),
            ..Play::default()
        },
    );
    assert_eq!(abandoned.status, RunStatus::Abandoned);
    let (header, rows) = read_csv(&export::csv::runs(&[&first, &abandoned]));
    assert_eq!(
        header,
        [
            "run",
            "scenario",
            "title",
            "started",
            "status",
            "percentage",
            "critical_breaches",
            "seed",
            "ending",
            "ending_title",
            "practice_set",
            "practice_position"
        ]
    );
    assert_eq!(rows.len(), 2);
    let ending = first.ending.as_ref().unwrap();
    assert_eq!(
        rows[0],
        [
            first.run.as_str(),
            "all-kinds",
            first.scenario_title.as_str(),
            "2026-12-01T04:10:15Z",
            "finished",
            &first.percentage.to_string(),
            &first.critical_breaches().to_string(),
            "1",
            &ending.id,
            &ending.title,
            "",
            "",
        ]
    );
    assert_eq!(rows[1][4], "abandoned");
    assert_eq!(rows[1][8], "");
}

#[test]
fn csv_of_decisions_reads_back_one_row_per_decision() {
    let record = all_kinds();
    let (header, rows) = read_csv(&export::csv::decisions(&[&record]));
    assert_eq!(header.len(), 13);
    assert_eq!(rows.len(), record.decisions.len());
    for (row, decision) in rows.iter().zip(&record.decisions) {
        let column = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        assert_eq!(column("run"), &record.run);
        assert_eq!(column("decision"), &decision.decision);
        assert_eq!(column("kind"), decision.kind.word());
        assert_eq!(column("chosen"), &decision.chosen.join("+"));
        assert_eq!(column("grade"), decision.grade.word());
        assert_eq!(column("critical"), &decision.critical.to_string());
        assert_eq!(column("took_seconds"), "12.34");
        assert_eq!(column("answered"), &decision.answered);
        match decision.marks {
            Some((earned, available)) => {
                assert_eq!(column("marks_earned"), &earned.to_string());
                assert_eq!(column("marks_available"), &available.to_string());
            }
            None => assert_eq!(column("marks_earned"), ""),
        }
        for effect in &decision.effects {
            assert!(
                column("principles").contains(&format!("{} {:+}", effect.principle, effect.change)),
                "{}",
                column("principles")
            );
        }
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let mut record = all_kinds();
    record.scenario_title = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
    record.transcript.scenario = "+cmd|' /C calc'!A0".into();
    record.decisions[0].decision = "@SUM(1+1)".into();
    record.decisions[0].chosen = vec!["-2+3".into()];
    record.decisions[0].answered = "\t=1".into();
    let (_, runs) = read_csv(&export::csv::runs(&[&record]));
    assert_eq!(runs[0][1], "'+cmd|' /C calc'!A0");
    assert_eq!(runs[0][2], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    let (_, decisions) = read_csv(&export::csv::decisions(&[&record]));
    assert_eq!(decisions[0][2], "'@SUM(1+1)");
    assert_eq!(decisions[0][4], "'-2+3");
    assert_eq!(decisions[0][11], "'\t=1");
    for row in runs.iter().chain(&decisions) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
    }
}

// ---- xAPI ----

fn actor() -> Actor {
    Actor::at(DEFAULT_BASE, "trainee-0badc0de")
}

fn statements(records: &[&RunRecord]) -> serde_json::Value {
    let made = xapi::statements(records, &actor(), DEFAULT_BASE);
    serde_json::from_str(&xapi::to_json(&made)).unwrap()
}

#[test]
fn statements_are_the_same_bytes_every_export_with_ids_from_run_and_role() {
    let record = all_kinds();
    let once = xapi::to_json(&xapi::statements(&[&record], &actor(), DEFAULT_BASE));
    let again = xapi::to_json(&xapi::statements(&[&all_kinds()], &actor(), DEFAULT_BASE));
    assert_eq!(once, again);
    let parsed: serde_json::Value = serde_json::from_str(&once).unwrap();
    let list = parsed.as_array().unwrap();
    let ids: BTreeSet<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), list.len(), "ids are distinct");
    assert_eq!(
        list[0]["id"],
        xapi::statement_id(&record.run, "attempted").as_str()
    );
    assert_eq!(
        list[1]["id"],
        xapi::statement_id(
            &record.run,
            &format!("answered/1/{}", record.decisions[0].decision)
        )
        .as_str()
    );
    // Another run of the same scenario has other ids.
    let other = play(
        ALL_KINDS,
        Play {
            id_byte: 8,
            ..Play::default()
        },
    );
    let other_ids: BTreeSet<String> = xapi::statements(&[&other], &actor(), DEFAULT_BASE)
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(other_ids.iter().all(|id| !ids.contains(id.as_str())));
}

#[test]
fn a_finished_run_is_attempted_answered_completed_and_passed_or_failed() {
    let record = all_kinds();
    let list = statements(&[&record]);
    let verbs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["verb"]["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    let pass = if xapi::passed(&record) {
        "passed"
    } else {
        "failed"
    };
    let mut expected = vec!["attempted"];
    expected.extend(std::iter::repeat_n("answered", record.decisions.len()));
    expected.extend(["completed", pass]);
    assert_eq!(verbs, expected);
    for statement in list.as_array().unwrap() {
        assert_eq!(statement["context"]["registration"], record.run.as_str());
        assert_eq!(statement["version"], "1.0.3");
    }
    let last = &list[verbs.len() - 1];
    assert_eq!(last["result"]["success"], xapi::passed(&record));
    assert_eq!(
        last["timestamp"],
        record.decisions.last().unwrap().answered.as_str()
    );
    assert_eq!(list[0]["timestamp"], record.started.as_str());
}

#[test]
fn the_pass_rule_is_seventy_percent_and_no_critical_breach() {
    let mut record = all_kinds();
    for decision in &mut record.decisions {
        decision.critical = false;
    }
    record.percentage = 70;
    assert!(xapi::passed(&record));
    let last = |r: &RunRecord| {
        let list = statements(&[r]);
        let list = list.as_array().unwrap().clone();
        list.last().unwrap()["verb"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(last(&record), "http://adlnet.gov/expapi/verbs/passed");
    record.percentage = 69;
    assert_eq!(last(&record), "http://adlnet.gov/expapi/verbs/failed");
    record.percentage = 100;
    record.decisions[0].critical = true;
    assert_eq!(last(&record), "http://adlnet.gov/expapi/verbs/failed");
}

#[test]
fn an_abandoned_run_has_no_completion() {
    let record = play(
        "scenarios/two-am-reply.ron",
        Play {
            stop_after: Some(1),
            ..Play::default()
        },
    );
    assert_eq!(record.status, RunStatus::Abandoned);
    let list = statements(&[&record]);
    let verbs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
        .collect();
    assert_eq!(verbs, ["attempted", "answered"]);
}

#[test]
fn every_activity_has_one_definition_whatever_the_seed_or_who_plays() {
    use feedwise_core::scenario::Profession;
    let mut definitions: std::collections::BTreeMap<String, String> = Default::default();
    for file in crate::common::shipped_scenarios() {
        let path = file.to_str().unwrap();
        for (seed, profession) in [
            (1, None),
            (2, Some(Profession::Doctor)),
            (3, Some(Profession::Nurse)),
            (4, Some(Profession::Paramedic)),
        ] {
            let how = Play {
                seed,
                profession,
                ..Play::default()
            };
            let record = play(path, how);
            for statement in statements(&[&record]).as_array().unwrap() {
                let object = &statement["object"];
                let Some(definition) = object.get("definition") else {
                    continue;
                };
                let id = object["id"].as_str().unwrap().to_owned();
                let definition = definition.to_string();
                if let Some(earlier) = definitions.insert(id.clone(), definition.clone()) {
                    assert_eq!(earlier, definition, "{id} at seed {seed} as {profession:?}");
                }
            }
        }
    }
    assert!(definitions.len() > 50, "{} activities", definitions.len());
}

#[test]
fn each_kind_of_decision_is_an_interaction_with_its_key_as_the_correct_response() {
    let record = all_kinds();
    let list = statements(&[&record]);
    for (n, decision) in record.decisions.iter().enumerate() {
        let statement = &list[n + 1];
        let definition = &statement["object"]["definition"];
        assert_eq!(
            definition["type"],
            "http://adlnet.gov/expapi/activities/cmi.interaction"
        );
        assert_eq!(
            statement["object"]["id"],
            format!(
                "https://feedwise.invalid/xapi/scenarios/all-kinds/decisions/{}",
                decision.decision
            )
            .as_str()
        );
        let patterns: Vec<&str> = definition["correctResponsesPattern"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let response = statement["result"]["response"].as_str().unwrap();
        match decision.kind {
            AnswerKind::Choose => {
                assert_eq!(definition["interactionType"], "choice");
                assert_eq!(patterns, decision.key);
                assert_eq!(response, decision.chosen[0]);
            }
            AnswerKind::ChooseSeveral { pick } => {
                assert_eq!(definition["interactionType"], "choice");
                assert_eq!(patterns, [decision.key.join("[,]")]);
                assert_eq!(response.split("[,]").count(), pick as usize);
            }
            AnswerKind::Rank => {
                assert_eq!(definition["interactionType"], "sequencing");
                assert_eq!(patterns, [decision.key.join("[,]")]);
                assert_eq!(response, decision.chosen.join("[,]"));
                let (earned, available) = decision.marks.unwrap();
                assert_eq!(statement["result"]["score"]["raw"], earned);
                assert_eq!(statement["result"]["score"]["max"], available);
            }
        }
        let choices: Vec<(&str, &str)> = definition["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap(),
                    c["description"]["en-GB"].as_str().unwrap(),
                )
            })
            .collect();
        let options: Vec<(&str, &str)> = decision
            .options
            .iter()
            .map(|o| (o.id.as_str(), o.text.as_str()))
            .collect();
        assert_eq!(choices, options);
        assert_eq!(
            statement["result"]["score"]["scaled"].as_f64().unwrap(),
            f64::from(decision.share) / 1000.0
        );
        assert_eq!(statement["result"]["duration"], "PT12.34S");
        assert_eq!(
            statement["context"]["contextActivities"]["parent"][0]["id"],
            "https://feedwise.invalid/xapi/scenarios/all-kinds"
        );
    }
}

#[test]
fn the_actor_is_a_pseudonymous_account_and_nothing_else() {
    let record = all_kinds();
    let json = xapi::to_json(&xapi::statements(&[&record], &actor(), DEFAULT_BASE));
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    for statement in list.as_array().unwrap() {
        let actor = statement["actor"].as_object().unwrap();
        let keys: Vec<&String> = actor.keys().collect();
        assert_eq!(keys, ["account", "objectType"]);
        assert_eq!(
            statement["actor"]["account"],
            serde_json::json!({"homePage": "https://feedwise.invalid", "name": "trainee-0badc0de"})
        );
    }
    for identifying in ["mbox", "mailto:", "openid"] {
        assert!(
            !json.contains(identifying),
            "{identifying} in the statements"
        );
    }
    // An activity base of the user's gives the account's home page too.
    let base = xapi::activity_base("https://lrs.example.org/feedwise").unwrap();
    let theirs = xapi::statements(&[&record], &Actor::at(&base, "w7"), &base);
    assert_eq!(theirs[0].actor.account.home_page, "https://lrs.example.org");
    assert!(
        theirs[0]
            .object
            .id
            .starts_with("https://lrs.example.org/feedwise/scenarios/")
    );
}

// ---- choosing runs ----

fn history() -> Vec<RunRecord> {
    let mut runs = Vec::new();
    for (n, status) in [
        RunStatus::Finished,
        RunStatus::Abandoned,
        RunStatus::InProgress,
        RunStatus::Finished,
    ]
    .into_iter()
    .enumerate()
    {
        let mut record = all_kinds();
        record.run = feedwise_core::record::run_id([0xa0 + n as u8; 16]);
        record.started = feedwise_core::record::time::rfc3339(1_796_083_200 + 86_400 * n as u64);
        record.status = status;
        runs.push(record);
    }
    runs.reverse(); // newest first, as the store loads them
    runs
}

fn chosen(runs: &[RunRecord], selection: Selection) -> Result<Vec<String>, SelectError> {
    export::select(runs, &selection).map(|kept| {
        kept.iter()
            .map(|r| feedwise_core::record::time::date_of(&r.started).to_owned())
            .collect()
    })
}

#[test]
fn selection_by_default_is_every_finished_and_abandoned_run_oldest_first() {
    let runs = history();
    assert_eq!(
        chosen(&runs, Selection::default()).unwrap(),
        ["2026-12-01", "2026-12-02", "2026-12-04"]
    );
    assert_eq!(
        chosen(
            &runs,
            Selection {
                in_progress: true,
                ..Selection::default()
            }
        )
        .unwrap()
        .len(),
        4
    );
    assert_eq!(
        chosen(
            &runs,
            Selection {
                latest: true,
                ..Selection::default()
            }
        )
        .unwrap(),
        ["2026-12-04"]
    );
    assert_eq!(
        chosen(
            &runs,
            Selection {
                since: Some("2026-12-02".into()),
                until: Some("2026-12-03".into()),
                in_progress: true,
                ..Selection::default()
            }
        )
        .unwrap(),
        ["2026-12-02", "2026-12-03"]
    );
}

#[test]
fn selection_by_run_id_or_a_unique_prefix() {
    let runs = history();
    let in_progress = runs
        .iter()
        .find(|r| r.status == RunStatus::InProgress)
        .unwrap();
    assert_eq!(
        chosen(
            &runs,
            Selection {
                run: Some(in_progress.run[..6].to_uppercase()),
                ..Selection::default()
            }
        )
        .unwrap(),
        ["2026-12-03"],
        "a named run is exported even in progress"
    );
    assert_eq!(
        chosen(
            &runs,
            Selection {
                run: Some("a".into()),
                ..Selection::default()
            }
        )
        .unwrap_err(),
        SelectError::AmbiguousRun {
            prefix: "a".into(),
            runs: runs.iter().map(|r| r.run.clone()).collect()
        }
    );
    assert_eq!(
        chosen(
            &runs,
            Selection {
                run: Some("ffff".into()),
                ..Selection::default()
            }
        )
        .unwrap_err(),
        SelectError::UnknownRun("ffff".into())
    );
}

#[test]
fn selection_errors_say_what_to_do() {
    let runs = history();
    let bad = chosen(
        &runs,
        Selection {
            until: Some("2026-13-01".into()),
            ..Selection::default()
        },
    )
    .unwrap_err();
    assert!(
        bad.to_string()
            .starts_with("--until `2026-13-01` is not a date")
    );
    assert_eq!(
        chosen(
            &runs,
            Selection {
                since: Some("2027-01-01".into()),
                ..Selection::default()
            }
        )
        .unwrap_err(),
        SelectError::NoneMatch
    );
    assert_eq!(
        chosen(&[], Selection::default()).unwrap_err(),
        SelectError::NoRuns
    );
    // A full time is not a date.
    assert!(matches!(
        chosen(
            &runs,
            Selection {
                since: Some("2026-12-01T00:00:00Z".into()),
                ..Selection::default()
            }
        ),
        Err(SelectError::BadDate {
            argument: "--since",
            ..
        })
    ));
}

#[test]
fn file_names_say_what_and_when_in_safe_characters() {
    let runs = history();
    let one: Vec<&RunRecord> = vec![&runs[3]];
    assert_eq!(
        export::file_name(&one, Format::Markdown),
        "feedwise-note-all-kinds-2026-12-01-a0a0a0a0.md"
    );
    let all: Vec<&RunRecord> = runs.iter().collect();
    assert_eq!(
        export::file_name(&all, Format::CsvDecisions),
        "feedwise-decisions-2026-12-01-to-2026-12-04.csv"
    );
    assert_eq!(
        export::file_name(&all, Format::Xapi),
        "feedwise-xapi-2026-12-01-to-2026-12-04.json"
    );
    let mut odd = runs[0].clone();
    odd.transcript.scenario = "../../etc/Pass wd".into();
    let name = export::file_name(&[&odd], Format::Html);
    assert!(name.starts_with("feedwise-note-etc-pass-wd-"), "{name}");
    assert!(
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    );
}
