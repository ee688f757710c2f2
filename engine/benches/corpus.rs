//! Throughput over the corpus items: bare quick-xml tokenization (our
//! ceiling), reading into the model, and reading plus scoring.
//!
//! `cargo bench -p qti-engine --bench corpus`

#[cfg(not(target_arch = "wasm32"))]
#[path = "shared/steps.rs"]
mod steps;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, Throughput, criterion_group};

    use super::steps::{corpus_items, read, score, tokenize, tree};

    /// One measured step over an item's bytes.
    type Step = fn(&[u8]) -> usize;

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
        let steps: [(&str, Step); 4] = [
            ("quick-xml tokenize", tokenize),
            ("xml tree", tree),
            ("read", read),
            ("read + score", score),
        ];
        for (name, step) in steps {
            group.bench_function(name, |b| {
                b.iter(|| items.iter().map(|i| step(i)).sum::<usize>())
            });
        }
        group.finish();
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}
