//! Reading a QTI 3 `qti-assessment-stimulus`.

use crate::error::{Error, ErrorKind};
use crate::model::stimulus::AssessmentStimulus;
use crate::read::ReadContext;
use crate::read::body::{read_nodes, read_stylesheet};
use crate::read::item::document_version;
use crate::xml::{self, Limits};

/// Read a stimulus document: its stylesheets and `qti-stimulus-body`.
pub fn read_stimulus(bytes: &[u8]) -> Result<AssessmentStimulus, Error> {
    let text = xml::decode(bytes)?;
    let doc = xml::parse(&text, Limits::default())?;
    let mut warnings = Vec::new();
    let version = document_version(&doc, &mut warnings)?;
    let root = doc.root();
    if root.name() != "assessmentStimulus" {
        return Err(Error::new(ErrorKind::RootElement {
            expected: "assessmentStimulus".into(),
            found: root.name().to_string(),
        })
        .at(doc.position(root.pos())));
    }
    let mut cx = ReadContext::new(&doc, version);
    let mut stimulus = AssessmentStimulus {
        identifier: cx.attr(root, "identifier")?.trim().to_string(),
        title: root.attr("title").unwrap_or_default().to_string(),
        lang: root.attr("xml:lang").map(str::to_string),
        stylesheets: Vec::new(),
        body: Vec::new(),
    };
    for child in root.elements() {
        match child.name() {
            "stylesheet" => stimulus.stylesheets.push(read_stylesheet(child, &mut cx)?),
            "stimulusBody" => stimulus.body = read_nodes(child, &mut cx)?,
            _ => {}
        }
    }
    Ok(stimulus)
}

/// A stimulus and where it was found (its path: the base for its images).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedStimulus {
    pub path: String,
    /// The item's reference as written (relative to the item).
    pub href: String,
    pub stimulus: AssessmentStimulus,
}

/// The stimuli an item refers to, read through `resolve` relative to the
/// item at `item_path`. One that cannot be read is a warning: the item
/// still works without it.
pub fn load_stimuli(
    item_path: &str,
    item: &crate::model::AssessmentItem,
    resolve: &mut crate::read::test::Resolver<'_>,
) -> (Vec<LoadedStimulus>, Vec<crate::read::Warning>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for r in &item.stimulus_refs {
        let read = crate::href::join(item_path, &r.href)
            .and_then(|path| Ok((read_stimulus(&resolve(&path)?)?, path)));
        match read {
            Ok((stimulus, path)) => out.push(LoadedStimulus {
                path,
                href: r.href.clone(),
                stimulus,
            }),
            Err(e) => warnings.push(crate::read::Warning {
                position: None,
                message: format!(
                    "{item_path}: stimulus '{}' ({}) is not shown: {e}",
                    r.identifier, r.href
                ),
            }),
        }
    }
    (out, warnings)
}
