//! The engine's behaviour under wasm32 (run in Node by wasm-bindgen-test):
//! the same items score the same as natively.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use qti_engine::{ItemSession, Value, read_item};
use wasm_bindgen_test::wasm_bindgen_test;

const QTI22: &str = include_str!("../../items/qti22/choice-capital.xml");
const QTI30: &str = include_str!("../../items/qti30/choice-planet.xml");

fn score(xml: &str, response: &str) -> Value {
    let item = read_item(xml.as_bytes()).expect("sample reads").item;
    let mut session = ItemSession::new(Arc::new(item), 7);
    session
        .set_response("RESPONSE", Value::identifier(response))
        .expect("response fits");
    session.submit();
    session.value("SCORE").clone()
}

#[wasm_bindgen_test]
fn choice_items_score_in_wasm() {
    assert_eq!(score(QTI22, "PARIS"), Value::float(1.0));
    assert_eq!(score(QTI22, "LYON"), Value::float(0.0));
    assert_eq!(score(QTI30, "MARS"), Value::float(1.0));
}

#[wasm_bindgen_test]
fn packages_read_in_memory_in_wasm() {
    use std::io::Write;
    let manifest = r#"<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M">
      <resources><resource identifier="I" type="imsqti_item_xmlv2p2" href="item.xml"><file href="item.xml"/></resource></resources>
    </manifest>"#;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in [("imsmanifest.xml", manifest), ("item.xml", QTI22)] {
        w.start_file(name, deflated).unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    let pkg = qti_engine::package::read_zip(&bytes).expect("the package reads in wasm");
    let item = pkg.read_item(pkg.resource("I").unwrap()).unwrap().item;
    assert_eq!(
        item.identifier,
        read_item(QTI22.as_bytes()).unwrap().item.identifier
    );
}
