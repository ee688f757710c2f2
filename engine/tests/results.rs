//! QTI Results Reporting: a session's assessmentResult, written in the 2.2
//! and 3.0 namespaces, reads back and re-scores to the same outcomes.

use std::sync::Arc;

use qti_engine::results::{
    AssessmentResult, ItemResult, ResultContext, ResultVersion, SessionIdentifier, read_results,
    responses_for, write_results,
};
use qti_engine::{ItemSession, Value, read_item};

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
