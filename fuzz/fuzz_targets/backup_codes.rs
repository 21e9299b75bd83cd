#![no_main]
//! The backup-code finder on arbitrary pasted text.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authenticator::backup_codes::extract(text);
    }
});
