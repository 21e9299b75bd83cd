#![no_main]
//! Lists of otpauth:// links (Ente Auth's export) and single links.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authenticator::import::text::uri_list(text);
        let _ = authenticator::uri::parse(text);
    }
});
