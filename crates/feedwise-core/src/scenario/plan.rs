//! A session plan (`sessions/*.ron`): what a facilitator runs in a workshop, in order. Each
//! scenario has a fixed seed, so the room, the projector and the facilitator's notes show the
//! same names and the same option order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::scenario::{Audience, Profession};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Stable id, kebab-case; what `--facilitate` and the export name.
    pub id: String,
    pub title: String,
    pub audiences: Vec<Audience>,
    /// The professions in the room: the text is the first one's audience's, and the
    /// references of every named profession's regulator come first. Empty: each scenario's
    /// first audience, references as cited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub professions: Vec<Profession>,
    /// The scenarios, in the order they are run.
    pub scenarios: Vec<PlanItem>,
}

/// One scenario of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// A scenario id from the library.
    pub scenario: String,
    /// The seed the room plays with: names, variants and option order.
    pub seed: u64,
    /// Minutes set aside for it, discussion included.
    pub minutes: u32,
    /// Questions for the room, by decision id, shown at the reveal (beside any the scenario's
    /// own decision has).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub discuss: BTreeMap<String, Vec<String>>,
}

impl Plan {
    /// Minutes for the whole plan.
    pub fn minutes(&self) -> u32 {
        self.scenarios.iter().map(|item| item.minutes).sum()
    }
}
