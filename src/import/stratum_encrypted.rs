//! Stratum's (formerly Authenticator Pro) encrypted backup (`.authpro`), binary:
//!
//! * Current: `AUTHENTICATORPRO`, 16-byte salt, 12-byte nonce, then AES-256-GCM ciphertext and
//!   tag; the key is Argon2id v1.3 of the password (64 MiB, 3 passes, 4 lanes, 32 bytes: fixed
//!   in the app, not written in the file).
//! * Legacy: `AuthenticatorPro`, 20-byte salt, 16-byte IV, then AES-256-CBC with PKCS#7
//!   padding; the key is PBKDF2-HMAC-SHA1 of the password (64,000 rounds, 32 bytes).
//!
//! Inside is Stratum's plain JSON: `{"Authenticators": [{"Type", "Issuer", "Username",
//! "Secret", "Algorithm", "Digits", "Period", "Counter", …}], …}`, read here with a private shape
//! (Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex; Algorithm 0 SHA-1, 1 SHA-256, 2 SHA-512).

use super::kdf::{aes_cbc_open, aes_gcm_open, key_for, Argon2Job, KdfJob, Pbkdf2Job};
use super::{Format, ImportError, Skipped};
use crate::account::Account;
use zeroize::Zeroizing;

const HEADER: &[u8] = b"AUTHENTICATORPRO";
const HEADER_LEGACY: &[u8] = b"AuthenticatorPro";
/// Stratum's Argon2id: 64 MiB, 3 passes, 4 lanes.
const ARGON2: (u64, u64, u64) = (64 * 1024, 3, 4);
/// Stratum's older PBKDF2 rounds.
pub const LEGACY_ROUNDS: u64 = 64_000;

/// Stratum's encrypted backup, by its header.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    (bytes.starts_with(HEADER) || bytes.starts_with(HEADER_LEGACY)).then_some(Format::StratumEncrypted)
}

/// Salt, nonce or IV, and the sealed data, with the derivation they need.
fn parse(bytes: &[u8]) -> Result<(KdfJob, &[u8], &[u8]), ImportError> {
    let damaged = ImportError::Malformed("Stratum backup");
    if let Some(rest) = bytes.strip_prefix(HEADER) {
        if rest.len() < 16 + 12 + 16 {
            return Err(damaged);
        }
        let (salt, rest) = rest.split_at(16);
        let (nonce, sealed) = rest.split_at(12);
        let job = Argon2Job::checked(salt.to_vec(), ARGON2.0, ARGON2.1, ARGON2.2)?;
        return Ok((KdfJob::Argon2id(job), nonce, sealed));
    }
    let rest = bytes.strip_prefix(HEADER_LEGACY).ok_or(ImportError::NotRecognised)?;
    if rest.len() < 20 + 16 + 16 {
        return Err(damaged);
    }
    let (salt, rest) = rest.split_at(20);
    let (iv, sealed) = rest.split_at(16);
    Ok((KdfJob::Pbkdf2Sha1(Pbkdf2Job::checked(salt.to_vec(), LEGACY_ROUNDS)?), iv, sealed))
}

/// The one derivation the backup needs.
pub fn jobs(bytes: &[u8]) -> Result<Vec<KdfJob>, ImportError> {
    Ok(vec![parse(bytes)?.0])
}

/// Reads the backup with the key derived by the worker (`keys`) or from `password`.
pub fn import(bytes: &[u8], password: Option<&str>, keys: &[Zeroizing<[u8; 32]>]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let (job, iv, sealed) = parse(bytes)?;
    let key = key_for(&job, 0, password, keys)?;
    let plain = match job {
        KdfJob::Argon2id(_) => aes_gcm_open(&key, iv, sealed, &[])?,
        _ => aes_cbc_open(&key, iv, sealed)?,
    };
    // CBC has no tag: a wrong key that happens to leave valid padding gives no JSON.
    let text = std::str::from_utf8(&plain).map_err(|_| ImportError::WrongPassword)?;
    if super::stratum::detect(&serde_json::from_str(text).map_err(|_| ImportError::WrongPassword)?).is_none() {
        return Err(ImportError::WrongPassword);
    }
    super::stratum::import(text)
}
