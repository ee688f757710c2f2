//! Reading `assessmentResult` documents (QTI 2.1, 2.2, 3.0 result namespaces).

use std::collections::BTreeMap;

use super::*;
use crate::error::{Error, ErrorKind};
use crate::model::declaration::Declaration;
use crate::value::{Scalar, Value};
use crate::xml::{self, Element, Limits};

/// Read a result document.
pub fn read_results(bytes: &[u8]) -> Result<AssessmentResult, Error> {
    let text = xml::decode(bytes)?;
    let doc = xml::parse(&text, Limits::default())?;
    let root = doc.root();
    let at = |el: Element| doc.position(el.pos());
    if root.name() != "assessmentResult" {
        return Err(Error::new(ErrorKind::RootElement {
            expected: "assessmentResult".into(),
            found: root.name().to_string(),
        })
        .at(at(root)));
    }
    match doc.root_namespace.as_deref() {
        Some(ns) if ns.contains("imsqti_result") => {}
        // Some writers use the QTI item namespace, or none; the content
        // is still a result document.
        None => {}
        Some(ns) if ns.contains("imsqti_v2p") => {}
        other => {
            return Err(Error::new(ErrorKind::Namespace(format!(
                "an assessmentResult needs a QTI results namespace (imsqti_result_v2p1, v2p2 or v3p0), found {}",
                other.map_or("none".to_string(), |n| format!("'{n}'"))
            )))
            .at(at(root)));
        }
    }
    let missing = |el: Element, attribute: &str| {
        Error::new(ErrorKind::MissingAttribute {
            element: el.name().to_string(),
            attribute: attribute.into(),
        })
        .at(at(el))
    };
    let mut result = AssessmentResult::default();
    let context = root.child("context").ok_or_else(|| {
        Error::new(ErrorKind::MissingContent {
            element: "assessmentResult".into(),
            expected: "a <context>".into(),
        })
        .at(at(root))
    })?;
    result.context.sourced_id = context.attr("sourcedId").map(str::to_string);
    for s in context.children_named("sessionIdentifier") {
        result.context.session_identifiers.push(SessionIdentifier {
            source_id: s
                .attr("sourceID")
                .ok_or_else(|| missing(s, "sourceID"))?
                .to_string(),
            identifier: s
                .attr("identifier")
                .ok_or_else(|| missing(s, "identifier"))?
                .to_string(),
        });
    }
    if let Some(t) = root.child("testResult") {
        result.test_result = Some(TestResult {
            identifier: t
                .attr("identifier")
                .ok_or_else(|| missing(t, "identifier"))?
                .to_string(),
            datestamp: t.attr("datestamp").unwrap_or_default().to_string(),
            variables: read_variables(t, &at)?,
        });
    }
    for i in root.children_named("itemResult") {
        result.item_results.push(ItemResult {
            identifier: i
                .attr("identifier")
                .ok_or_else(|| missing(i, "identifier"))?
                .to_string(),
            sequence_index: i.attr("sequenceIndex").and_then(|s| s.trim().parse().ok()),
            datestamp: i.attr("datestamp").unwrap_or_default().to_string(),
            session_status: i.attr("sessionStatus").unwrap_or("final").to_string(),
            variables: read_variables(i, &at)?,
            candidate_comment: i.child("candidateComment").map(Element::text),
            alignments: Vec::new(),
        });
    }
    Ok(result)
}

fn read_variables(
    parent: Element,
    at: &dyn Fn(Element) -> crate::error::Position,
) -> Result<Vec<ResultVariable>, Error> {
    let mut out = Vec::new();
    for el in parent.elements() {
        let kind = match el.name() {
            "responseVariable" => VariableKind::Response,
            "outcomeVariable" => VariableKind::Outcome,
            "templateVariable" => VariableKind::Template,
            "contextVariable" => VariableKind::Context,
            _ => continue,
        };
        let invalid = |attribute: &str, value: &str| {
            Error::new(ErrorKind::InvalidAttribute {
                element: el.name().to_string(),
                attribute: attribute.into(),
                value: value.into(),
            })
            .at(at(el))
        };
        let identifier = el
            .attr("identifier")
            .ok_or_else(|| invalid("identifier", ""))?
            .to_string();
        let card_text = el.attr("cardinality").unwrap_or("single");
        let cardinality =
            Cardinality::parse(card_text).ok_or_else(|| invalid("cardinality", card_text))?;
        let base_type = match el.attr("baseType") {
            None => None,
            Some(t) => Some(BaseType::parse(t).ok_or_else(|| invalid("baseType", t))?),
        };
        let values_of = |e: Element| -> Vec<ResultValue> {
            e.children_named("value")
                .map(|v| ResultValue {
                    field_identifier: v.attr("fieldIdentifier").map(str::to_string),
                    base_type: v.attr("baseType").and_then(BaseType::parse),
                    text: v.text(),
                })
                .collect()
        };
        let (values, correct_response) = if kind == VariableKind::Response {
            (
                el.child("candidateResponse")
                    .map(values_of)
                    .unwrap_or_default(),
                el.child("correctResponse").map(values_of),
            )
        } else {
            (values_of(el), None)
        };
        let float = |name: &str| el.attr(name).and_then(crate::value::parse_float);
        out.push(ResultVariable {
            kind,
            identifier,
            cardinality,
            base_type,
            values,
            correct_response,
            choice_sequence: el
                .attr("choiceSequence")
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            view: el
                .attr("view")
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            interpretation: el.attr("interpretation").map(str::to_string),
            normal_maximum: float("normalMaximum"),
            normal_minimum: float("normalMinimum"),
            mastery_value: float("masteryValue"),
            // Citolab writes QTI 3's kebab-case spelling.
            external_scored: el
                .attr("externalScored")
                .or(el.attr("external-scored"))
                .map(str::to_string),
        });
    }
    Ok(out)
}

