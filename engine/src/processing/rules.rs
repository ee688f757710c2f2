//! Running processing rules (ASI "responseProcessing", "templateProcessing",
//! "outcomeProcessing") against an environment that can also be written.

use crate::expr::{Environment, Expr, eval};
use crate::model::declaration::Declaration;
use crate::model::rule::Rule;
use crate::value::{BaseType, Cardinality, Scalar, Value};

/// An environment whose variables rules may set.
pub trait ProcessingEnvironment: Environment {
    fn set_value(&mut self, identifier: &str, value: Value);
    fn set_correct_response(&mut self, identifier: &str, value: Value);
    fn set_default_value(&mut self, identifier: &str, value: Value);
    /// Expose the environment to expression evaluation.
    fn as_env(&mut self) -> &mut dyn Environment;
}

/// Why rule execution stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `exitResponse`, `exitTemplate` or `exitTest`.
    Exit,
    /// A `templateConstraint` was not satisfied: template processing restarts.
    ConstraintFailed,
}

/// Run rules in order; stop at the first exit.
pub fn run_rules(rules: &[Rule], env: &mut dyn ProcessingEnvironment) -> Result<(), Exit> {
    for rule in rules {
        run_rule(rule, env)?;
    }
    Ok(())
}

fn run_rule(rule: &Rule, env: &mut dyn ProcessingEnvironment) -> Result<(), Exit> {
    match rule {
        Rule::Condition {
            branches,
            otherwise,
        } => {
            for (condition, rules) in branches {
                // A NULL condition does not fire (spec: "if the expression is NULL, ... false").
                if eval(condition, env.as_env()) == Value::boolean(true) {
                    return run_rules(rules, env);
                }
            }
            if let Some(rules) = otherwise {
                run_rules(rules, env)?;
            }
            Ok(())
        }
        Rule::SetOutcomeValue { identifier, expr }
        | Rule::SetTemplateValue { identifier, expr } => {
            let value = evaluate_for(identifier, expr, env);
            env.set_value(identifier, value);
            Ok(())
        }
        Rule::LookupOutcomeValue { identifier, expr } => {
            let source = eval(expr, env.as_env());
            let target = env
                .declaration(identifier)
                .and_then(|d| d.outcome())
                .and_then(|o| o.lookup_table.as_ref())
                .and_then(|table| match source.as_single().and_then(Scalar::as_f64) {
                    Some(s) => table.lookup(s),
                    // No source value matches no entry: the table's default.
                    None => table.default_value(),
                });
            let value = target.map(Value::Single).unwrap_or(Value::Null);
            env.set_value(identifier, value);
            Ok(())
        }
        Rule::SetCorrectResponse { identifier, expr } => {
            let value = evaluate_for(identifier, expr, env);
            env.set_correct_response(identifier, value);
            Ok(())
        }
        Rule::SetDefaultValue { identifier, expr } => {
            let value = evaluate_for(identifier, expr, env);
            env.set_default_value(identifier, value);
            Ok(())
        }
        Rule::TemplateConstraint(expr) => {
            if eval(expr, env.as_env()) == Value::boolean(true) {
                Ok(())
            } else {
                Err(Exit::ConstraintFailed)
            }
        }
        Rule::Fragment(rules) => run_rules(rules, env),
        Rule::ExitResponse | Rule::ExitTemplate | Rule::ExitTest => Err(Exit::Exit),
    }
}

/// Evaluate and convert to the target's declared type: an integer result
/// assigned to a float outcome becomes a float, a single value assigned to
/// a multiple variable becomes a one-item container.
fn evaluate_for(identifier: &str, expr: &Expr, env: &mut dyn ProcessingEnvironment) -> Value {
    let value = eval(expr, env.as_env());
    match env.declaration(identifier) {
        Some(decl) => coerce(juggle(value, decl), decl),
        None => value,
    }
}

/// Fit a value to a declaration where the spec allows a conversion.
/// Inside processing, a one-value container set into a single variable
/// means its value (processors such as qti-sdk accept this "juggling").
/// Candidate responses get no such leniency: they must fit.
fn juggle(value: Value, decl: &Declaration) -> Value {
    match (value, decl.cardinality) {
        (Value::Multiple(mut v) | Value::Ordered(mut v), Cardinality::Single) if v.len() == 1 => {
            Value::Single(v.remove(0))
        }
        (value, _) => value,
    }
}

pub fn coerce(value: Value, decl: &Declaration) -> Value {
    // ASI: an empty string is NULL, like an empty container.
    if matches!(&value, Value::Single(Scalar::String(s)) if s.is_empty()) {
        return Value::Null;
    }
    let widen = |s: Scalar| match (s, decl.base_type) {
        (Scalar::Integer(i), Some(BaseType::Float)) => Scalar::Float(i as f64),
        (Scalar::Float(f), Some(BaseType::Integer)) if f.fract() == 0.0 && f.abs() < 9e15 => {
            Scalar::Integer(f as i64)
        }
        (s, _) => s,
    };
    match (value, decl.cardinality) {
        (Value::Single(s), Cardinality::Single) => Value::Single(widen(s)),
        (Value::Single(s), Cardinality::Multiple) => Value::Multiple(vec![widen(s)]),
        (Value::Single(s), Cardinality::Ordered) => Value::Ordered(vec![widen(s)]),
        (Value::Multiple(v), Cardinality::Multiple)
        | (Value::Ordered(v), Cardinality::Multiple) => {
            Value::container(Cardinality::Multiple, v.into_iter().map(widen).collect())
        }
        (Value::Ordered(v), Cardinality::Ordered) => {
            Value::container(Cardinality::Ordered, v.into_iter().map(widen).collect())
        }
        (value, _) => value,
    }
}
