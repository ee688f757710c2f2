//! The embedding bundle: only the `mount()` API (see `api.rs`), no studio.
//! Trunk loads it and exposes the exports as `window.wasmBindings`.

mod api;

fn main() {}
