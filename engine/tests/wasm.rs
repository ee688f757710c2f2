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
