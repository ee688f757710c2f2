//! The corpus harness shared by the native and the wasm32 tests: reading
//! `../shared/qti-corpus` tables, binding responses, running the
//! EXPECTED.tsv cases and comparing values.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use qti_engine::json::{from_json, to_json};
use qti_engine::{ErrorKind, ItemSession, Value, read_item};
use serde_json::Value as Json;

/// Where the corpus is, relative to this crate.
pub const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/qti-corpus");

/// Rows of a TSV text as maps of column name to value.
pub fn parse_tsv(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Errors that mean the file breaks a rule of the specification (an
/// undeclared variable, a vocabulary value that does not exist), as opposed
/// to a limitation of ours. The corpus does not mark every such file invalid.
pub fn violates_spec(kind: &ErrorKind) -> bool {
    match kind {
        ErrorKind::Undeclared { .. }
        | ErrorKind::DuplicateDeclaration { .. }
        | ErrorKind::InvalidValue { .. }
        | ErrorKind::Namespace(_) => true,
        ErrorKind::InvalidAttribute { attribute, .. } => {
            matches!(
                attribute.as_str(),
                "cardinality" | "baseType" | "value" | "roundingMode"
            )
        }
        // Rules that exist in no QTI version (setResponseValue) or outside
        // their processing (setDefaultValue in responseProcessing).
        ErrorKind::UnexpectedElement { element, .. }
            if matches!(element.as_str(), "setResponseValue" | "setDefaultValue") =>
        {
            true
        }
        // The reader knows every expression of QTI 2.x and 3.0: another
        // name (isNotNull, allN, notEqual, mapOutcome, ...) is a vendor's.
        ErrorKind::UnknownExpression { .. } => true,
        // An operator given more or fewer operands than the ASI model
        // allows (`roundTo` with two, `lookupOutcomeValue` with none).
        ErrorKind::OperandCount { .. } => true,
        // An empty <defaultValue/>: the XSD requires one or more <value>s.
        ErrorKind::MissingContent { element, .. } => {
            matches!(element.as_str(), "defaultValue" | "correctResponse")
        }
        _ => false,
    }
}

/// Compare an actual JSON value with an expected one: numbers numerically,
/// arrays as bags (multiple cardinality carries no order in QTI).
pub fn same(actual: &Json, expected: &Json) -> bool {
    match (actual, expected) {
        (Json::Number(a), Json::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            (a - b).abs() <= 1e-9 * b.abs().max(1.0)
        }
        (Json::Array(a), Json::Array(b)) => {
            a.len() == b.len() && {
                let mut left: Vec<&Json> = a.iter().collect();
                b.iter()
                    .all(|e| match left.iter().position(|x| same(x, e)) {
                        Some(i) => {
                            left.remove(i);
                            true
                        }
                        None => false,
                    })
            }
        }
        (Json::Object(a), Json::Object(b)) => {
            a.len() == b.len() && b.iter().all(|(k, v)| a.get(k).is_some_and(|x| same(x, v)))
        }
        // QTI has no empty containers: an empty one is NULL.
        (Json::Null, Json::Array(b)) | (Json::Array(b), Json::Null) => b.is_empty(),
        _ => actual == expected,
    }
}

pub enum CaseResult {
    Pass,
    Fail(String),
    Unsupported(String),
}

/// The rows that must run before `row` on the same session: for
/// `name#stepN`, the rows `name#step1` .. `name#step(N-1)` (kennisnet's
/// adaptive items are processed several times on one state).
pub fn prior_steps<'a>(
    rows: &'a [HashMap<String, String>],
    row: &HashMap<String, String>,
) -> Vec<&'a HashMap<String, String>> {
    let Some((name, step)) = row["case_id"].rsplit_once("#step") else {
        return Vec::new();
    };
    let step: u32 = step.parse().unwrap_or(1);
    (1..step)
        .filter_map(|n| {
            rows.iter()
                .find(|r| r["case_id"] == format!("{name}#step{n}"))
        })
        .collect()
}

