//! The expression language (ASI "expression" class): the typed tree and its
//! evaluation. Operators are grouped as the spec groups them, one module
//! per family.

pub mod operators;

use serde::{Deserialize, Serialize};

use crate::model::declaration::Declaration;
use crate::model::shape::Shape;
use crate::random::Rng;
use crate::value::{Scalar, Value};

/// `equal`'s `toleranceMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToleranceMode {
    Exact,
    Absolute,
    Relative,
}

/// `roundingMode` of `roundTo` and `equalRounded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundingMode {
    SignificantFigures,
    DecimalPlaces,
}

/// Operators: expressions computed from sub-expressions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    And,
    Or,
    Not,
    AnyN {
        min: i64,
        max: i64,
    },
    Match,
    IsNull,
    Member,
    Contains,
    Delete,
    Multiple,
    Ordered,
    ContainerSize,
    Index(i64),
    FieldValue(String),
    Random,
    Repeat(i64),
    Equal {
        mode: ToleranceMode,
        tolerance: Vec<f64>,
        include_lower: bool,
        include_upper: bool,
    },
    EqualRounded {
        mode: RoundingMode,
        figures: i64,
    },
    Lt,
    Gt,
    Lte,
    Gte,
    DurationLt,
    DurationGte,
    Sum,
    Product,
    Subtract,
    Divide,
    Power,
    IntegerDivide,
    IntegerModulus,
    Truncate,
    Round,
    RoundTo {
        mode: RoundingMode,
        figures: i64,
    },
    IntegerToFloat,
    Min,
    Max,
    Gcd,
    Lcm,
    StatsOperator(String),
    MathOperator(String),
    Substring {
        case_sensitive: bool,
    },
    StringMatch {
        case_sensitive: bool,
        substring: bool,
    },
    PatternMatch(String),
    Inside(Shape),
    /// An operator we have no implementation for: NULL and a warning.
    Custom(String),
}

/// A variable's name as expressions and rules refer to it. Shared: an
/// item names the same few variables again and again, and the reader
/// gives every reference to one variable the same copy of its name
/// instead of an allocation each.
pub type Name = std::sync::Arc<str>;

/// An expression, read from XML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    BaseValue(Value),
    Variable(Name),
    Correct(Name),
    Default(Name),
    Null,
    MapResponse(Name),
    MapResponsePoint(Name),
    MathConstant(f64),
    RandomInteger {
        min: i64,
        max: i64,
        step: i64,
    },
    RandomFloat {
        min: f64,
        max: f64,
    },
    Op(Op, Vec<Expr>),
    /// Expressions that only a test's outcome processing can evaluate.
    Test(TestExpr),
}

/// Which items a test-level expression looks at (`sectionIdentifier`,
/// `includeCategory`, `excludeCategory`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemSubset {
    pub section: Option<String>,
    pub include_category: Vec<String>,
    pub exclude_category: Vec<String>,
}

/// The test-level expressions of the ASI (outcome processing of a test).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TestExpr {
    NumberCorrect(ItemSubset),
    NumberIncorrect(ItemSubset),
    NumberPresented(ItemSubset),
    NumberResponded(ItemSubset),
    NumberSelected(ItemSubset),
    TestVariables {
        subset: ItemSubset,
        variable: String,
        weight: Option<String>,
        base_type: Option<crate::value::BaseType>,
    },
    OutcomeMaximum {
        subset: ItemSubset,
        outcome: String,
        weight: Option<String>,
    },
    OutcomeMinimum {
        subset: ItemSubset,
        outcome: String,
        weight: Option<String>,
    },
    /// `variable` with a `weightIdentifier`: an item variable scaled by the
    /// item reference's weight.
    WeightedVariable {
        identifier: String,
        weight: String,
    },
}

/// What evaluation reads from the session it runs in.
pub trait Environment {
    /// The current value of a variable (NULL if declared but unset); `None` if unknown.
    fn value(&self, identifier: &str) -> Option<&Value>;
    /// The declaration of a variable, for `correct`, `default`, `mapResponse`.
    fn declaration(&self, identifier: &str) -> Option<&Declaration>;
    /// The session's seeded generator, for `random*`.
    fn rng(&mut self) -> &mut Rng;
    /// A non-fatal problem met while evaluating (unknown customOperator class, ...).
    fn warn(&mut self, message: String);
    /// A test-level expression; outside a test session there is no test to look at.
    fn test_value(&mut self, expr: &TestExpr) -> Value {
        let _ = expr;
        Value::Null
    }
}

/// Evaluate an expression. Never fails: type errors the reader could not
/// catch evaluate to NULL, as the spec asks of operators.
pub fn eval(expr: &Expr, env: &mut dyn Environment) -> Value {
    match expr {
        Expr::BaseValue(v) => v.clone(),
        Expr::Variable(id) => env.value(id).cloned().unwrap_or_default(),
        Expr::Correct(id) => env
            .declaration(id)
            .map(Declaration::correct_response)
            .unwrap_or_default(),
        Expr::Default(id) => env
            .declaration(id)
            .map(Declaration::default)
            .unwrap_or_default(),
        Expr::Null => Value::Null,
        Expr::MapResponse(id) => operators::mapping::map_response(id, env),
        Expr::MapResponsePoint(id) => operators::mapping::map_response_point(id, env),
        Expr::MathConstant(c) => Value::Single(Scalar::Float(*c)),
        Expr::RandomInteger { min, max, step } => {
            let step = (*step).max(1);
            if max < min {
                return Value::Null;
            }
            let n = ((max - min) / step + 1) as u64;
            Value::integer(min + step * env.rng().below(n) as i64)
        }
        Expr::RandomFloat { min, max } => {
            let r = env.rng().next_f64();
            Value::float(min + (max - min) * r)
        }
        Expr::Test(t) => env.test_value(t),
        Expr::Op(op, args) => {
            // `and`/`or` and friends look at values in order; all operands are
            // evaluated first, which keeps random draws deterministic.
            let values: Vec<Value> = args.iter().map(|a| eval(a, env)).collect();
            operators::apply(op, values, env)
        }
    }
}
