//! QTI 3 shared stimuli: `qti-assessment-stimulus-ref` in items, the
//! stimulus documents, and their loading with a test.

use qti_engine::read::stimulus::read_stimulus;
use qti_engine::test_session::load_test;
use qti_engine::{Error, ErrorKind};

const STIMULUS: &str = r#"<qti-assessment-stimulus xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
    identifier="S1" title="A passage" xml:lang="en">
  <qti-stylesheet href="passage.css" type="text/css"/>
  <qti-stimulus-body><p>Once upon a time <img src="images/door.png" alt="A door"/></p></qti-stimulus-body>
</qti-assessment-stimulus>"#;

const ITEM: &str = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="I" title="I" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>
  <qti-assessment-stimulus-ref identifier="S1" href="../passages/passage.xml" title="A passage"/>
  <qti-item-body><p>Question</p></qti-item-body>
</qti-assessment-item>"#;

const TEST: &str = r#"<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="T" title="T">
  <qti-test-part identifier="P" navigation-mode="linear" submission-mode="individual">
    <qti-assessment-section identifier="S" title="S" visible="true">
      <qti-assessment-item-ref identifier="Q1" href="items/item.xml"/>
      <qti-assessment-item-ref identifier="Q2" href="items/missing-stimulus.xml"/>
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>"#;

#[test]
fn a_stimulus_reads_with_its_body_and_stylesheets() {
    let s = read_stimulus(STIMULUS.as_bytes()).unwrap();
    assert_eq!(
        (s.identifier.as_str(), s.title.as_str()),
        ("S1", "A passage")
    );
    assert_eq!(s.stylesheets[0].href, "passage.css");
    assert!(!s.body.is_empty());
    let e = read_stimulus(ITEM.as_bytes()).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::RootElement { .. }));
}

#[test]
fn a_test_loads_each_items_stimuli_relative_to_the_item() {
    let mut resolve = |p: &str| -> Result<Vec<u8>, Error> {
        match p {
            "items/item.xml" => Ok(ITEM.as_bytes().to_vec()),
            "items/missing-stimulus.xml" => {
                Ok(ITEM.replace("passage.xml", "gone.xml").into_bytes())
            }
            "passages/passage.xml" => Ok(STIMULUS.as_bytes().to_vec()),
            other => Err(Error::new(ErrorKind::Reference {
                href: other.into(),
                message: "absent".into(),
            })),
        }
    };
    let loaded = load_test("test.xml", TEST.as_bytes(), &mut resolve).unwrap();
    let q1 = &loaded.stimuli["Q1"];
    assert_eq!(q1.len(), 1);
    assert_eq!(q1[0].path, "passages/passage.xml");
    assert_eq!(q1[0].stimulus.title, "A passage");
    // A stimulus that cannot be read leaves the item usable, with a warning.
    assert!(loaded.stimuli["Q2"].is_empty());
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("gone.xml")),
        "{:?}",
        loaded.warnings
    );
}
