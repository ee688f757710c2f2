//! Arithmetic: sum, product, subtract, divide, power, integerDivide,
//! integerModulus, truncate, round, roundTo, integerToFloat, min, max, gcd,
//! lcm, statsOperator, mathOperator. Results keep their real base type.

use crate::expr::{Op, RoundingMode};
use crate::value::{Scalar, Value};

/// All operand items as numbers; `None` if any is NULL or not numeric.
fn items(args: &[Value]) -> Option<(Vec<f64>, bool)> {
    let mut out = Vec::new();
    let mut all_int = true;
    for v in args {
        if v.is_null() {
            return None;
        }
        for s in v.items() {
            all_int &= matches!(s, Scalar::Integer(_));
            out.push(s.as_f64()?);
        }
    }
    Some((out, all_int))
}

fn num(x: f64, integer: bool) -> Value {
    if !x.is_finite() {
        return Value::Null;
    }
    if integer && x.abs() < 9.0e15 {
        Value::integer(x as i64)
    } else {
        Value::float(x)
    }
}

fn ints(args: &[Value]) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for v in args {
        if v.is_null() {
            return None;
        }
        for s in v.items() {
            match s {
                Scalar::Integer(i) => out.push(*i),
                _ => return None,
            }
        }
    }
    Some(out)
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a as i64
}

pub fn apply(op: &Op, args: &[Value]) -> Value {
    match op {
        Op::IntegerDivide | Op::IntegerModulus => {
            let Some(v) = ints(args).filter(|v| v.len() == 2) else {
                return Value::Null;
            };
            let (x, y) = (v[0], v[1]);
            if y == 0 {
                return Value::Null;
            }
            // Floored, as the spec defines: z = floor(x / y), x - z*y.
            let (q, r) = (x.wrapping_div(y), x.wrapping_rem(y));
            let z = if r != 0 && ((r < 0) != (y < 0)) {
                q - 1
            } else {
                q
            };
            if *op == Op::IntegerDivide {
                Value::integer(z)
            } else {
                Value::integer(x - z * y)
            }
        }
        Op::Gcd | Op::Lcm => {
            let Some(v) = ints(args) else {
                return Value::Null;
            };
            if v.is_empty() {
                return Value::Null;
            }
            let r = if *op == Op::Gcd {
                v.iter().fold(0, |a, &b| gcd(a, b))
            } else if v.contains(&0) {
                0
            } else {
                v.iter()
                    .fold(1i64, |a, &b| (a / gcd(a, b)).saturating_mul(b.abs()))
            };
            Value::integer(r)
        }
        _ => {
            let Some((v, all_int)) = items(args) else {
                return Value::Null;
            };
            numeric(op, &v, all_int)
        }
    }
}

fn numeric(op: &Op, v: &[f64], all_int: bool) -> Value {
    let first = v.first().copied();
    match op {
        Op::Sum => num(v.iter().sum(), all_int),
        Op::Product => num(v.iter().product(), all_int),
        Op::Subtract if v.len() == 2 => num(v[0] - v[1], all_int),
        Op::Divide if v.len() == 2 => {
            if v[1] == 0.0 {
                Value::Null
            } else {
                num(v[0] / v[1], false)
            }
        }
        Op::Power if v.len() == 2 => num(v[0].powf(v[1]), false),
        Op::Min => v
            .iter()
            .copied()
            .reduce(f64::min)
            .map_or(Value::Null, |m| num(m, all_int)),
        Op::Max => v
            .iter()
            .copied()
            .reduce(f64::max)
            .map_or(Value::Null, |m| num(m, all_int)),
        Op::Truncate => first.map_or(Value::Null, |x| num(x.trunc(), true)),
        // [n-0.5, n+0.5) maps to n: round(-6.5) = -6.
        Op::Round => first.map_or(Value::Null, |x| num((x + 0.5).floor(), true)),
        Op::IntegerToFloat => first.map_or(Value::Null, |x| num(x, false)),
        Op::RoundTo { mode, figures } => first
            .and_then(|x| round_decimal(x, *mode, *figures))
            .map_or(Value::Null, |x| num(x, false)),
        Op::StatsOperator(name) => stats(name, v),
        Op::MathOperator(name) => math_function(name, v),
        _ => Value::Null,
    }
}

fn stats(name: &str, v: &[f64]) -> Value {
    let n = v.len() as f64;
    if v.is_empty() {
        return Value::Null;
    }
    let mean = v.iter().sum::<f64>() / n;
    let ss = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>();
    let r = match name {
        "mean" => mean,
        "sampleVariance" if v.len() > 1 => ss / (n - 1.0),
        "sampleSD" if v.len() > 1 => (ss / (n - 1.0)).sqrt(),
        "popVariance" => ss / n,
        "popSD" => (ss / n).sqrt(),
        _ => return Value::Null,
    };
    num(r, false)
}

