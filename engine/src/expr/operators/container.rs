//! Containers: isNull, member, contains, delete, multiple, ordered,
//! containerSize, index, fieldValue, random, repeat.

use super::compare::values_match;
use crate::expr::{Environment, Op};
use crate::value::{Cardinality, Scalar, Value};

pub fn apply(op: &Op, args: Vec<Value>, env: &mut dyn Environment) -> Value {
    match op {
        Op::IsNull => Value::boolean(args.first().is_none_or(Value::is_null)),
        Op::Multiple | Op::Ordered | Op::Repeat(_) => {
            // NULL sub-expressions are dropped (ASI "multiple").
            let times = if let Op::Repeat(n) = op {
                (*n).max(0) as usize
            } else {
                1
            };
            let mut items = Vec::new();
            for _ in 0..times {
                for v in &args {
                    items.extend(v.items().iter().cloned());
                }
            }
            let card = if *op == Op::Multiple {
                Cardinality::Multiple
            } else {
                Cardinality::Ordered
            };
            Value::container(card, items)
        }
        Op::ContainerSize => Value::integer(args.first().map_or(0, |v| v.items().len() as i64)),
        _ if args.iter().any(Value::is_null) => Value::Null,
        Op::Member => {
            let (Some(x), Some(c)) = (args[0].as_single(), args.get(1)) else {
                return Value::Null;
            };
            Value::boolean(c.items().iter().any(|i| i.qti_eq(x)))
        }
        Op::Contains => Value::boolean(contains(&args[0], &args[1])),
        Op::Delete => {
            let Some(x) = args[0].as_single() else {
                return Value::Null;
            };
            let kept: Vec<Scalar> = args[1]
                .items()
                .iter()
                .filter(|i| !i.qti_eq(x))
                .cloned()
                .collect();
            let card = args[1].cardinality().unwrap_or(Cardinality::Multiple);
            Value::container(card, kept)
        }
        Op::Index(n) => {
            let items = args[0].items();
            match usize::try_from(*n).ok().and_then(|n| n.checked_sub(1)) {
                Some(i) if i < items.len() => Value::Single(items[i].clone()),
                _ => Value::Null,
            }
        }
        Op::FieldValue(field) => match &args[0] {
            Value::Record(fields) => fields
                .get(field)
                .cloned()
                .flatten()
                .map(Value::Single)
                .unwrap_or_default(),
            _ => Value::Null,
        },
        Op::Random => {
            let items = args[0].items();
            if items.is_empty() {
                return Value::Null;
            }
            let i = env.rng().below(items.len() as u64) as usize;
            Value::Single(items[i].clone())
        }
        _ => Value::Null,
    }
}

/// `contains`: the second is a sub-bag of the first (multiple), or a
/// contiguous run of it (ordered).
fn contains(big: &Value, small: &Value) -> bool {
    // The spec asks for two containers; authors often write a single
    // baseValue on the right, which can only mean a one-value container.
    if let (Value::Multiple(_) | Value::Ordered(_), Value::Single(s)) = (big, small) {
        let one = vec![s.clone()];
        let small = match big {
            Value::Ordered(_) => Value::Ordered(one),
            _ => Value::Multiple(one),
        };
        return contains(big, &small);
    }
    match (big, small) {
        (Value::Ordered(b), Value::Ordered(s)) => {
            s.is_empty()
                || b.windows(s.len())
                    .any(|w| w.iter().zip(s).all(|(p, q)| p.qti_eq(q)))
        }
        (Value::Multiple(b), Value::Multiple(s)) => {
            let mut used = vec![false; b.len()];
            s.iter().all(
                |x| match (0..b.len()).find(|&i| !used[i] && b[i].qti_eq(x)) {
                    Some(i) => {
                        used[i] = true;
                        true
                    }
                    None => false,
                },
            )
        }
        _ => values_match(big, small),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<Scalar> {
        v.iter()
            .map(|s| Scalar::Identifier(s.to_string()))
            .collect()
    }

    #[test]
    fn contains_is_sub_multiset_not_intersection() {
        // ASI "contains": every value of the second, counted with multiplicity.
        let big = Value::Multiple(ids(&["A", "B", "A"]));
        assert!(contains(&big, &Value::Multiple(ids(&["A", "A"]))));
        assert!(!contains(&big, &Value::Multiple(ids(&["B", "B"]))));
        let seq = Value::Ordered(ids(&["A", "B", "C"]));
        assert!(contains(&seq, &Value::Ordered(ids(&["B", "C"]))));
        assert!(!contains(&seq, &Value::Ordered(ids(&["A", "C"]))));
    }
}
