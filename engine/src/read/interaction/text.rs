//! Text-based interactions (ASI 2.2 §5.6–5.9): inlineChoice, textEntry,
//! extendedText and hottext.

use super::choices;
use crate::error::Error;
use crate::model::content::{InteractionKind, TextEntry, TextFormat};
use crate::read::ReadContext;
use crate::read::body::read_node;
use crate::xml::Element;

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn inline_choice(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    Ok(InteractionKind::InlineChoice {
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        required: cx.bool_attr(el, "required", false)?,
        choices: choices(el, &["inlineChoice"], cx)?,
    })
}

/// The stringInteraction attributes textEntry and extendedText share.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn text_entry(el: Element, cx: &mut ReadContext<'_>) -> TextEntry {
    TextEntry {
        base: cx.lenient_attr(el, "base", 10),
        string_identifier: el.attr("stringIdentifier").map(str::to_string),
        expected_length: cx.lenient_opt(el, "expectedLength"),
        pattern_mask: el.attr("patternMask").map(str::to_string),
        placeholder_text: el.attr("placeholderText").map(str::to_string),
    }
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn extended_text(el: Element, cx: &mut ReadContext<'_>) -> InteractionKind {
    let format = match el.attr("format").map(str::trim) {
        Some("preformatted") => TextFormat::Preformatted,
        Some("xhtml") => TextFormat::Xhtml,
        _ => TextFormat::Plain,
    };
    InteractionKind::ExtendedText {
        text: text_entry(el, cx),
        max_strings: cx.lenient_attr(el, "maxStrings", 0),
        min_strings: cx.lenient_attr(el, "minStrings", 0),
        expected_lines: cx.lenient_opt(el, "expectedLines"),
        format,
    }
}

/// `hottextInteraction`: block content with `hottext` choices inside.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn hottext(el: Element, cx: &mut ReadContext<'_>) -> Result<InteractionKind, Error> {
    let mut content = Vec::new();
    for child in el.elements().filter(|c| c.name() != "prompt") {
        content.extend(read_node(child, cx)?);
    }
    Ok(InteractionKind::Hottext {
        max_choices: cx.lenient_attr(el, "maxChoices", 1),
        min_choices: cx.lenient_attr(el, "minChoices", 0),
        content,
    })
}
