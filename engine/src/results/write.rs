//! Building an `assessmentResult` from a session and writing it as XML.

use std::fmt::Write;

use super::*;
use crate::model::declaration::DeclarationKind;
use crate::session::ItemSession;
use crate::value::{Scalar, Value, format_float, format_iso_duration, parse_duration};
use crate::write::escape;

/// Which Results Reporting namespace to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultVersion {
    V2_2,
    V3_0,
}

impl ResultVersion {
    pub fn namespace(self) -> &'static str {
        match self {
            Self::V2_2 => "http://www.imsglobal.org/xsd/imsqti_result_v2p2",
            Self::V3_0 => "http://www.imsglobal.org/xsd/imsqti_result_v3p0",
        }
    }

    fn schema_location(self) -> &'static str {
        match self {
            Self::V2_2 => "http://www.imsglobal.org/xsd/qti/qtiv2p2/imsqti_result_v2p2.xsd",
            Self::V3_0 => {
                "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_result_v3p0p1_v1p0.xsd"
            }
        }
    }
}

impl VariableKind {
    /// Whether a result document of `version` has an element for this
    /// kind. Context variables (QTI 3's `qti-context-declaration`) have
    /// no place in QTI 2.2 results: its itemResult holds response,
    /// template and outcome variables only, so a 2.2 document leaves them
    /// out (the JSON form and 3.0 documents keep them).
    fn written_in(self, version: ResultVersion) -> bool {
        self != Self::Context || version == ResultVersion::V3_0
    }
}

/// The values of a variable as result `value`s.
fn result_values(value: &Value) -> Vec<ResultValue> {
    let plain = |s: &Scalar| ResultValue {
        field_identifier: None,
        base_type: None,
        text: s.to_string(),
    };
    match value {
        Value::Null => Vec::new(),
        Value::Single(s) => vec![plain(s)],
        Value::Multiple(items) | Value::Ordered(items) => items.iter().map(plain).collect(),
        Value::Record(fields) => fields
            .iter()
            .filter_map(|(k, v)| {
                v.as_ref().map(|s| ResultValue {
                    field_identifier: Some(k.clone()),
                    base_type: Some(s.base_type()),
                    text: s.to_string(),
                })
            })
            .collect(),
    }
}

impl ItemResult {
    /// The result of an item session: every response (with its correct
    /// response when the item declares one), outcome and template variable,
    /// built-ins included.
    pub fn from_session(
        session: &ItemSession,
        datestamp: &str,
        sequence_index: Option<u32>,
    ) -> Self {
        let mut variables = Vec::new();
        for decl in session.declarations() {
            let kind = match &decl.kind {
                DeclarationKind::Response(_) => VariableKind::Response,
                DeclarationKind::Outcome(_) => VariableKind::Outcome,
                DeclarationKind::Template(_) => VariableKind::Template,
                DeclarationKind::Context => VariableKind::Context,
            };
            let outcome = decl.outcome();
            let correct = session.correct_response(&decl.identifier);
            variables.push(ResultVariable {
                kind,
                identifier: decl.identifier.clone(),
                cardinality: decl.cardinality,
                base_type: decl.base_type,
                values: result_values(session.value(&decl.identifier)),
                correct_response: (kind == VariableKind::Response && !correct.is_null())
                    .then(|| result_values(&correct)),
                choice_sequence: session
                    .state()
                    .shuffles
                    .get(&decl.identifier)
                    .and_then(|sets| sets.first().cloned())
                    .unwrap_or_default(),
                view: outcome
                    .map(|o| o.view.iter().map(|v| v.as_str().to_string()).collect())
                    .unwrap_or_default(),
                interpretation: outcome.and_then(|o| o.interpretation.clone()),
                normal_maximum: outcome.and_then(|o| o.normal_maximum),
                normal_minimum: outcome.and_then(|o| o.normal_minimum),
                mastery_value: outcome.and_then(|o| o.mastery_value),
                external_scored: outcome.and_then(|o| o.external_scored).map(|e| {
                    match e {
                        crate::model::declaration::ExternalScored::Human => "human",
                        crate::model::declaration::ExternalScored::Externalmachine => {
                            "externalMachine"
                        }
                    }
                    .to_string()
                }),
            });
        }
        ItemResult {
            identifier: session.item().identifier.clone(),
            sequence_index,
            datestamp: datestamp.to_string(),
            session_status: session.state().status.as_str().to_string(),
            variables,
            candidate_comment: None,
            alignments: session.item().alignments.clone(),
        }
    }
}

