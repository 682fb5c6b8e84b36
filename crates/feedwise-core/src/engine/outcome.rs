//! The scored result of one decision: grade, principle effects, marks, and the explanation of
//! every option that matters, with guidance references resolved from the catalogue.

use serde::Serialize;

use super::flow::{acting_options, total_effects};
use super::score::{self, Permille};
use super::session::OfferKind;
use crate::scenario::{Catalogue, Citation, Decision, DecisionKind, DecisionOption, Grade};

/// Scenario time in milliseconds.
pub type Millis = u64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub decision: String,
    pub prompt: String,
    /// What the decision asked for.
    pub kind: OfferKind,
    /// Every option as the trainee saw it (variables filled), in the scenario's order:
    /// (id, text).
    pub options: Vec<(String, String)>,
    /// The prompt and the options' texts as the scenario writes them (`{patient}` unfilled):
    /// the same whatever the seed or who plays, for definitions kept elsewhere (xAPI).
    pub as_written: AsWritten,
    /// The keyed answer: the best-graded options of a choice, the expert order of a ranking,
    /// the best set of a selection.
    pub key: Vec<String>,
    /// Option ids as answered (ranking order for `Rank`); the timeout default's id when time ran out.
    pub chosen: Vec<String>,
    /// What those options said, filled (a timeout's default is not among `options`).
    pub chosen_text: Vec<String>,
    pub timed_out: bool,
    pub grade: Grade,
    pub critical: bool,
    /// Share of full marks for this decision, in thousandths.
    pub share: Permille,
    pub effects: Vec<Effect>,
    /// SJT marks for `Rank` and `ChooseSeveral`.
    pub marks: Option<Marks>,
    pub explanations: Vec<Explanation>,
    /// The guidance the options acted on cite, one line per document, the trainee's
    /// regulator's first (as the feedback shows them).
    pub guidance: Vec<String>,
    /// Timeline time when the decision was offered, and how long the answer took.
    pub offered_at: Millis,
    pub took: Millis,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsWritten {
    pub prompt: String,
    /// In the order of `options`.
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Effect {
    pub principle: String,
    pub title: String,
    pub change: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Marks {
    pub earned: u32,
    pub available: u32,
}

/// One option's feedback as shown after a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub option: String,
    pub text: String,
    pub grade: Grade,
    pub critical: bool,
    pub feedback: String,
    pub references: Vec<Reference>,
    /// The references as a reading list, one line per document (see `Catalogue::describe_all`).
    pub guidance: Vec<String>,
    /// Acted on: the option chosen, one of those chosen, or the one ranked first.
    pub chosen: bool,
    /// `Rank`: the place the trainee gave it and its keyed place (0 = best), and its marks.
    pub placed: Option<usize>,
    pub keyed_place: Option<usize>,
    /// `ChooseSeveral`: whether it is one of the keyed best options.
    pub in_key: bool,
    pub marks: Option<u32>,
}

/// A guidance reference resolved from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub document: String,
    pub part: String,
    /// e.g. "Using social media as a medical professional (GMC, 2024), 18".
    pub description: String,
}

impl Explanation {
    /// The citations behind `references`, to order them for a reader.
    pub fn citations(&self) -> Vec<Citation> {
        self.references
            .iter()
            .map(|r| Citation(r.document.clone(), r.part.clone()))
            .collect()
    }
}

/// Text filling for `{variables}`.
pub type Fill<'a> = &'a dyn Fn(&str) -> String;

/// What scoring needs besides the decision and the answer: the guidance, the run's names, and
/// the regulators whose documents the trainee reads first.
#[derive(Clone, Copy)]
pub struct Scoring<'a> {
    pub catalogue: &'a Catalogue,
    pub fill: Fill<'a>,
    pub regulators: &'a [&'a str],
}

/// The parts of an outcome that say what was asked and answered, for the record: the kind,
/// the options as shown, the key, what the chosen options said and the guidance cited.
fn asked(
    decision: &Decision,
    chosen: &[String],
    acting: &[&DecisionOption],
    scoring: Scoring<'_>,
) -> Outcome {
    let fill = scoring.fill;
    let key = decision.keyed();
    // Each citation once, however many of the options acted on cite it.
    let mut cited: Vec<Citation> = Vec::new();
    for citation in acting.iter().flat_map(|o| &o.cite) {
        if !cited.contains(citation) {
            cited.push(citation.clone());
        }
    }
    let guidance = scoring.catalogue.guidance_for(scoring.regulators, &cited);
    Outcome {
        decision: decision.id.clone(),
        prompt: fill(&decision.prompt),
        kind: OfferKind::of(&decision.kind),
        options: (decision.options.iter())
            .map(|o| (o.id.clone(), fill(&o.text)))
            .collect(),
        as_written: AsWritten {
            prompt: decision.prompt.clone(),
            options: decision.options.iter().map(|o| o.text.clone()).collect(),
        },
        key,
        chosen: chosen.to_vec(),
        chosen_text: (chosen.iter())
            .map(|id| {
                decision
                    .all_outcomes()
                    .find(|o| o.id == *id)
                    .map_or_else(|| id.clone(), |o| fill(&o.text))
            })
            .collect(),
        timed_out: false,
        grade: Grade::Poor,
        critical: false,
        share: 0,
        effects: Vec::new(),
        marks: None,
        explanations: Vec::new(),
        guidance: guidance.first.into_iter().chain(guidance.also).collect(),
        offered_at: 0,
        took: 0,
    }
}

