//! `by_audience` text: the entry for the audience the trainee plays as, filled with the
//! seed's variant values so that `"Dr {me_surname}"` reads as a name.

use std::collections::BTreeMap;

use crate::scenario::text::interpolate;
use crate::scenario::{Audience, Scenario};

/// Each `by_audience` name with its text for `audience` (the first audience's when the name
/// lacks an entry for it, which `check` reports), `{variants}` filled from `variables`.
pub fn audience_variables(
    scenario: &Scenario,
    audience: Option<Audience>,
    variables: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let first = scenario.audiences.first();
    scenario
        .by_audience
        .iter()
        .filter_map(|(name, texts)| {
            let text = audience
                .and_then(|audience| texts.get(&audience))
                .or_else(|| first.and_then(|first| texts.get(first)))
                .or_else(|| texts.values().next())?;
            let filled = interpolate(text, &|name| variables.get(name).cloned());
            Some((name.clone(), filled))
        })
        .collect()
}