impl AssessmentResult {
    /// The result of a test session: a testResult with the test's outcomes
    /// and its duration, and an itemResult per presented item (identified
    /// by its assessmentItemRef, `Q1.2` for a repeated selection), in
    /// presentation order.
    pub fn from_test_session(session: &crate::test_session::TestSession, datestamp: &str) -> Self {
        let test = session.test();
        let mut variables: Vec<ResultVariable> = test
            .declarations
            .iter()
            .map(|decl| {
                let value = session
                    .outcomes()
                    .get(&decl.identifier)
                    .cloned()
                    .unwrap_or_default();
                let outcome = decl.outcome();
                ResultVariable {
                    kind: VariableKind::Outcome,
                    identifier: decl.identifier.clone(),
                    cardinality: decl.cardinality,
                    base_type: decl.base_type,
                    values: result_values(&value),
                    correct_response: None,
                    choice_sequence: Vec::new(),
                    view: Vec::new(),
                    interpretation: outcome.and_then(|o| o.interpretation.clone()),
                    normal_maximum: outcome.and_then(|o| o.normal_maximum),
                    normal_minimum: outcome.and_then(|o| o.normal_minimum),
                    mastery_value: outcome.and_then(|o| o.mastery_value),
                    external_scored: None,
                }
            })
            .collect();
        let duration = crate::expr::Environment::value(session, "duration")
            .cloned()
            .unwrap_or_default();
        variables.push(ResultVariable {
            kind: VariableKind::Response,
            identifier: "duration".into(),
            cardinality: crate::value::Cardinality::Single,
            base_type: Some(crate::value::BaseType::Duration),
            values: result_values(&duration),
            correct_response: None,
            choice_sequence: Vec::new(),
            view: Vec::new(),
            interpretation: None,
            normal_maximum: None,
            normal_minimum: None,
            mastery_value: None,
            external_scored: None,
        });
        let item_results = session
            .visited()
            .iter()
            .enumerate()
            .filter_map(|(n, &i)| {
                let r = &session.route()[i];
                let mut result = ItemResult::from_session(
                    session.item_session(i)?,
                    datestamp,
                    Some(n as u32 + 1),
                );
                result.identifier = if r.occurrence == 0 {
                    r.item_ref.clone()
                } else {
                    format!("{}.{}", r.item_ref, r.occurrence + 1)
                };
                Some(result)
            })
            .collect();
        AssessmentResult {
            test_result: Some(TestResult {
                identifier: test.identifier.clone(),
                datestamp: datestamp.to_string(),
                variables,
            }),
            item_results,
            ..Default::default()
        }
    }
}

/// Serialize a result document.
pub fn write_results(result: &AssessmentResult, version: ResultVersion) -> String {
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        x,
        r#"<assessmentResult xmlns="{ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{ns} {loc}">"#,
        ns = version.namespace(),
        loc = version.schema_location()
    );
    write_context(&mut x, &result.context);
    if let Some(t) = &result.test_result {
        let _ = writeln!(
            x,
            r#"  <testResult identifier="{}" datestamp="{}">"#,
            escape(&t.identifier),
            escape(&t.datestamp)
        );
        for v in t.variables.iter().filter(|v| v.kind.written_in(version)) {
            write_variable(&mut x, v, version);
        }
        x.push_str("  </testResult>\n");
    }
    for item in &result.item_results {
        let _ = write!(
            x,
            r#"  <itemResult identifier="{}" datestamp="{}" sessionStatus="{}""#,
            escape(&item.identifier),
            escape(&item.datestamp),
            escape(&item.session_status)
        );
        if let Some(i) = item.sequence_index {
            let _ = write!(x, r#" sequenceIndex="{i}""#);
        }
        x.push_str(">\n");
        for v in item.variables.iter().filter(|v| v.kind.written_in(version)) {
            write_variable(&mut x, v, version);
        }
        if let Some(c) = &item.candidate_comment {
            let _ = writeln!(x, "    <candidateComment>{}</candidateComment>", escape(c));
        }
        x.push_str("  </itemResult>\n");
    }
    x.push_str("</assessmentResult>\n");
    x
}