/// Run one EXPECTED.tsv case on its item's bytes.
pub fn run_case(bytes: &[u8], row: &HashMap<String, String>) -> CaseResult {
    run_case_after(bytes, row, &[])
}

/// Run one EXPECTED.tsv case on its item's bytes, after the earlier steps
/// of the same case (see [`prior_steps`]) on the same session.
pub fn run_case_after(
    bytes: &[u8],
    row: &HashMap<String, String>,
    prior: &[&HashMap<String, String>],
) -> CaseResult {
    let responses: Json = serde_json::from_str(&row["responses_json"]).expect("responses JSON");
    let expected: Json = serde_json::from_str(&row["expected_json"]).expect("expected JSON");
    let check = row["check"].as_str();
    let read = read_item(bytes);
    if check == "error" {
        // The case passes if reading or binding the responses fails.
        let Ok(read) = read else {
            return CaseResult::Pass;
        };
        let mut session = ItemSession::new(Arc::new(read.item), 0);
        return match bind(&mut session, &responses) {
            Err(_) => CaseResult::Pass,
            Ok(()) => CaseResult::Fail(format!("expected an error like {expected}")),
        };
    }
    let read = match read {
        Ok(r) => r,
        Err(e) => return CaseResult::Fail(format!("item not read: {e}")),
    };
    let mut session = ItemSession::new(Arc::new(read.item), 0);
    for step in prior {
        let responses: Json =
            serde_json::from_str(&step["responses_json"]).expect("responses JSON");
        if let Err(e) = bind(&mut session, &responses) {
            return CaseResult::Fail(format!("earlier step not bound: {e}"));
        }
        session.submit();
    }
    match check {
        "outcomes" => {
            if let Err(e) = bind(&mut session, &responses) {
                return CaseResult::Fail(format!("responses not bound: {e}"));
            }
            session.submit();
            compare_session(&expected, &session)
        }
        "template-processing" => compare(&expected, |key| {
            if let Some(id) = key.strip_prefix("@default:") {
                session
                    .declarations()
                    .iter()
                    .find(|d| d.identifier == id)
                    .map(|d| d.default())
            } else if let Some(id) = key.strip_prefix("@correct:") {
                Some(session.correct_response(id))
            } else {
                Some(session.value(key).clone())
            }
        }),
        "response-binding" => {
            // What was typed is bound as a delivery system binds it, then
            // validated against the interaction's constraints.
            let item = session.item().clone();
            let mut valid = true;
            let Json::Object(map) = &responses else {
                return CaseResult::Fail("responses are not an object".into());
            };
            for (id, typed) in map {
                let raw = typed
                    .get("rawString")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                match qti_engine::processing::validation::bind_typed(&item, id, raw) {
                    Ok(bound) => {
                        let _ = session.set_response(id, bound.value);
                        if let Some((sid, v)) = bound.string_response {
                            let _ = session.set_response(&sid, v);
                        }
                    }
                    Err(_) => valid = false,
                }
            }
            let problems = qti_engine::processing::validation::validate_responses(&item, |id| {
                session.value(id)
            });
            valid &= problems.is_empty();
            let valid_value = Value::boolean(valid);
            compare(&expected, |key| {
                if key == "@valid" {
                    Some(valid_value.clone())
                } else {
                    Some(session.value(key).clone())
                }
            })
        }
        other => CaseResult::Unsupported(format!("check '{other}' not run yet")),
    }
}

