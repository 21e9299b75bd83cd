#![no_main]
//! Bitwarden and andOTP JSON.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authenticator::import::json_formats::bitwarden(text);
        let _ = authenticator::import::json_formats::andotp(text);
    }
});
