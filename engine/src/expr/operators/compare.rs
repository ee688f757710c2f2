//! Comparison: match, equal, equalRounded, lt, gt, lte, gte, durationLT, durationGTE.

use super::math::round_decimal;
use crate::expr::{Op, ToleranceMode};
use crate::value::{Scalar, Value};

/// `match`: same cardinality and equal values; bags for multiple,
/// sequences for ordered, pairs unordered.
pub fn values_match(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Single(x), Value::Single(y)) => x.qti_eq(y),
        (Value::Ordered(x), Value::Ordered(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.qti_eq(q))
        }
        (Value::Multiple(x), Value::Multiple(y)) => bag_eq(x, y),
        (Value::Record(x), Value::Record(y)) => x == y,
        _ => false,
    }
}

fn bag_eq(x: &[Scalar], y: &[Scalar]) -> bool {
    if x.len() != y.len() {
        return false;
    }
    let mut used = vec![false; y.len()];
    x.iter().all(
        |p| match (0..y.len()).find(|&i| !used[i] && y[i].qti_eq(p)) {
            Some(i) => {
                used[i] = true;
                true
            }
            None => false,
        },
    )
}

fn numbers(args: &[Value]) -> Option<(f64, f64)> {
    let a = args.first()?.as_single()?;
    let b = args.get(1)?.as_single()?;
    let num = |s: &Scalar| match s {
        Scalar::Duration(d) => Some(*d),
        other => other.as_f64(),
    };
    Some((num(a)?, num(b)?))
}

pub fn apply(op: &Op, args: &[Value]) -> Value {
    if args.iter().any(Value::is_null) || args.len() < 2 {
        return Value::Null;
    }
    if *op == Op::Match {
        return Value::boolean(values_match(&args[0], &args[1]));
    }
    let Some((x, y)) = numbers(args) else {
        return Value::Null;
    };
    let r = match op {
        Op::Lt | Op::DurationLt => x < y,
        Op::Gt => x > y,
        Op::Lte => x <= y,
        Op::Gte | Op::DurationGte => x >= y,
        Op::Equal {
            mode,
            tolerance,
            include_lower,
            include_upper,
        } => {
            let t0 = tolerance.first().copied().unwrap_or(0.0);
            let t1 = tolerance.get(1).copied().unwrap_or(t0);
            let (lo, hi) = match mode {
                ToleranceMode::Exact => return Value::boolean(x == y),
                ToleranceMode::Absolute => (x - t0, x + t1),
                ToleranceMode::Relative => (x * (1.0 - t0 / 100.0), x * (1.0 + t1 / 100.0)),
            };
            let above = if *include_lower { y >= lo } else { y > lo };
            let below = if *include_upper { y <= hi } else { y < hi };
            above && below
        }
        Op::EqualRounded { mode, figures } => {
            match (
                round_decimal(x, *mode, *figures),
                round_decimal(y, *mode, *figures),
            ) {
                (Some(a), Some(b)) => a == b,
                _ => return Value::Null,
            }
        }
        _ => return Value::Null,
    };
    Value::boolean(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::RoundingMode;

    #[test]
    fn multiple_matches_as_bags_ordered_as_sequences() {
        // ASI "match": multiple containers match when they hold the same values in any order.
        let ids = |v: &[&str]| {
            v.iter()
                .map(|s| Scalar::Identifier(s.to_string()))
                .collect::<Vec<_>>()
        };
        assert!(values_match(
            &Value::Multiple(ids(&["A", "B"])),
            &Value::Multiple(ids(&["B", "A"]))
        ));
        assert!(!values_match(
            &Value::Ordered(ids(&["A", "B"])),
            &Value::Ordered(ids(&["B", "A"]))
        ));
        assert!(!values_match(
            &Value::Multiple(ids(&["A", "A"])),
            &Value::Multiple(ids(&["A", "B"]))
        ));
    }

    #[test]
    fn equal_with_tolerance_and_equal_rounded() {
        let eq = Op::Equal {
            mode: ToleranceMode::Absolute,
            tolerance: vec![0.1],
            include_lower: true,
            include_upper: true,
        };
        assert_eq!(
            apply(&eq, &[Value::float(1.0), Value::float(1.1)]),
            Value::boolean(true)
        );
        assert_eq!(
            apply(&eq, &[Value::float(1.0), Value::float(1.2)]),
            Value::boolean(false)
        );
        // 3.175 to 3 significant figures is 3.18 (decimal, not binary, rounding).
        let r = Op::EqualRounded {
            mode: RoundingMode::SignificantFigures,
            figures: 3,
        };
        assert_eq!(
            apply(&r, &[Value::float(3.175), Value::float(3.18)]),
            Value::boolean(true)
        );
        assert_eq!(
            apply(&Op::Lt, &[Value::Null, Value::integer(1)]),
            Value::Null
        );
    }
}
