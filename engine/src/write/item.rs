//! Writing an `assessmentItem`.

use super::Writer;
use super::body::{
    write_catalogs, write_companion_materials, write_item_body, write_modal_feedback,
    write_stylesheet,
};
use super::declaration::write_declaration;
use super::rule::{write_response_processing, write_rules_element};
use crate::model::AssessmentItem;
use crate::model::rule::RuleFamily;
use crate::xml::QtiVersion;

/// A written document and what the target version could not express
/// (each warning names what was left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub xml: String,
    pub warnings: Vec<String>,
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The namespace and schema location of a target version.
fn namespace(v3: bool) -> (&'static str, &'static str) {
    if v3 {
        (
            "http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
            "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd",
        )
    } else {
        (
            "http://www.imsglobal.org/xsd/imsqti_v2p2",
            "http://www.imsglobal.org/xsd/qti/qtiv2p2/imsqti_v2p2.xsd",
        )
    }
}

/// A writer for `to`. QTI 2.0 and 2.1 are not written: QTI 2.2 reads
/// everything they do, so they get 2.2 and a warning.
pub(crate) fn writer_for(to: QtiVersion) -> Writer {
    let mut w = Writer::new(to.is_v3());
    if matches!(to, QtiVersion::V2_0 | QtiVersion::V2_1) {
        w.warn(format!("QTI {} is not written; wrote QTI 2.2", to.as_str()));
    }
    w
}

/// The root tag of a document: its namespace and schema location.
pub(crate) fn root_tag(w: &Writer, name: &str) -> super::Tag {
    let (ns, xsd) = namespace(w.v3());
    w.qti(name)
        .attr("xmlns", ns)
        .attr("xmlns:xsi", XSI)
        .attr("xsi:schemaLocation", format!("{ns} {xsd}"))
}

/// Write an item as QTI 2.2 (or 3.0 when `to` is 3.0).
pub fn write_item(item: &AssessmentItem, to: QtiVersion) -> Written {
    let mut w = writer_for(to);
    let tag = root_tag(&w, "assessmentItem")
        .attr("identifier", &item.identifier)
        .attr("title", &item.title)
        .opt("label", item.label.as_ref())
        .opt("xml:lang", item.lang.as_ref())
        .opt("toolName", item.tool_name.as_ref())
        .opt("toolVersion", item.tool_version.as_ref())
        .attr("adaptive", item.adaptive)
        .attr("timeDependent", item.time_dependent);
    w.block(tag, |w| write_item_parts(w, item));
    let (xml, warnings) = w.finish();
    Written { xml, warnings }
}

/// The children of an item, in the order of the version's schema.
fn write_item_parts(w: &mut Writer, item: &AssessmentItem) {
    for d in &item.declarations {
        write_declaration(w, d);
    }
    if let Some(rules) = &item.template_processing {
        write_rules_element(w, "templateProcessing", rules, RuleFamily::Template);
    }
    write_qti3_parts(w, item);
    for s in &item.stylesheets {
        write_stylesheet(w, s);
    }
    if let Some(body) = &item.body {
        write_item_body(w, body);
    }
    if !item.catalogs.is_empty() {
        if w.v3() {
            write_catalogs(w, &item.catalogs);
        } else {
            w.warn(format!(
                "{} catalog(s) (qti-catalog-info) left out: QTI 2.2 has no catalogs",
                item.catalogs.len()
            ));
        }
    }
    if let Some(rp) = &item.response_processing {
        write_response_processing(w, rp, &item.declarations);
    }
    for f in &item.modal_feedback {
        write_modal_feedback(w, f);
    }
}

/// Stimulus references and companion materials: QTI 3 only.
fn write_qti3_parts(w: &mut Writer, item: &AssessmentItem) {
    if w.v3() {
        for r in &item.stimulus_refs {
            let tag = w
                .qti("assessmentStimulusRef")
                .attr("identifier", &r.identifier)
                .attr("href", &r.href)
                .opt("title", r.title.as_ref());
            w.empty(tag);
        }
        if let Some(c) = &item.companion_materials {
            write_companion_materials(w, c);
        }
        return;
    }
    for r in &item.stimulus_refs {
        w.warn(format!(
            "stimulus reference '{}' ({}) left out: QTI 2.2 has no shared stimuli",
            r.identifier, r.href
        ));
    }
    if item.companion_materials.is_some() {
        w.warn("companion materials (qti-companion-materials-info) left out: QTI 2.2 has none");
    }
}
