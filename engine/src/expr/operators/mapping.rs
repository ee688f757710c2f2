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

/// The sum of the mapped values of the response's values; each entry
/// counts once (ASI: "each value ... is mapped"; a container's duplicate
/// values map to the same entry once), then the bounds apply.
pub fn map_response(id: &str, env: &mut dyn Environment) -> Value {
    let Some(mapping) = env
        .declaration(id)
        .and_then(|d| d.response())
        .and_then(|r| r.mapping.clone())
    else {
        return Value::Null;
    };
    let value = env.value(id).cloned().unwrap_or_default();
    let mut total = 0.0;
    let mut used = vec![false; mapping.entries.len()];
    for item in value.items() {
        match mapping
            .entries
            .iter()
            .position(|e| key_matches(&e.map_key, item, e.case_sensitive))
        {
            Some(i) if !used[i] => {
                used[i] = true;
                total += mapping.entries[i].mapped_value;
            }
            Some(_) => {}
            None => total += mapping.default_value,
        }
    }
    Value::Single(Scalar::Float(clamp(
        total,
        mapping.lower_bound,
        mapping.upper_bound,
    )))
}

/// Each area counts once, however many points fall in it.
pub fn map_response_point(id: &str, env: &mut dyn Environment) -> Value {
    let Some(mapping) = env
        .declaration(id)
        .and_then(|d| d.response())
        .and_then(|r| r.area_mapping.clone())
    else {
        return Value::Null;
    };
    let value = env.value(id).cloned().unwrap_or_default();
    let mut total = 0.0;
    let mut used = vec![false; mapping.entries.len()];
    for item in value.items() {
        let Scalar::Point(x, y) = item else { continue };
        match mapping
            .entries
            .iter()
            .position(|e| e.shape.contains(*x as f64, *y as f64))
        {
            Some(i) if !used[i] => {
                used[i] = true;
                total += mapping.entries[i].mapped_value;
            }
            Some(_) => {}
            None => total += mapping.default_value,
        }
    }
    Value::Single(Scalar::Float(clamp(
        total,
        mapping.lower_bound,
        mapping.upper_bound,
    )))
}
