//! Reading the item body into the typed content tree. Elements outside
//! the allow-list (script, iframe, object with active content, ...) are
//! dropped with a warning; so are event-handler attributes and
//! `javascript:` URLs.

use crate::error::Error;
use crate::model::content::{
    ChoiceInteraction, ContentNode, ItemBody, ModalFeedback, SimpleChoice, Stylesheet,
};
use crate::read::ReadContext;
use crate::xml::{Element, Node, Ns};

/// XHTML and HTML5 elements QTI allows in content.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Attributes kept on HTML elements, besides `aria-*` and `data-*`.
const HTML_ATTRIBUTES: &[&str] = &[
    "id", "class", "lang", "xml:lang", "dir", "title", "role", "label", "src", "alt", "width",
    "height", "href", "type", "span", "rowspan", "colspan", "headers", "scope", "abbr", "summary",
    "start", "reversed", "cite", "datetime", "controls", "loop", "muted", "poster", "kind",
    "srclang", "default", "open", "longdesc",
];

fn url_is_safe(name: &str, value: &str) -> bool {
    if !matches!(name, "href" | "src" | "poster" | "longdesc" | "cite") {
        return true;
    }
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    !(v.starts_with("javascript:")
        || v.starts_with("vbscript:")
        || (v.starts_with("data:") && !v.starts_with("data:image/")))
}

fn read_nodes(el: &Element, cx: &mut ReadContext<'_>) -> Result<Vec<ContentNode>, Error> {
    let mut out = Vec::new();
    for child in &el.children {
        match child {
            Node::Text(t) => out.push(ContentNode::Text(t.to_string())),
            Node::Element(e) => {
                if let Some(n) = read_node(e, cx)? {
                    out.push(n);
                }
            }
        }
    }
    Ok(out)
}

fn read_node(el: &Element, cx: &mut ReadContext<'_>) -> Result<Option<ContentNode>, Error> {
    if el.ns != Ns::Qti {
        return Ok(Some(ContentNode::Unsupported {
            name: el.name.clone(),
        }));
    }
    let name = el.name.as_str();
    if name == "choiceInteraction" {
        return read_choice_interaction(el, cx).map(|c| Some(ContentNode::ChoiceInteraction(c)));
    }
    if HTML_ELEMENTS.contains(&name) {
        let mut attrs = Vec::new();
        for (k, v) in &el.attrs {
            let keep = HTML_ATTRIBUTES.contains(&k.as_ref())
                || k.starts_with("aria-")
                || k.starts_with("data-");
            if keep && url_is_safe(k, v) {
                attrs.push((k.to_string(), v.to_string()));
            } else if k.starts_with("on") || !url_is_safe(k, v) {
                cx.warn(
                    el,
                    format!("attribute '{k}' on <{name}> removed: active content"),
                );
            }
        }
        return Ok(Some(ContentNode::Html {
            tag: name.to_string(),
            attrs,
            children: read_nodes(el, cx)?,
        }));
    }
    if matches!(
        name,
        "script" | "iframe" | "embed" | "base" | "meta" | "link" | "form" | "style"
    ) {
        cx.warn(el, format!("<{name}> removed: not allowed in item content"));
        return Ok(None);
    }
    Ok(Some(ContentNode::Unsupported {
        name: name.to_string(),
    }))
}

fn read_choice_interaction(
    el: &Element,
    cx: &mut ReadContext<'_>,
) -> Result<ChoiceInteraction, Error> {
    let response_identifier = cx.variable_ref(el, "responseIdentifier")?.0;
    let mut prompt = Vec::new();
    let mut choices = Vec::new();
    for c in el.elements() {
        match c.name.as_str() {
            "prompt" => prompt = read_nodes(c, cx)?,
            "simpleChoice" => choices.push(SimpleChoice {
                identifier: cx.attr(c, "identifier")?.to_string(),
                fixed: cx.bool_attr(c, "fixed", false)?,
                content: read_nodes(c, cx)?,
            }),
            _ => {}
        }
    }
    Ok(ChoiceInteraction {
        response_identifier,
        shuffle: cx.bool_attr(el, "shuffle", false)?,
        max_choices: cx.parse_attr(el, "maxChoices")?.unwrap_or(1),
        min_choices: cx.parse_attr(el, "minChoices")?.unwrap_or(0),
        orientation: el.attr("orientation").map(str::to_string),
        class: el.attr("class").map(str::to_string),
        prompt,
        choices,
    })
}

pub fn read_item_body(el: &Element, cx: &mut ReadContext<'_>) -> Result<ItemBody, Error> {
    Ok(ItemBody {
        content: read_nodes(el, cx)?,
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
