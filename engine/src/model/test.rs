//! The test model (ASI "assessmentTest", "testPart", "assessmentSection",
//! "assessmentItemRef"): structure, navigation and control settings, and
//! outcome processing. Items are referenced, not embedded: a
//! [`crate::test::LoadedTest`] pairs the structure with the items it uses.

use serde::{Deserialize, Serialize};

use super::content::{ContentNode, RubricBlock};
use super::declaration::Declaration;
use super::rule::Rule;
use crate::expr::Expr;
use crate::xml::QtiVersion;

/// An `assessmentTest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentTest {
    pub identifier: String,
    pub title: String,
    pub version: QtiVersion,
    pub tool_name: Option<String>,
    pub tool_version: Option<String>,
    /// Test-level outcome declarations.
    pub declarations: Vec<Declaration>,
    pub time_limits: Option<TimeLimits>,
    pub test_parts: Vec<TestPart>,
    pub outcome_processing: Option<Vec<Rule>>,
    pub test_feedback: Vec<TestFeedback>,
}

/// `navigationMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NavigationMode {
    Linear,
    Nonlinear,
}

/// `submissionMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmissionMode {
    Individual,
    Simultaneous,
}

/// A `testPart`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestPart {
    pub identifier: String,
    pub navigation_mode: NavigationMode,
    pub submission_mode: SubmissionMode,
    pub pre_conditions: Vec<Expr>,
    pub branch_rules: Vec<BranchRule>,
    pub item_session_control: Option<ItemSessionControl>,
    pub time_limits: Option<TimeLimits>,
    pub sections: Vec<Section>,
    pub test_feedback: Vec<TestFeedback>,
}

/// An `assessmentSection` (with any `assessmentSectionRef` already resolved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub identifier: String,
    pub title: String,
    pub visible: bool,
    pub keep_together: bool,
    pub required: bool,
    pub fixed: bool,
    pub selection: Option<Selection>,
    pub ordering: Option<Ordering>,
    pub pre_conditions: Vec<Expr>,
    pub branch_rules: Vec<BranchRule>,
    pub item_session_control: Option<ItemSessionControl>,
    pub time_limits: Option<TimeLimits>,
    pub rubric_blocks: Vec<RubricBlock>,
    pub parts: Vec<SectionPart>,
}

/// What a section holds, in document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SectionPart {
    Section(Section),
    Item(ItemRef),
}

impl SectionPart {
    pub fn identifier(&self) -> &str {
        match self {
            SectionPart::Section(s) => &s.identifier,
            SectionPart::Item(i) => &i.identifier,
        }
    }

    pub fn required(&self) -> bool {
        match self {
            SectionPart::Section(s) => s.required,
            SectionPart::Item(i) => i.required,
        }
    }

    pub fn fixed(&self) -> bool {
        match self {
            SectionPart::Section(s) => s.fixed,
            SectionPart::Item(i) => i.fixed,
        }
    }
}

/// An `assessmentItemRef`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRef {
    pub identifier: String,
    /// Where the reference is written, for errors about what it names.
    pub position: Option<crate::error::Position>,
    pub href: String,
    pub categories: Vec<String>,
    pub required: bool,
    pub fixed: bool,
    pub pre_conditions: Vec<Expr>,
    pub branch_rules: Vec<BranchRule>,
    pub item_session_control: Option<ItemSessionControl>,
    pub time_limits: Option<TimeLimits>,
    pub weights: Vec<Weight>,
    pub variable_mappings: Vec<VariableMapping>,
    pub template_defaults: Vec<(String, Expr)>,
    /// `responseValidityConstraint`s of the compact test format: the
    /// constraints a delivery checks when `validateResponses` is on, for
    /// items given without a body.
    pub validity: Vec<ResponseValidity>,
}

/// How many values a response needs (`minConstraint`, `maxConstraint`,
/// 0 = no maximum), its `patternMask`, and per-choice association counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseValidity {
    pub response: String,
    pub min: u32,
    pub max: u32,
    pub pattern_mask: Option<String>,
    /// (choice identifier, min, max) over the pairs of the response.
    pub associations: Vec<(String, u32, u32)>,
}

