//! Response validity (ASI itemSessionControl `validateResponses`): the
//! constraints interactions put on their responses — minChoices and
//! maxChoices, minAssociations/maxAssociations, matchMin/matchMax,
//! minStrings, patternMask, required gaps and inline choices, minPlays —
//! with a message a candidate can act on. Also the binding of a typed
//! answer to its response (and `stringIdentifier`) the way a delivery
//! system does it.

use crate::model::AssessmentItem;
use crate::model::content::{ContentNode, Interaction, InteractionKind, interactions, walk};
use crate::processing::binding::{BindError, bind_text};
use crate::value::{Cardinality, Scalar, Value};
use crate::xsd_regex;

/// One response that does not satisfy its interaction's constraints.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseProblem {
    pub response_identifier: String,
    pub message: String,
}

/// Every constraint problem of the current responses, in document order.
pub fn validate_responses<'v>(
    item: &AssessmentItem,
    value: impl Fn(&str) -> &'v Value,
) -> Vec<ResponseProblem> {
    let Some(body) = &item.body else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in interactions(&body.content) {
        if let Some(message) = problem(i, value(&i.response_identifier)) {
            out.push(ResponseProblem {
                response_identifier: i.response_identifier.clone(),
                message,
            });
        }
    }
    out
}

fn count(v: &Value) -> usize {
    v.items().len()
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// At least `min` and at most `max` (0 = no limit) of `what`.
fn bounds(n: usize, min: u32, max: u32, what: &str) -> Option<String> {
    if min > 0 && n < min as usize {
        return Some(format!("Select at least {}.", plural(min, what)));
    }
    if max > 0 && n > max as usize {
        return Some(format!("Select at most {}.", plural(max, what)));
    }
    None
}

/// How often each identifier appears in the pairs of a value.
fn uses(v: &Value, id: &str) -> u32 {
    v.items()
        .iter()
        .filter(|s| match s {
            Scalar::Pair(a, b) | Scalar::DirectedPair(a, b) => a == id || b == id,
            _ => false,
        })
        .count() as u32
}

/// `matchMin`/`matchMax` of the choices (and hotspots) of an association.
fn match_limits(i: &Interaction, v: &Value) -> Option<String> {
    let mut limits: Vec<(String, u32, u32)> = i
        .choice_sets()
        .iter()
        .flat_map(|set| set.iter())
        .map(|c| (c.identifier.clone(), c.match_min, c.match_max))
        .collect();
    limits.extend(
        i.hotspots()
            .iter()
            .map(|h| (h.identifier.clone(), h.match_min, h.match_max)),
    );
    for (id, min, max) in limits {
        let n = uses(v, &id);
        if max > 0 && n > max {
            return Some(format!("'{id}' may be used at most {max} time(s)."));
        }
        if min > 0 && n < min {
            return Some(format!("'{id}' must be used at least {min} time(s)."));
        }
    }
    None
}

fn pattern_problem(mask: &Option<String>, v: &Value) -> Option<String> {
    let mask = mask.as_ref()?;
    for s in v.items() {
        let text = s.to_string();
        match xsd_regex::is_match(mask, &text) {
            Ok(true) => {}
            Ok(false) => return Some(format!("'{text}' is not in the expected format.")),
            Err(e) => return Some(e.to_string()),
        }
    }
    None
}

fn problem(i: &Interaction, v: &Value) -> Option<String> {
    use InteractionKind::*;
    let n = count(v);
    match &i.kind {
        Choice {
            min_choices,
            max_choices,
            ..
        }
        | Hottext {
            min_choices,
            max_choices,
            ..
        }
        | Hotspot {
            min_choices,
            max_choices,
            ..
        } => bounds(n, *min_choices, *max_choices, "choice"),
        SelectPoint {
            min_choices,
            max_choices,
            ..
        }
        | PositionObject {
            min_choices,
            max_choices,
            ..
        } => bounds(n, *min_choices, *max_choices, "point"),
        Order {
            min_choices,
            max_choices,
            ..
        }
        | GraphicOrder {
            min_choices,
            max_choices,
            ..
        } => bounds(
            n,
            min_choices.unwrap_or(0),
            max_choices.unwrap_or(0),
            "choice",
        ),
        Associate {
            min_associations,
            max_associations,
            ..
        }
        | Match {
            min_associations,
            max_associations,
            ..
        }
        | GraphicAssociate {
            min_associations,
            max_associations,
            ..
        }
        | GraphicGapMatch {
            min_associations,
            max_associations,
            ..
        } => bounds(n, *min_associations, *max_associations, "pair").or_else(|| match_limits(i, v)),
        GapMatch {
            min_associations,
            max_associations,
            content,
            ..
        } => bounds(n, *min_associations, *max_associations, "pair")
            .or_else(|| match_limits(i, v))
            .or_else(|| required_gaps(content, v)),
        InlineChoice { required, .. } => {
            (*required && v.is_null()).then(|| "Choose an answer.".to_string())
        }
        TextEntry(t) => pattern_problem(&t.pattern_mask, v),
        ExtendedText {
            text, min_strings, ..
        } => {
            let filled = v
                .items()
                .iter()
                .filter(|s| !s.to_string().trim().is_empty())
                .count();
            if *min_strings > 0 && filled < *min_strings as usize {
                return Some(format!(
                    "Write at least {}.",
                    plural(*min_strings, "answer")
                ));
            }
            pattern_problem(&text.pattern_mask, v)
        }
        Media { min_plays, .. } => {
            let plays = v.as_single().and_then(Scalar::as_f64).unwrap_or(0.0);
            (*min_plays > 0 && plays < *min_plays as f64)
                .then(|| format!("Play the media at least {} time(s).", min_plays))
        }
        Slider { .. }
        | Drawing { .. }
        | Upload { .. }
        | EndAttempt { .. }
        | Custom { .. }
        | PortableCustom(_) => None,
    }
}

fn required_gaps(content: &[ContentNode], v: &Value) -> Option<String> {
    let mut missing = None;
    walk(content, &mut |n| {
        if let ContentNode::Gap(g) = n
            && g.required
            && missing.is_none()
            && !v.items().iter().any(|s| match s {
                Scalar::DirectedPair(_, gap) | Scalar::Pair(_, gap) => *gap == g.identifier,
                _ => false,
            })
        {
            missing = Some(format!("Fill the gap '{}'.", g.identifier));
        }
    });
    missing
}

/// A typed answer bound for its interaction: the response value and, when
/// the interaction names a `stringIdentifier`, the raw text for it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundText {
    pub value: Value,
    pub string_response: Option<(String, Value)>,
}

