//! QTI Results Reporting: the `assessmentResult` document an item session
//! produces, written for QTI 2.2 (`imsqti_result_v2p2`) or QTI 3.0
//! (`imsqti_result_v3p0`; still camelCase, durations in ISO 8601), and read
//! back to restore a session or re-score submitted responses.

mod read;
mod rescore;
mod write;

use serde::{Deserialize, Serialize};

pub use read::{external_scores_for, read_results, responses_for, values_for};
pub use rescore::{rescore, restore};
pub use write::{ResultVersion, format_datestamp, write_results};

use crate::value::{BaseType, Cardinality};

/// An `assessmentResult`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AssessmentResult {
    pub context: ResultContext,
    pub test_result: Option<TestResult>,
    pub item_results: Vec<ItemResult>,
}

/// `context`: who and which session.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResultContext {
    pub sourced_id: Option<String>,
    pub session_identifiers: Vec<SessionIdentifier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionIdentifier {
    pub source_id: String,
    pub identifier: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub identifier: String,
    pub datestamp: String,
    pub variables: Vec<ResultVariable>,
}

/// `itemResult`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub identifier: String,
    pub sequence_index: Option<u32>,
    /// ISO 8601 date-time.
    pub datestamp: String,
    /// `initial`, `pendingSubmission`, `pendingResponseProcessing` or `final`.
    pub session_status: String,
    pub variables: Vec<ResultVariable>,
    pub candidate_comment: Option<String>,
    /// The standards the item is aligned to (from its content package).
    /// QTI Results Reporting has no element for them, so only the JSON
    /// form of a result carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignments: Vec<crate::model::Alignment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VariableKind {
    Response,
    Outcome,
    Template,
    Context,
}

impl VariableKind {
    pub fn element_name(self) -> &'static str {
        match self {
            Self::Response => "responseVariable",
            Self::Outcome => "outcomeVariable",
            Self::Template => "templateVariable",
            Self::Context => "contextVariable",
        }
    }
}

/// One variable of a result. Values stay in their lexical form: result
/// documents in the wild often omit `baseType`, so the item's declaration
/// decides how they are read (see [`responses_for`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultVariable {
    pub kind: VariableKind,
    pub identifier: String,
    pub cardinality: Cardinality,
    pub base_type: Option<BaseType>,
    /// `candidateResponse` values (responses) or the values (others).
    pub values: Vec<ResultValue>,
    /// `correctResponse` values, responses only.
    pub correct_response: Option<Vec<ResultValue>>,
    /// The shuffled order the candidate saw, for choice interactions.
    pub choice_sequence: Vec<String>,
    /// Outcome attributes carried over from the declaration.
    pub view: Vec<String>,
    pub interpretation: Option<String>,
    pub normal_maximum: Option<f64>,
    pub normal_minimum: Option<f64>,
    pub mastery_value: Option<f64>,
    /// `externalScored` (`human` or `externalMachine`): a score given from
    /// outside, which re-scoring keeps.
    #[serde(default)]
    pub external_scored: Option<String>,
}

/// A `value` element: text, with a field identifier and base type for records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultValue {
    pub field_identifier: Option<String>,
    pub base_type: Option<BaseType>,
    pub text: String,
}
