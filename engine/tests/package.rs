//! IMS content packages: reading, and refusing hostile zips.

use std::io::Write;

use qti_engine::ErrorKind;
use qti_engine::package::{ResourceKind, read_zip};
use zip::write::SimpleFileOptions;

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM"
  xmlns:csm="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscsmd_v1p1" identifier="PKG">
  <metadata><imsmd:lom><imsmd:general><imsmd:title><imsmd:string>Sample package</imsmd:string></imsmd:title></imsmd:general></imsmd:lom></metadata>
  <resources>
    <resource identifier="T1" type="imsqti_test_xmlv3p0" href="tests/test.xml">
      <file href="tests/test.xml"/><dependency identifierref="I1"/>
    </resource>
    <resource identifier="I1" type="imsqti_item_xmlv3p0" href="items/item.xml">
      <metadata>
        <imsmd:lom><imsmd:general><imsmd:title><imsmd:string>First item</imsmd:string></imsmd:title></imsmd:general></imsmd:lom>
        <csm:curriculumStandardsMetadataSet><csm:curriculumStandardsMetadata><csm:setOfGUIDs><csm:labelledGUID>
          <csm:label>Order rational numbers</csm:label>
          <csm:caseItemURI>https://case.example/CFItems/6abf</csm:caseItemURI><csm:GUID>6abf</csm:GUID>
        </csm:labelledGUID></csm:setOfGUIDs></csm:curriculumStandardsMetadata></csm:curriculumStandardsMetadataSet>
      </metadata>
      <file href="items/item.xml"/>
    </resource>
  </resources>
</manifest>"#;

const ITEM: &str = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="item" title="Item" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>A</qti-value></qti-correct-response></qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>"#;

const TEST: &str = r#"<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="test" title="Test">
  <qti-test-part identifier="P" navigation-mode="linear" submission-mode="individual">
    <qti-assessment-section identifier="S" title="S" visible="true">
      <qti-assessment-item-ref identifier="Q1" href="../items/item.xml"/>
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>"#;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn good() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("imsmanifest.xml", MANIFEST.as_bytes()),
        ("tests/test.xml", TEST.as_bytes()),
        ("items/item.xml", ITEM.as_bytes()),
    ]
}

#[test]
fn a_package_lists_its_resources_titles_and_alignments_and_loads_them() {
    let pkg = read_zip(&zip_of(&good())).expect("reads");
    assert_eq!(pkg.manifest.title.as_deref(), Some("Sample package"));
    let kinds: Vec<_> = pkg.manifest.resources.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ResourceKind::Test, ResourceKind::Item]);
    let item = pkg.resource("I1").unwrap();
    assert_eq!(item.title.as_deref(), Some("First item"));
    assert_eq!(
        item.alignments[0].label.as_deref(),
        Some("Order rational numbers")
    );
    assert_eq!(item.alignments[0].guid.as_deref(), Some("6abf"));
    assert_eq!(pkg.read_item(item).unwrap().item.identifier, "item");
    let test = pkg.load_test(pkg.resource("T1").unwrap()).unwrap();
    assert_eq!(test.items["Q1"].identifier, "item");
}

/// CASE alignments travel from the manifest to the item, whether it is
/// opened alone or through a test, and on to its Caliper AssessmentItem
/// (`learningObjectives`) and its result.
#[test]
fn alignments_reach_the_item_caliper_and_results() {
    use qti_engine::caliper::{Agent, AssessmentSensorState, RngIds, SensorContext};
    use qti_engine::results::{ItemResult, format_datestamp};
    let pkg = read_zip(&zip_of(&good())).unwrap();
    let item = pkg.read_item(pkg.resource("I1").unwrap()).unwrap().item;
    assert_eq!(item.alignments.len(), 1);
    assert_eq!(
        item.alignments[0].iri().as_deref(),
        Some("https://case.example/CFItems/6abf")
    );
    let test = pkg.load_test(pkg.resource("T1").unwrap()).unwrap();
    assert_eq!(test.items["Q1"].alignments, item.alignments);

    let ctx = SensorContext::new(
        Agent::person("https://example.edu/users/554433"),
        Agent::software_application("https://example.edu/player", None, None),
        qti_engine::caliper::Resource::assessment("https://example.edu/tests/1", None),
    );
    let sensor = AssessmentSensorState::new(ctx, RngIds::new(1));
    let entity = serde_json::to_value(sensor.item_from_qti(&item)).unwrap();
    assert_eq!(
        entity["learningObjectives"],
        serde_json::json!([{
            "id": "https://case.example/CFItems/6abf",
            "type": "LearningObjective",
            "name": "Order rational numbers"
        }])
    );
    let mut document = entity.clone();
    document["@context"] = "http://purl.imsglobal.org/ctx/caliper/v1p2".into();
    qti_engine::caliper::validate::validate_entity(&document).expect("a valid entity");

    let session = qti_engine::ItemSession::new(std::sync::Arc::new(item), 1);
    let result = ItemResult::from_session(&session, &format_datestamp(0), Some(1));
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["alignments"][0]["guid"], "6abf");
}

