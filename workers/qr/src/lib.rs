//! The QR worker's own WebAssembly (`assets/qr-worker.js` loads it): the app's pure decoder
//! ([`authenticator::qr::decode_luma`], rqrr) and nothing else, so the page's module carries no
//! QR decoder, and a picture that makes rqrr abort ends only the worker.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The texts of the QR codes found in a greyscale picture (`luma`, `width` × `height`).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn qr_decode_luma(width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    authenticator::qr::decode_luma(width, height, luma)
}
