//! The key-derivation worker's own WebAssembly (`assets/kdf-worker.js` loads it): the app's
//! Argon2id (vault), scrypt (Aegis), Argon2id and PBKDF2 (other apps' encrypted exports), and
//! nothing else, so the page's module carries no KDF. Each function is a thin binding over the
//! pure core's own derivation, the caps checked again; the secret is wiped once used.
#![forbid(unsafe_code)]

use authenticator::import::aegis::ScryptJob;
use authenticator::import::kdf::{Argon2Job, Pbkdf2Job};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

/// The vault's Argon2id ([`authenticator::vault::derive_kek`]): `None` when the parameters are refused.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn kdf_argon2id(mut passphrase: Vec<u8>, salt: &[u8], memory_kib: u32, iterations: u32, parallelism: u8) -> Option<Vec<u8>> {
    let kdf = authenticator::vault::KdfParams { memory_kib, iterations, parallelism };
    let kek = authenticator::vault::derive_kek(&passphrase, salt, kdf);
    passphrase.zeroize();
    kek.ok().map(|k| k.as_bytes().to_vec())
}

/// An Aegis file's scrypt, caps as checked by the importer.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn kdf_scrypt(mut password: Vec<u8>, salt: Vec<u8>, log_n: u8, r: u32, p: u32) -> Option<Vec<u8>> {
    let job = ScryptJob { salt, log_n, r, p };
    let key = job.derive(&password);
    password.zeroize();
    key.ok().map(|k| k.to_vec())
}

/// An imported file's Argon2id (Ente Auth, Proton Authenticator, Stratum), the import caps checked again.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn kdf_import_argon2id(mut password: Vec<u8>, salt: Vec<u8>, memory_kib: u32, iterations: u32, parallelism: u32) -> Option<Vec<u8>> {
    let job = Argon2Job { salt, memory_kib, iterations, parallelism };
    let key = job.derive(&password);
    password.zeroize();
    key.ok().map(|k| k.to_vec())
}

/// An imported file's PBKDF2-HMAC-SHA1 (andOTP, older Stratum), the import cap checked again.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn kdf_pbkdf2_sha1(mut password: Vec<u8>, salt: Vec<u8>, iterations: u32) -> Option<Vec<u8>> {
    let job = Pbkdf2Job { salt, iterations };
    let key = job.derive(&password);
    password.zeroize();
    key.ok().map(|k| k.to_vec())
}

/// FreeOTP 2's PBKDF2-HMAC-SHA512, the import cap checked again.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn kdf_pbkdf2_sha512(mut password: Vec<u8>, salt: Vec<u8>, iterations: u32) -> Option<Vec<u8>> {
    let job = Pbkdf2Job { salt, iterations };
    let key = job.derive_sha512(&password);
    password.zeroize();
    key.ok().map(|k| k.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// RFC 7914, section 12, first vector (P = "", S = "", N = 16, r = 1, p = 1): its first 32 bytes.
    #[test]
    fn scrypt_rfc7914() {
        let key = kdf_scrypt(Vec::new(), Vec::new(), 4, 1, 1).expect("valid parameters");
        assert_eq!(hex(&key), "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442");
    }

    /// RFC 6070 (P = "password", S = "salt", c = 2, dkLen = 20): PBKDF2's first block is the first 20 bytes.
    #[test]
    fn pbkdf2_sha1_rfc6070() {
        let key = kdf_pbkdf2_sha1(b"password".to_vec(), b"salt".to_vec(), 2).expect("valid parameters");
        assert_eq!(hex(&key[..20]), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    }
}
