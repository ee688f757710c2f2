//! QTI Results Reporting documents written by other projects
//! (`../shared/qti-corpus`): every assessmentResult of MANIFEST.tsv reads,
//! and the Citolab result/item pairs, re-scored by our engine from the
//! responses (and human scores) the result document holds, give the
//! outcomes EXPECTED.tsv records for them. (Some source tests change
//! responses after loading the document; those cases cannot match from the
//! document alone, which is why this is a ratchet, not "all".)

use std::path::PathBuf;
use std::sync::Arc;

use qti_engine::results::{external_scores_for, read_results, responses_for};
use qti_engine::{ItemSession, read_item};
use qti_tests::{CORPUS_DIR, parse_tsv, same};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(CORPUS_DIR);
    dir.join("MANIFEST.tsv").exists().then_some(dir)
}

#[test]
fn corpus_result_documents_read() {
    let Some(dir) = corpus() else { return };
    let manifest = parse_tsv(&std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap());
    let (mut read, mut refused, mut failed) = (0, 0, Vec::new());
    for row in manifest
        .iter()
        .filter(|r| r["root_element"] == "assessmentResult")
    {
        let bytes = std::fs::read(dir.join(&row["path"])).unwrap();
        // Marked invalid because a source test expects its reader to throw
        // (as opposed to a name that merely says "invalid").
        let must_refuse = row["intentionally_invalid"].starts_with("yes: source test");
        let may_refuse = row["intentionally_invalid"] != "no";
        match (read_results(&bytes), must_refuse, may_refuse) {
            (Ok(_), false, _) => read += 1,
            (Err(_), _, true) => refused += 1,
            (Ok(_), true, _) => {
                failed.push(format!("{}: read, though marked invalid", row["path"]))
            }
            (Err(e), _, false) => failed.push(format!("{}: {e}", row["path"])),
        }
    }
    println!("assessmentResult documents: {read} read, {refused} marked invalid and refused");
    assert!(read >= 40, "the corpus has result documents");
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn result_documents_rescore_to_their_recorded_outcomes() {
    let Some(dir) = corpus() else { return };
    let rows = parse_tsv(&std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap());
    let marker = "initial responses read from the result document ";
    let (mut pass, mut fail) = (0, Vec::new());
    for row in &rows {
        let Some(at) = row["notes"].find(marker) else {
            continue;
        };
        let result_path = row["notes"][at + marker.len()..]
            .split(|c: char| c == ';' || c.is_whitespace())
            .next()
            .unwrap()
            .trim_end_matches('.');
        let Ok(item) = read_item(&std::fs::read(dir.join(&row["item_path"])).unwrap()) else {
            continue; // items we refuse are counted by the corpus test
        };
        let result = read_results(&std::fs::read(dir.join(result_path)).unwrap())
            .unwrap_or_else(|e| panic!("{result_path}: {e}"));
        let mut session = ItemSession::new(Arc::new(item.item), 0);
        let id = session.item().identifier.clone();
        // Citolab matches item results loosely (ITM-equal for ITM_equal).
        let norm = |s: &str| s.replace(['-', '_'], "").to_lowercase();
        let Some(item_result) = result
            .item_results
            .iter()
            .find(|r| norm(&r.identifier) == norm(&id))
            .or(result.item_results.first())
        else {
            fail.push(format!("{}: no itemResult", row["case_id"]));
            continue;
        };
        let bound = responses_for(item_result, session.declarations())
            .and_then(|r| Ok((r, external_scores_for(item_result, session.declarations())?)));
        let (responses, external) = match bound {
            Ok(b) => b,
            Err(e) => {
                fail.push(format!("{}: {e}", row["case_id"]));
                continue;
            }
        };
        for (k, v) in responses {
            let _ = session.set_response(&k, v);
        }
        for (k, v) in external {
            let _ = session.set_external_score(&k, v);
        }
        session.submit();
        let expected: serde_json::Value = serde_json::from_str(&row["expected_json"]).unwrap();
        let diffs: Vec<String> = expected
            .as_object()
            .unwrap()
            .iter()
            .filter_map(|(k, want)| {
                let got = qti_engine::json::to_json(session.value(k));
                (!same(&got, want)).then(|| format!("{k}: got {got}, want {want}"))
            })
            .collect();
        if diffs.is_empty() {
            pass += 1;
        } else {
            fail.push(format!("{}: {}", row["case_id"], diffs.join("; ")));
        }
    }
    println!(
        "result documents re-scored: {pass} match their recorded outcomes, {} do not",
        fail.len()
    );
    for f in &fail {
        println!("  {f}");
    }
    assert!(
        pass >= RESCORED_AT_LEAST,
        "only {pass} re-scored results match; {RESCORED_AT_LEAST} did before"
    );
}

/// Ratchet: raise it as more pass.
const RESCORED_AT_LEAST: usize = 33;
