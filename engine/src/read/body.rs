//! Reading the item body into the typed content tree. Elements outside
//! the allow-list (script, iframe, embed, ...) are dropped with a warning;
//! so are event-handler attributes, `javascript:` URLs and active CSS.

use std::borrow::Cow;

use crate::error::Error;
use crate::model::content::{
    Attributes, Card, CardEntry, CardFile, Catalog, CompanionMaterials, ContentNode,
    Element as Html, FeedbackElement, Gap, ItemBody, ModalFeedback, Object, PositionObjectStage,
    PrintedVariable, RubricBlock, ShowHide, Stylesheet, TemplateElement,
};
use crate::read::ReadContext;
use crate::read::interaction::{read_choice, read_interaction, read_position_object};
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

/// Active or form elements, dropped from content with a warning.
const REMOVED_ELEMENTS: &[&str] = &[
    "script", "iframe", "embed", "base", "meta", "link", "form", "style", "frame", "frameset",
    "applet", "input", "button", "textarea", "select", "svg",
];

/// The QTI content elements [`read_node`] reads by name (besides
/// interactions, HTML and the removed elements).
const QTI_CONTENT_ELEMENTS: &[&str] = &[
    "math",
    "object",
    "feedbackInline",
    "feedbackBlock",
    "templateInline",
    "templateBlock",
    "printedVariable",
    "rubricBlock",
    "gap",
    "hottext",
    "positionObjectStage",
    "contentBody",
];

/// Whether an element of this name in the QTI namespace reads as
/// [`ContentNode::Unsupported`]: the writer spells an unsupported element
/// from another vocabulary so that it does not read as something else.
pub fn reads_as_unsupported(name: &str) -> bool {
    !(name.ends_with("Interaction")
        || allowed(HTML_ELEMENTS, name).is_some()
        || QTI_CONTENT_ELEMENTS.contains(&name)
        || REMOVED_ELEMENTS.contains(&name))
}

/// Attributes kept on HTML elements, besides `aria-*` and `data-*`.
const HTML_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "lang",
    "xml:lang",
    "dir",
    "title",
    "role",
    "label",
    "src",
    "srcset",
    "alt",
    "width",
    "height",
    "href",
    "type",
    "span",
    "rowspan",
    "colspan",
    "headers",
    "scope",
    "abbr",
    "summary",
    "start",
    "reversed",
    "cite",
    "datetime",
    "controls",
    "loop",
    "muted",
    "poster",
    "kind",
    "srclang",
    "default",
    "open",
    "longdesc",
    "style",
    "align",
    "valign",
    "border",
    "cellpadding",
    "cellspacing",
    "media",
    "sizes",
    "value",
];

/// MathML presentation elements. `annotation-xml` is left out: it may
/// carry HTML or SVG that would bypass the allow-list.
const MATHML_ELEMENTS: &[&str] = &[
    "annotation",
    "maction",
    "maligngroup",
    "malignmark",
    "math",
    "menclose",
    "merror",
    "mfenced",
    "mfrac",
    "mi",
    "mlabeledtr",
    "mlongdiv",
    "mmultiscripts",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mphantom",
    "mprescripts",
    "mroot",
    "mrow",
    "ms",
    "mscarries",
    "mscarry",
    "msgroup",
    "msline",
    "mspace",
    "msqrt",
    "msrow",
    "mstack",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
    "none",
    "semantics",
];

/// The allow-list's own spelling of an element name, so the model can
/// borrow it instead of copying the name for every element. The lists
/// are sorted (a test checks): every content element is looked up, and a
/// binary search compares a handful of names instead of dozens.
fn allowed(list: &'static [&'static str], name: &str) -> Option<&'static str> {
    list.binary_search(&name).ok().map(|i| list[i])
}

/// Whether a URL-valued attribute is safe: no script schemes, and `data:`
/// only for images.
pub fn url_is_safe(value: &str) -> bool {
    // Only the scheme decides, so the first characters are enough (a
    // `data:` URL can be megabytes long). They are gathered on the stack:
    // every `src` and `href` is checked.
    let mut buf = [0u8; SCHEME_PREFIX_LEN * 4];
    let mut len = 0;
    for c in value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(SCHEME_PREFIX_LEN)
    {
        len += c.to_ascii_lowercase().encode_utf8(&mut buf[len..]).len();
    }
    let v = &buf[..len];
    let script = v.starts_with(b"javascript:") || v.starts_with(b"vbscript:");
    // SVG documents can carry script; other image data cannot.
    let active_data = v.starts_with(b"data:")
        && (!v.starts_with(b"data:image/") || v.starts_with(b"data:image/svg"));
    !(script || active_data)
}

