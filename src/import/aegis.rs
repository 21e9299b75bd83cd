//! Aegis vault files (`aegis-export-*.json`): plain, or encrypted with a password slot (scrypt
//! derives a key that unwraps the master key with AES-256-GCM; the master key decrypts the
//! Base64 `db` with AES-256-GCM). RustCrypto's `scrypt` and `aes-gcm`.

use super::{Fields, Format, ImportError, Skipped};
use crate::account::Account;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

/// Aegis, plain or encrypted, by shape.
pub fn detect(value: &Value) -> Option<Format> {
    let header = value.get("header")?;
    let db = value.get("db")?;
    header.get("slots")?;
    if db.is_string() {
        Some(Format::AegisEncrypted)
    } else {
        db.is_object().then_some(Format::Aegis)
    }
}

#[derive(Deserialize)]
struct Db {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    issuer: String,
    info: Info,
}

#[derive(Deserialize)]
struct Info {
    secret: String,
    #[serde(default)]
    algo: String,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    counter: Option<u64>,
}

#[derive(Deserialize)]
struct KeyParams {
    nonce: String,
    tag: String,
}

#[derive(Deserialize)]
struct Slot {
    #[serde(rename = "type")]
    kind: u32,
    key: String,
    key_params: KeyParams,
    #[serde(default)]
    n: u64,
    #[serde(default)]
    r: u32,
    #[serde(default)]
    p: u32,
    #[serde(default)]
    salt: String,
}

#[derive(Deserialize)]
struct Header {
    slots: Option<Vec<Slot>>,
    params: Option<KeyParams>,
}

#[derive(Deserialize)]
struct File {
    version: u32,
    header: Header,
    db: Value,
}

fn hex(text: &str, len: usize) -> Result<Vec<u8>, ImportError> {
    if text.len() != len * 2 || !text.is_ascii() {
        return Err(ImportError::Malformed("Aegis hex field"));
    }
    (0..len).map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| ImportError::Malformed("Aegis hex field"))).collect()
}

fn open(key: &[u8], nonce_hex: &str, tag_hex: &str, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let nonce = hex(nonce_hex, 12)?;
    let tag = hex(tag_hex, 16)?;
    let mut sealed = ciphertext.to_vec();
    sealed.extend_from_slice(&tag);
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| ImportError::Malformed("Aegis key"))?;
    cipher
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &sealed, aad: &[] })
        .map(Zeroizing::new)
        .map_err(|_| ImportError::WrongPassword)
}

/// The largest scrypt cost accepted (Aegis uses N = 2^15, r = 8, p = 1): refuses a file that
/// would make the page hash for minutes.
const MAX_LOG_N: u8 = 20;

fn decrypt_db(header: &Header, db: &str, password: &str) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let params = header.params.as_ref().ok_or(ImportError::Malformed("Aegis header"))?;
    let ciphertext = base64::engine::general_purpose::STANDARD.decode(db.trim()).map_err(|_| ImportError::Malformed("Aegis db"))?;
    let slots = header.slots.as_deref().unwrap_or_default();
    let mut tried = false;
    for slot in slots.iter().filter(|s| s.kind == 1) {
        tried = true;
        if !slot.n.is_power_of_two() || slot.n < 2 || slot.r == 0 || slot.r > 32 || slot.p == 0 || slot.p > 4 {
            return Err(ImportError::Malformed("Aegis scrypt parameters"));
        }
        let log_n = slot.n.trailing_zeros() as u8;
        if log_n > MAX_LOG_N {
            return Err(ImportError::Malformed("Aegis scrypt parameters"));
        }
        let salt = hex(&slot.salt, 32)?;
        let scrypt_params = scrypt::Params::new(log_n, slot.r, slot.p, 32).map_err(|_| ImportError::Malformed("Aegis scrypt parameters"))?;
        let mut derived = Zeroizing::new([0u8; 32]);
        scrypt::scrypt(password.as_bytes(), &salt, &scrypt_params, derived.as_mut()).map_err(|_| ImportError::Malformed("Aegis scrypt"))?;
        let wrapped = hex(&slot.key, 32)?;
        if let Ok(master) = open(derived.as_ref(), &slot.key_params.nonce, &slot.key_params.tag, &wrapped) {
            return open(&master, &params.nonce, &params.tag, &ciphertext);
        }
    }
    if tried {
        Err(ImportError::WrongPassword)
    } else {
        Err(ImportError::Malformed("Aegis has no password slot"))
    }
}

/// Reads an Aegis vault file.
pub fn import(text: &str, password: Option<&str>) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Aegis JSON"))?;
    if file.version != 1 {
        return Err(ImportError::UnsupportedVersion(file.version));
    }
    let db: Db = match &file.db {
        Value::String(sealed) => {
            let password = password.filter(|p| !p.is_empty()).ok_or(ImportError::NeedsPassword)?;
            let plain = decrypt_db(&file.header, sealed, password)?;
            serde_json::from_slice(&plain).map_err(|_| ImportError::Malformed("Aegis db"))?
        }
        other => serde_json::from_value(other.clone()).map_err(|_| ImportError::Malformed("Aegis db"))?,
    };
    if !(1..=3).contains(&db.version) {
        return Err(ImportError::UnsupportedVersion(db.version));
    }
    Ok(super::split(db.entries.iter().map(|e| {
        Fields {
            issuer: e.issuer.clone(),
            name: e.name.clone(),
            secret_b32: e.info.secret.clone(),
            kind: e.kind.clone(),
            algorithm: e.info.algo.clone(),
            digits: e.info.digits,
            period: e.info.period,
            counter: e.info.counter,
        }
        .to_account()
    })))
}