/// QTI 2.2 packages use the `imscsmd_v1p0` namespace and their own
/// resource types; the alignments read the same way.
#[test]
fn a_qti22_manifest_carries_alignments_too() {
    let manifest = r#"<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
      xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM"
      xmlns:csm="http://www.imsglobal.org/xsd/imscsmd_v1p0" identifier="P22">
      <resources>
        <resource identifier="I22" type="imsqti_item_xmlv2p2" href="choice.xml">
          <metadata><csm:curriculumStandardsMetadataSet><csm:curriculumStandardsMetadata>
            <csm:setOfGUIDs><csm:labelledGUID><csm:label>RL.3.1</csm:label>
              <csm:GUID>9B3A1C2D-0000-4000-8000-00000000ABCD</csm:GUID></csm:labelledGUID></csm:setOfGUIDs>
          </csm:curriculumStandardsMetadata></csm:curriculumStandardsMetadataSet></metadata>
          <file href="choice.xml"/>
        </resource>
      </resources>
    </manifest>"#;
    let item = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="c22" title="C" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
    </assessmentItem>"#;
    let pkg = read_zip(&zip_of(&[
        ("imsmanifest.xml", manifest.as_bytes()),
        ("choice.xml", item.as_bytes()),
    ]))
    .unwrap();
    let item = pkg.read_item(pkg.resource("I22").unwrap()).unwrap().item;
    assert_eq!(item.alignments[0].label.as_deref(), Some("RL.3.1"));
    // Without a CASE URI the GUID (a UUID) names the standard.
    assert_eq!(
        item.alignments[0].iri().as_deref(),
        Some("urn:uuid:9b3a1c2d-0000-4000-8000-00000000abcd")
    );
}

#[test]
fn a_package_zipped_inside_its_folder_reads_too() {
    let entries: Vec<(String, &[u8])> = good()
        .into_iter()
        .map(|(n, d)| (format!("pkg/{n}"), d))
        .collect();
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    assert!(read_zip(&zip_of(&refs)).is_ok());
}

#[test]
fn zip_slip_and_absolute_paths_are_refused() {
    for evil in ["../evil.xml", "items/../../evil.xml", "/etc/passwd"] {
        let mut entries = good();
        entries.push((evil, b"x"));
        let e = read_zip(&zip_of(&entries)).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Reference { .. }), "{evil}: {e}");
    }
}

#[test]
fn zip_bombs_are_refused() {
    let zeros = vec![0u8; 20 << 20];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in good() {
        w.start_file(name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("media/zeros.bin", deflated).unwrap();
    w.write_all(&zeros).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert!(
        bytes.len() < 1 << 20,
        "20 MB of zeros compress to {} bytes",
        bytes.len()
    );
    let e = read_zip(&bytes).unwrap_err();
    assert!(e.to_string().contains("zip bomb"), "{e}");
}

#[test]
fn missing_files_and_non_packages_are_clear_errors() {
    let entries: Vec<_> = good()
        .into_iter()
        .filter(|(n, _)| *n != "items/item.xml")
        .collect();
    let e = read_zip(&zip_of(&entries)).unwrap_err();
    assert!(e.to_string().contains("items/item.xml"), "{e}");
    let e = read_zip(&zip_of(&[("item.xml", ITEM.as_bytes())])).unwrap_err();
    assert!(e.to_string().contains("imsmanifest.xml"), "{e}");
    let e = read_zip(b"not a zip at all").unwrap_err();
    assert!(e.to_string().contains("zip"), "{e}");
}
