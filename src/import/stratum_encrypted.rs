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
use super::{Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use serde::Deserialize;
use serde_json::Value;
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

#[derive(Deserialize)]
struct Backup {
    #[serde(rename = "Authenticators")]
    authenticators: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Entry {
    #[serde(rename = "Type")]
    kind: u32,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    username: Option<String>,
    secret: String,
    #[serde(default)]
    algorithm: u32,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    counter: Option<u64>,
}

fn read_entry(value: &Value) -> Result<Account, Skipped> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let entry = Entry::deserialize(value).map_err(|_| Skipped::new(&text("Issuer"), &text("Username"), SkipReason::Unreadable))?;
    let issuer = entry.issuer.clone().unwrap_or_default();
    let name = entry.username.clone().unwrap_or_default();
    let kind = match entry.kind {
        1 => "hotp",
        2 => "totp",
        4 => "steam",
        3 => return Err(Skipped::new(&issuer, &name, SkipReason::UnsupportedKind("mOTP".into()))),
        5 => return Err(Skipped::new(&issuer, &name, SkipReason::UnsupportedKind("Yandex".into()))),
        other => return Err(Skipped::new(&issuer, &name, SkipReason::UnsupportedKind(format!("type {other}")))),
    };
    let algorithm = match entry.algorithm {
        0 => "SHA1",
        1 => "SHA256",
        2 => "SHA512",
        _ => return Err(Skipped::new(&issuer, &name, SkipReason::Unreadable)),
    };
    Fields {
        issuer,
        name,
        secret_b32: entry.secret.clone(),
        kind: kind.into(),
        algorithm: algorithm.into(),
        digits: entry.digits,
        period: if kind == "hotp" { None } else { entry.period },
        counter: if kind == "hotp" { entry.counter } else { None },
    }
    .to_account()
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
    let backup: Backup = serde_json::from_slice(&plain).map_err(|_| ImportError::WrongPassword)?;
    Ok(super::split(backup.authenticators.iter().map(read_entry)))
}
