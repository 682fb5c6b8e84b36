//! What a seed decides: which variant values fill `{placeholders}` and the order in which a
//! decision's options are shown (so that position teaches nothing). Nothing else is random.

use std::collections::BTreeMap;

use rand::RngExt;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::hash::fnv1a;
use crate::scenario::Scenario;

/// One value from each variant list, picked by the seed in the lists' name order.
pub fn pick_variables(scenario: &Scenario, seed: u64) -> BTreeMap<String, String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    scenario
        .variants
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, values)| {
            let index = rng.random_range(0..values.len());
            (name.clone(), values[index].clone())
        })
        .collect()
}

/// The order a decision's options are shown in. It depends only on the seed and the
/// decision's id, so it is the same whichever path led there.
pub fn option_order(seed: u64, decision_id: &str, option_ids: &[String]) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fnv1a(decision_id.as_bytes()));
    let mut order = option_ids.to_vec();
    order.shuffle(&mut rng);
    order
}