/// The candidate responses of an item result as values of the item's
/// declared types, ready to be set on a new session and re-scored.
/// Built-in variables (`numAttempts`, `duration`) are left out.
pub fn responses_for<'d>(
    item_result: &ItemResult,
    declarations: impl IntoIterator<Item = &'d Declaration> + Copy,
) -> Result<BTreeMap<String, Value>, Error> {
    let mut out = BTreeMap::new();
    for var in item_result
        .variables
        .iter()
        .filter(|v| v.kind == VariableKind::Response)
    {
        if matches!(var.identifier.as_str(), "numAttempts" | "duration") {
            continue;
        }
        // Results may carry variables the item does not declare (older
        // versions of the item, delivery-system extras): they cannot be
        // responses to this item, so re-scoring leaves them out.
        let Some(decl) = declarations
            .into_iter()
            .find(|d| d.identifier == var.identifier && d.response().is_some())
        else {
            continue;
        };
        out.insert(var.identifier.clone(), value_of(var, decl)?);
    }
    Ok(out)
}

/// The values of an item result's variables of `kind` that the item
/// declares as that kind, read with the declarations' cardinality and
/// base type (built-ins such as `numAttempts` included when declared).
/// Variables the item does not declare are left out, as in
/// [`responses_for`].
pub fn values_for<'d>(
    item_result: &ItemResult,
    kind: VariableKind,
    declarations: impl IntoIterator<Item = &'d Declaration> + Copy,
) -> Result<BTreeMap<String, Value>, Error> {
    let mut out = BTreeMap::new();
    for var in item_result.variables.iter().filter(|v| v.kind == kind) {
        if let Some(decl) = declarations
            .into_iter()
            .find(|d| d.identifier == var.identifier && declared_as(d, kind))
        {
            out.insert(var.identifier.clone(), value_of(var, decl)?);
        }
    }
    Ok(out)
}

fn declared_as(decl: &Declaration, kind: VariableKind) -> bool {
    use crate::model::declaration::DeclarationKind as D;
    matches!(
        (&decl.kind, kind),
        (D::Response(_), VariableKind::Response)
            | (D::Outcome(_), VariableKind::Outcome)
            | (D::Template(_), VariableKind::Template)
            | (D::Context, VariableKind::Context)
    )
}

/// Outcomes of an item result marked `externalScored="human"`: scores a
/// rater gave, which re-scoring keeps over processing. (An
/// `externalMachine` score is what a scoring engine such as this one
/// produces, so re-scoring recomputes it, as Citolab's engine does.)
pub fn external_scores_for<'d>(
    item_result: &ItemResult,
    declarations: impl IntoIterator<Item = &'d Declaration> + Copy,
) -> Result<BTreeMap<String, Value>, Error> {
    let mut out = BTreeMap::new();
    for var in item_result.variables.iter().filter(|v| {
        v.kind == VariableKind::Outcome && v.external_scored.as_deref() == Some("human")
    }) {
        if let Some(decl) = declarations
            .into_iter()
            .find(|d| d.identifier == var.identifier && d.outcome().is_some())
        {
            out.insert(var.identifier.clone(), value_of(var, decl)?);
        }
    }
    Ok(out)
}

/// Result values read with the declaration's cardinality and base type.
fn value_of(var: &ResultVariable, decl: &Declaration) -> Result<Value, Error> {
    let bad = |message: String| {
        Error::new(ErrorKind::InvalidValue {
            identifier: var.identifier.clone(),
            message,
        })
    };
    if decl.cardinality == Cardinality::Record {
        let mut fields = BTreeMap::new();
        for v in &var.values {
            let field = v
                .field_identifier
                .clone()
                .ok_or_else(|| bad("a record value lacks fieldIdentifier".into()))?;
            let bt = v.base_type.unwrap_or(BaseType::String);
            let s = Scalar::parse(bt, &v.text).map_err(|e| bad(e.to_string()))?;
            fields.insert(field, Some(s));
        }
        return Ok(if fields.is_empty() {
            Value::Null
        } else {
            Value::Record(fields)
        });
    }
    let bt = decl.base_type.or(var.base_type).unwrap_or(BaseType::String);
    let items = var
        .values
        .iter()
        .map(|v| Scalar::parse(v.base_type.unwrap_or(bt), &v.text).map_err(|e| bad(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    if decl.cardinality == Cardinality::Single && items.len() > 1 {
        return Err(bad(format!(
            "{} values for a single-cardinality response",
            items.len()
        )));
    }
    Ok(Value::container(decl.cardinality, items))
}
