//! Operator evaluation, one module per family of the spec.

pub mod compare;
pub mod container;
pub mod custom;
pub mod logic;
pub mod mapping;
pub mod math;
pub mod string;

use super::{Environment, Op};
use crate::value::Value;

/// Apply an operator to its evaluated operands.
pub fn apply(op: &Op, args: Vec<Value>, env: &mut dyn Environment) -> Value {
    use Op::*;
    match op {
        And | Or | Not | AnyN { .. } => logic::apply(op, &args),
        Match
        | Equal { .. }
        | EqualRounded { .. }
        | Lt
        | Gt
        | Lte
        | Gte
        | DurationLt
        | DurationGte => compare::apply(op, &args),
        IsNull | Member | Contains | Delete | Multiple | Ordered | ContainerSize | Index(_)
        | FieldValue(_) | Random | Repeat(_) => container::apply(op, args, env),
        Sum
        | Product
        | Subtract
        | Divide
        | Power
        | IntegerDivide
        | IntegerModulus
        | Truncate
        | Round
        | RoundTo { .. }
        | IntegerToFloat
        | Min
        | Max
        | Gcd
        | Lcm
        | StatsOperator(_)
        | MathOperator(_) => math::apply(op, &args),
        Substring { .. } | StringMatch { .. } | PatternMatch(_) | Inside(_) => {
            string::apply(op, &args, env)
        }
        Custom(class) => custom::apply(class, &args).unwrap_or_else(|| {
            env.warn(format!(
                "customOperator '{class}' is not supported; it gives NULL"
            ));
            Value::Null
        }),
    }
}
