//! Processing rules (ASI "responseRule", "templateRule", "outcomeRule").
//!
//! The three families share most rules (`setOutcomeValue` appears in
//! response and outcome processing), so one enum holds them all and the
//! reader admits only the ones the enclosing processing allows.

use serde::{Deserialize, Serialize};

use crate::expr::{Expr, Name};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Rule {
    /// `responseCondition`, `templateCondition`, `outcomeCondition`:
    /// the first branch whose condition is true runs, else `otherwise`.
    Condition {
        branches: Vec<(Expr, Vec<Rule>)>,
        otherwise: Option<Vec<Rule>>,
    },
    SetOutcomeValue {
        identifier: Name,
        expr: Expr,
    },
    LookupOutcomeValue {
        identifier: Name,
        expr: Expr,
    },
    SetTemplateValue {
        identifier: Name,
        expr: Expr,
    },
    SetCorrectResponse {
        identifier: Name,
        expr: Expr,
    },
    SetDefaultValue {
        identifier: Name,
        expr: Expr,
    },
    /// Template processing restarts while the constraint is not true.
    TemplateConstraint(Expr),
    /// `responseProcessingFragment` / `outcomeProcessingFragment`: a group of rules.
    Fragment(Vec<Rule>),
    ExitResponse,
    ExitTemplate,
    ExitTest,
}

/// Which processing a rule list belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFamily {
    Response,
    Template,
    Outcome,
}

impl RuleFamily {
    /// The element that holds this family's rules.
    pub fn processing_name(self) -> &'static str {
        match self {
            Self::Response => "responseProcessing",
            Self::Template => "templateProcessing",
            Self::Outcome => "outcomeProcessing",
        }
    }

    /// The element names of this family's condition parts.
    pub fn condition_names(self) -> [&'static str; 4] {
        match self {
            Self::Response => [
                "responseCondition",
                "responseIf",
                "responseElseIf",
                "responseElse",
            ],
            Self::Template => [
                "templateCondition",
                "templateIf",
                "templateElseIf",
                "templateElse",
            ],
            Self::Outcome => [
                "outcomeCondition",
                "outcomeIf",
                "outcomeElseIf",
                "outcomeElse",
            ],
        }
    }
}
