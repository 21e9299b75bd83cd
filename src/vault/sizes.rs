//! Lengths of the sealed key material every kind of key slot holds (passphrase and passkey).

/// AES-GCM nonce length.
pub const NONCE_LEN: usize = 12;
/// A wrapped 256-bit key: 32 bytes of ciphertext and a 16-byte tag.
pub const WRAPPED_LEN: usize = 48;
