//! Writing the content tree: the item body, feedback, templates, rubric
//! blocks, objects, MathML, and QTI 3's catalogs and companion materials.

use super::interaction::{write_choice, write_interaction};
use super::{MATHML_NS, SSML_NS, Tag, Writer};
use crate::model::content::{
    CardFile, Catalog, CompanionMaterials, ContentNode, Element, FeedbackElement, Gap, ItemBody,
    ModalFeedback, Object, PositionObjectStage, PrintedVariable, RubricBlock, ShowHide, Stylesheet,
    TemplateElement,
};
use crate::read::body::reads_as_unsupported;
use crate::xml::{qti3_element_name, qti3_element_name_of};

/// Where an element that was not read is written, when its name would
/// read as something else in the QTI namespace (an SVG or SSML element).
const FOREIGN_NS: &str = "urn:x-qti-engine:unsupported";
const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub(crate) fn show_hide(s: ShowHide) -> &'static str {
    match s {
        ShowHide::Show => "show",
        ShowHide::Hide => "hide",
    }
}

pub(crate) fn write_item_body(w: &mut Writer, body: &ItemBody) {
    let tag = w.qti("itemBody").attrs(&body.attrs);
    w.mixed(tag, |w| write_nodes(w, &body.content));
}

pub(crate) fn write_nodes(w: &mut Writer, nodes: &[ContentNode]) {
    for n in nodes {
        write_node(w, n);
    }
}

fn write_node(w: &mut Writer, node: &ContentNode) {
    match node {
        ContentNode::Text(t) => w.text(t),
        ContentNode::Html(e) => {
            let tag = w.plain(&e.tag).attrs(&e.attrs);
            w.mixed(tag, |w| write_nodes(w, &e.children));
        }
        ContentNode::MathMl(e) => {
            let tag = w.plain(&e.tag).attr("xmlns", MATHML_NS);
            write_mathml(w, tag, e);
        }
        ContentNode::Ssml(e) => {
            // Prefixed, each declaring it: SSML sits inside QTI's namespace.
            let name = format!("ssml:{}", e.tag);
            let tag = w.plain(&name).attr("xmlns:ssml", SSML_NS).attrs(&e.attrs);
            w.mixed(tag, |w| write_nodes(w, &e.children));
        }
        ContentNode::Object(o) => write_object(w, o, true),
        ContentNode::Interaction(i) => write_interaction(w, i),
        ContentNode::Feedback(f) => write_feedback(w, f),
        ContentNode::Template(t) => write_template(w, t),
        ContentNode::PrintedVariable(p) => write_printed_variable(w, p),
        ContentNode::RubricBlock(r) => write_rubric_block(w, r),
        ContentNode::Gap(g) => write_gap(w, g),
        ContentNode::Hottext(c) => write_choice(w, "hottext", c, false),
        ContentNode::PositionObjectStage(s) => write_position_object_stage(w, s),
        ContentNode::Unsupported { name } => write_unsupported(w, name),
    }
}

/// A MathML element; only the outermost one names the namespace.
fn write_mathml(w: &mut Writer, tag: Tag, e: &Element) {
    w.mixed(tag.attrs(&e.attrs), |w| {
        for child in &e.children {
            match child {
                ContentNode::MathMl(m) => {
                    let tag = w.plain(&m.tag);
                    write_mathml(w, tag, m);
                }
                other => write_node(w, other),
            }
        }
    });
}

/// An `object`. Its `label` is written when reading would not find it in
/// the fallback text; `with_label` is off where the parent element carries
/// it instead (`gapImg`'s `objectLabel`).
pub(crate) fn write_object(w: &mut Writer, o: &Object, with_label: bool) {
    let label = o
        .label
        .as_ref()
        .filter(|l| with_label && fallback_label(&o.fallback).as_ref() != Some(*l));
    let tag = w
        .plain("object")
        .attr("data", &o.data)
        .opt("type", (!o.mime_type.is_empty()).then_some(&o.mime_type))
        .opt("width", o.width.as_ref())
        .opt("height", o.height.as_ref())
        .opt("label", label)
        .attrs(&o.attrs);
    w.mixed(tag, |w| {
        for (name, value) in &o.params {
            let tag = w
                .plain("param")
                .attr("name", name)
                .attr("value", value)
                .attr("valuetype", "DATA");
            w.empty(tag);
        }
        write_nodes(w, &o.fallback);
    });
}

