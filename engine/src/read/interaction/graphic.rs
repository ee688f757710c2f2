//! Graphical interactions (ASI 2.2 §5.10–5.15): hotspot, selectPoint,
//! graphicOrder, graphicAssociate, graphicGapMatch and positionObject.

use super::{choices, finish, hotspots};
use crate::error::{Error, ErrorKind};
use crate::model::content::{Interaction, InteractionKind, Object};
use crate::read::ReadContext;
use crate::read::body::read_graphic;
use crate::xml::Element;

/// The image every graphical interaction is drawn on; without it the
/// candidate could not answer, so it is an error.
fn image(el: Element, cx: &mut ReadContext<'_>) -> Result<Object, Error> {
    read_graphic(el, cx)?.ok_or_else(|| {
        cx.error(
            el,
            ErrorKind::MissingContent {
                element: el.name().to_string(),
                expected: "an image (object or img)".into(),
            },
        )
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn hotspot(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::Hotspot {
        image: image(el, cx)?,
        max_choices: cx.lenient_attr(el, "maxChoices", 1),
        min_choices: cx.lenient_attr(el, "minChoices", 0),
        hotspots: hotspots(el, "hotspotChoice", cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn select_point(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::SelectPoint {
        image: image(el, cx)?,
        max_choices: cx.lenient_attr(el, "maxChoices", 1),
        min_choices: cx.lenient_attr(el, "minChoices", 0),
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn graphic_order(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::GraphicOrder {
        image: image(el, cx)?,
        max_choices: cx.lenient_opt(el, "maxChoices"),
        min_choices: cx.lenient_opt(el, "minChoices"),
        hotspots: hotspots(el, "hotspotChoice", cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn graphic_associate(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::GraphicAssociate {
        image: image(el, cx)?,
        max_associations: cx.lenient_attr(el, "maxAssociations", 1),
        min_associations: cx.lenient_attr(el, "minAssociations", 0),
        hotspots: hotspots(el, "associableHotspot", cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn graphic_gap_match(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::GraphicGapMatch {
        image: image(el, cx)?,
        max_associations: cx.lenient_attr(el, "maxAssociations", 0),
        min_associations: cx.lenient_attr(el, "minAssociations", 0),
        choices: choices(el, &["gapImg", "gapText"], cx)?,
        hotspots: hotspots(el, "associableHotspot", cx)?,
    })
}

/// `positionObjectInteraction`: read where it stands, inside a
/// `positionObjectStage` that supplies the background.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn read_position_object(
    el: Element,
    cx: &mut ReadContext<'_>,
) -> Result<Option<Interaction>, Error> {
    let center_point = el.attr("centerPoint").and_then(|v| {
        let mut it = v.split_whitespace().map(|n| n.parse::<f64>().ok());
        Some((it.next()??, it.next()??))
    });
    let kind = InteractionKind::PositionObject {
        object: image(el, cx)?,
        center_point,
        max_choices: cx.lenient_attr(el, "maxChoices", 1),
        min_choices: cx.lenient_attr(el, "minChoices", 0),
    };
    finish(el, kind, cx).map(Some)
}
