//! Variable declarations (ASI "responseDeclaration", "outcomeDeclaration",
//! "templateDeclaration", QTI 3 "contextDeclaration").

use serde::{Deserialize, Serialize};

use super::shape::Shape;
use crate::value::{BaseType, Cardinality, Scalar, Value};

/// What every variable declaration has, plus what its kind adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Declaration {
    pub identifier: String,
    pub cardinality: Cardinality,
    /// `None` only for record cardinality.
    pub base_type: Option<BaseType>,
    pub default_value: Option<DefaultValue>,
    pub kind: DeclarationKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DefaultValue {
    pub interpretation: Option<String>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DeclarationKind {
    Response(ResponseDeclaration),
    Outcome(OutcomeDeclaration),
    Template(TemplateDeclaration),
    Context,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResponseDeclaration {
    pub correct_response: Option<CorrectResponse>,
    pub mapping: Option<Mapping>,
    pub area_mapping: Option<AreaMapping>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectResponse {
    pub interpretation: Option<String>,
    pub value: Value,
}

/// `mapping`: scores for response values, summed over a container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub lower_bound: Option<f64>,
    pub upper_bound: Option<f64>,
    pub default_value: f64,
    pub entries: Vec<MapEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapEntry {
    pub map_key: Scalar,
    pub mapped_value: f64,
    /// Only meaningful for string keys; the spec's default is case sensitive.
    pub case_sensitive: bool,
}

/// `areaMapping`: scores for points by the area they fall in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaMapping {
    pub lower_bound: Option<f64>,
    pub upper_bound: Option<f64>,
    pub default_value: f64,
    pub entries: Vec<AreaMapEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaMapEntry {
    pub shape: Shape,
    pub mapped_value: f64,
}

/// Who may see an outcome (`view` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum View {
    Author,
    Candidate,
    Proctor,
    Scorer,
    TestConstructor,
    Tutor,
}

impl View {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "author" => Self::Author,
            "candidate" => Self::Candidate,
            "proctor" => Self::Proctor,
            "scorer" => Self::Scorer,
            "testConstructor" | "test-constructor" => Self::TestConstructor,
            "tutor" => Self::Tutor,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Author => "author",
            Self::Candidate => "candidate",
            Self::Proctor => "proctor",
            Self::Scorer => "scorer",
            Self::TestConstructor => "testConstructor",
            Self::Tutor => "tutor",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExternalScored {
    Human,
    Externalmachine,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OutcomeDeclaration {
    pub view: Vec<View>,
    pub interpretation: Option<String>,
    pub long_interpretation: Option<String>,
    pub normal_maximum: Option<f64>,
    pub normal_minimum: Option<f64>,
    pub mastery_value: Option<f64>,
    pub external_scored: Option<ExternalScored>,
    pub variable_identifier_ref: Option<String>,
    pub lookup_table: Option<LookupTable>,
}

/// `matchTable` or `interpolationTable`, used by `lookupOutcomeValue`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LookupTable {
    Match {
        default_value: Option<Scalar>,
        entries: Vec<MatchTableEntry>,
    },
    Interpolation {
        default_value: Option<Scalar>,
        entries: Vec<InterpolationTableEntry>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchTableEntry {
    pub source_value: i64,
    pub target_value: Scalar,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterpolationTableEntry {
    pub source_value: f64,
    pub include_boundary: bool,
    pub target_value: Scalar,
}

impl LookupTable {
    /// The target for a source value, or the table's default (spec: matchTable
    /// takes integer sources; interpolationTable takes the first entry whose
    /// sourceValue is below the source, or equal with includeBoundary).
    /// The value used when no entry matches.
    pub fn default_value(&self) -> Option<Scalar> {
        match self {
            LookupTable::Match { default_value, .. }
            | LookupTable::Interpolation { default_value, .. } => default_value.clone(),
        }
    }

    pub fn lookup(&self, source: f64) -> Option<Scalar> {
        match self {
            LookupTable::Match {
                default_value,
                entries,
            } => entries
                .iter()
                .find(|e| source.fract() == 0.0 && e.source_value as f64 == source)
                .map(|e| e.target_value.clone())
                .or_else(|| default_value.clone()),
            LookupTable::Interpolation {
                default_value,
                entries,
            } => entries
                .iter()
                .find(|e| {
                    source > e.source_value || (e.include_boundary && source == e.source_value)
                })
                .map(|e| e.target_value.clone())
                .or_else(|| default_value.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TemplateDeclaration {
    pub param_variable: bool,
    pub math_variable: bool,
}

impl Declaration {
    pub fn response(&self) -> Option<&ResponseDeclaration> {
        match &self.kind {
            DeclarationKind::Response(r) => Some(r),
            _ => None,
        }
    }

    pub fn outcome(&self) -> Option<&OutcomeDeclaration> {
        match &self.kind {
            DeclarationKind::Outcome(o) => Some(o),
            _ => None,
        }
    }

    pub fn template(&self) -> Option<&TemplateDeclaration> {
        match &self.kind {
            DeclarationKind::Template(t) => Some(t),
            _ => None,
        }
    }

    /// The declared default, or NULL.
    pub fn default(&self) -> Value {
        self.default_value
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or(Value::Null)
    }

    /// The initial value of the variable when a session starts or outcomes
    /// reset: the default, else 0 for numeric outcomes (spec: outcomes
    /// without a default start at 0 if numeric, NULL otherwise).
    pub fn initial_value(&self) -> Value {
        if let Some(d) = &self.default_value {
            return d.value.clone();
        }
        match (&self.kind, self.cardinality, self.base_type) {
            (DeclarationKind::Outcome(_), Cardinality::Single, Some(BaseType::Integer)) => {
                Value::integer(0)
            }
            (DeclarationKind::Outcome(_), Cardinality::Single, Some(BaseType::Float)) => {
                Value::float(0.0)
            }
            _ => Value::Null,
        }
    }

    pub fn correct_response(&self) -> Value {
        self.response()
            .and_then(|r| r.correct_response.as_ref())
            .map(|c| c.value.clone())
            .unwrap_or(Value::Null)
    }
}
