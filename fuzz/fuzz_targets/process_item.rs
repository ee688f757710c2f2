//! Processing never panics: the input is split into an item and a JSON
//! object of responses; whatever reads is scored over two attempts.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use qti_engine::{ItemSession, json::from_json, read_item};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (xml, responses) = data.split_at(split);
    let Ok(read) = read_item(xml) else { return };
    let item = Arc::new(read.item);
    let mut session = ItemSession::new(item.clone(), 7);
    let responses: serde_json::Value =
        serde_json::from_slice(responses.get(1..).unwrap_or_default()).unwrap_or_default();
    for decl in &item.declarations {
        let value = match responses.get(&decl.identifier) {
            Some(json) => from_json(json, decl).ok(),
            None => Some(decl.correct_response()),
        };
        if let Some(value) = value {
            let _ = session.set_response(&decl.identifier, value);
        }
    }
    session.submit();
    session.submit();
    let _ = serde_json::to_string(session.state());
});
