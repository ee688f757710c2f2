//! The version-neutral model of QTI items: what the reader produces and
//! processing, sessions and rendering consume.

pub mod content;
pub mod declaration;
pub mod interaction;
pub mod rule;
pub mod shape;
pub mod stimulus;
pub mod test;

use serde::{Deserialize, Serialize};

use crate::xml::QtiVersion;
use content::{Catalog, CompanionMaterials, ItemBody, ModalFeedback, Stylesheet};
use declaration::Declaration;
use rule::Rule;

/// An `assessmentItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentItem {
    pub identifier: String,
    pub title: String,
    pub label: Option<String>,
    pub lang: Option<String>,
    pub tool_name: Option<String>,
    pub tool_version: Option<String>,
    pub adaptive: bool,
    pub time_dependent: bool,
    /// The QTI version the item was written in.
    pub version: QtiVersion,
    /// Response, outcome, template and context declarations, in document order.
    pub declarations: Vec<Declaration>,
    pub template_processing: Option<Vec<Rule>>,
    pub response_processing: Option<ResponseProcessing>,
    pub stylesheets: Vec<Stylesheet>,
    pub body: Option<ItemBody>,
    pub modal_feedback: Vec<ModalFeedback>,
    /// QTI 3 `qti-catalog-info`.
    pub catalogs: Vec<Catalog>,
    /// QTI 3 `qti-companion-materials-info`.
    pub companion_materials: Option<CompanionMaterials>,
    /// QTI 3 `qti-assessment-stimulus-ref`s: shared material shown with the item.
    #[serde(default)]
    pub stimulus_refs: Vec<stimulus::StimulusRef>,
    /// The academic standards the item is aligned to. They come from the
    /// content package's manifest (CASE curriculum standards metadata), not
    /// from the item file: an item read on its own has none.
    #[serde(default)]
    pub alignments: Vec<Alignment>,
}

/// A standard an item or test is aligned to: a CASE `labelledGUID`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub label: Option<String>,
    pub case_item_uri: Option<String>,
    pub guid: Option<String>,
}

impl Alignment {
    /// An IRI for the standard: the CASE item URI, else the GUID as a
    /// `urn:uuid:` (CASE GUIDs are UUIDs).
    pub fn iri(&self) -> Option<String> {
        let uri = self.case_item_uri.as_deref().map(str::trim);
        match uri.filter(|u| !u.is_empty()) {
            Some(u) => Some(u.to_string()),
            None => self
                .guid
                .as_deref()
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(|g| format!("urn:uuid:{}", g.to_ascii_lowercase())),
        }
    }
}

/// `responseProcessing`: inline rules, or a standard template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseProcessing {
    /// The rules that run: inline ones when present, else the template's
    /// (shared by the items that read a template's rules alike).
    pub rules: std::sync::Arc<[Rule]>,
    /// The `template` URI as written, kept for writing the item back out.
    pub template: Option<String>,
    pub template_location: Option<String>,
}

impl AssessmentItem {
    /// An item with nothing in it: what a compact test's reference without
    /// inline declarations stands for.
    pub fn empty(identifier: &str, version: QtiVersion) -> Self {
        AssessmentItem {
            identifier: identifier.to_string(),
            title: String::new(),
            label: None,
            lang: None,
            tool_name: None,
            tool_version: None,
            adaptive: false,
            time_dependent: false,
            version,
            declarations: Vec::new(),
            template_processing: None,
            response_processing: None,
            stylesheets: Vec::new(),
            body: None,
            modal_feedback: Vec::new(),
            catalogs: Vec::new(),
            companion_materials: None,
            stimulus_refs: Vec::new(),
            alignments: Vec::new(),
        }
    }

    pub fn declaration(&self, identifier: &str) -> Option<&Declaration> {
        self.declarations
            .iter()
            .find(|d| d.identifier == identifier)
    }
}
