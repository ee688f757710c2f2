//! The global allocator of the browser builds. Talc instead of the default
//! dlmalloc: a smaller module, and fewer instructions per allocation, which
//! matters most on a fresh page, where V8 runs our code unoptimized at first
//! (BENCHMARKS.md, "allocator"). Single-threaded wasm only.

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
