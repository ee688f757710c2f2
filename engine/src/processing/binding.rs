//! Binding what a candidate typed to a response variable's type
//! (ASI "stringInteraction": `base`, `stringIdentifier`, and the record
//! form of a numeric answer).

use std::collections::BTreeMap;

use crate::value::{BaseType, Cardinality, Scalar, Value, parse_float};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BindError {
    #[error("'{text}' is not a whole number in base {base}")]
    NotAnInteger { text: String, base: u32 },
    #[error("'{0}' is not a number")]
    NotANumber(String),
    #[error("a typed answer cannot fill a {0} response")]
    Unsupported(String),
}

/// The value of a typed answer for a response of the given type. `base` is
/// the interaction's number base for integers (10 unless the item says).
/// Empty input is NULL.
pub fn bind_text(
    raw: &str,
    cardinality: Cardinality,
    base_type: Option<BaseType>,
    base: u32,
) -> Result<Value, BindError> {
    if raw.is_empty() {
        return Ok(Value::Null);
    }
    if cardinality == Cardinality::Record {
        return Ok(Value::Record(numeric_record(raw)));
    }
    let scalar = match base_type.unwrap_or(BaseType::String) {
        BaseType::String => Scalar::String(raw.to_string()),
        BaseType::Integer => Scalar::Integer(parse_in_base(raw.trim(), base).ok_or_else(|| {
            BindError::NotAnInteger {
                text: raw.to_string(),
                base,
            }
        })?),
        BaseType::Float => Scalar::Float(
            parse_float(raw.trim()).ok_or_else(|| BindError::NotANumber(raw.to_string()))?,
        ),
        BaseType::Identifier => Scalar::Identifier(raw.trim().to_string()),
        other => return Err(BindError::Unsupported(other.to_string())),
    };
    Ok(match cardinality {
        Cardinality::Single => Value::Single(scalar),
        other => Value::container(other, vec![scalar]),
    })
}

fn parse_in_base(text: &str, base: u32) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !(2..=36).contains(&base) {
        return None;
    }
    let magnitude = i64::from_str_radix(digits, base).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// The record the spec defines for a typed number: `stringValue` always;
/// for a number also `floatValue`, `leftDigits`, `rightDigits`, `ndp`
/// (decimal places once the exponent is applied), `nsf` (significant
/// figures), `exponent` when one was written and `integerValue` when the
/// answer was written as a whole number.
pub fn numeric_record(raw: &str) -> BTreeMap<String, Option<Scalar>> {
    let mut fields = BTreeMap::new();
    fields.insert("stringValue".into(), Some(Scalar::String(raw.to_string())));
    let Some(parts) = NumberParts::parse(raw.trim()) else {
        return fields;
    };
    let Some(float) = parse_float(raw.trim()) else {
        return fields;
    };
    let int = |i: i64| Some(Scalar::Integer(i));
    fields.insert("floatValue".into(), Some(Scalar::Float(float)));
    fields.insert("leftDigits".into(), int(parts.left.len() as i64));
    fields.insert("rightDigits".into(), int(parts.right.len() as i64));
    let exponent = parts.exponent.unwrap_or(0);
    fields.insert(
        "ndp".into(),
        int((parts.right.len() as i64 - exponent).max(0)),
    );
    fields.insert("nsf".into(), int(parts.significant_figures()));
    if let Some(e) = parts.exponent {
        fields.insert("exponent".into(), int(e));
    }
    if parts.right.is_empty()
        && parts.exponent.is_none()
        && !parts.had_point
        && let Ok(i) = raw.trim().parse::<i64>()
    {
        fields.insert("integerValue".into(), int(i));
    }
    fields
}

/// A decimal number split into its written parts.
struct NumberParts<'a> {
    left: &'a str,
    right: &'a str,
    had_point: bool,
    exponent: Option<i64>,
}

impl<'a> NumberParts<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(unsigned[i + 1..].parse::<i64>().ok()?)),
            None => (unsigned, None),
        };
        let (left, right, had_point) = match mantissa.split_once('.') {
            Some((l, r)) => (l, r, true),
            None => (mantissa, "", false),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        (digits(left) && digits(right) && !(left.is_empty() && right.is_empty())).then_some(
            NumberParts {
                left,
                right,
                had_point,
                exponent,
            },
        )
    }

    /// Digits from the first non-zero one; trailing zeros of a whole number
    /// written without a point are taken as significant (the writer's intent
    /// is unknowable, and that is the common convention).
    fn significant_figures(&self) -> i64 {
        let all: String = format!("{}{}", self.left, self.right);
        let trimmed = all.trim_start_matches('0');
        if trimmed.is_empty() {
            return 1;
        }
        trimmed.len() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: &BTreeMap<String, Option<Scalar>>, k: &str) -> Option<Scalar> {
        r.get(k).cloned().flatten()
    }

    #[test]
    fn typed_numbers_bind_by_base_type_and_base() {
        let v = bind_text("465", Cardinality::Single, Some(BaseType::Integer), 8).unwrap();
        assert_eq!(v, Value::integer(0o465));
        let v = bind_text("1.0e2", Cardinality::Single, Some(BaseType::Float), 10).unwrap();
        assert_eq!(v, Value::float(100.0));
        assert!(bind_text("x", Cardinality::Single, Some(BaseType::Integer), 10).is_err());
        assert_eq!(
            bind_text("", Cardinality::Single, Some(BaseType::String), 10).unwrap(),
            Value::Null
        );
    }

    #[test]
    fn the_numeric_record_describes_how_the_number_was_written() {
        let r = numeric_record("1.23e-2");
        assert_eq!(field(&r, "floatValue"), Some(Scalar::Float(0.0123)));
        assert_eq!(field(&r, "leftDigits"), Some(Scalar::Integer(1)));
        assert_eq!(field(&r, "rightDigits"), Some(Scalar::Integer(2)));
        assert_eq!(field(&r, "ndp"), Some(Scalar::Integer(4)));
        assert_eq!(field(&r, "nsf"), Some(Scalar::Integer(3)));
        assert_eq!(field(&r, "exponent"), Some(Scalar::Integer(-2)));
        assert_eq!(field(&r, "integerValue"), None);
        let r = numeric_record("1");
        assert_eq!(field(&r, "integerValue"), Some(Scalar::Integer(1)));
        assert_eq!(field(&r, "ndp"), Some(Scalar::Integer(0)));
        let r = numeric_record("abc");
        assert_eq!(r.len(), 1, "only stringValue for text that is not a number");
    }
}
