//! Strings and geometry: substring, stringMatch, patternMatch, inside.

use crate::expr::{Environment, Op};
use crate::value::{Scalar, Value};

pub fn apply(op: &Op, args: &[Value], env: &mut dyn Environment) -> Value {
    if args.iter().any(Value::is_null) {
        return Value::Null;
    }
    let text = |i: usize| {
        args.get(i)
            .and_then(Value::as_single)
            .and_then(Scalar::as_text)
    };
    match op {
        Op::Substring { case_sensitive } => {
            let (Some(a), Some(b)) = (text(0), text(1)) else {
                return Value::Null;
            };
            Value::boolean(if *case_sensitive {
                b.contains(a)
            } else {
                b.to_lowercase().contains(&a.to_lowercase())
            })
        }
        Op::StringMatch {
            case_sensitive,
            substring,
        } => {
            let (Some(a), Some(b)) = (text(0), text(1)) else {
                return Value::Null;
            };
            let (a, b) = if *case_sensitive {
                (a.to_string(), b.to_string())
            } else {
                (a.to_lowercase(), b.to_lowercase())
            };
            Value::boolean(if *substring { a.contains(&b) } else { a == b })
        }
        Op::PatternMatch(pattern) => {
            let Some(t) = text(0) else { return Value::Null };
            // ASI patternMatch: an XML Schema regular expression, anchored.
            match crate::xsd_regex::is_match(pattern, t) {
                Ok(b) => Value::boolean(b),
                Err(e) => {
                    env.warn(format!("patternMatch: {e}"));
                    Value::Null
                }
            }
        }
        Op::Inside(shape) => {
            let points = args[0].items();
            Value::boolean(points.iter().any(|p| match p {
                Scalar::Point(x, y) => shape.contains(*x as f64, *y as f64),
                _ => false,
            }))
        }
        _ => Value::Null,
    }
}
