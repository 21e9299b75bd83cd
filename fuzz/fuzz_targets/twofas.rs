#![no_main]
//! 2FAS backups, plain and encrypted.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authenticator::import::twofas::import(text, Some("test"));
    }
});
