//! QTI Results Reporting: a session's assessmentResult, written in the 2.2
//! and 3.0 namespaces, reads back and re-scores to the same outcomes.

use std::sync::Arc;

use qti_engine::results::{
    AssessmentResult, ItemResult, ResultContext, ResultVersion, SessionIdentifier, VariableKind,
    read_results, rescore, responses_for, restore, values_for, write_results,
};
use qti_engine::{ErrorKind, ItemSession, Scalar, Value, read_item};

const ITEM: &str = include_str!("../../items/qti22/choice-capital.xml");

fn scored_session(answer: &str) -> ItemSession {
    let item = Arc::new(read_item(ITEM.as_bytes()).unwrap().item);
    let mut s = ItemSession::new(item, 3);
    s.set_response("RESPONSE", Value::identifier(answer))
        .unwrap();
    s.add_duration(92.5);
    s.submit();
    s
}

fn result_of(session: &ItemSession) -> AssessmentResult {
    AssessmentResult {
        context: ResultContext {
            sourced_id: Some("student-42".into()),
            session_identifiers: vec![SessionIdentifier {
                source_id: "https://example.org/delivery".into(),
                identifier: "session-1".into(),
            }],
        },
        test_result: None,
        item_results: vec![ItemResult::from_session(
            session,
            "2026-11-22T10:00:00.000Z",
            Some(1),
        )],
    }
}

