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
    /// What is wrong, for a player to say in the candidate's language.
    pub problem: Problem,
}

impl ResponseProblem {
    /// What is wrong, in English.
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

/// What a candidate must change so that a response satisfies its
/// interaction (English wording through `Display`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    TooFew {
        min: u32,
        of: Counted,
    },
    TooMany {
        max: u32,
        of: Counted,
    },
    /// A choice used more often than its matchMax.
    UsedTooOften {
        choice: String,
        max: u32,
    },
    /// A choice used less often than its matchMin.
    UsedTooRarely {
        choice: String,
        min: u32,
    },
    /// A text that does not fit the patternMask.
    Format {
        text: String,
    },
    /// The patternMask itself cannot be used.
    BadPattern {
        message: String,
    },
    /// A required inline choice is empty.
    ChooseAnAnswer,
    /// Media played fewer times than minPlays.
    PlayAtLeast {
        min: u32,
    },
    /// A required gap is empty.
    FillGap {
        gap: String,
    },
}

/// What a count of [`Problem::TooFew`] and [`Problem::TooMany`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Counted {
    Choice,
    Point,
    Pair,
    Answer,
}

impl Counted {
    fn noun(self) -> &'static str {
        match self {
            Counted::Choice => "choice",
            Counted::Point => "point",
            Counted::Pair => "pair",
            Counted::Answer => "answer",
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Text interactions ask to write; the others to select.
            Problem::TooFew {
                min,
                of: Counted::Answer,
            } => write!(f, "Write at least {}.", plural(*min, "answer")),
            Problem::TooFew { min, of } => {
                write!(f, "Select at least {}.", plural(*min, of.noun()))
            }
            Problem::TooMany { max, of } => {
                write!(f, "Select at most {}.", plural(*max, of.noun()))
            }
            Problem::UsedTooOften { choice, max } => {
                write!(
                    f,
                    "'{choice}' may be used at most {}.",
                    plural(*max, "time")
                )
            }
            Problem::UsedTooRarely { choice, min } => {
                write!(
                    f,
                    "'{choice}' must be used at least {}.",
                    plural(*min, "time")
                )
            }
            Problem::Format { text } => write!(f, "'{text}' is not in the expected format."),
            Problem::BadPattern { message } => f.write_str(message),
            Problem::ChooseAnAnswer => f.write_str("Choose an answer."),
            Problem::PlayAtLeast { min } => {
                write!(f, "Play the media at least {}.", plural(*min, "time"))
            }
            Problem::FillGap { gap } => write!(f, "Fill the gap '{gap}'."),
        }
    }
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
        if let Some(problem) = problem(i, value(&i.response_identifier)) {
            out.push(ResponseProblem {
                response_identifier: i.response_identifier.clone(),
                problem,
            });
        }
    }
    out
}

fn count(v: &Value) -> usize {
    v.items().len()
}

/// "1 time", "3 times": a count with its English noun.
pub(crate) fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// At least `min` and at most `max` (0 = no limit) of `of`.
fn bounds(n: usize, min: u32, max: u32, of: Counted) -> Option<Problem> {
    if min > 0 && n < min as usize {
        return Some(Problem::TooFew { min, of });
    }
    if max > 0 && n > max as usize {
        return Some(Problem::TooMany { max, of });
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
fn match_limits(i: &Interaction, v: &Value) -> Option<Problem> {
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
            return Some(Problem::UsedTooOften { choice: id, max });
        }
        if min > 0 && n < min {
            return Some(Problem::UsedTooRarely { choice: id, min });
        }
    }
    None
}

fn pattern_problem(mask: &Option<String>, v: &Value) -> Option<Problem> {
    let mask = mask.as_ref()?;
    for s in v.items() {
        let text = s.to_string();
        match xsd_regex::is_match(mask, &text) {
            Ok(true) => {}
            Ok(false) => return Some(Problem::Format { text }),
            Err(e) => {
                return Some(Problem::BadPattern {
                    message: e.to_string(),
                });
            }
        }
    }
    None
}

fn problem(i: &Interaction, v: &Value) -> Option<Problem> {
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
        } => bounds(n, *min_choices, *max_choices, Counted::Choice),
        SelectPoint {
            min_choices,
            max_choices,
            ..
        }
        | PositionObject {
            min_choices,
            max_choices,
            ..
        } => bounds(n, *min_choices, *max_choices, Counted::Point),
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
            Counted::Choice,
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
        } => bounds(n, *min_associations, *max_associations, Counted::Pair)
            .or_else(|| match_limits(i, v)),
        GapMatch {
            min_associations,
            max_associations,
            content,
            ..
        } => bounds(n, *min_associations, *max_associations, Counted::Pair)
            .or_else(|| match_limits(i, v))
            .or_else(|| required_gaps(content, v)),
        InlineChoice { required, .. } => {
            (*required && v.is_null()).then_some(Problem::ChooseAnAnswer)
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
                return Some(Problem::TooFew {
                    min: *min_strings,
                    of: Counted::Answer,
                });
            }
            pattern_problem(&text.pattern_mask, v)
        }
        Media { min_plays, .. } => {
            let plays = v.as_single().and_then(Scalar::as_f64).unwrap_or(0.0);
            (*min_plays > 0 && plays < *min_plays as f64)
                .then_some(Problem::PlayAtLeast { min: *min_plays })
        }
        Slider { .. }
        | Drawing { .. }
        | Upload { .. }
        | EndAttempt { .. }
        | Custom { .. }
        | PortableCustom(_) => None,
    }
}

fn required_gaps(content: &[ContentNode], v: &Value) -> Option<Problem> {
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
            missing = Some(Problem::FillGap {
                gap: g.identifier.clone(),
            });
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
        assert_eq!(
            check(&ids(&["A"]))[0].message(),
            "Select at least 2 choices."
        );
        assert_eq!(
            check(&ids(&["A", "B", "C"]))[0].message(),
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
        assert!(problems[0].message().contains("expected format"));
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
                .message()
                .contains("at most 1")
        );
        let only_g2 = Value::Multiple(vec![pair("W", "G2")]);
        assert_eq!(
            validate_responses(&it, |_| &only_g2)[0].message(),
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
