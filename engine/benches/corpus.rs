//! Throughput over the corpus items: bare quick-xml tokenization (our
//! ceiling), reading into the model, and reading plus scoring.
//!
//! `cargo bench -p qti-engine --bench corpus`

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::PathBuf;
    use std::sync::Arc;

    use criterion::{Criterion, Throughput, criterion_group};
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

    /// Read, start a session, give every response its correct value, submit.
    fn parse_and_score(bytes: &[u8]) -> usize {
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

    fn bench(c: &mut Criterion) {
        let items = corpus_items();
        if items.is_empty() {
            eprintln!("no corpus beside the repository; nothing to measure");
            return;
        }
        let bytes: usize = items.iter().map(Vec::len).sum();
        eprintln!("{} items, {} bytes", items.len(), bytes);
        let mut group = c.benchmark_group("corpus");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(20);
        group.bench_function("quick-xml tokenize", |b| {
            b.iter(|| items.iter().map(|i| tokenize(i)).sum::<usize>())
        });
        group.bench_function("xml tree", |b| {
            b.iter(|| {
                items
                    .iter()
                    .filter(|i| {
                        let text = qti_engine::xml::decode(i).expect("decodes");
                        qti_engine::xml::parse(&text, Default::default()).is_ok()
                    })
                    .count()
            })
        });
        group.bench_function("read", |b| {
            b.iter(|| items.iter().filter(|i| read_item(i).is_ok()).count())
        });
        group.bench_function("read + score", |b| {
            b.iter(|| items.iter().map(|i| parse_and_score(i)).sum::<usize>())
        });
        group.finish();
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}