/// The label the reader derives from fallback content (its words,
/// single-spaced), when the content is plain enough to tell: text, HTML
/// and MathML, whose written text is exactly theirs.
fn fallback_label(nodes: &[ContentNode]) -> Option<String> {
    fn collect(nodes: &[ContentNode], out: &mut String) -> bool {
        nodes.iter().all(|n| match n {
            ContentNode::Text(t) => {
                out.push_str(t);
                true
            }
            ContentNode::Html(e) | ContentNode::MathMl(e) | ContentNode::Ssml(e) => {
                collect(&e.children, out)
            }
            _ => false,
        })
    }
    let mut text = String::new();
    if !collect(nodes, &mut text) {
        return None;
    }
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!words.is_empty()).then_some(words)
}

/// Feedback, template and rubric content: QTI 3 puts block content in a
/// `qti-content-body`, QTI 2 directly.
pub(crate) fn write_content_body(w: &mut Writer, tag: Tag, content: &[ContentNode], block: bool) {
    if w.v3() && block {
        w.loose(tag, |w| {
            let body = w.qti("contentBody");
            w.mixed(body, |w| write_nodes(w, content));
        });
    } else {
        w.mixed(tag, |w| write_nodes(w, content));
    }
}

fn write_feedback(w: &mut Writer, f: &FeedbackElement) {
    let name = if f.block {
        "feedbackBlock"
    } else {
        "feedbackInline"
    };
    let tag = w
        .qti(name)
        .attr("outcomeIdentifier", &f.outcome_identifier)
        .attr("identifier", &f.identifier)
        .attr("showHide", show_hide(f.show_hide))
        .attrs(&f.attrs);
    write_content_body(w, tag, &f.content, f.block);
}

fn write_template(w: &mut Writer, t: &TemplateElement) {
    let name = if t.block {
        "templateBlock"
    } else {
        "templateInline"
    };
    let tag = w
        .qti(name)
        .attr("templateIdentifier", &t.template_identifier)
        .attr("identifier", &t.identifier)
        .attr("showHide", show_hide(t.show_hide))
        .attrs(&t.attrs);
    write_content_body(w, tag, &t.content, t.block);
}

fn write_printed_variable(w: &mut Writer, p: &PrintedVariable) {
    let tag = w
        .qti("printedVariable")
        .attr("identifier", &p.identifier)
        .opt("format", p.format.as_ref())
        .unless("base", p.base, 10)
        .opt("index", p.index)
        .unless("powerForm", p.power_form, false)
        .opt("field", p.field.as_ref())
        .unless("delimiter", p.delimiter.as_str(), ";")
        .unless("mappingIndicator", p.mapping_indicator.as_str(), "=")
        .attrs(&p.attrs);
    w.empty(tag);
}

pub(crate) fn write_rubric_block(w: &mut Writer, r: &RubricBlock) {
    // `view` is always written: without it the reader assumes candidate.
    let tag = w
        .qti("rubricBlock")
        .attr("view", r.views.join(" "))
        .opt("use", r.use_.as_ref())
        .attrs(&r.attrs);
    write_content_body(w, tag, &r.content, true);
}

fn write_gap(w: &mut Writer, g: &Gap) {
    let tag = w
        .qti("gap")
        .attr("identifier", &g.identifier)
        .unless("fixed", g.fixed, false)
        .unless("required", g.required, false)
        .list("matchGroup", &g.match_group)
        .opt("templateIdentifier", g.template_identifier.as_ref())
        .unless("showHide", show_hide(g.show_hide), "show")
        .attrs(&g.attrs);
    w.empty(tag);
}

fn write_position_object_stage(w: &mut Writer, s: &PositionObjectStage) {
    let tag = w.qti("positionObjectStage");
    w.loose(tag, |w| {
        write_object(w, &s.object, true);
        for i in &s.interactions {
            write_interaction(w, i);
        }
    });
}

