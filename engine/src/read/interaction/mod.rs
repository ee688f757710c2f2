//! Reading interactions. Each submodule reads one of the spec's groups of
//! interactions; this module dispatches and reads what they share
//! (choices, hotspots, prompts and the interaction's own attributes).

mod graphic;
mod misc;
mod simple;
mod text;

use crate::error::Error;
use crate::model::content::{Choice, Hotspot, Interaction, InteractionKind, Orientation};
use crate::model::shape::{Shape, ShapeKind};
use crate::read::ReadContext;
use crate::read::body::{common_attrs, read_nodes, show_hide};
use crate::xml::Element;

pub use graphic::read_position_object;

/// Reads an element whose name ends in `Interaction`. Unknown names are
/// kept as unsupported content by the caller (`None`).
pub fn read_interaction(
    el: Element,
    cx: &mut ReadContext<'_>,
) -> Result<Option<Interaction>, Error> {
    let kind = match el.name() {
        "choiceInteraction" => simple::choice(el, cx)?,
        "orderInteraction" => simple::order(el, cx)?,
        "associateInteraction" => simple::associate(el, cx)?,
        "matchInteraction" => simple::match_(el, cx)?,
        "gapMatchInteraction" => simple::gap_match(el, cx)?,
        "inlineChoiceInteraction" => text::inline_choice(el, cx)?,
        "textEntryInteraction" => InteractionKind::TextEntry(text::text_entry(el, cx)),
        "extendedTextInteraction" => text::extended_text(el, cx),
        "hottextInteraction" => text::hottext(el, cx)?,
        "hotspotInteraction" => graphic::hotspot(el, cx)?,
        "selectPointInteraction" => graphic::select_point(el, cx)?,
        "graphicOrderInteraction" => graphic::graphic_order(el, cx)?,
        "graphicAssociateInteraction" => graphic::graphic_associate(el, cx)?,
        "graphicGapMatchInteraction" => graphic::graphic_gap_match(el, cx)?,
        "positionObjectInteraction" => return read_position_object(el, cx),
        "sliderInteraction" => misc::slider(el, cx)?,
        "mediaInteraction" => misc::media(el, cx)?,
        "drawingInteraction" => misc::drawing(el, cx)?,
        "uploadInteraction" => misc::upload(el),
        "endAttemptInteraction" => misc::end_attempt(el, cx)?,
        "customInteraction" => InteractionKind::Custom {
            class: el.attr("class").map(str::to_string),
        },
        "portableCustomInteraction" => misc::portable_custom(el, cx)?,
        _ => return Ok(None),
    };
    Ok(Some(finish(el, kind, cx)?))
}

/// The parts every interaction has: its response variable, prompt and
/// presentation attributes.
fn finish(
    el: Element,
    kind: InteractionKind,
    cx: &mut ReadContext<'_>,
) -> Result<Interaction, Error> {
    let prompt = match el.child("prompt") {
        Some(p) => read_nodes(p, cx)?,
        None => Vec::new(),
    };
    let mut attrs = common_attrs(el, cx);
    // endAttempt's `title` is its typed button label; kept in `attrs` too
    // it would be said twice.
    if matches!(kind, InteractionKind::EndAttempt { .. }) {
        attrs.retain(|(k, _)| k != "title");
    }
    Ok(Interaction {
        response_identifier: cx.content_ref(el, "responseIdentifier")?,
        kind,
        prompt,
        attrs,
    })
}

/// Any choice element: simpleChoice, simpleAssociableChoice, inlineChoice,
/// gapText, gapImg and hottext.
pub fn read_choice(el: Element, cx: &mut ReadContext<'_>) -> Result<Choice, Error> {
    let content = if el.name() == "gapImg" {
        match crate::read::body::read_graphic(el, cx)? {
            Some(mut object) => {
                if let Some(label) = el.attr("objectLabel") {
                    object.label = Some(label.to_string());
                }
                vec![crate::model::content::ContentNode::Object(Box::new(object))]
            }
            None => Vec::new(),
        }
    } else {
        read_nodes(el, cx)?
    };
    Ok(Choice {
        identifier: crate::value::trim(cx.attr(el, "identifier")?).to_string(),
        fixed: cx.bool_attr(el, "fixed", false)?,
        template_identifier: el.attr("templateIdentifier").map(str::to_string),
        show_hide: show_hide(el),
        match_max: cx.lenient_attr(el, "matchMax", 0),
        match_min: cx.lenient_attr(el, "matchMin", 0),
        match_group: match_group(el),
        attrs: common_attrs(el, cx),
        content,
    })
}

fn match_group(el: Element) -> Vec<String> {
    el.attr("matchGroup")
        .map(|v| v.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The children of `el` with one of `names`, read as choices.
fn choices(el: Element, names: &[&str], cx: &mut ReadContext<'_>) -> Result<Vec<Choice>, Error> {
    el.elements()
        .filter(|c| names.contains(&c.name()))
        .map(|c| read_choice(c, cx))
        .collect()
}

/// `hotspotChoice` and `associableHotspot` children. A hotspot whose
/// shape cannot be drawn is left out with a warning.
fn hotspots(el: Element, name: &str, cx: &mut ReadContext<'_>) -> Result<Vec<Hotspot>, Error> {
    let mut out = Vec::new();
    for h in el.children_named(name) {
        let kind = h.attr("shape").map(str::trim).and_then(ShapeKind::parse);
        let coords = h.attr("coords").unwrap_or_default();
        let Some(shape) = kind.and_then(|k| Shape::parse(k, coords)) else {
            cx.warn(
                h,
                "hotspot without a valid shape and coords; it cannot be shown",
            );
            continue;
        };
        out.push(Hotspot {
            identifier: cx.attr(h, "identifier")?.trim().to_string(),
            fixed: cx.bool_attr(h, "fixed", false)?,
            shape,
            label: h.attr("hotspotLabel").map(str::to_string),
            template_identifier: h.attr("templateIdentifier").map(str::to_string),
            show_hide: show_hide(h),
            match_max: cx.lenient_attr(h, "matchMax", 0),
            match_min: cx.lenient_attr(h, "matchMin", 0),
            match_group: match_group(h),
        });
    }
    Ok(out)
}

fn orientation(el: Element) -> Option<Orientation> {
    match el.attr("orientation").map(str::trim) {
        Some("horizontal") => Some(Orientation::Horizontal),
        Some("vertical") => Some(Orientation::Vertical),
        _ => None,
    }
}
