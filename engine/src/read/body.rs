//! Reading the item body into the typed content tree.
//!
//! OWNED BY THE CONTENT WORK: this stub is replaced by the typed tree.

use crate::error::Error;
use crate::model::content::{ItemBody, ModalFeedback, Stylesheet};
use crate::read::ReadContext;
use crate::xml::Element;

pub fn read_item_body(el: &Element, _cx: &mut ReadContext<'_>) -> Result<ItemBody, Error> {
    Ok(ItemBody {
        content: vec![el.text()],
    })
}

pub fn read_modal_feedback(el: &Element, cx: &mut ReadContext<'_>) -> Result<ModalFeedback, Error> {
    Ok(ModalFeedback {
        outcome_identifier: cx.attr(el, "outcomeIdentifier")?.to_string(),
        identifier: cx.attr(el, "identifier")?.to_string(),
        show: el.attr("showHide") != Some("hide"),
        title: el.attr("title").map(str::to_string),
    })
}

pub fn read_stylesheet(el: &Element, cx: &mut ReadContext<'_>) -> Result<Stylesheet, Error> {
    Ok(Stylesheet {
        href: cx.attr(el, "href")?.to_string(),
        media: el.attr("media").map(str::to_string),
    })
}
