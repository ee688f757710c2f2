//! `printedVariable` (ASI 2.2 §4.3.4): a variable's value written into the
//! content, formatted with an ISO C printf-style `format`, a number `base`,
//! `index` into containers, `field` of records, `powerForm` for floats, and
//! `delimiter`/`mappingIndicator` for containers and records.

use crate::model::content::PrintedVariable;
use crate::value::{Scalar, Value};

/// The text a printedVariable shows for a value. NULL shows nothing.
pub fn print(pv: &PrintedVariable, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Single(s) => scalar(pv, s),
        Value::Multiple(items) | Value::Ordered(items) => match pv.index {
            // `index` is 1-based; out of range prints nothing.
            Some(i) => usize::try_from(i - 1)
                .ok()
                .and_then(|i| items.get(i))
                .map(|s| scalar(pv, s))
                .unwrap_or_default(),
            None => items
                .iter()
                .map(|s| scalar(pv, s))
                .collect::<Vec<_>>()
                .join(&pv.delimiter),
        },
        Value::Record(fields) => match &pv.field {
            Some(f) => fields
                .get(f)
                .and_then(Option::as_ref)
                .map(|s| scalar(pv, s))
                .unwrap_or_default(),
            None => fields
                .iter()
                .map(|(k, v)| {
                    let v = v.as_ref().map(|s| scalar(pv, s)).unwrap_or_default();
                    format!("{k}{}{v}", pv.mapping_indicator)
                })
                .collect::<Vec<_>>()
                .join(&pv.delimiter),
        },
    }
}

fn scalar(pv: &PrintedVariable, s: &Scalar) -> String {
    match s {
        Scalar::Integer(i) => match &pv.format {
            Some(f) => printf(f, *i as f64, Some(*i)),
            None if pv.base != 10 && (2..=36).contains(&pv.base) => in_base(*i, pv.base),
            None => i.to_string(),
        },
        Scalar::Float(x) => match &pv.format {
            Some(f) => printf(f, *x, None),
            None if pv.power_form => power_form(*x),
            None => s.to_string(),
        },
        other => other.to_string(),
    }
}

fn in_base(i: i64, base: u32) -> String {
    let mut n = i.unsigned_abs();
    let mut digits = Vec::new();
    loop {
        digits.push(std::char::from_digit((n % base as u64) as u32, base).unwrap_or('?'));
        n /= base as u64;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

/// `6.02e23` as `6.02 × 10^23` (the power written with superscript digits).
fn power_form(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return Scalar::Float(x).to_string();
    }
    let exp = x.abs().log10().floor() as i32;
    let mantissa = x / 10f64.powi(exp);
    let m = Scalar::Float((mantissa * 1e10).round() / 1e10).to_string();
    if exp == 0 {
        return m;
    }
    let sup: String = exp
        .to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => "⁰¹²³⁴⁵⁶⁷⁸⁹"
                .chars()
                .nth(d.to_digit(10).unwrap_or(0) as usize)
                .unwrap_or('?'),
        })
        .collect();
    format!("{m} × 10{sup}")
}

/// A subset of ISO C printf enough for items: one conversion
/// (`%d %i %u %f %F %e %E %g %G %x %X %o %s`) with flags `-+ 0#`, width
/// and precision, and literal text around it (`%%` is a percent sign).
pub fn printf(format: &str, x: f64, int: Option<i64>) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                '#' => {}
                _ => break,
            }
            chars.next();
        }
        spec.width = number(&mut chars);
        if chars.peek() == Some(&'.') {
            chars.next();
            spec.precision = Some(number(&mut chars).unwrap_or(0));
        }
        // Length modifiers mean nothing for our 64-bit values.
        while matches!(chars.peek(), Some('l' | 'h' | 'L' | 'q' | 'j' | 'z' | 't')) {
            chars.next();
        }
        let Some(conv) = chars.next() else {
            out.push('%');
            break;
        };
        out.push_str(&spec.convert(conv, x, int));
    }
    out
}

fn number(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<usize> {
    let mut n: Option<usize> = None;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        n = Some(
            n.unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(d as usize)
                .min(64),
        );
        chars.next();
    }
    n
}

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

