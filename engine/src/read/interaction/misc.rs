//! Miscellaneous interactions (ASI 2.2 §5.16–5.21): slider, media,
//! drawing, upload, endAttempt, custom, and QTI 3's portable custom
//! interaction.

use crate::error::{Error, ErrorKind};
use crate::model::content::{InteractionKind, Object, PortableCustom};
use crate::read::ReadContext;
use crate::read::body::{read_graphic, read_nodes};
use crate::xml::Element;

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn slider(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    let lower_bound = cx.float_attr(el, "lowerBound")?.unwrap_or(0.0);
    let upper_bound = cx.float_attr(el, "upperBound")?.unwrap_or(100.0);
    if lower_bound.partial_cmp(&upper_bound) != Some(std::cmp::Ordering::Less) {
        cx.warn(el, "sliderInteraction: lowerBound is not below upperBound");
    }
    Ok(InteractionKind::Slider {
        lower_bound,
        upper_bound,
        step: cx.float_attr(el, "step")?.filter(|s| *s > 0.0),
        step_label: cx.bool_attr(el, "stepLabel", false)?,
        orientation: super::orientation(el),
        reverse: cx.bool_attr(el, "reverse", false)?,
    })
}

fn required_object(el: Element, cx: &mut ReadContext<'_>) -> Result<Object, Error> {
    if let Some(o) = read_graphic(el, cx)? {
        return Ok(o);
    }
    // QTI 3 media interactions hold an HTML5 `audio` or `video`.
    for media in el
        .elements()
        .filter(|c| matches!(c.name(), "audio" | "video"))
    {
        let src = media
            .attr("src")
            .or_else(|| media.child("source").and_then(|s| s.attr("src")));
        if let Some(src) = src.filter(|s| crate::read::body::url_is_safe(s)) {
            let mime = media
                .child("source")
                .and_then(|s| s.attr("type"))
                .map(str::to_string)
                .unwrap_or_else(|| format!("{}/*", media.name()));
            // Labelled as an `object` with the same fallback would be, so
            // the two spellings of a media interaction read the same.
            return Ok(Object {
                data: src.to_string(),
                mime_type: mime,
                label: crate::read::body::text_label(media),
                fallback: read_nodes(media, cx)?,
                ..Object::default()
            });
        }
    }
    Err(cx.error(
        el,
        ErrorKind::MissingContent {
            element: el.name().to_string(),
            expected: "an object".into(),
        },
    ))
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn media(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::Media {
        object: required_object(el, cx)?,
        autostart: cx.bool_attr(el, "autostart", false)?,
        min_plays: cx.lenient_attr(el, "minPlays", 0),
        max_plays: cx.lenient_attr(el, "maxPlays", 0),
        loop_: cx.bool_attr(el, "loop", false)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn drawing(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::Drawing {
        image: required_object(el, cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn upload(el: Element) -> InteractionKind {
    InteractionKind::Upload {
        types: el
            .attr("type")
            .map(|t| {
                t.split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn end_attempt(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::EndAttempt {
        title: el.attr("title").unwrap_or("End attempt").to_string(),
        count_attempt: cx.bool_attr(el, "countAttempt", true)?,
    })
}

/// QTI 3 `qti-portable-custom-interaction`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn portable_custom(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    let modules = el
        .child("interactionModules")
        .map(|m| {
            m.children_named("interactionModule")
                .filter_map(|m| {
                    Some((
                        m.attr("id")?.to_string(),
                        m.attr("primaryPath")?.to_string(),
                        m.attr("fallbackPath").map(str::to_string),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let markup = match el.child("interactionMarkup") {
        Some(m) => read_nodes(m, cx)?,
        None => Vec::new(),
    };
    Ok(InteractionKind::PortableCustom(PortableCustom {
        type_identifier: el
            .attr("customInteractionTypeIdentifier")
            .unwrap_or_default()
            .to_string(),
        module: el.attr("module").unwrap_or_default().to_string(),
        properties: el
            .attrs()
            .iter()
            .filter(|(k, _)| k.starts_with("data-"))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        modules,
        markup,
    }))
}
