//! Simple interactions (ASI 2.2 §5.1–5.5): choice, order, associate,
//! match and gapMatch.

use super::{choices, orientation};
use crate::error::Error;
use crate::model::content::InteractionKind;
use crate::read::ReadContext;
use crate::read::body::read_node;
use crate::xml::Element;

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn choice(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::Choice {
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        max_choices: cx.lenient_attr(el, "maxChoices", 1),
        min_choices: cx.lenient_attr(el, "minChoices", 0),
        orientation: orientation(el),
        choices: choices(el, &["simpleChoice"], cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn order(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::Order {
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        max_choices: cx.lenient_opt(el, "maxChoices"),
        min_choices: cx.lenient_opt(el, "minChoices"),
        orientation: orientation(el),
        choices: choices(el, &["simpleChoice"], cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn associate(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::Associate {
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        max_associations: cx.lenient_attr(el, "maxAssociations", 1),
        min_associations: cx.lenient_attr(el, "minAssociations", 0),
        choices: choices(el, &["simpleAssociableChoice"], cx)?,
    })
}

/// `matchInteraction`: exactly two `simpleMatchSet`s, sources then targets.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn match_(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    let mut sets = Vec::new();
    for set in el.children_named("simpleMatchSet") {
        sets.push(choices(set, &["simpleAssociableChoice"], cx)?);
    }
    let targets = if sets.len() > 1 {
        sets.remove(1)
    } else {
        Vec::new()
    };
    let sources = sets.into_iter().next().unwrap_or_default();
    Ok(InteractionKind::Match {
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        max_associations: cx.lenient_attr(el, "maxAssociations", 1),
        min_associations: cx.lenient_attr(el, "minAssociations", 0),
        sources,
        targets,
    })
}

/// `gapMatchInteraction`: choices first, then the block content with gaps.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn gap_match(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    let gap_choices = choices(el, &["gapText", "gapImg"], cx)?;
    let mut content = Vec::new();
    for child in el.elements() {
        if !matches!(child.name(), "prompt" | "gapText" | "gapImg") {
            content.extend(read_node(child, cx)?);
        }
    }
    Ok(InteractionKind::GapMatch {
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        min_associations: cx.lenient_attr(el, "minAssociations", 0),
        max_associations: cx.lenient_attr(el, "maxAssociations", 0),
        choices: gap_choices,
        content,
    })
}