impl Spec {
    fn convert(&self, conv: char, x: f64, int: Option<i64>) -> String {
        let whole = || int.unwrap_or(x.trunc() as i64);
        let body = match conv {
            'd' | 'i' | 'u' => whole().unsigned_abs().to_string(),
            'x' => format!("{:x}", whole().unsigned_abs()),
            'X' => format!("{:X}", whole().unsigned_abs()),
            'o' => format!("{:o}", whole().unsigned_abs()),
            'f' | 'F' => format!("{:.*}", self.precision.unwrap_or(6), x.abs()),
            'e' | 'E' => exponent(x.abs(), self.precision.unwrap_or(6), conv == 'E'),
            'g' | 'G' => general(x.abs(), self.precision.unwrap_or(6), conv == 'G'),
            's' => {
                return self.pad(match int {
                    Some(i) => i.to_string(),
                    None => Scalar::Float(x).to_string(),
                });
            }
            other => return format!("%{other}"),
        };
        let negative = if matches!(conv, 'd' | 'i' | 'u' | 'x' | 'X' | 'o') {
            whole() < 0
        } else {
            x.is_sign_negative() && x != 0.0
        };
        let sign = if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        };
        let width = self.width.unwrap_or(0);
        if self.zero && !self.left && sign.len() + body.len() < width {
            let zeros = "0".repeat(width - sign.len() - body.len());
            return format!("{sign}{zeros}{body}");
        }
        self.pad(format!("{sign}{body}"))
    }

    fn pad(&self, s: String) -> String {
        let width = self.width.unwrap_or(0);
        let len = s.chars().count();
        if len >= width {
            return s;
        }
        let fill = " ".repeat(width - len);
        if self.left { s + &fill } else { fill + &s }
    }
}

/// C's `%e`: one digit before the point and at least two exponent digits.
fn exponent(x: f64, precision: usize, upper: bool) -> String {
    let s = format!("{:.*e}", precision, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    let out = format!("{m}e{sign}{:02}", e.abs());
    // Digits, a point, `e` and a sign: ASCII.
    if upper { out.to_ascii_uppercase() } else { out }
}

/// C's `%g`: `%e` or `%f` by the exponent, trailing zeros removed.
fn general(x: f64, precision: usize, upper: bool) -> String {
    let p = precision.max(1);
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.log10().floor() as i32;
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let s = exponent(x, p - 1, upper);
        let (m, e) = s.split_once(['e', 'E']).unwrap_or((&s, ""));
        format!(
            "{}{}{e}",
            trim(m.to_string()),
            if upper { 'E' } else { 'e' }
        )
    } else {
        trim(format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pv() -> PrintedVariable {
        PrintedVariable {
            identifier: "X".into(),
            base: 10,
            delimiter: ";".into(),
            mapping_indicator: "=".into(),
            ..PrintedVariable::default()
        }
    }

    /// ASI 2.2 printedVariable `format`: ISO C printf conversions.
    #[test]
    fn printf_conversions() {
        assert_eq!(printf("%.2f", 1.23456, None), "1.23");
        assert_eq!(printf("%d", 7.0, Some(7)), "7");
        assert_eq!(printf("%5d|", 42.0, Some(42)), "   42|");
        assert_eq!(printf("%-5d|", 42.0, Some(42)), "42   |");
        assert_eq!(printf("%05.1f", -2.5, None), "-02.5");
        assert_eq!(printf("%+d", 3.0, Some(3)), "+3");
        assert_eq!(printf("%x", 255.0, Some(255)), "ff");
        assert_eq!(printf("%e", 12345.678, None), "1.234568e+04");
        assert_eq!(printf("%g", 0.0001, None), "0.0001");
        assert_eq!(printf("%g", 123456789.0, None), "1.23457e+08");
        assert_eq!(printf("%G", 0.00001234, None), "1.234E-05");
        assert_eq!(printf("Total: %d%%", 50.0, Some(50)), "Total: 50%");
        assert_eq!(printf("%.0f", 2.5, None), "2");
    }

    /// `base`, `index`, `field`, `delimiter`, `mappingIndicator`, `powerForm`.
    #[test]
    fn attributes_shape_the_text() {
        let mut p = pv();
        p.base = 2;
        assert_eq!(print(&p, &Value::Single(Scalar::Integer(5))), "101");
        assert_eq!(print(&p, &Value::Single(Scalar::Integer(-5))), "-101");
        let list = Value::Ordered(vec![Scalar::Integer(1), Scalar::Integer(2)]);
        let mut p = pv();
        assert_eq!(print(&p, &list), "1;2");
        p.index = Some(2);
        assert_eq!(print(&p, &list), "2");
        p.index = Some(3);
        assert_eq!(print(&p, &list), "");
        let mut record = std::collections::BTreeMap::new();
        record.insert("a".to_string(), Some(Scalar::Integer(1)));
        record.insert("b".to_string(), Some(Scalar::Float(2.5)));
        let mut p = pv();
        p.mapping_indicator = ":".into();
        p.delimiter = ", ".into();
        assert_eq!(print(&p, &Value::Record(record.clone())), "a:1, b:2.5");
        p.field = Some("b".into());
        assert_eq!(print(&p, &Value::Record(record)), "2.5");
        let mut p = pv();
        p.power_form = true;
        assert_eq!(
            print(&p, &Value::Single(Scalar::Float(6.02e23))),
            "6.02 × 10²³"
        );
        assert_eq!(print(&p, &Value::Null), "");
    }
}
