//! Shuffle orders (placeholder until the content tree lands).

use std::collections::BTreeMap;

use crate::model::content::ItemBody;
use crate::random::Rng;

pub fn shuffle_orders(_body: &ItemBody, _rng: &mut Rng) -> BTreeMap<String, Vec<Vec<String>>> {
    BTreeMap::new()
}
