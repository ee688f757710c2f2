//! Native and WebAssembly builds of the engine score identically: this test
//! runs every EXPECTED.tsv case of the corpus under wasm32 (in Node, which
//! reads the corpus files for it) and compares each result with the one the
//! native corpus test wrote to target/parity/native.json.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use qti_tests::{CORPUS_DIR, case_fingerprints, parse_tsv};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "fs")]
extern "C" {
    #[wasm_bindgen(catch, js_name = readFileSync)]
    fn read_file_sync(path: &str) -> Result<js_sys::Uint8Array, JsValue>;
}

fn read(path: &str) -> Option<Vec<u8>> {
    read_file_sync(path).ok().map(|a| a.to_vec())
}

#[wasm_bindgen_test]
fn corpus_cases_score_the_same_natively_and_in_wasm() {
    let native_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/parity/native.json");
    let native = read(native_path).expect(
        "target/parity/native.json is missing: run `cargo test -p qti-tests --test corpus` first",
    );
    let native: BTreeMap<String, String> =
        serde_json::from_slice(&native).expect("native fingerprints");
    let Some(tsv) = read(&format!("{CORPUS_DIR}/EXPECTED.tsv")) else {
        return; // no corpus beside the repository
    };
    let rows = parse_tsv(&String::from_utf8(tsv).expect("UTF-8"));
    let wasm = case_fingerprints(&rows, |p| read(&format!("{CORPUS_DIR}/{p}")));
    assert_eq!(wasm.len(), native.len(), "both builds ran every case");
    let differing: Vec<_> = wasm
        .iter()
        .filter(|(k, v)| native.get(*k) != Some(v))
        .map(|(k, v)| format!("{k}: wasm {v} / native {:?}", native.get(k)))
        .collect();
    assert!(
        differing.is_empty(),
        "{} cases differ:\n{}",
        differing.len(),
        differing.join("\n")
    );
}
