//! Logic: and, or, not, anyN — three-valued, as the spec defines them.

use crate::expr::Op;
use crate::value::Value;

fn truth(v: &Value) -> Option<bool> {
    if v.is_null() {
        return None;
    }
    v.as_single().and_then(|s| s.as_bool())
}

pub fn apply(op: &Op, args: &[Value]) -> Value {
    let truths: Vec<Option<bool>> = args.iter().map(truth).collect();
    let trues = truths.iter().filter(|t| **t == Some(true)).count() as i64;
    let falses = truths.iter().filter(|t| **t == Some(false)).count() as i64;
    let nulls = truths.len() as i64 - trues - falses;
    let r = match op {
        // and: false if any operand is false; NULL if none false but one NULL.
        Op::And if falses > 0 => Some(false),
        Op::And if nulls > 0 || truths.is_empty() => None,
        Op::And => Some(true),
        Op::Or if trues > 0 => Some(true),
        Op::Or if nulls > 0 || truths.is_empty() => None,
        Op::Or => Some(false),
        Op::Not => truths.first().copied().flatten().map(|b| !b),
        Op::AnyN { min, max } => {
            if trues > *max {
                Some(false)
            } else if trues >= *min && trues + nulls <= *max {
                Some(true)
            } else if trues + nulls < *min {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    };
    r.map(Value::boolean).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_is_false_if_any_operand_is_false_even_with_null() {
        // ASI "and": "If one or more sub-expressions are false then the result is false."
        let f = Value::boolean(false);
        let t = Value::boolean(true);
        assert_eq!(apply(&Op::And, &[f.clone(), Value::Null]), f);
        assert_eq!(apply(&Op::And, &[t.clone(), Value::Null]), Value::Null);
        assert_eq!(apply(&Op::Or, &[t.clone(), Value::Null]), t);
        assert_eq!(apply(&Op::Not, &[Value::Null]), Value::Null);
        assert_eq!(
            apply(&Op::AnyN { min: 1, max: 2 }, &[t.clone(), f.clone(), f]),
            Value::boolean(true)
        );
    }
}
