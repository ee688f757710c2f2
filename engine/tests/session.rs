//! The item session lifecycle (ASI "Item Session" and QTI-PITFALLS 12).

use std::sync::Arc;

use qti_engine::session::{SessionStatus, completion};
use qti_engine::{ItemSession, SessionState, Value, read_item};

fn item(xml: &str) -> Arc<qti_engine::AssessmentItem> {
    Arc::new(read_item(xml.as_bytes()).expect("test item reads").item)
}

/// An item whose processing adds 1 to COUNT on each attempt: whether COUNT
/// survives between attempts shows whether outcomes were reset.
fn counting_item(adaptive: bool) -> String {
    format!(
        r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="count" title="t"
            adaptive="{adaptive}" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
  <outcomeDeclaration identifier="COUNT" cardinality="single" baseType="integer"/>
  <responseProcessing>
    <setOutcomeValue identifier="COUNT">
      <sum><variable identifier="COUNT"/><baseValue baseType="integer">1</baseValue></sum>
    </setOutcomeValue>
    <responseCondition>
      <responseIf>
        <match><variable identifier="RESPONSE"/><baseValue baseType="identifier">DONE</baseValue></match>
        <setOutcomeValue identifier="completionStatus"><baseValue baseType="identifier">completed</baseValue></setOutcomeValue>
      </responseIf>
    </responseCondition>
  </responseProcessing>
</assessmentItem>"#
    )
}

#[test]
fn non_adaptive_items_reset_outcomes_before_each_attempt_and_complete_after_one() {
    let mut s = ItemSession::new(item(&counting_item(false)), 1);
    assert_eq!(
        s.value("completionStatus"),
        &Value::identifier(completion::NOT_ATTEMPTED)
    );
    assert_eq!(
        s.value("COUNT"),
        &Value::integer(0),
        "numeric outcomes start at 0"
    );
    s.set_response("RESPONSE", Value::identifier("A")).unwrap();
    assert_eq!(
        s.value("completionStatus"),
        &Value::identifier(completion::UNKNOWN)
    );
    s.submit();
    s.submit();
    assert_eq!(s.value("COUNT"), &Value::integer(1));
    assert_eq!(s.value("numAttempts"), &Value::integer(2));
    assert!(s.is_completed());
    assert_eq!(s.state().status, SessionStatus::Final);
}

#[test]
fn adaptive_items_keep_outcomes_and_complete_only_when_processing_says_so() {
    let mut s = ItemSession::new(item(&counting_item(true)), 1);
    s.set_response("RESPONSE", Value::identifier("A")).unwrap();
    s.submit();
    s.submit();
    assert_eq!(s.value("COUNT"), &Value::integer(2));
    assert!(!s.is_completed());
    assert_eq!(s.state().status, SessionStatus::PendingSubmission);
    s.set_response("RESPONSE", Value::identifier("DONE"))
        .unwrap();
    s.submit();
    assert!(s.is_completed());
    assert_eq!(s.state().status, SessionStatus::Final);
}

#[test]
fn responses_that_do_not_fit_their_declaration_are_refused() {
    let mut s = ItemSession::new(item(&counting_item(false)), 1);
    let err = s
        .set_response(
            "RESPONSE",
            Value::Multiple(vec![qti_engine::Scalar::Identifier("A".into())]),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("expects single identifier"),
        "{err}"
    );
    assert!(s.set_response("NOPE", Value::identifier("A")).is_err());
    assert!(
        s.set_response("COUNT", Value::integer(3)).is_err(),
        "outcomes are not responses"
    );
}

#[test]
fn state_serializes_to_json_and_restores_with_nothing_lost() {
    let it = item(&counting_item(true));
    let mut s = ItemSession::new(it.clone(), 99);
    s.set_response("RESPONSE", Value::identifier("A")).unwrap();
    s.submit();
    s.add_duration(12.5);
    let json = serde_json::to_string(s.state()).unwrap();
    let state: SessionState = serde_json::from_str(&json).unwrap();
    assert_eq!(&state, s.state());
    let mut restored = ItemSession::restore(it.clone(), state).unwrap();
    restored.submit();
    s.submit();
    assert_eq!(restored.state(), s.state());
    let other = item(&counting_item(true).replace("identifier=\"count\"", "identifier=\"other\""));
    assert!(ItemSession::restore(other, s.state().clone()).is_err());
}

/// A portable custom interaction's own state (IMS PCI `getState()`) is
/// kept with the session and survives serialization; an older saved
/// session without any reads as none.
#[test]
fn pci_states_are_kept_with_the_session() {
    let it = item(&counting_item(true));
    let mut s = ItemSession::new(it.clone(), 1);
    assert_eq!(s.interaction_state("RESPONSE"), None);
    s.set_interaction_state("RESPONSE", r#"{"zoom":2,"marks":[3,4]}"#.into())
        .unwrap();
    assert!(s.set_interaction_state("NOPE", "x".into()).is_err());
    let json = serde_json::to_string(s.state()).unwrap();
    let restored = ItemSession::restore(it.clone(), serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(
        restored.interaction_state("RESPONSE"),
        Some(r#"{"zoom":2,"marks":[3,4]}"#)
    );
    let fresh = serde_json::to_string(ItemSession::new(it, 1).state()).unwrap();
    assert!(!fresh.contains("interaction_states"), "left out when empty");
}

#[test]
fn the_resolved_shuffle_order_is_stored_and_survives_a_restore() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="shuf" title="t"
        adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <simpleChoice identifier="A" fixed="true">a</simpleChoice>
      <simpleChoice identifier="B">b</simpleChoice>
      <simpleChoice identifier="C">c</simpleChoice>
      <simpleChoice identifier="D">d</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>"#;
    let it = item(xml);
    let s = ItemSession::new(it.clone(), 5);
    let order = s.state().shuffles["RESPONSE"][0].clone();
    assert_eq!(order[0], "A", "fixed choice stays first");
    assert_eq!(order.len(), 4);
    let json = serde_json::to_string(s.state()).unwrap();
    let restored = ItemSession::restore(it, serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(restored.state().shuffles["RESPONSE"][0], order);
}