/// Longer than every prefix [`url_is_safe`] looks for (`data:image/svg`).
const SCHEME_PREFIX_LEN: usize = 16;

/// Whether an attribute holds a URL, in any case.
fn is_url_attribute(name: &str) -> bool {
    [
        "href", "src", "srcset", "poster", "longdesc", "cite", "data",
    ]
    .iter()
    .any(|u| name.eq_ignore_ascii_case(u))
}

/// `s.to_ascii_lowercase().starts_with(prefix)` for a lower-case
/// `prefix`, without building the lower-case copy.
fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Inline CSS that could load or run something is dropped.
fn style_is_safe(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    ![
        "url(",
        "expression",
        "javascript",
        "@import",
        "behavior",
        "-moz-binding",
    ]
    .iter()
    .any(|bad| v.contains(bad))
}

/// An attribute kept on a content element, or `None` (with a warning when
/// it was active content).
fn keep_attribute(
    el: Element,
    allowed: impl Fn(&str) -> bool,
    key: &str,
    value: &str,
    cx: &mut ReadContext<'_>,
) -> bool {
    let active = starts_with_ignore_case(key, "on")
        || (is_url_attribute(key) && !url_is_safe(value))
        || (key.eq_ignore_ascii_case("style") && !style_is_safe(value))
        || starts_with_ignore_case(key, "xlink:");
    if active {
        cx.warn(
            el,
            format!(
                "attribute '{key}' on <{}> removed: active content",
                el.name()
            ),
        );
        return false;
    }
    allowed(key) || starts_with_ignore_case(key, "aria-") || starts_with_ignore_case(key, "data-")
}

/// The presentation attributes every QTI content element may carry.
pub fn common_attrs(el: Element, cx: &mut ReadContext<'_>) -> Attributes {
    filtered_attrs(el, cx, |k| {
        matches!(
            k,
            "id" | "class" | "xml:lang" | "lang" | "dir" | "label" | "title"
        )
    })
}

fn filtered_attrs(
    el: Element,
    cx: &mut ReadContext<'_>,
    allowed: impl Fn(&str) -> bool,
) -> Attributes {
    let mut out = Vec::new();
    for (i, (k, v)) in el.attrs().iter().enumerate() {
        if keep_attribute(el, &allowed, k, v, cx) {
            // Room for the rest at the first kept one: most elements keep
            // all their attributes or none, and none costs no allocation.
            out.reserve_exact(el.attrs().len() - i);
            out.push((k.to_string(), v.to_string()));
        }
    }
    out
}

pub fn read_nodes(el: Element, cx: &mut ReadContext<'_>) -> Result<Vec<ContentNode>, Error> {
    // One node per child at most (texts merge, dropped elements leave none).
    let mut out = Vec::with_capacity(el.children().len());
    for child in el.children() {
        match child {
            Node::Text(t) => push_node(&mut out, text_node(t)),
            Node::Element(e) => {
                if let Some(n) = read_node(e, cx)? {
                    push_node(&mut out, n);
                }
            }
        }
    }
    Ok(out)
}

/// A text node, borrowing a static string for the whitespace that
/// indents markup.
fn text_node(text: &str) -> ContentNode {
    ContentNode::Text(match static_whitespace(text) {
        Some(run) => Cow::Borrowed(run),
        None => Cow::Owned(text.to_string()),
    })
}

/// `text` as a slice of a static string when it is an optional line end
/// followed by spaces only or by tabs only (how markup is indented).
fn static_whitespace(text: &str) -> Option<&'static str> {
    const SPACES: &str = concat!(
        "\n",
        "                                ",
        "                                "
    );
    const TABS: &str = "\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    let (run, start) = match text.strip_prefix('\n') {
        Some(indent) => (indent, 0),
        None => (text, 1),
    };
    let source = match run.as_bytes().first() {
        None | Some(b' ') if run.bytes().all(|b| b == b' ') => SPACES,
        Some(b'\t') if run.bytes().all(|b| b == b'\t') => TABS,
        _ => return None,
    };
    source.get(start..start + text.len())
}