fn math_function(name: &str, v: &[f64]) -> Value {
    let Some(&x) = v.first() else {
        return Value::Null;
    };
    let r = match name {
        "sin" => x.sin(),
        "cos" => x.cos(),
        "tan" => x.tan(),
        "sec" => 1.0 / x.cos(),
        "csc" => 1.0 / x.sin(),
        "cot" => 1.0 / x.tan(),
        "asin" => x.asin(),
        "acos" => x.acos(),
        "atan" => x.atan(),
        "atan2" => x.atan2(*v.get(1).unwrap_or(&f64::NAN)),
        "asec" => (1.0 / x).acos(),
        "acsc" => (1.0 / x).asin(),
        "acot" => (1.0 / x).atan(),
        "sinh" => x.sinh(),
        "cosh" => x.cosh(),
        "tanh" => x.tanh(),
        "sech" => 1.0 / x.cosh(),
        "csch" => 1.0 / x.sinh(),
        "coth" => 1.0 / x.tanh(),
        "log" => x.log10(),
        "ln" => x.ln(),
        "exp" => x.exp(),
        "abs" => x.abs(),
        "signum" => {
            if x == 0.0 {
                0.0
            } else {
                x.signum()
            }
        }
        "floor" => return num(x.floor(), true),
        "ceil" => return num(x.ceil(), true),
        "toDegrees" => x.to_degrees(),
        "toRadians" => x.to_radians(),
        _ => return Value::Null,
    };
    num(r, false)
}

/// Round the decimal value (the shortest decimal string of the float),
/// half away from zero: 3.175 to 3 significant figures is 3.18.
pub fn round_decimal(x: f64, mode: RoundingMode, figures: i64) -> Option<f64> {
    if !x.is_finite() {
        return None;
    }
    let places = match mode {
        RoundingMode::DecimalPlaces if figures >= 0 => figures,
        RoundingMode::SignificantFigures if figures >= 1 => {
            if x == 0.0 {
                return Some(0.0);
            }
            figures - 1 - x.abs().log10().floor() as i64
        }
        _ => return None,
    };
    // Shift the decimal point in the decimal text, not with binary arithmetic.
    let text = format!("{:e}", x.abs());
    let (mantissa, exp) = text.split_once('e')?;
    let exp: i64 = exp.parse().ok()?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // digits d0.d1d2... × 10^exp; keep (exp + 1 + places) digits.
    let keep = exp + 1 + places;
    if keep < 0 {
        return Some(0.0);
    }
    let keep = keep as usize;
    let mut kept: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    kept.resize(kept.len().max(keep + 1), 0);
    let round_up = kept[keep] >= 5;
    let mut value: i128 = kept[..keep].iter().fold(0i128, |a, &d| a * 10 + d as i128);
    if round_up {
        value += 1;
    }
    let r = value as f64 / 10f64.powi(places as i32);
    Some(if x < 0.0 { -r } else { r })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_half_up_and_floored_integer_division() {
        // ASI "round": round(-6.5) = -6; "integerDivide" and "integerModulus" are floored.
        assert_eq!(apply(&Op::Round, &[Value::float(-6.5)]), Value::integer(-6));
        assert_eq!(apply(&Op::Round, &[Value::float(6.5)]), Value::integer(7));
        assert_eq!(
            apply(&Op::IntegerDivide, &[Value::integer(-7), Value::integer(2)]),
            Value::integer(-4)
        );
        assert_eq!(
            apply(
                &Op::IntegerModulus,
                &[Value::integer(-7), Value::integer(2)]
            ),
            Value::integer(1)
        );
        assert_eq!(
            apply(&Op::IntegerDivide, &[Value::integer(1), Value::integer(0)]),
            Value::Null
        );
        assert_eq!(
            apply(&Op::Divide, &[Value::integer(1), Value::integer(0)]),
            Value::Null
        );
    }

    #[test]
    fn results_keep_their_base_type() {
        assert_eq!(
            apply(&Op::Sum, &[Value::integer(1), Value::integer(2)]),
            Value::integer(3)
        );
        assert_eq!(
            apply(&Op::Sum, &[Value::integer(1), Value::float(2.0)]),
            Value::float(3.0)
        );
        assert_eq!(
            apply(&Op::Divide, &[Value::integer(4), Value::integer(2)]),
            Value::float(2.0)
        );
        assert_eq!(
            apply(&Op::Sum, &[Value::integer(1), Value::Null]),
            Value::Null
        );
    }

    #[test]
    fn round_to_rounds_the_decimal_value() {
        let sf = RoundingMode::SignificantFigures;
        assert_eq!(round_decimal(3.175, sf, 3), Some(3.18));
        assert_eq!(round_decimal(1234.5, sf, 2), Some(1200.0));
        assert_eq!(
            round_decimal(2.5, RoundingMode::DecimalPlaces, 0),
            Some(3.0)
        );
        assert_eq!(
            round_decimal(-0.0355, RoundingMode::DecimalPlaces, 3),
            Some(-0.036)
        );
        assert_eq!(gcd(12, -18), 6);
    }
}
