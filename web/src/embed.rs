//! The embedding bundle: only the `mount()` and `mountTest()` APIs (see
//! `api.rs`, `test_api.rs`), no studio.
//! Trunk loads it and exposes the exports as `window.wasmBindings`.

mod allocator;
mod api;
#[cfg(feature = "test-delivery")]
mod test_api;
mod warm_up;

fn main() {
    warm_up::when_idle();
}
