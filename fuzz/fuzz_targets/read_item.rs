//! Reading arbitrary bytes as an item never panics; it reads or errs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = qti_engine::read_item(data);
});