/// Append a node to content, merging adjacent texts and leaving out empty
/// ones. An element dropped between two texts (or a skipped `param`) must
/// not leave two text nodes: the document they describe has one, so the
/// model would not survive being written out and read again.
pub(crate) fn push_node(out: &mut Vec<ContentNode>, node: ContentNode) {
    if let ContentNode::Text(t) = &node {
        if t.is_empty() {
            return;
        }
        if let Some(ContentNode::Text(last)) = out.last_mut() {
            last.to_mut().push_str(t);
            return;
        }
    }
    out.push(node);
}

/// `showHide`, defaulting to show.
pub fn show_hide(el: Element) -> ShowHide {
    match el.attr("showHide").map(str::trim) {
        Some("hide") => ShowHide::Hide,
        _ => ShowHide::Show,
    }
}

pub fn read_node(el: Element, cx: &mut ReadContext<'_>) -> Result<Option<ContentNode>, Error> {
    match el.ns() {
        Ns::MathMl => return Ok(read_mathml(el, cx).map(|m| ContentNode::MathMl(Box::new(m)))),
        Ns::Ssml => return read_ssml(el, cx).map(|s| Some(ContentNode::Ssml(Box::new(s)))),
        Ns::Qti => {}
        _ => {
            return Ok(Some(ContentNode::Unsupported {
                name: el.name().to_string(),
            }));
        }
    }
    let name = el.name();
    if name.ends_with("Interaction") {
        return Ok(
            read_interaction(el, cx)?.map(|i| ContentNode::Interaction(std::sync::Arc::new(i)))
        );
    }
    let node = match name {
        "math" => read_mathml(el, cx).map(|m| ContentNode::MathMl(Box::new(m))),
        "object" => read_object(el, cx)?.map(|o| ContentNode::Object(Box::new(o))),
        "feedbackInline" | "feedbackBlock" | "templateInline" | "templateBlock" => {
            Some(read_shown(el, cx)?)
        }
        "printedVariable" => Some(ContentNode::PrintedVariable(Box::new(
            read_printed_variable(el, cx)?,
        ))),
        "rubricBlock" => Some(read_rubric_block(el, cx)?),
        "gap" => Some(read_gap(el, cx)?),
        "hottext" => Some(ContentNode::Hottext(Box::new(read_choice(el, cx)?))),
        "positionObjectStage" => read_position_object_stage(el, cx)?,
        // QTI 3 wraps feedback and rubric content; its content is ours.
        "contentBody" => Some(ContentNode::Html(Box::new(Html {
            tag: Cow::Borrowed("div"),
            attrs: common_attrs(el, cx),
            children: read_nodes(el, cx)?,
        }))),
        _ => match allowed(HTML_ELEMENTS, name) {
            Some(tag) => Some(ContentNode::Html(Box::new(Html {
                tag: Cow::Borrowed(tag),
                attrs: filtered_attrs(el, cx, |k| HTML_ATTRIBUTES.contains(&k)),
                children: read_nodes(el, cx)?,
            }))),
            None if REMOVED_ELEMENTS.contains(&name) => {
                cx.warn(el, format!("<{name}> removed: not allowed in item content"));
                None
            }
            None => Some(ContentNode::Unsupported {
                name: name.to_string(),
            }),
        },
    };
    Ok(node)
}

// The readers of content most items lack are kept out of line in wasm
// (`inline(never)`): there V8 compiles a function whole on its first call,
// so what `read_node` inlines, every item compiles. Natively the inliner
// decides, as it reads faster.