fn write_context(x: &mut String, context: &ResultContext) {
    match &context.sourced_id {
        Some(id) => {
            let _ = write!(x, r#"  <context sourcedId="{}""#, escape(id));
        }
        None => x.push_str("  <context"),
    }
    if context.session_identifiers.is_empty() {
        x.push_str("/>\n");
        return;
    }
    x.push_str(">\n");
    for s in &context.session_identifiers {
        let _ = writeln!(
            x,
            r#"    <sessionIdentifier sourceID="{}" identifier="{}"/>"#,
            escape(&s.source_id),
            escape(&s.identifier)
        );
    }
    x.push_str("  </context>\n");
}

/// A value's text in the version's lexical form: QTI 3 writes durations in ISO 8601.
fn value_text(v: &ResultValue, base_type: Option<BaseType>, version: ResultVersion) -> String {
    let bt = v.base_type.or(base_type);
    if version == ResultVersion::V3_0
        && bt == Some(BaseType::Duration)
        && let Some(secs) = parse_duration(&v.text)
    {
        return format_iso_duration(secs);
    }
    if bt == Some(BaseType::Float)
        && let Some(f) = crate::value::parse_float(&v.text)
    {
        return format_float(f);
    }
    v.text.clone()
}

fn write_values(
    x: &mut String,
    values: &[ResultValue],
    base_type: Option<BaseType>,
    version: ResultVersion,
    indent: &str,
) {
    for v in values {
        let _ = write!(x, "{indent}<value");
        if let Some(f) = &v.field_identifier {
            let _ = write!(x, r#" fieldIdentifier="{}""#, escape(f));
        }
        if let Some(bt) = v.base_type {
            let _ = write!(x, r#" baseType="{bt}""#);
        }
        let _ = writeln!(x, ">{}</value>", escape(&value_text(v, base_type, version)));
    }
}

fn write_variable(x: &mut String, v: &ResultVariable, version: ResultVersion) {
    let _ = write!(
        x,
        r#"    <{} identifier="{}" cardinality="{}""#,
        v.kind.element_name(),
        escape(&v.identifier),
        v.cardinality
    );
    if let Some(bt) = v.base_type {
        let _ = write!(x, r#" baseType="{bt}""#);
    }
    if !v.choice_sequence.is_empty() {
        let _ = write!(
            x,
            r#" choiceSequence="{}""#,
            escape(&v.choice_sequence.join(" "))
        );
    }
    if !v.view.is_empty() {
        let _ = write!(x, r#" view="{}""#, escape(&v.view.join(" ")));
    }
    if let Some(i) = &v.interpretation {
        let _ = write!(x, r#" interpretation="{}""#, escape(i));
    }
    for (name, value) in [
        ("normalMaximum", v.normal_maximum),
        ("normalMinimum", v.normal_minimum),
        ("masteryValue", v.mastery_value),
    ] {
        if let Some(f) = value {
            let _ = write!(x, r#" {name}="{}""#, format_float(f));
        }
    }
    if let Some(e) = &v.external_scored {
        let _ = write!(x, r#" externalScored="{}""#, escape(e));
    }
    x.push_str(">\n");
    if v.kind == VariableKind::Response {
        if let Some(correct) = &v.correct_response {
            x.push_str("      <correctResponse>\n");
            write_values(x, correct, v.base_type, version, "        ");
            x.push_str("      </correctResponse>\n");
        }
        x.push_str("      <candidateResponse>\n");
        write_values(x, &v.values, v.base_type, version, "        ");
        x.push_str("      </candidateResponse>\n");
    } else {
        write_values(x, &v.values, v.base_type, version, "      ");
    }
    let _ = writeln!(x, "    </{}>", v.kind.element_name());
}

/// An ISO 8601 UTC date-time with milliseconds from Unix milliseconds
/// (the engine has no clock of its own: hosts pass the time in).
pub fn format_datestamp(unix_millis: i64) -> String {
    let secs = unix_millis.div_euclid(1000);
    let millis = unix_millis.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datestamps_are_utc_with_milliseconds() {
        assert_eq!(format_datestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            format_datestamp(1_795_350_123_456),
            "2026-11-22T12:22:03.456Z"
        );
        assert_eq!(
            format_datestamp(951_782_400_000),
            "2000-02-29T00:00:00.000Z"
        );
    }
}
