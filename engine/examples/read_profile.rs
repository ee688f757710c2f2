//! A profiling driver for the corpus benchmark: reads (and optionally
//! scores) every corpus item our reader accepts, several times over, so a
//! profiler such as callgrind or perf sees the same work as the benchmark
//! without criterion's machinery.
//!
//! `cargo run --profile bench -p qti-engine --example read_profile -- [tokenize|tree|read|score] [passes]`

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use qti_engine::{ItemSession, read_item};

/// Every corpus item our reader accepts, as bytes.
fn corpus_items() -> Vec<Vec<u8>> {
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

/// Read, start a session, give every response its correct value, submit.
fn score(bytes: &[u8]) -> usize {
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

/// Bare quick-xml tokenization, the benchmark's ceiling.
fn tokenize(bytes: &[u8]) -> usize {
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

fn tree(bytes: &[u8]) -> usize {
    let text = qti_engine::xml::decode(bytes).expect("decodes");
    qti_engine::xml::parse(&text, Default::default()).is_ok() as usize
}

fn main() {
    let mut args = std::env::args().skip(1);
    let step = args.next().unwrap_or_else(|| "score".into());
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(10);
    let items = corpus_items();
    let work: fn(&[u8]) -> usize = match step.as_str() {
        "tokenize" => tokenize,
        "tree" => tree,
        "read" => |b| read_item(b).is_ok() as usize,
        _ => score,
    };
    let start = Instant::now();
    let mut total = 0;
    for _ in 0..passes {
        total += items.iter().map(|i| work(i)).sum::<usize>();
    }
    let per_pass = start.elapsed() / passes as u32;
    println!(
        "{step}: {} items, {per_pass:?} per pass ({total})",
        items.len()
    );
}
