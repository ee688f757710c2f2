//! QTI 3 shared stimuli (`qti-assessment-stimulus`): a passage or other
//! material several items refer to with `qti-assessment-stimulus-ref`.

use serde::{Deserialize, Serialize};

use super::content::{ContentNode, Stylesheet};

/// An item's `qti-assessment-stimulus-ref`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StimulusRef {
    pub identifier: String,
    /// Relative to the item.
    pub href: String,
    pub title: Option<String>,
}

/// A `qti-assessment-stimulus`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentStimulus {
    pub identifier: String,
    pub title: String,
    pub lang: Option<String>,
    pub stylesheets: Vec<Stylesheet>,
    pub body: Vec<ContentNode>,
}
