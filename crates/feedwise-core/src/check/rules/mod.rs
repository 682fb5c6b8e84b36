//! One rule per file. Each has a `RULE` (code, severity, summary) and, for the meaning pass,
//! a `check` over one parsed scenario. File-level rules are reported by the driver.

pub mod addresses_one_audience;
pub mod behaviour_grade;
pub mod behaviour_not_cited;
pub mod by_audience_missing;
pub mod byte_order_mark;
pub mod chatbot_persona;
pub mod critical_praise;
pub mod curly_quotes;
pub mod cycle;
pub mod dead_end;
pub mod duplicate_id;
pub mod duplicate_scenario;
pub mod empty_decision;
pub mod empty_platform;
pub mod empty_variant;
pub mod events_out_of_order;
pub mod exploration_limit;
pub mod file_too_large;
pub mod id_format;
pub mod internal;
pub mod me_persona;
pub mod missing_citation;
pub mod missing_feedback;
pub mod missing_image;
pub mod more_problems;
pub mod no_behaviour;
pub mod no_ending_reachable;
pub mod no_fallback_route;
pub mod not_on_platform;
pub mod not_utf8;
pub mod outdated_edition;
pub mod pick_out_of_range;
pub mod plan_duplicate;
pub mod plan_unknown_decision;
pub mod plan_unknown_scenario;
pub mod praise_after_poor;
pub mod rank_key;
pub mod regulator_not_cited;
pub mod replaced_citation;
pub mod several_key;
mod shared;
pub mod syntax;
pub mod undrawable_character;
pub mod unknown_behaviour;
pub mod unknown_document;
pub mod unknown_edition;
pub mod unknown_flag;
pub mod unknown_paragraph;
pub mod unknown_persona;
pub mod unknown_post;
pub mod unknown_principle;
pub mod unknown_target;
pub mod unknown_variable;
pub mod unreachable;
pub mod unsafe_path;
pub mod unscored_option;
pub mod video_without_picture;

use super::context::Context;
use super::diagnostic::{Diagnostic, Rule};

mod prelude {
    pub use crate::check::context::{At, Context};
    pub use crate::check::diagnostic::{Diagnostic, Rule, Severity};
    pub use crate::check::walk;
    pub use crate::scenario::spans::ValuePath;
}

type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// The meaning rules, run in this order on every scenario that parsed.
const MEANING: &[(&Rule, Check)] = &[
    (&me_persona::RULE, me_persona::check),
    (&duplicate_id::RULE, duplicate_id::check),
    (&id_format::RULE, id_format::check),
    (&unknown_edition::RULE, unknown_edition::check),
    (&outdated_edition::RULE, outdated_edition::check),
    (&unknown_persona::RULE, unknown_persona::check),
    (&unknown_post::RULE, unknown_post::check),
    (&chatbot_persona::RULE, chatbot_persona::check),
    (&not_on_platform::RULE, not_on_platform::check),
    (&empty_platform::RULE, empty_platform::check),
    (&video_without_picture::RULE, video_without_picture::check),
    (&unknown_variable::RULE, unknown_variable::check),
    (&by_audience_missing::RULE, by_audience_missing::check),
    (&addresses_one_audience::RULE, addresses_one_audience::check),
    (&undrawable_character::RULE, undrawable_character::check),
    (&empty_variant::RULE, empty_variant::check),
    (&unsafe_path::RULE, unsafe_path::check),
    (&missing_image::RULE, missing_image::check),
    (&events_out_of_order::RULE, events_out_of_order::check),
    (&empty_decision::RULE, empty_decision::check),
    (&rank_key::RULE, rank_key::check),
    (&pick_out_of_range::RULE, pick_out_of_range::check),
    (&several_key::RULE, several_key::check),
    (&missing_feedback::RULE, missing_feedback::check),
    (&missing_citation::RULE, missing_citation::check),
    (&unscored_option::RULE, unscored_option::check),
    (&unknown_principle::RULE, unknown_principle::check),
    (&unknown_document::RULE, unknown_document::check),
    (&unknown_paragraph::RULE, unknown_paragraph::check),
    (&replaced_citation::RULE, replaced_citation::check),
    (&regulator_not_cited::RULE, regulator_not_cited::check),
    (&unknown_behaviour::RULE, unknown_behaviour::check),
    (&behaviour_grade::RULE, behaviour_grade::check),
    (&behaviour_not_cited::RULE, behaviour_not_cited::check),
    (&no_behaviour::RULE, no_behaviour::check),
    (&unknown_target::RULE, unknown_target::check),
    (&unknown_flag::RULE, unknown_flag::check),
    (&no_fallback_route::RULE, no_fallback_route::check),
    (&dead_end::RULE, dead_end::check),
    (&cycle::RULE, cycle::check),
    (&unreachable::RULE, unreachable::check),
    (&no_ending_reachable::RULE, no_ending_reachable::check),
    (&critical_praise::RULE, critical_praise::check),
    (&praise_after_poor::RULE, praise_after_poor::check),
    (&exploration_limit::RULE, exploration_limit::check),
];

/// Every rule: file-level ones, the scenario rules, then the session plan rules;
/// `docs/diagnostics.md` lists them in this order.
pub fn all() -> Vec<&'static Rule> {
    let file_level = [
        &file_too_large::RULE,
        &not_utf8::RULE,
        &byte_order_mark::RULE,
        &syntax::RULE,
        &curly_quotes::RULE,
        &duplicate_scenario::RULE,
        &more_problems::RULE,
        &internal::RULE,
    ];
    let plans = [
        &plan_unknown_scenario::RULE,
        &plan_unknown_decision::RULE,
        &plan_duplicate::RULE,
    ];
    file_level
        .into_iter()
        .chain(MEANING.iter().map(|(rule, _)| *rule))
        .chain(plans)
        .collect()
}

/// Runs every meaning rule on one scenario.
pub fn check_meaning(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, check) in MEANING {
        check(cx, &mut found);
    }
    found
}
