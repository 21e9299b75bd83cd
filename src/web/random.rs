//! Randomness from WebCrypto (`crypto.getRandomValues`).

use crate::vault::Random;

/// The browser's cryptographically secure random source.
#[derive(Clone, Copy, Debug, Default)]
pub struct WebRandom;

impl Random for WebRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        // getRandomValues takes at most 65,536 bytes per call.
        let crypto = web_sys::window().and_then(|w| w.crypto().ok());
        for chunk in buf.chunks_mut(65_536) {
            let ok = crypto.as_ref().is_some_and(|c| c.get_random_values_with_u8_array(chunk).is_ok());
            // Without randomness no key or nonce can be made safely: stop rather than continue weakly.
            assert!(ok, "WebCrypto randomness unavailable");
        }
    }
}
