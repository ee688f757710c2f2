//! The embedding bundle: only the `mount()` and `mountTest()` APIs (see
//! `api.rs`, `test_api.rs`), no studio.
//! Trunk loads it and exposes the exports as `window.wasmBindings`.

mod api;
mod test_api;

fn main() {}
