//! Hostile input is refused with a clear error: never a panic, a hang or
//! unbounded memory.

use qti_engine::{ErrorKind, read_item};

fn error_kind(bytes: &[u8]) -> ErrorKind {
    read_item(bytes)
        .expect_err("hostile input must be refused")
        .kind
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title="&lol3;"/>"#;
    assert_eq!(error_kind(xml.as_bytes()), ErrorKind::Dtd);
}

#[test]
fn an_external_doctype_alone_is_harmless_and_ignored() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE assessmentItem SYSTEM "http://example.com/never-fetched.dtd">
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title="t" adaptive="false" timeDependent="false"/>"#;
    assert!(read_item(xml.as_bytes()).is_ok());
}

#[test]
fn deep_nesting_is_refused() {
    let mut xml = String::from(
        r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title="t"><itemBody>"#,
    );
    for _ in 0..10_000 {
        xml.push_str("<div>");
    }
    let err = read_item(xml.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Limit(_)), "{err}");
    assert!(err.to_string().contains("deeper than"), "{err}");
    assert!(err.position.is_some());
}

#[test]
fn a_100_mb_attribute_is_refused_before_parsing() {
    let mut xml = String::from(
        r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title=""#,
    );
    xml.push_str(&"a".repeat(100 * 1024 * 1024));
    xml.push_str(r#""/>"#);
    assert!(matches!(error_kind(xml.as_bytes()), ErrorKind::Limit(_)));
}

#[test]
fn an_oversized_attribute_within_the_document_limit_is_refused() {
    let mut xml = String::from(
        r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title=""#,
    );
    xml.push_str(&"a".repeat(2 * 1024 * 1024));
    xml.push_str(r#""/>"#);
    let err = read_item(xml.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("attribute value"), "{err}");
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let mut bytes = b"<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p2\"\n identifier=\"x\" title=\"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x80]);
    bytes.extend_from_slice(b"\"/>");
    let err = read_item(&bytes).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Encoding(_)), "{err}");
    assert_eq!(err.position.map(|p| p.line), Some(2));
}

#[test]
fn unknown_entities_are_named_in_the_error() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title="t"><itemBody><p>&bogus;</p></itemBody></assessmentItem>"#;
    assert_eq!(
        error_kind(xml.as_bytes()),
        ErrorKind::UnknownEntity("bogus".into())
    );
}

#[test]
fn common_named_entities_are_known_without_a_dtd() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="x" title="a&nbsp;b&times;c" adaptive="false" timeDependent="false"/>"#;
    let item = read_item(xml.as_bytes()).unwrap().item;
    assert_eq!(item.title, "a\u{a0}b\u{d7}c");
}

#[test]
fn not_well_formed_xml_reports_line_and_column() {
    let xml = "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p2\" identifier=\"x\">\n  <itemBody>\n</assessmentItem>";
    let err = read_item(xml.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Syntax(_)), "{err}");
    assert_eq!(err.position.map(|p| p.line), Some(3));
}

#[test]
fn a_foreign_root_namespace_is_a_diagnostic_not_a_crash() {
    let xml = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>"#;
    assert!(matches!(
        error_kind(xml.as_bytes()),
        ErrorKind::Namespace(_)
    ));
    let xml =
        r#"<assessmentItem identifier="x" title="t" adaptive="false" timeDependent="false"/>"#;
    let read = read_item(xml.as_bytes()).unwrap();
    assert!(read.warnings[0].message.contains("no QTI namespace"));
}

#[test]
fn xinclude_among_rules_is_refused_as_unresolved_not_as_an_unknown_rule() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" xmlns:xi="http://www.w3.org/2001/XInclude" identifier="x" title="t" adaptive="false" timeDependent="false">
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <responseProcessing>
    <xi:include href="rules.xml"/>
  </responseProcessing>
</assessmentItem>"#;
    let err = read_item(xml.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Refused(_)), "{err}");
    assert!(err.to_string().contains("xi:include"), "{err}");
    assert_eq!(err.position.map(|p| p.line), Some(4));
}