/// An element the reader kept only by name: written empty, in the QTI
/// namespace when it reads back as the same unsupported element there,
/// else in another namespace (SVG's for `svg`) so that it does not read as
/// something else. A camelCase name is a QTI one: QTI 3 spells it in kebab
/// case; any other name is written as it is.
fn write_unsupported(w: &mut Writer, name: &str) {
    w.warn(format!("<{name}> was not read; it is written empty"));
    let tag = if !reads_as_unsupported(name) || name.starts_with("qti-") {
        let ns = if name == "svg" { SVG_NS } else { FOREIGN_NS };
        w.plain(name).attr("xmlns", ns)
    } else if name.bytes().any(|b| b.is_ascii_uppercase())
        && qti3_element_name(&qti3_element_name_of(name)) == name
    {
        w.qti(name)
    } else {
        w.plain(name)
    };
    w.empty(tag);
}

pub(crate) fn write_modal_feedback(w: &mut Writer, f: &ModalFeedback) {
    let tag = w
        .qti("modalFeedback")
        .attr("outcomeIdentifier", &f.outcome_identifier)
        .attr("identifier", &f.identifier)
        .attr("showHide", show_hide(f.show_hide))
        .opt("title", f.title.as_ref());
    write_content_body(w, tag, &f.content, true);
}

pub(crate) fn write_stylesheet(w: &mut Writer, s: &Stylesheet) {
    let tag = w
        .qti("stylesheet")
        .attr("href", &s.href)
        .attr("type", "text/css")
        .opt("media", s.media.as_ref());
    w.empty(tag);
}

/// QTI 3 `qti-catalog-info`.
pub(crate) fn write_catalogs(w: &mut Writer, catalogs: &[Catalog]) {
    let info = w.qti("catalogInfo");
    w.block(info, |w| {
        for catalog in catalogs {
            let tag = w.qti("catalog").attr("id", &catalog.id);
            w.block(tag, |w| {
                for card in &catalog.cards {
                    let tag = w.qti("card").attr("support", &card.support);
                    w.block(tag, |w| {
                        for entry in &card.entries {
                            let tag = w
                                .qti("cardEntry")
                                .opt("xml:lang", entry.lang.as_ref())
                                .unless("default", entry.default, false);
                            w.loose(tag, |w| {
                                write_html_content(w, &entry.content);
                                write_card_files(w, &entry.files);
                            });
                        }
                        write_html_content(w, &card.content);
                        write_card_files(w, &card.files);
                    });
                }
            });
        }
    });
}

/// `qti-file-href`s.
fn write_card_files(w: &mut Writer, files: &[CardFile]) {
    for f in files {
        let tag = w
            .qti("fileHref")
            .unless("mimeType", f.mime_type.as_str(), "");
        w.mixed(tag, |w| w.text(&f.href));
    }
}

/// `qti-html-content`, when there is any.
fn write_html_content(w: &mut Writer, content: &[ContentNode]) {
    if !content.is_empty() {
        let tag = w.qti("htmlContent");
        w.mixed(tag, |w| write_nodes(w, content));
    }
}

/// QTI 3 `qti-companion-materials-info`.
pub(crate) fn write_companion_materials(w: &mut Writer, c: &CompanionMaterials) {
    let tag = w.qti("companionMaterialsInfo");
    w.block(tag, |w| {
        for calculator in &c.calculators {
            let tag = w.qti("calculator");
            w.block(tag, |w| {
                let tag = w.qti("calculatorType");
                w.text_element(tag, calculator);
            });
        }
        for (name, list) in [("rule", &c.rules), ("protractor", &c.protractors)] {
            for parts in list {
                let tag = w.qti(name);
                w.block(tag, |w| {
                    for (part, text) in parts {
                        let tag = w.qti(part);
                        w.text_element(tag, text);
                    }
                });
            }
        }
        for material in &c.materials {
            let tag = w.qti("digitalMaterial");
            w.text_element(tag, material);
        }
    });
}
