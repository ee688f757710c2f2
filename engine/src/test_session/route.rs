//! The route of a test session: the items a candidate meets, in order,
//! after selection and ordering (ASI "selection", "ordering"). It is drawn
//! once from the session's seed and stored, so a resumed session shows the
//! same test.

use serde::{Deserialize, Serialize};

use crate::model::test::{AssessmentTest, Section, SectionPart};
use crate::random::Rng;

/// One stop on the route: an item reference and where it sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteItem {
    /// The `assessmentItemRef` identifier.
    pub item_ref: String,
    /// 0 for the first time this reference appears on the route; with
    /// `withReplacement` selection the same item can appear again.
    pub occurrence: usize,
    /// Index of the test part.
    pub part: usize,
    /// Identifiers of the enclosing sections, outermost first.
    pub sections: Vec<String>,
}

/// Draw the route of a whole test.
pub fn build(test: &AssessmentTest, rng: &mut Rng) -> Vec<RouteItem> {
    let mut route = Vec::new();
    for (pi, part) in test.test_parts.iter().enumerate() {
        for section in &part.sections {
            add_section(section, pi, &mut Vec::new(), rng, &mut route);
        }
    }
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for r in &mut route {
        let n = seen.entry(r.item_ref.clone()).or_default();
        r.occurrence = *n;
        *n += 1;
    }
    route
}

fn add_section(
    section: &Section,
    part: usize,
    path: &mut Vec<String>,
    rng: &mut Rng,
    route: &mut Vec<RouteItem>,
) {
    path.push(section.identifier.clone());
    for child in arrange(section, rng) {
        match child {
            SectionPart::Item(i) => route.push(RouteItem {
                item_ref: i.identifier.clone(),
                occurrence: 0,
                part,
                sections: path.clone(),
            }),
            SectionPart::Section(s) => add_section(s, part, path, rng, route),
        }
    }
    path.pop();
}

/// Select then order a section's children.
fn arrange<'a>(section: &'a Section, rng: &mut Rng) -> Vec<&'a SectionPart> {
    let children = &section.parts;
    let mut chosen: Vec<usize> = match section.selection {
        None => (0..children.len()).collect(),
        Some(sel) => select(children, sel.select, sel.with_replacement, rng),
    };
    if section.ordering.is_some_and(|o| o.shuffle) {
        shuffle_unfixed(&mut chosen, |i| children[i].fixed(), rng);
    }
    chosen.into_iter().map(|i| &children[i]).collect()
}

/// `select` children: every required one, the rest drawn at random;
/// kept in document order (ordering decides any shuffle).
fn select(
    children: &[SectionPart],
    count: usize,
    with_replacement: bool,
    rng: &mut Rng,
) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..children.len())
        .filter(|&i| children[i].required())
        .collect();
    if children.is_empty() {
        return chosen;
    }
    if with_replacement {
        while chosen.len() < count {
            chosen.push(rng.below(children.len() as u64) as usize);
        }
    } else {
        let mut rest: Vec<usize> = (0..children.len())
            .filter(|i| !chosen.contains(i))
            .collect();
        while chosen.len() < count && !rest.is_empty() {
            let k = rng.below(rest.len() as u64) as usize;
            chosen.push(rest.remove(k));
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Shuffle the positions not held by `fixed` children, which keep theirs.
fn shuffle_unfixed(order: &mut [usize], fixed: impl Fn(usize) -> bool, rng: &mut Rng) {
    let slots: Vec<usize> = (0..order.len()).filter(|&k| !fixed(order[k])).collect();
    let mut movable: Vec<usize> = slots.iter().map(|&k| order[k]).collect();
    rng.shuffle(&mut movable);
    for (slot, value) in slots.into_iter().zip(movable) {
        order[slot] = value;
    }
}
