#![no_main]
//! The whole import entry point: format detection then the matching decoder.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = authenticator::import::import(data, Some("test"));
});