impl ItemRef {
    pub fn weight(&self, identifier: &str) -> Option<f64> {
        self.weights
            .iter()
            .find(|w| w.identifier == identifier)
            .map(|w| w.value)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weight {
    pub identifier: String,
    pub value: f64,
}

/// `variableMapping`: the test refers to the item's `source` as `target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariableMapping {
    pub source: String,
    pub target: String,
}

/// `selection`: how many children of a section a session uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    pub select: usize,
    pub with_replacement: bool,
}

/// `ordering`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ordering {
    pub shuffle: bool,
}

/// `branchRule`: where to go when the condition is true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BranchRule {
    pub target: String,
    pub condition: Expr,
    /// Where the rule is written, for errors about its target.
    pub position: Option<crate::error::Position>,
}

/// Special branch targets.
pub const EXIT_SECTION: &str = "EXIT_SECTION";
pub const EXIT_TESTPART: &str = "EXIT_TESTPART";
pub const EXIT_TEST: &str = "EXIT_TEST";

/// `timeLimits`, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeLimits {
    pub min_time: Option<f64>,
    pub max_time: Option<f64>,
    pub allow_late_submission: bool,
}

/// `itemSessionControl` as written: unset attributes inherit from the
/// enclosing section, part or the spec's defaults ([`Control`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemSessionControl {
    pub max_attempts: Option<u32>,
    pub show_feedback: Option<bool>,
    pub allow_review: Option<bool>,
    pub show_solution: Option<bool>,
    pub allow_comment: Option<bool>,
    pub allow_skipping: Option<bool>,
    pub validate_responses: Option<bool>,
}

/// The effective item session control of one item: every level applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    /// 0 means unlimited.
    pub max_attempts: u32,
    pub show_feedback: bool,
    pub allow_review: bool,
    pub show_solution: bool,
    pub allow_comment: bool,
    pub allow_skipping: bool,
    pub validate_responses: bool,
}

impl Default for Control {
    /// The spec's defaults.
    fn default() -> Self {
        Control {
            max_attempts: 1,
            show_feedback: false,
            allow_review: true,
            show_solution: false,
            allow_comment: false,
            allow_skipping: true,
            validate_responses: false,
        }
    }
}

impl Control {
    /// Apply a more specific level over this one.
    pub fn with(mut self, isc: Option<&ItemSessionControl>) -> Self {
        let Some(isc) = isc else { return self };
        if let Some(v) = isc.max_attempts {
            self.max_attempts = v;
        }
        let flags = [
            (isc.show_feedback, &mut self.show_feedback),
            (isc.allow_review, &mut self.allow_review),
            (isc.show_solution, &mut self.show_solution),
            (isc.allow_comment, &mut self.allow_comment),
            (isc.allow_skipping, &mut self.allow_skipping),
            (isc.validate_responses, &mut self.validate_responses),
        ];
        for (value, slot) in flags {
            if let Some(v) = value {
                *slot = v;
            }
        }
        self
    }
}

/// `testFeedback`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestFeedback {
    pub access: FeedbackAccess,
    pub outcome_identifier: String,
    pub identifier: String,
    pub show: bool,
    pub title: Option<String>,
    pub content: Vec<ContentNode>,
}

/// When test feedback is shown: `atEnd` of the part/test or `during` it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackAccess {
    During,
    AtEnd,
}

impl AssessmentTest {
    pub fn declaration(&self, identifier: &str) -> Option<&Declaration> {
        self.declarations
            .iter()
            .find(|d| d.identifier == identifier)
    }

    /// Every item reference, in document order.
    pub fn item_refs(&self) -> Vec<&ItemRef> {
        fn walk<'a>(parts: &'a [SectionPart], out: &mut Vec<&'a ItemRef>) {
            for p in parts {
                match p {
                    SectionPart::Section(s) => walk(&s.parts, out),
                    SectionPart::Item(i) => out.push(i),
                }
            }
        }
        let mut out = Vec::new();
        for part in &self.test_parts {
            for s in &part.sections {
                walk(&s.parts, &mut out);
            }
        }
        out
    }
}
