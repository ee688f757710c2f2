//! The expression language (ASI "expression" class): the typed tree and its
//! evaluation. One submodule per family of operators, named as the spec
//! groups them.
//!
//! OWNED BY THE EXPRESSIONS WORK: this stub is replaced by the full language.

use crate::model::declaration::Declaration;
use crate::random::Rng;
use crate::value::{Scalar, Value};

/// An expression, read from XML.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    BaseValue(Value),
    Variable(String),
    Correct(String),
    Default(String),
    Null,
    Match(Box<Expr>, Box<Expr>),
    IsNull(Box<Expr>),
    MapResponse(String),
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
        Expr::Match(a, b) => {
            let (a, b) = (eval(a, env), eval(b, env));
            if a.is_null() || b.is_null() {
                return Value::Null;
            }
            Value::boolean(a == b)
        }
        Expr::IsNull(a) => Value::boolean(eval(a, env).is_null()),
        Expr::MapResponse(id) => {
            let Some(mapping) = env
                .declaration(id)
                .and_then(|d| d.response())
                .and_then(|r| r.mapping.clone())
            else {
                return Value::Null;
            };
            let value = env.value(id).cloned().unwrap_or_default();
            let mut total = 0.0;
            for item in value.items() {
                total += mapping
                    .entries
                    .iter()
                    .find(|e| e.map_key.qti_eq(item))
                    .map_or(mapping.default_value, |e| e.mapped_value);
            }
            if let Some(lo) = mapping.lower_bound {
                total = total.max(lo);
            }
            if let Some(hi) = mapping.upper_bound {
                total = total.min(hi);
            }
            Value::Single(Scalar::Float(total))
        }
    }
}
