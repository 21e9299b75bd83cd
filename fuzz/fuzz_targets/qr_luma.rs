#![no_main]
//! The QR reader on arbitrary greyscale pictures (first byte: width).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((&w, pixels)) = data.split_first() {
        let width = usize::from(w.max(1));
        let height = pixels.len() / width;
        let _ = authenticator::qr::decode_luma(width, height, pixels);
    }
});
