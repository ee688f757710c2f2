//! The steps the corpus benchmark measures, shared by the criterion bench
//! (`benches/corpus.rs`) and the profiling driver
//! (`examples/read_profile.rs`) so both time exactly the same work.

use std::path::PathBuf;
use std::sync::Arc;

use qti_engine::{ItemSession, read_item};

/// Every corpus item our reader accepts, as bytes (none without the corpus).
pub fn corpus_items() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/qti-corpus"
    ));
    let Ok(manifest) = std::fs::read_to_string(dir.join("MANIFEST.tsv")) else {
        return Vec::new();
    };
    manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.get(4) == Some(&"assessmentItem")).then(|| dir.join(cols[0]))
        })
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| read_item(b).is_ok())
        .collect()
}

/// Bare quick-xml tokenization: the ceiling.
pub fn tokenize(bytes: &[u8]) -> usize {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let mut reader = quick_xml::Reader::from_str(text);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
    }
}

/// The XML tree alone (limits, namespaces, QTI 3 names).
pub fn tree(bytes: &[u8]) -> usize {
    let text = qti_engine::xml::decode(bytes).expect("decodes");
    qti_engine::xml::parse(&text, Default::default()).is_ok() as usize
}

/// Reading into the typed model.
pub fn read(bytes: &[u8]) -> usize {
    read_item(bytes).is_ok() as usize
}

/// Read, start a session, give every response its correct value, submit.
pub fn score(bytes: &[u8]) -> usize {
    let item = Arc::new(read_item(bytes).expect("readable").item);
    let mut session = ItemSession::new(item.clone(), 1);
    for decl in &item.declarations {
        if decl.response().is_some() {
            let _ = session.set_response(&decl.identifier, decl.correct_response());
        }
    }
    session.submit();
    session.outcomes().count()
}