/// `feedbackInline`/`feedbackBlock` and `templateInline`/`templateBlock`:
/// content an outcome or a template variable shows or hides.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_shown(el: Element, cx: &mut ReadContext<'_>) -> Result<ContentNode, Error> {
    let name = el.name();
    let feedback = name.starts_with("feedback");
    let target = cx.content_ref(
        el,
        if feedback {
            "outcomeIdentifier"
        } else {
            "templateIdentifier"
        },
    )?;
    let identifier = cx.attr(el, "identifier")?.trim().to_string();
    let show_hide = show_hide(el);
    let block = name.ends_with("Block");
    let attrs = common_attrs(el, cx);
    let content = read_content_body(el, cx)?;
    Ok(if feedback {
        ContentNode::Feedback(Box::new(FeedbackElement {
            outcome_identifier: target,
            identifier,
            show_hide,
            block,
            attrs,
            content,
        }))
    } else {
        ContentNode::Template(Box::new(TemplateElement {
            template_identifier: target,
            identifier,
            show_hide,
            block,
            attrs,
            content,
        }))
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_rubric_block(el: Element, cx: &mut ReadContext<'_>) -> Result<ContentNode, Error> {
    Ok(ContentNode::RubricBlock(Box::new(RubricBlock {
        views: el
            .attr("view")
            .unwrap_or("candidate")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        use_: el.attr("use").map(str::to_string),
        attrs: common_attrs(el, cx),
        content: read_content_body(el, cx)?,
    })))
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_gap(el: Element, cx: &mut ReadContext<'_>) -> Result<ContentNode, Error> {
    Ok(ContentNode::Gap(Box::new(Gap {
        identifier: cx.attr(el, "identifier")?.trim().to_string(),
        fixed: cx.bool_attr(el, "fixed", false)?,
        required: cx.bool_attr(el, "required", false)?,
        match_group: list_attr(el, "matchGroup"),
        template_identifier: el.attr("templateIdentifier").map(str::to_string),
        show_hide: show_hide(el),
        attrs: common_attrs(el, cx),
    })))
}

/// Content of feedback, templates and rubric blocks: QTI 3 puts it in a
/// `qti-content-body`, QTI 2 directly.
pub fn read_content_body(el: Element, cx: &mut ReadContext<'_>) -> Result<Vec<ContentNode>, Error> {
    match el.child("contentBody") {
        Some(body) => read_nodes(body, cx),
        None => read_nodes(el, cx),
    }
}

fn list_attr(el: Element, name: &str) -> Vec<String> {
    el.attr(name)
        .map(|v| v.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// SSML attributes that say how content is read; anything else (events,
/// URLs of audio files) is dropped.
const SSML_ATTRIBUTES: &[&str] = &[
    "alias",
    "interpret-as",
    "format",
    "detail",
    "ph",
    "alphabet",
    "time",
    "strength",
    "level",
    "rate",
    "pitch",
    "volume",
    "range",
    "contour",
    "duration",
    "xml:lang",
];

/// SSML 1.1's elements that can sit in text (the common ones borrow this
/// spelling; any other is kept by its own name).
const SSML_ELEMENTS: &[&str] = &[
    "sub", "say-as", "phoneme", "break", "emphasis", "prosody", "mark", "lang", "s", "p", "token",
    "w",
];

/// An SSML element of QTI 3 content (its children are content too).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_ssml(el: Element, cx: &mut ReadContext<'_>) -> Result<Html, Error> {
    let attrs = filtered_attrs(el, cx, |k| SSML_ATTRIBUTES.contains(&k));
    Ok(Html {
        tag: SSML_ELEMENTS
            .iter()
            .find(|n| **n == el.name())
            .map_or_else(|| Cow::Owned(el.name().to_string()), |n| Cow::Borrowed(*n)),
        attrs,
        children: read_nodes(el, cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_mathml(el: Element, cx: &mut ReadContext<'_>) -> Option<Html> {
    let name = el.name();
    let Some(tag) = allowed(MATHML_ELEMENTS, name) else {
        cx.warn(
            el,
            format!("MathML <{name}> removed: not allowed in item content"),
        );
        return None;
    };
    let attrs = filtered_attrs(el, cx, |k| {
        !matches!(k, "href" | "src" | "actiontype" | "definitionURL" | "xmlns")
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b':')
            && !k.starts_with("xmlns")
    });
    let mut children = Vec::with_capacity(el.children().len());
    for child in el.children() {
        match child {
            Node::Text(t) => push_node(&mut children, text_node(t)),
            Node::Element(e) => {
                if let Some(m) = read_mathml(e, cx) {
                    children.push(ContentNode::MathMl(Box::new(m)));
                }
            }
        }
    }
    Some(Html {
        tag: Cow::Borrowed(tag),
        attrs,
        children,
    })
}

/// `object` (or an `img` standing in for one). Objects whose data is a
/// script URL are refused with a warning.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn read_object(el: Element, cx: &mut ReadContext<'_>) -> Result<Option<Object>, Error> {
    let (data, mime_type, label) = if el.name() == "img" {
        (
            cx.attr(el, "src")?,
            String::new(),
            el.attr("alt").map(str::to_string),
        )
    } else {
        (
            cx.attr(el, "data")?,
            el.attr("type").unwrap_or_default().trim().to_string(),
            el.attr("label").map(str::to_string).or(text_label(el)),
        )
    };
    if !url_is_safe(data) {
        cx.warn(el, format!("<{}> removed: unsafe data URL", el.name()));
        return Ok(None);
    }
    let params = el
        .children_named("param")
        .filter_map(|p| Some((p.attr("name")?.to_string(), p.attr("value")?.to_string())))
        .collect();
    let mut fallback = Vec::new();
    for child in el.children() {
        match child {
            Node::Element(e) if e.name() == "param" => {}
            Node::Text(t) => push_node(&mut fallback, text_node(t)),
            Node::Element(e) => {
                if let Some(n) = read_node(e, cx)? {
                    push_node(&mut fallback, n);
                }
            }
        }
    }
    // `label` is the typed field; kept in `attrs` too it would be said twice.
    let mut attrs = common_attrs(el, cx);
    attrs.retain(|(k, _)| k != "label");
    Ok(Some(Object {
        data: data.trim().to_string(),
        mime_type,
        width: el.attr("width").map(str::to_string),
        height: el.attr("height").map(str::to_string),
        label,
        attrs,
        params,
        fallback,
    }))
}

/// The text of fallback content as a label: its words, single-spaced;
/// `None` when there are none.
pub fn text_label(el: Element) -> Option<String> {
    let text = el.text_cow();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The image of a graphical interaction: an `object`, or in QTI 3 an
/// `img` or a `picture` holding one.
pub fn read_graphic(el: Element, cx: &mut ReadContext<'_>) -> Result<Option<Object>, Error> {
    for child in el.elements() {
        match child.name() {
            "object" | "img" => return read_object(child, cx),
            "picture" => {
                if let Some(img) = child.child("img") {
                    return read_object(img, cx);
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_position_object_stage(
    el: Element,
    cx: &mut ReadContext<'_>,
) -> Result<Option<ContentNode>, Error> {
    let Some(object) = read_graphic(el, cx)? else {
        cx.warn(el, "positionObjectStage without an image; ignored");
        return Ok(None);
    };
    let mut interactions = Vec::new();
    for child in el.children_named("positionObjectInteraction") {
        interactions.extend(read_position_object(child, cx)?.map(std::sync::Arc::new));
    }
    Ok(Some(ContentNode::PositionObjectStage(std::sync::Arc::new(
        PositionObjectStage {
            object,
            interactions,
        },
    ))))
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_printed_variable(el: Element, cx: &mut ReadContext<'_>) -> Result<PrintedVariable, Error> {
    Ok(PrintedVariable {
        identifier: cx.content_ref(el, "identifier")?,
        format: el.attr("format").map(str::to_string),
        base: cx.lenient_attr(el, "base", 10),
        index: el.attr("index").and_then(|v| v.trim().parse().ok()),
        power_form: cx.bool_attr(el, "powerForm", false).unwrap_or(false),
        field: el.attr("field").map(str::to_string),
        delimiter: el.attr("delimiter").unwrap_or(";").to_string(),
        mapping_indicator: el.attr("mappingIndicator").unwrap_or("=").to_string(),
        attrs: common_attrs(el, cx),
    })
}

pub fn read_item_body(el: Element, cx: &mut ReadContext<'_>) -> Result<ItemBody, Error> {
    Ok(ItemBody {
        attrs: common_attrs(el, cx),
        content: read_nodes(el, cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn read_modal_feedback(el: Element, cx: &mut ReadContext<'_>) -> Result<ModalFeedback, Error> {
    Ok(ModalFeedback {
        outcome_identifier: cx.content_ref(el, "outcomeIdentifier")?,
        identifier: cx.attr(el, "identifier")?.trim().to_string(),
        show_hide: show_hide(el),
        title: el.attr("title").map(str::to_string),
        content: read_content_body(el, cx)?,
    })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn read_stylesheet(el: Element, cx: &mut ReadContext<'_>) -> Result<Stylesheet, Error> {
    Ok(Stylesheet {
        href: cx.attr(el, "href")?.to_string(),
        media: el.attr("media").map(str::to_string),
    })
}

/// QTI 3 `qti-catalog-info`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn read_catalog_info(el: Element, cx: &mut ReadContext<'_>) -> Result<Vec<Catalog>, Error> {
    let mut catalogs = Vec::new();
    for catalog in el.children_named("catalog") {
        let mut cards = Vec::new();
        for card in catalog.children_named("card") {
            let mut entries = Vec::new();
            for entry in card.children_named("cardEntry") {
                entries.push(CardEntry {
                    lang: entry.attr("xml:lang").map(str::to_string),
                    default: cx.bool_attr(entry, "default", false).unwrap_or(false),
                    content: html_content(entry, cx)?,
                    files: card_files(entry),
                });
            }
            cards.push(Card {
                support: card.attr("support").unwrap_or_default().to_string(),
                entries,
                content: html_content(card, cx)?,
                files: card_files(card),
            });
        }
        catalogs.push(Catalog {
            id: cx.attr(catalog, "id")?.to_string(),
            cards,
        });
    }
    Ok(catalogs)
}

/// `qti-file-href`s of a card or card entry.
fn card_files(el: Element) -> Vec<CardFile> {
    el.children_named("fileHref")
        .map(|f| CardFile {
            href: f.text().trim().to_string(),
            mime_type: f.attr("mimeType").unwrap_or_default().trim().to_string(),
        })
        .filter(|f| !f.href.is_empty())
        .collect()
}

fn html_content(el: Element, cx: &mut ReadContext<'_>) -> Result<Vec<ContentNode>, Error> {
    match el.child("htmlContent") {
        Some(h) => read_nodes(h, cx),
        None => Ok(Vec::new()),
    }
}

/// QTI 3 `qti-companion-materials-info`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn read_companion_materials(el: Element, cx: &mut ReadContext<'_>) -> CompanionMaterials {
    let mut out = CompanionMaterials::default();
    for child in el.elements() {
        match child.name() {
            "calculator" => out.calculators.push(
                child
                    .child("calculatorType")
                    .map(|t| t.text().trim().to_string())
                    .unwrap_or_else(|| "basic".into()),
            ),
            "rule" => out.rules.push(attrs_of(child)),
            "protractor" => out.protractors.push(attrs_of(child)),
            "digitalMaterial" | "physicalMaterial" => {
                out.materials.push(child.text().trim().to_string())
            }
            other => cx.warn(
                child,
                format!("companion material <{other}> not known; ignored"),
            ),
        }
    }
    out
}

/// The child elements' texts by name (`qti-rule` and `qti-protractor`
/// describe themselves with child elements). A child with elements of its
/// own (`qti-rule-system-si` holds a minimum length and a minor increment)
/// keeps their texts in order, separated by spaces.
fn attrs_of(el: Element) -> Attributes {
    el.elements()
        .map(|c| {
            let text = if c.elements().next().is_some() {
                c.elements()
                    .map(|g| g.text().trim().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                c.text().trim().to_string()
            };
            (c.name().to_string(), text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{HTML_ELEMENTS, MATHML_ELEMENTS, static_whitespace, url_is_safe};

    #[test]
    fn allow_lists_are_sorted_for_binary_search() {
        for list in [HTML_ELEMENTS, MATHML_ELEMENTS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn indentation_borrows_a_static_run_and_other_text_does_not() {
        for indent in ["", " ", "\n", "\n    ", "\n\t\t", "        "] {
            assert_eq!(static_whitespace(indent), Some(indent), "{indent:?}");
        }
        for other in ["x", "\n \t", "\n\n  ", " \n", "\t ", &" ".repeat(65)] {
            assert_eq!(static_whitespace(other), None, "{other:?}");
        }
    }

    #[test]
    fn unsafe_schemes_are_found_in_any_case_and_spacing() {
        for unsafe_url in [
            "javascript:x()",
            " Java\tScript:x()",
            "VBSCRIPT:x",
            "data:text/html,x",
            "data:image/svg+xml,<svg/>",
            "\u{1}data:application/x,y",
        ] {
            assert!(!url_is_safe(unsafe_url), "{unsafe_url:?}");
        }
        for safe_url in [
            "",
            "a.png",
            "https://example.org/javascript:",
            "data:image/png;base64,AAAA",
            "ｊavascript:x",
            "éééééééééééééééééééé",
        ] {
            assert!(url_is_safe(safe_url), "{safe_url:?}");
        }
    }
}