/// Outcomes and the special keys of pie-qti cases: `@score`/`@maxScore`
/// (`SCORE ?? 0`, `MAXSCORE ?? 1`), `@modalFeedback` (identifiers shown)
/// and `@itemBodyContains` (substrings of the rendered body's text).
fn compare_session(expected: &Json, session: &ItemSession) -> CaseResult {
    let mut expected = expected.clone();
    if let Some(Json::Array(wanted)) = expected
        .as_object_mut()
        .and_then(|m| m.remove("@itemBodyContains"))
    {
        let text = qti_engine::processing::text::visible_text(session);
        for w in wanted {
            let w = w.as_str().unwrap_or_default();
            if !text.contains(w) {
                return CaseResult::Fail(format!("@itemBodyContains: '{w}' not in '{text}'"));
            }
        }
    }
    let number = |id: &str, default: f64| {
        Value::float(
            session
                .value(id)
                .as_single()
                .and_then(|s| s.as_f64())
                .unwrap_or(default),
        )
    };
    compare(&expected, |key| match key {
        "@score" => Some(number("SCORE", 0.0)),
        "@maxScore" => Some(number("MAXSCORE", 1.0)),
        "@modalFeedback" => Some(Value::container(
            qti_engine::Cardinality::Multiple,
            qti_engine::processing::text::visible_modal_feedback(session)
                .into_iter()
                .map(|m| qti_engine::Scalar::Identifier(m.identifier.clone()))
                .collect(),
        )),
        key => {
            if let Some(id) = key.strip_prefix("@correct:") {
                Some(session.correct_response(id))
            } else if let Some(id) = key.strip_prefix("@default:") {
                session
                    .declarations()
                    .iter()
                    .find(|d| d.identifier == id)
                    .map(|d| d.default())
            } else {
                Some(session.value(key).clone())
            }
        }
    })
}

fn compare<V: std::borrow::Borrow<Value>>(
    expected: &Json,
    actual: impl Fn(&str) -> Option<V>,
) -> CaseResult {
    let Json::Object(map) = expected else {
        return CaseResult::Fail("expected_json is not an object".into());
    };
    let mut diffs = Vec::new();
    for (id, want) in map {
        let got = actual(id)
            .map(|v| to_json(v.borrow()))
            .unwrap_or(Json::Null);
        if !same(&got, want) {
            diffs.push(format!("{id}: got {got}, want {want}"));
        }
    }
    if diffs.is_empty() {
        CaseResult::Pass
    } else {
        CaseResult::Fail(diffs.join("; "))
    }
}

pub fn bind(session: &mut ItemSession, responses: &Json) -> Result<(), String> {
    let Json::Object(map) = responses else {
        return Err("responses are not an object".into());
    };
    for (id, json) in map {
        if id == "@preset" {
            preset(session, json)?;
            continue;
        }
        let decl = session
            .declarations()
            .iter()
            .find(|d| &d.identifier == id)
            .cloned()
            .ok_or_else(|| format!("'{id}' is not declared"))?;
        let value = from_json(json, &decl).map_err(|e| e.to_string())?;
        session.set_response(id, value).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// `@preset`: outcome values a stored result already held (external scores).
fn preset(session: &mut ItemSession, presets: &Json) -> Result<(), String> {
    let Json::Object(map) = presets else {
        return Err("@preset is not an object".into());
    };
    for (id, json) in map {
        let decl = session
            .declarations()
            .iter()
            .find(|d| &d.identifier == id)
            .cloned()
            .ok_or_else(|| format!("preset '{id}' is not declared"))?;
        let value = from_json(json, &decl).map_err(|e| e.to_string())?;
        // Human scores stand; externalMachine ones are recomputed (see
        // qti_engine::results::external_scores_for).
        let external = json.get("externalScored").and_then(Json::as_str) == Some("human");
        if external {
            session.set_external_score(id, value)
        } else {
            session.set_outcome(id, value)
        }
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The outcome of every case as text: the fingerprint that native and
/// wasm32 builds of the engine must share.
pub fn case_fingerprints(
    rows: &[HashMap<String, String>],
    read_file: impl Fn(&str) -> Option<Vec<u8>>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for row in rows {
        let Some(bytes) = read_file(&row["item_path"]) else {
            continue;
        };
        let fingerprint = match run_case_after(&bytes, row, &prior_steps(rows, row)) {
            CaseResult::Pass => "pass".to_string(),
            CaseResult::Fail(why) => format!("fail: {why}"),
            CaseResult::Unsupported(why) => format!("unsupported: {why}"),
        };
        out.insert(row["case_id"].clone(), fingerprint);
    }
    out
}
