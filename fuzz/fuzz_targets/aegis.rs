#![no_main]
//! Aegis vault files, plain and encrypted (the password is fixed; the file is arbitrary).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authenticator::import::aegis::import(text, Some("test"));
    }
});
