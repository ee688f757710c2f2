//! mapResponse and mapResponsePoint (ASI "mapping", "areaMapping").

use crate::expr::Environment;
use crate::value::{Scalar, Value};

fn clamp(mut total: f64, lower: Option<f64>, upper: Option<f64>) -> f64 {
    if let Some(lo) = lower {
        total = total.max(lo);
    }
    if let Some(hi) = upper {
        total = total.min(hi);
    }
    total
}

fn key_matches(key: &Scalar, value: &Scalar, case_sensitive: bool) -> bool {
    match (key, value, case_sensitive) {
        (Scalar::String(k), Scalar::String(v), false) => k.to_lowercase() == v.to_lowercase(),
        _ => key.qti_eq(value),
    }
}

/// The total both mappings share: each of the `entries` counts once,
/// however many of the values it maps (`entry` gives a value's entry: its
/// index and mapped value); a value no entry maps adds the default; then
/// the bounds apply.
fn mapped_total<'a>(
    values: impl Iterator<Item = &'a Scalar>,
    entries: usize,
    entry: impl Fn(&Scalar) -> Option<(usize, f64)>,
    default: f64,
    (lower, upper): (Option<f64>, Option<f64>),
) -> Value {
    let mut total = 0.0;
    let mut used = vec![false; entries];
    for value in values {
        match entry(value) {
            Some((i, mapped)) if !used[i] => {
                used[i] = true;
                total += mapped;
            }
            Some(_) => {}
            None => total += default,
        }
    }
    Value::Single(Scalar::Float(clamp(total, lower, upper)))
}

/// The sum of the mapped values of the response's values; each entry
/// counts once (ASI: "each value ... is mapped"; a container's duplicate
/// values map to the same entry once), then the bounds apply.
pub fn map_response(id: &str, env: &mut dyn Environment) -> Value {
    let Some(mapping) = env
        .declaration(id)
        .and_then(|d| d.response())
        .and_then(|r| r.mapping.as_ref())
    else {
        return Value::Null;
    };
    let values = env.value(id).map(Value::items).into_iter().flatten();
    let entries = &mapping.entries;
    mapped_total(
        values,
        entries.len(),
        |v| {
            let i = entries
                .iter()
                .position(|e| key_matches(&e.map_key, v, e.case_sensitive))?;
            Some((i, entries[i].mapped_value))
        },
        mapping.default_value,
        (mapping.lower_bound, mapping.upper_bound),
    )
}

/// Each area counts once, however many points fall in it; anything but a
/// point maps to nothing.
pub fn map_response_point(id: &str, env: &mut dyn Environment) -> Value {
    let Some(mapping) = env
        .declaration(id)
        .and_then(|d| d.response())
        .and_then(|r| r.area_mapping.as_ref())
    else {
        return Value::Null;
    };
    let points = env.value(id).map(Value::items).into_iter().flatten();
    let points = points.filter(|v| matches!(v, Scalar::Point(..)));
    let entries = &mapping.entries;
    mapped_total(
        points,
        entries.len(),
        |v| {
            let Scalar::Point(x, y) = v else { return None };
            let i = (entries.iter()).position(|e| e.shape.contains(*x as f64, *y as f64))?;
            Some((i, entries[i].mapped_value))
        },
        mapping.default_value,
        (mapping.lower_bound, mapping.upper_bound),
    )
}
