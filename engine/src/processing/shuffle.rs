//! Shuffle orders for interactions with `shuffle="true"`. Choices marked
//! `fixed` keep their positions; the others are permuted among the
//! remaining positions. The resolved order is stored in the session state
//! (not re-derived from the seed), so a resumed session shows the same order.

use std::collections::BTreeMap;

use crate::model::content::{ItemBody, interactions};
use crate::random::Rng;

/// One order per choice set (match has two, shuffled independently),
/// keyed by response identifier.
pub fn shuffle_orders(body: &ItemBody, rng: &mut Rng) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out = BTreeMap::new();
    for interaction in interactions(&body.content) {
        if !interaction.shuffles() {
            continue;
        }
        let orders = interaction
            .choice_sets()
            .into_iter()
            .map(|set| {
                shuffled_positions(set.len(), |i| set[i].fixed, rng)
                    .into_iter()
                    .map(|i| set[i].identifier.clone())
                    .collect()
            })
            .collect();
        out.insert(interaction.response_identifier.clone(), orders);
    }
    out
}

/// Permute the movable identifiers; fixed ones stay where they are.
pub fn shuffle_with_fixed(choices: &[(String, bool)], rng: &mut Rng) -> Vec<String> {
    shuffled_positions(choices.len(), |i| choices[i].1, rng)
        .into_iter()
        .map(|i| choices[i].0.clone())
        .collect()
}

/// The new order of `len` items as their old positions: the movable ones
/// permuted among the movable slots, fixed ones where they were. Positions
/// rather than the items: nothing is copied before its place is known.
fn shuffled_positions(len: usize, fixed: impl Fn(usize) -> bool, rng: &mut Rng) -> Vec<usize> {
    let mut movable: Vec<usize> = (0..len).filter(|&i| !fixed(i)).collect();
    rng.shuffle(&mut movable);
    let mut movable = movable.into_iter();
    (0..len)
        .map(|i| {
            if fixed(i) {
                i
            } else {
                movable
                    .next()
                    .expect("as many movable slots as movable choices")
            }
        })
        .collect()
}

/// Items in a stored order; items the order does not name keep their place at the end.
pub fn apply_order<'a, T>(
    items: &'a [T],
    order: Option<&[String]>,
    id: impl Fn(&T) -> &str,
) -> Vec<&'a T> {
    let Some(order) = order else {
        return items.iter().collect();
    };
    let mut out: Vec<&T> = order
        .iter()
        .filter_map(|o| items.iter().find(|i| id(i) == o))
        .collect();
    out.extend(items.iter().filter(|i| !order.iter().any(|o| o == id(i))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_choices_keep_their_positions_and_seeds_repeat() {
        let choices: Vec<(String, bool)> = ["A", "B", "C", "D", "E"]
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), i == 0 || i == 4))
            .collect();
        for seed in 0..20 {
            let order = shuffle_with_fixed(&choices, &mut Rng::new(seed));
            assert_eq!(order[0], "A");
            assert_eq!(order[4], "E");
            let mut sorted = order.clone();
            sorted.sort();
            assert_eq!(sorted, ["A", "B", "C", "D", "E"]);
            assert_eq!(order, shuffle_with_fixed(&choices, &mut Rng::new(seed)));
        }
        let moved = (0..20).any(|s| shuffle_with_fixed(&choices, &mut Rng::new(s))[1] != "B");
        assert!(moved, "movable choices do move for some seed");
    }
}