#[test]
fn results_round_trip_in_both_namespaces_and_rescore_the_same() {
    let session = scored_session("PARIS");
    for version in [ResultVersion::V2_2, ResultVersion::V3_0] {
        let xml = write_results(&result_of(&session), version);
        assert!(xml.contains(version.namespace()));
        assert!(xml.contains(r#"<itemResult identifier="choice-capital""#));
        assert!(xml.contains("<correctResponse>"));
        if version == ResultVersion::V3_0 {
            assert!(xml.contains("<value>PT1M32.5S</value>"), "{xml}");
        } else {
            assert!(xml.contains("<value>92.5</value>"), "{xml}");
        }
        let read = read_results(xml.as_bytes()).expect("our own output reads");
        assert_eq!(read.context.sourced_id.as_deref(), Some("student-42"));
        let item_result = &read.item_results[0];
        assert_eq!(item_result.session_status, "final");
        let responses = responses_for(item_result, session.declarations()).unwrap();
        let mut rescored = ItemSession::new(session.item().clone(), 3);
        for (id, v) in responses {
            rescored.set_response(&id, v).unwrap();
        }
        rescored.submit();
        assert_eq!(rescored.value("SCORE"), &Value::float(1.0));
    }
}

/// A foreign namespace is refused; none at all (qti-sdk's samples) or the
/// QTI item namespace (rqti writes it) is read as a result document.
#[test]
fn result_namespaces() {
    let foreign =
        r#"<assessmentResult xmlns="http://example.com/other"><context/></assessmentResult>"#;
    let err = read_results(foreign.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("results namespace"), "{err}");
    for ok in [
        r#"<assessmentResult><context/></assessmentResult>"#,
        r#"<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"><context/></assessmentResult>"#,
    ] {
        read_results(ok.as_bytes()).unwrap();
    }
}

/// A check of a result document against the Results Reporting information
/// model (the XSDs, imsqti_result_v2p2.xsd and imsqti_result_v3p0.xsd, are
/// not available offline): element order, required and known attributes,
/// and the shape of values. Each problem is a line naming the element.
mod schema {
    use qti_engine::results::ResultVersion;
    use qti_engine::xml::{self, Element, Limits};

    const CARDINALITIES: &[&str] = &["single", "multiple", "ordered", "record"];
    const BASE_TYPES: &[&str] = &[
        "identifier",
        "boolean",
        "integer",
        "float",
        "string",
        "point",
        "pair",
        "directedPair",
        "duration",
        "file",
        "uri",
        "intOrIdentifier",
    ];
    const SESSION_STATUSES: &[&str] = &[
        "initial",
        "pendingSubmission",
        "pendingResponseProcessing",
        "final",
    ];
    /// outcomeVariable's attributes beyond identifier, cardinality and
    /// baseType. `externalScored` is carried over from the declaration
    /// (QTI 2.2 and 3.0 outcome declarations have it).
    const OUTCOME_ATTRIBUTES: &[&str] = &[
        "view",
        "interpretation",
        "longInterpretation",
        "normalMaximum",
        "normalMinimum",
        "masteryValue",
        "externalScored",
    ];

    /// Every problem found in `document`, written for `version`.
    pub fn problems(document: &str, version: ResultVersion) -> Vec<String> {
        let doc = xml::parse(document, Limits::default()).expect("well-formed XML");
        let mut out = Vec::new();
        if doc.root().name() != "assessmentResult" {
            out.push(format!("root is {}", doc.root().name()));
        }
        if doc.root_namespace.as_deref() != Some(version.namespace()) {
            out.push(format!("namespace {:?}", doc.root_namespace));
        }
        check_assessment_result(doc.root(), version, &mut out);
        out
    }

    /// assessmentResult: context, then testResult?, then itemResult*.
    fn check_assessment_result(root: Element, version: ResultVersion, out: &mut Vec<String>) {
        let names: Vec<&str> = root.elements().map(|e| e.name()).collect();
        let rank = |n: &str| match n {
            "context" => 0,
            "testResult" => 1,
            _ => 2,
        };
        if names.first() != Some(&"context")
            || names.iter().filter(|n| **n == "context").count() != 1
        {
            out.push(format!(
                "assessmentResult: one context first, found {names:?}"
            ));
        }
        if names.iter().filter(|n| **n == "testResult").count() > 1
            || names.windows(2).any(|w| rank(w[0]) > rank(w[1]))
        {
            out.push(format!(
                "assessmentResult: order is context, testResult?, itemResult*: {names:?}"
            ));
        }
        for el in root.elements() {
            match el.name() {
                "context" => check_context(el, out),
                "testResult" => check_test_result(el, version, out),
                "itemResult" => check_item_result(el, version, out),
                other => out.push(format!("assessmentResult: unknown child {other}")),
            }
        }
    }

    fn check_attributes(el: Element, required: &[&str], optional: &[&str], out: &mut Vec<String>) {
        for r in required {
            if el.attr(r).is_none() {
                out.push(format!("{}: missing {r}", el.name()));
            }
        }
        for (name, _) in el.attrs().iter() {
            if !required.contains(&name.as_ref()) && !optional.contains(&name.as_ref()) {
                out.push(format!("{}: unknown attribute {name}", el.name()));
            }
        }
    }

    fn check_enum(el: Element, attribute: &str, allowed: &[&str], out: &mut Vec<String>) {
        if let Some(v) = el.attr(attribute)
            && !allowed.contains(&v)
        {
            out.push(format!(
                "{}: {attribute}=\"{v}\" is not one of {allowed:?}",
                el.name()
            ));
        }
    }

    fn check_context(el: Element, out: &mut Vec<String>) {
        check_attributes(el, &[], &["sourcedId"], out);
        for child in el.elements() {
            if child.name() == "sessionIdentifier" {
                check_attributes(child, &["sourceID", "identifier"], &[], out);
            } else {
                out.push(format!("context: unknown child {}", child.name()));
            }
        }
    }

    fn check_test_result(el: Element, version: ResultVersion, out: &mut Vec<String>) {
        check_attributes(el, &["identifier", "datestamp"], &[], out);
        for child in el.elements() {
            check_variable(child, version, out);
        }
    }

    /// itemResult: variables in any order, then candidateComment?.
    fn check_item_result(el: Element, version: ResultVersion, out: &mut Vec<String>) {
        check_attributes(
            el,
            &["identifier", "datestamp", "sessionStatus"],
            &["sequenceIndex"],
            out,
        );
        check_enum(el, "sessionStatus", SESSION_STATUSES, out);
        if let Some(i) = el.attr("sequenceIndex")
            && i.parse::<u32>().is_err()
        {
            out.push(format!("itemResult: sequenceIndex {i} is not an integer"));
        }
        let children: Vec<Element> = el.elements().collect();
        for (n, child) in children.iter().enumerate() {
            if child.name() == "candidateComment" {
                if n + 1 != children.len() {
                    out.push("itemResult: candidateComment is not last".into());
                }
            } else {
                check_variable(*child, version, out);
            }
        }
    }

    /// responseVariable, outcomeVariable, templateVariable; contextVariable
    /// in QTI 3 only (QTI 2.2 has no context declarations).
    fn check_variable(el: Element, version: ResultVersion, out: &mut Vec<String>) {
        let common = ["identifier", "cardinality"];
        match el.name() {
            "responseVariable" => {
                check_attributes(el, &common, &["baseType", "choiceSequence"], out);
                check_response_values(el, out);
            }
            "outcomeVariable" => {
                let optional: Vec<&str> = ["baseType"]
                    .iter()
                    .chain(OUTCOME_ATTRIBUTES)
                    .copied()
                    .collect();
                check_attributes(el, &common, &optional, out);
                check_values(el, el, out);
            }
            "templateVariable" => {
                check_attributes(el, &common, &["baseType"], out);
                check_values(el, el, out);
            }
            "contextVariable" if version == ResultVersion::V3_0 => {
                check_attributes(el, &common, &["baseType"], out);
                check_values(el, el, out);
            }
            other => out.push(format!("unexpected {other} in a {version:?} result")),
        }
        check_enum(el, "cardinality", CARDINALITIES, out);
        check_enum(el, "baseType", BASE_TYPES, out);
    }

    /// correctResponse?, then exactly one candidateResponse.
    fn check_response_values(el: Element, out: &mut Vec<String>) {
        let names: Vec<&str> = el.elements().map(|e| e.name()).collect();
        if names != ["candidateResponse"] && names != ["correctResponse", "candidateResponse"] {
            out.push(format!(
                "responseVariable {:?}: children {names:?}",
                el.attr("identifier")
            ));
        }
        for child in el.elements() {
            let optional: &[&str] = if child.name() == "correctResponse" {
                &["interpretation"]
            } else {
                &[]
            };
            check_attributes(child, &[], optional, out);
            check_values(el, child, out);
        }
    }

    /// The `value` children of `holder`, shaped by `variable`'s
    /// cardinality: at most one for single, fieldIdentifier and baseType
    /// on each for a record and on none otherwise.
    fn check_values(variable: Element, holder: Element, out: &mut Vec<String>) {
        let id = variable.attr("identifier").unwrap_or_default();
        let record = variable.attr("cardinality") == Some("record");
        let values: Vec<Element> = holder.elements().collect();
        if variable.attr("cardinality") == Some("single") && values.len() > 1 {
            out.push(format!(
                "{id}: {} values for single cardinality",
                values.len()
            ));
        }
        for v in values {
            if v.name() != "value" {
                out.push(format!("{id}: {} where a value belongs", v.name()));
                continue;
            }
            check_attributes(v, &[], &["fieldIdentifier", "baseType"], out);
            check_enum(v, "baseType", BASE_TYPES, out);
            if v.elements().next().is_some() {
                out.push(format!("{id}: a value holds elements"));
            }
            let has_field = v.attr("fieldIdentifier").is_some() && v.attr("baseType").is_some();
            if record != has_field {
                out.push(format!(
                    "{id}: fieldIdentifier and baseType belong on record values only"
                ));
            }
        }
    }
}

fn sample_items() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../items"));
    let mut out: Vec<_> = ["qti22", "qti30"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    out.sort();
    out
}

/// Every sample item, submitted with no responses, gives a result that
/// fits the information model in both namespaces.
#[test]
fn results_of_every_sample_item_fit_the_information_model() {
    let items = sample_items();
    assert!(items.len() >= 30, "the sample items are there");
    for path in items {
        let item = read_item(&std::fs::read(&path).unwrap()).unwrap().item;
        let mut session = ItemSession::new(Arc::new(item), 1);
        session.submit();
        for version in [ResultVersion::V2_2, ResultVersion::V3_0] {
            let xml = write_results(&result_of(&session), version);
            let problems = schema::problems(&xml, version);
            assert!(
                problems.is_empty(),
                "{} ({version:?}): {problems:#?}\n{xml}",
                path.display()
            );
        }
    }
}

/// The checker finds what it is meant to find.
#[test]
fn the_information_model_check_reports_misplaced_and_missing_parts() {
    let bad = r#"<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v2p2">
      <itemResult identifier="i" datestamp="2026-01-01T00:00:00Z">
        <candidateComment>late</candidateComment>
        <contextVariable identifier="QTI_CONTEXT" cardinality="record"/>
        <outcomeVariable identifier="R" cardinality="record"><value>1</value></outcomeVariable>
        <responseVariable identifier="X" cardinality="single"><value>1</value></responseVariable>
      </itemResult>
      <context/>
    </assessmentResult>"#;
    let problems = schema::problems(bad, ResultVersion::V2_2).join("\n");
    for expected in [
        "one context first",
        "missing sessionStatus",
        "candidateComment is not last",
        "unexpected contextVariable",
        "R: fieldIdentifier and baseType belong on record values only",
        "responseVariable Some(\"X\"): children [\"value\"]",
    ] {
        assert!(problems.contains(expected), "{expected} not in\n{problems}");
    }
}

/// A QTI 3 item with a context declaration (and a record-valued one).
const CONTEXT_ITEM: &str = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
    identifier="context-item" title="Context" adaptive="false" time-dependent="false">
  <qti-context-declaration identifier="QTI_CONTEXT" cardinality="record"/>
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body><p>Context.</p></qti-item-body>
</qti-assessment-item>"#;

/// QTI 2.2 results have no contextVariable (2.2 items have no context
/// declarations): a 2.2 document leaves it out, a 3.0 one keeps it.
#[test]
fn context_variables_are_written_in_qti30_results_only() {
    let item = read_item(CONTEXT_ITEM.as_bytes()).unwrap().item;
    let mut session = ItemSession::new(Arc::new(item), 1);
    session.submit();
    let v22 = write_results(&result_of(&session), ResultVersion::V2_2);
    let v30 = write_results(&result_of(&session), ResultVersion::V3_0);
    assert!(!v22.contains("contextVariable"), "{v22}");
    assert!(
        v30.contains(r#"<contextVariable identifier="QTI_CONTEXT" cardinality="record""#),
        "{v30}"
    );
    for (xml, version) in [(v22, ResultVersion::V2_2), (v30, ResultVersion::V3_0)] {
        let problems = schema::problems(&xml, version);
        assert!(problems.is_empty(), "{version:?}: {problems:#?}\n{xml}");
    }
}

/// A sample test's result (testResult and an itemResult per item) fits
/// the information model in both namespaces.
#[test]
fn results_of_a_sample_test_fit_the_information_model() {
    use qti_engine::test_session::{TestSession, load_test, script::parse_script};
    let items = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../items"));
    let path = "tests/linear-basics.xml";
    let bytes = std::fs::read(items.join(path)).unwrap();
    let loaded = load_test(path, &bytes, &mut |p: &str| {
        std::fs::read(items.join(p)).map_err(|e| {
            qti_engine::Error::new(qti_engine::ErrorKind::Reference {
                href: p.into(),
                message: e.to_string(),
            })
        })
    })
    .expect("the sample test loads");
    let script = serde_json::json!([
        {"op": "answer", "responses": {"RESPONSE": "PARIS"}}, {"op": "submit"}, {"op": "next"},
        {"op": "skip"}, {"op": "next"}, {"op": "skip"}, {"op": "next"}
    ]);
    let mut session = TestSession::new(&loaded, 1).unwrap();
    session.run_script(&parse_script(&script).unwrap()).unwrap();
    let result = AssessmentResult::from_test_session(&session, "2026-11-22T10:00:00.000Z");
    assert_eq!(result.item_results.len(), 3);
    for version in [ResultVersion::V2_2, ResultVersion::V3_0] {
        let xml = write_results(&result, version);
        let problems = schema::problems(&xml, version);
        assert!(problems.is_empty(), "{version:?}: {problems:#?}\n{xml}");
    }
}

/// Multiple, ordered and record values in every kind of variable.
const CONTAINERS: &str = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2"
    identifier="containers" title="Containers" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="CHOICES" cardinality="multiple" baseType="identifier">
    <correctResponse><value>A</value><value>C</value></correctResponse>
  </responseDeclaration>
  <responseDeclaration identifier="ORDER" cardinality="ordered" baseType="identifier">
    <correctResponse><value>C</value><value>B</value><value>A</value></correctResponse>
  </responseDeclaration>
  <responseDeclaration identifier="PAIRS" cardinality="multiple" baseType="directedPair"/>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="PICKED" cardinality="ordered" baseType="identifier"/>
  <outcomeDeclaration identifier="STATS" cardinality="record">
    <defaultValue>
      <value fieldIdentifier="mean" baseType="float">2.5</value>
      <value fieldIdentifier="label" baseType="string">a &amp; &lt;b&gt;</value>
      <value fieldIdentifier="count" baseType="integer">3</value>
      <value fieldIdentifier="time" baseType="duration">92.5</value>
    </defaultValue>
  </outcomeDeclaration>
  <templateDeclaration identifier="PLACE" cardinality="record">
    <defaultValue>
      <value fieldIdentifier="where" baseType="point">10 20</value>
      <value fieldIdentifier="pair" baseType="pair">A B</value>
    </defaultValue>
  </templateDeclaration>
  <templateDeclaration identifier="COUNTS" cardinality="multiple" baseType="integer">
    <defaultValue><value>1</value><value>2</value><value>2</value></defaultValue>
  </templateDeclaration>
  <itemBody><p>Containers.</p></itemBody>
  <responseProcessing>
    <setOutcomeValue identifier="PICKED"><variable identifier="ORDER"/></setOutcomeValue>
    <responseCondition>
      <responseIf>
        <match><variable identifier="CHOICES"/><correct identifier="CHOICES"/></match>
        <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>
      </responseIf>
    </responseCondition>
  </responseProcessing>
</assessmentItem>"#;

fn containers_session() -> ItemSession {
    let item = Arc::new(read_item(CONTAINERS.as_bytes()).unwrap().item);
    let mut s = ItemSession::new(item, 1);
    let ids = |v: &[&str]| v.iter().map(|s| Scalar::Identifier((*s).into())).collect();
    s.set_response("CHOICES", Value::Multiple(ids(&["A", "C"])))
        .unwrap();
    s.set_response("ORDER", Value::Ordered(ids(&["C", "B", "A"])))
        .unwrap();
    let pairs = s
        .response_from_json("PAIRS", &serde_json::json!(["A B", "C D"]))
        .unwrap();
    s.set_response("PAIRS", pairs).unwrap();
    s.submit();
    s
}

/// Record, multiple and ordered values of responses, outcomes and
/// templates read back equal to the session's, in both namespaces.
#[test]
fn record_multiple_and_ordered_values_round_trip() {
    let session = containers_session();
    assert!(matches!(session.value("STATS"), Value::Record(_)));
    assert!(matches!(session.value("PICKED"), Value::Ordered(_)));
    assert_eq!(session.value("SCORE"), &Value::float(1.0));
    for version in [ResultVersion::V2_2, ResultVersion::V3_0] {
        let xml = write_results(&result_of(&session), version);
        assert!(schema::problems(&xml, version).is_empty(), "{xml}");
        let read = read_results(xml.as_bytes()).unwrap();
        let item_result = &read.item_results[0];
        for (kind, ids) in [
            (VariableKind::Response, &["CHOICES", "ORDER", "PAIRS"][..]),
            (VariableKind::Outcome, &["SCORE", "PICKED", "STATS"]),
            (VariableKind::Template, &["PLACE", "COUNTS"]),
        ] {
            let values = values_for(item_result, kind, session.declarations()).unwrap();
            for id in ids {
                assert_eq!(
                    values.get(*id),
                    Some(session.value(id)),
                    "{version:?} {id}\n{xml}"
                );
            }
        }
    }
}

const TEMPLATED: &str = include_str!("../../items/qti22/feedback-template-arithmetic.xml");

/// Seed 1 draws A = 3, B = 9; seed 2 draws A = 8, B = 4.
fn templated_session(seed: u64, answer: i64) -> ItemSession {
    let item = Arc::new(read_item(TEMPLATED.as_bytes()).unwrap().item);
    let mut s = ItemSession::new(item, seed);
    s.set_response("RESPONSE", Value::integer(answer)).unwrap();
    s.add_duration(61.0);
    s.submit();
    s
}

/// A templated item re-scored from its result under another seed keeps
/// the template values the candidate saw, so its outcomes stay the same;
/// so do the attempts counted and the time spent.
#[test]
fn rescoring_a_result_restores_template_values_and_attempts() {
    let seed_1 = templated_session(1, 27);
    assert_eq!(seed_1.value("SCORE"), &Value::float(1.0));
    assert_eq!(templated_session(2, 27).value("SCORE"), &Value::float(0.0));
    for version in [ResultVersion::V2_2, ResultVersion::V3_0] {
        let xml = write_results(&result_of(&seed_1), version);
        let read = read_results(xml.as_bytes()).unwrap();
        let again = rescore(seed_1.item().clone(), &read.item_results[0], 2).unwrap();
        for id in [
            "A",
            "B",
            "LEVEL",
            "SCORE",
            "FEEDBACK",
            "numAttempts",
            "duration",
        ] {
            assert_eq!(again.value(id), seed_1.value(id), "{version:?} {id}");
        }
    }
}

/// A result of a second attempt re-scores as a second attempt.
#[test]
fn rescoring_counts_the_attempts_the_result_recorded() {
    let mut twice = scored_session("LYON");
    twice
        .set_response("RESPONSE", Value::identifier("PARIS"))
        .unwrap();
    twice.submit();
    assert_eq!(twice.num_attempts(), 2);
    let xml = write_results(&result_of(&twice), ResultVersion::V3_0);
    let read = read_results(xml.as_bytes()).unwrap();
    let restored = restore(twice.item().clone(), &read.item_results[0], 3).unwrap();
    assert_eq!(
        restored.num_attempts(),
        1,
        "the last attempt is yet to submit"
    );
    assert_eq!(restored.value("RESPONSE"), &Value::identifier("PARIS"));
    let again = rescore(twice.item().clone(), &read.item_results[0], 3).unwrap();
    assert_eq!(again.num_attempts(), 2);
    assert_eq!(again.value("SCORE"), &Value::float(1.0));
}

/// Template values the item does not declare, or of the wrong shape, are
/// refused rather than dropped.
#[test]
fn template_values_must_fit_the_declarations() {
    let item = Arc::new(read_item(TEMPLATED.as_bytes()).unwrap().item);
    let undeclared = [("Z".to_string(), Value::integer(1))].into();
    let err = ItemSession::with_template_values(item.clone(), 1, undeclared).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Undeclared { .. }), "{err}");
    let misshapen = [("A".to_string(), Value::identifier("x"))].into();
    assert!(ItemSession::with_template_values(item, 1, misshapen).is_err());
}

/// The correct response comes from template processing.
const TEMPLATED_KEY: &str = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2"
    identifier="templated-key" title="Key" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="integer"/>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <templateDeclaration identifier="N" cardinality="single" baseType="integer"/>
  <itemBody><p>Type <printedVariable identifier="N"/>.</p></itemBody>
  <templateProcessing>
    <setTemplateValue identifier="N"><randomInteger min="1" max="1000000"/></setTemplateValue>
    <setCorrectResponse identifier="RESPONSE"><variable identifier="N"/></setCorrectResponse>
  </templateProcessing>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>"#;

/// Template processing runs again on the restored values: a correct
/// response it sets follows them, not the new seed's draw.
#[test]
fn restored_template_values_drive_template_processing() {
    let item = Arc::new(read_item(TEMPLATED_KEY.as_bytes()).unwrap().item);
    let mut first = ItemSession::new(item.clone(), 1);
    let n = first.value("N").clone();
    first.set_response("RESPONSE", n.clone()).unwrap();
    first.submit();
    assert_eq!(first.value("SCORE"), &Value::float(1.0));
    let xml = write_results(&result_of(&first), ResultVersion::V2_2);
    let read = read_results(xml.as_bytes()).unwrap();
    let again = rescore(item.clone(), &read.item_results[0], 2).unwrap();
    assert_ne!(
        ItemSession::new(item, 2).value("N"),
        &n,
        "seed 2 draws another N"
    );
    assert_eq!(again.value("N"), &n);
    assert_eq!(again.correct_response("RESPONSE"), n);
    assert_eq!(again.value("SCORE"), &Value::float(1.0));
}
