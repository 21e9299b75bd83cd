#![no_main]
//! Google Authenticator migration links: any text after the prefix.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authenticator::import::migration::decode(&format!("otpauth-migration://offline?data={text}"));
        let _ = authenticator::import::migration::decode(text);
    }
});