/// Scores an answer that has already been validated against the decision.
pub fn score_answer(decision: &Decision, chosen: &[String], scoring: Scoring<'_>) -> Outcome {
    let (catalogue, fill) = (scoring.catalogue, scoring.fill);
    let acting = acting_options(decision, chosen);
    let critical = acting.iter().any(|option| option.critical);
    let effects = sum_effects(&acting, catalogue);
    // "Chosen" in an explanation means acted on: for a ranking only the option put first.
    let acted: Vec<&str> = acting.iter().map(|o| o.id.as_str()).collect();
    let explain = |option: &DecisionOption| {
        explanation(option, catalogue, fill, acted.contains(&option.id.as_str()))
    };
    let first_grade = acting.first().map_or(Grade::Poor, |o| o.grade);
    let (earned, explanations): (u32, Vec<Explanation>) = match &decision.kind {
        DecisionKind::Choose => {
            let better = better_answer(decision, first_grade);
            let shown = acting.first().copied().into_iter().chain(better);
            // No marks: a Choose is graded by its option's grade below.
            (0, shown.map(explain).collect())
        }
        DecisionKind::Rank { key } => {
            let per_option = score::rank_marks(key, &score::placements_of(chosen));
            let explanations = key
                .iter()
                .enumerate()
                .filter_map(|(keyed_place, id)| {
                    let mut shown = explain(decision.option(id)?);
                    shown.placed = chosen.iter().position(|c| c == id);
                    shown.keyed_place = Some(keyed_place);
                    shown.marks = Some(per_option[keyed_place]);
                    Some(shown)
                })
                .collect();
            (per_option.iter().sum(), explanations)
        }
        DecisionKind::ChooseSeveral { pick, key } => {
            // Chosen options first, then the keyed ones that were missed.
            let mut explanations: Vec<Explanation> = (decision.options.iter())
                .filter(|o| chosen.contains(&o.id) || key.contains(&o.id))
                .map(|option| {
                    let mut shown = explain(option);
                    shown.in_key = key.contains(&option.id);
                    shown.marks =
                        Some(u32::from(shown.chosen && shown.in_key) * score::MARKS_PER_OPTION);
                    shown
                })
                .collect();
            explanations.sort_by_key(|e| !e.chosen);
            let earned = score::several_marks(key, chosen, *pick as usize);
            (earned, explanations)
        }
    };
    let marks = available_marks(&decision.kind).map(|available| Marks { earned, available });
    let (grade, share) = match marks {
        None => (first_grade, score::grade_share(first_grade)),
        Some(Marks { earned, available }) => {
            let share = score::marks_share(earned, available);
            (score::grade_for_share(share, critical), share)
        }
    };
    Outcome {
        grade,
        critical,
        share,
        effects,
        marks,
        explanations,
        ..asked(decision, chosen, &acting, scoring)
    }
}

/// Scores the decision's timeout default, taken because time ran out: its own grade and
/// effects, and no SJT marks.
pub fn score_timeout(
    decision: &Decision,
    default: &DecisionOption,
    scoring: Scoring<'_>,
) -> Outcome {
    let (catalogue, fill) = (scoring.catalogue, scoring.fill);
    let marks = available_marks(&decision.kind).map(|available| Marks {
        earned: 0,
        available,
    });
    Outcome {
        timed_out: true,
        grade: default.grade,
        critical: default.critical,
        share: score::timeout_share(&decision.kind, default.grade),
        effects: sum_effects(&[default], catalogue),
        marks,
        // A lapsed `Choose` still teaches: the best option follows the default's feedback.
        explanations: std::iter::once(explanation(default, catalogue, fill, true))
            .chain(
                matches!(decision.kind, DecisionKind::Choose)
                    .then(|| better_answer(decision, default.grade))
                    .flatten()
                    .map(|best| explanation(best, catalogue, fill, false)),
            )
            .collect(),
        ..asked(
            decision,
            std::slice::from_ref(&default.id),
            &[default],
            scoring,
        )
    }
}

/// The SJT marks a ranking or a selection has to give; none for a `Choose`.
fn available_marks(kind: &DecisionKind) -> Option<u32> {
    match kind {
        DecisionKind::Choose => None,
        DecisionKind::Rank { key } => Some(score::MARKS_PER_OPTION * key.len() as u32),
        DecisionKind::ChooseSeveral { pick, .. } => Some(score::MARKS_PER_OPTION * *pick),
    }
}

/// For a `Choose`, the first best-graded option when the answer was graded below it, so the
/// feedback shows the better answer and why beside the trainee's own.
fn better_answer(decision: &Decision, given: Grade) -> Option<&DecisionOption> {
    let best = decision.options.iter().min_by_key(|o| o.grade)?;
    (best.grade < given).then_some(best)
}

fn sum_effects(acting: &[&DecisionOption], catalogue: &Catalogue) -> Vec<Effect> {
    total_effects(acting)
        .into_iter()
        .map(|(principle, change)| Effect {
            title: catalogue.principle_title(&principle),
            principle,
            change,
        })
        .collect()
}

fn explanation(
    option: &DecisionOption,
    catalogue: &Catalogue,
    fill: Fill<'_>,
    chosen: bool,
) -> Explanation {
    Explanation {
        option: option.id.clone(),
        text: fill(&option.text),
        grade: option.grade,
        critical: option.critical,
        feedback: fill(&option.feedback),
        references: option
            .cite
            .iter()
            .map(|c| reference(c, catalogue))
            .collect(),
        guidance: catalogue.describe_all(&option.cite),
        chosen,
        placed: None,
        keyed_place: None,
        in_key: false,
        marks: None,
    }
}

pub fn reference(citation: &Citation, catalogue: &Catalogue) -> Reference {
    Reference {
        document: citation.document().to_owned(),
        part: citation.part().to_owned(),
        description: catalogue.describe(citation),
    }
}
