//! A profiling driver for the corpus benchmark: reads (and optionally
//! scores) every corpus item our reader accepts, several times over, so a
//! profiler such as callgrind or perf sees the same work as the benchmark
//! without criterion's machinery.
//!
//! `cargo run --profile bench -p qti-engine --example read_profile -- [tokenize|tree|read|score] [passes]`

use std::time::Instant;

#[path = "../benches/shared/steps.rs"]
mod steps;

use steps::{corpus_items, read, score, tokenize, tree};

fn main() {
    let mut args = std::env::args().skip(1);
    let step = args.next().unwrap_or_else(|| "score".into());
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(10);
    let items = corpus_items();
    let work: fn(&[u8]) -> usize = match step.as_str() {
        "tokenize" => tokenize,
        "tree" => tree,
        "read" => read,
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
