//! Secure scoring: the delivery form of an item keeps no part of the key.
//! Over our samples and every corpus item, the form written as QTI 2.2 and
//! 3.0 holds no correct response, mapping, lookup table, processing or
//! feedback, and no correct value typed by the candidate (strings,
//! numbers, points) appears in it unless the source shows it to the
//! candidate anyway; the form reads back and starts a session.

mod common;

use std::sync::Arc;

use qti_engine::delivery::{delivery_form, key_revealed_by};
use qti_engine::model::AssessmentItem;
use qti_engine::processing::text::visible_text;
use qti_engine::value::{BaseType, Scalar, Value};
use qti_engine::write::write_item;
use qti_engine::xml::QtiVersion;
use qti_engine::{ItemSession, read_item};

/// Element names that carry the key, in both spellings.
const KEY_ELEMENTS: &[&str] = &[
    "correctResponse",
    "qti-correct-response",
    "mapping",
    "qti-mapping",
    "areaMapping",
    "qti-area-mapping",
    "matchTable",
    "qti-match-table",
    "interpolationTable",
    "qti-interpolation-table",
    "responseProcessing",
    "qti-response-processing",
    "templateProcessing",
    "qti-template-processing",
    "feedbackInline",
    "qti-feedback-inline",
    "feedbackBlock",
    "qti-feedback-block",
    "modalFeedback",
    "qti-modal-feedback",
];

/// Correct values a candidate types (not identifiers, which the
/// interactions must show), in their written forms.
fn typed_key_values(session: &ItemSession) -> Vec<String> {
    let mut out = Vec::new();
    for d in session.declarations() {
        let Some(r) = d.response() else { continue };
        let mut values: Vec<Scalar> = Vec::new();
        if let Some(BaseType::String | BaseType::Integer | BaseType::Float | BaseType::Point) =
            d.base_type
        {
            values.extend(scalars(&session.correct_response(&d.identifier)));
            if let Some(m) = &r.mapping {
                values.extend(
                    m.entries
                        .iter()
                        .filter(|e| e.mapped_value > 0.0)
                        .map(|e| e.map_key.clone()),
                );
            }
        }
        out.extend(values.iter().map(|v| v.to_string()));
    }
    // Short values (a digit, "yes") turn up anywhere in markup.
    out.retain(|v| v.chars().count() >= 3);
    out
}

fn scalars(v: &Value) -> Vec<Scalar> {
    match v {
        Value::Single(s) => vec![s.clone()],
        Value::Null => Vec::new(),
        other => other.items().to_vec(),
    }
}

/// Check one item; `Err` says what leaked.
fn check(item: AssessmentItem, name: &str) -> Result<(), String> {
    let session = ItemSession::new(Arc::new(item), 3);
    let form = delivery_form(&session);
    let leaks = key_revealed_by(&form);
    if !leaks.is_empty() {
        return Err(format!("{name}: the form still holds {leaks:?}"));
    }
    // What the candidate sees anyway: the title and the body.
    let shown = format!("{} {}", session.item().title, visible_text(&session));
    let secrets = typed_key_values(&session);
    for to in [QtiVersion::V2_2, QtiVersion::V3_0] {
        let xml = write_item(&form, to).xml;
        for element in KEY_ELEMENTS {
            if xml.contains(&format!("<{element}")) {
                return Err(format!("{name} ({to:?}): <{element}> in the form"));
            }
        }
        for secret in &secrets {
            if xml.contains(secret.as_str()) && !shown.contains(secret.as_str()) {
                return Err(format!(
                    "{name} ({to:?}): the key value {secret:?} is in the form"
                ));
            }
        }
        let back = read_item(xml.as_bytes())
            .map_err(|e| format!("{name} ({to:?}): the form does not read back: {e}"))?;
        ItemSession::new(Arc::new(back.item), 3);
    }
    Ok(())
}

#[test]
fn sample_items_deliver_without_their_keys() {
    let samples = common::sample_items();
    for (path, bytes) in &samples {
        check(read_item(bytes).unwrap().item, path).unwrap();
    }
    assert!(samples.len() >= 30, "{} samples", samples.len());
}

#[test]
fn corpus_items_deliver_without_their_keys() {
    let Some((dir, paths)) = common::corpus_items() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let (mut checked, mut failures) = (0, Vec::new());
    for path in paths {
        let Ok(bytes) = std::fs::read(dir.join(&path)) else {
            continue;
        };
        let Ok(read) = read_item(&bytes) else {
            continue;
        };
        checked += 1;
        if let Err(e) = check(read.item, &path) {
            failures.push(e);
        }
    }
    println!(
        "delivery forms: {checked} corpus items, {} leaks",
        failures.len()
    );
    assert!(checked > 2000, "{checked} corpus items");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Template values are drawn once, on the server's seed: the form carries
/// the ones the body shows as fixed defaults, and the browser's session
/// shows what the server's does; values only processing uses are gone.
#[test]
fn template_values_are_fixed_and_hidden_ones_dropped() {
    let path = common::items_dir().join("qti22/feedback-template-arithmetic.xml");
    let item = read_item(&std::fs::read(path).unwrap()).unwrap().item;
    let server = ItemSession::new(Arc::new(item), 11);
    let form = delivery_form(&server);
    assert!(form.template_processing.is_none() && form.response_processing.is_none());
    let browser = ItemSession::new(Arc::new(form.clone()), 999);
    // The same question (template values printed the same), without the
    // feedback the server decides.
    assert_eq!(
        visible_text(&browser),
        visible_text(&server).replace(" Not yet.", "")
    );
    assert!(visible_text(&browser).contains("What is 7 × 3?"));
    for d in form.declarations.iter().filter(|d| d.template().is_some()) {
        assert_eq!(browser.value(&d.identifier), server.value(&d.identifier));
    }
    assert!(form.body.is_some());
}