/// Binds what the candidate typed into the text interaction of
/// `response_identifier` (its `base`, its `stringIdentifier`), as a
/// delivery system does before validation and processing.
pub fn bind_typed(
    item: &AssessmentItem,
    response_identifier: &str,
    raw: &str,
) -> Result<BoundText, BindError> {
    let decl = item.declaration(response_identifier);
    let (cardinality, base_type) = decl
        .map(|d| (d.cardinality, d.base_type))
        .unwrap_or((Cardinality::Single, None));
    let text = item.body.as_ref().and_then(|b| {
        interactions(&b.content)
            .into_iter()
            .find(|i| i.response_identifier == response_identifier)
            .and_then(|i| match &i.kind {
                InteractionKind::TextEntry(t) => Some(t.clone()),
                InteractionKind::ExtendedText { text, .. } => Some(text.clone()),
                _ => None,
            })
    });
    let base = text.as_ref().map(|t| t.base).unwrap_or(10);
    let value = bind_text(raw, cardinality, base_type, base)?;
    let string_response = text.and_then(|t| t.string_identifier).map(|id| {
        (
            id,
            if raw.is_empty() {
                Value::Null
            } else {
                Value::string(raw)
            },
        )
    });
    Ok(BoundText {
        value,
        string_response,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_item;

    fn item(body: &str, decl: &str) -> AssessmentItem {
        let xml = format!(
            r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="i" title="t" adaptive="false" timeDependent="false">{decl}<itemBody>{body}</itemBody></assessmentItem>"#
        );
        read_item(xml.as_bytes()).unwrap().item
    }

    fn ids(list: &[&str]) -> Value {
        Value::Multiple(
            list.iter()
                .map(|s| Scalar::Identifier(s.to_string()))
                .collect(),
        )
    }

    /// ASI choiceInteraction: minChoices and maxChoices bound the selection
    /// when responses are validated.
    #[test]
    fn choice_bounds() {
        let it = item(
            r#"<choiceInteraction responseIdentifier="R" maxChoices="2" minChoices="2"><simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice><simpleChoice identifier="C">c</simpleChoice></choiceInteraction>"#,
            r#"<responseDeclaration identifier="R" cardinality="multiple" baseType="identifier"/>"#,
        );
        let check = |v: &Value| validate_responses(&it, |_| v);
        assert_eq!(check(&ids(&["A"]))[0].message, "Select at least 2 choices.");
        assert_eq!(
            check(&ids(&["A", "B", "C"]))[0].message,
            "Select at most 2 choices."
        );
        assert!(check(&ids(&["A", "B"])).is_empty());
        assert_eq!(check(&Value::Null).len(), 1, "NULL counts as no selection");
    }

    /// patternMask is an XML Schema regular expression over the whole answer.
    #[test]
    fn pattern_mask() {
        let it = item(
            r#"<p><textEntryInteraction responseIdentifier="R" patternMask="[0-9]{4}"/></p>"#,
            r#"<responseDeclaration identifier="R" cardinality="single" baseType="string"/>"#,
        );
        let ok = Value::string("2024");
        let bad = Value::string("20245");
        assert!(validate_responses(&it, |_| &ok).is_empty());
        let problems = validate_responses(&it, |_| &bad);
        assert_eq!(problems[0].response_identifier, "R");
        assert!(problems[0].message.contains("expected format"));
        assert!(
            validate_responses(&it, |_| &Value::Null).is_empty(),
            "no answer, nothing to mask"
        );
    }

    /// matchMax per choice and required gaps.
    #[test]
    fn associations_and_gaps() {
        let it = item(
            r#"<gapMatchInteraction responseIdentifier="R"><gapText identifier="W" matchMax="1">w</gapText><p><gap identifier="G1" required="true"/> <gap identifier="G2"/></p></gapMatchInteraction>"#,
            r#"<responseDeclaration identifier="R" cardinality="multiple" baseType="directedPair"/>"#,
        );
        let pair = |a: &str, b: &str| Scalar::DirectedPair(a.into(), b.into());
        let twice = Value::Multiple(vec![pair("W", "G1"), pair("W", "G2")]);
        assert!(
            validate_responses(&it, |_| &twice)[0]
                .message
                .contains("at most 1")
        );
        let only_g2 = Value::Multiple(vec![pair("W", "G2")]);
        assert_eq!(
            validate_responses(&it, |_| &only_g2)[0].message,
            "Fill the gap 'G1'."
        );
    }

    /// stringIdentifier receives the raw text; base applies to integers.
    #[test]
    fn typed_answers_bind_with_string_identifier_and_base() {
        let it = item(
            r#"<p><textEntryInteraction responseIdentifier="R" base="8" stringIdentifier="S"/></p>"#,
            r#"<responseDeclaration identifier="R" cardinality="single" baseType="integer"/><responseDeclaration identifier="S" cardinality="single" baseType="string"/>"#,
        );
        let bound = bind_typed(&it, "R", "17").unwrap();
        assert_eq!(bound.value, Value::integer(15));
        assert_eq!(
            bound.string_response,
            Some(("S".into(), Value::string("17")))
        );
        assert!(
            bind_typed(&it, "R", "9").is_err(),
            "9 is not an octal digit"
        );
    }
}
