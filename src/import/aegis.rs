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

/// Largest scrypt memory (128·r·N bytes) accepted from a file: 256 MiB. Aegis itself writes
/// N = 2^15, r = 8 (32 MiB).
pub const MAX_SCRYPT_BYTES: u64 = 256 * 1024 * 1024;
/// Largest scrypt parallelism accepted (Aegis writes 1); each unit repeats the whole work.
pub const MAX_SCRYPT_P: u32 = 2;
/// Largest scrypt block size accepted (Aegis writes 8): each block is 128·r bytes.
pub const MAX_SCRYPT_R: u32 = 32;
/// Most password slots tried: each costs one full scrypt.
pub const MAX_SLOTS_TRIED: usize = 2;

/// One scrypt derivation a slot asks for: everything but the password. Checked against the caps
/// when made, so the page can hand it to the key-derivation worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScryptJob {
    /// The slot's salt.
    pub salt: Vec<u8>,
    /// log2 of N.
    pub log_n: u8,
    /// Block size.
    pub r: u32,
    /// Parallelism.
    pub p: u32,
}

impl ScryptJob {
    /// Runs scrypt (the slow step).
    pub fn derive(&self, password: &[u8]) -> Result<Zeroizing<[u8; 32]>, ImportError> {
        // Checked again here: this is also what the worker runs.
        let n = 1u64.checked_shl(u32::from(self.log_n)).unwrap_or(u64::MAX);
        if !scrypt_valid(n, self.r, self.p) {
            return Err(ImportError::KdfInvalid { n, r: self.r, p: self.p });
        }
        if self.r > MAX_SCRYPT_R || memory_of(n, self.r, self.p) > MAX_SCRYPT_BYTES || self.p > MAX_SCRYPT_P {
            return Err(ImportError::KdfTooCostly { n, r: self.r, p: self.p });
        }
        let params = scrypt::Params::new(self.log_n, self.r, self.p, 32).map_err(|_| ImportError::Malformed("Aegis scrypt parameters"))?;
        let mut derived = Zeroizing::new([0u8; 32]);
        scrypt::scrypt(password, &self.salt, &params, derived.as_mut()).map_err(|_| ImportError::Malformed("Aegis scrypt"))?;
        Ok(derived)
    }
}

/// Whether scrypt is defined for these parameters at all (RFC 7914, section 2): N a power of two
/// above 1 and below 2^(128·r/8) = 2^(16·r), r and p at least 1, r·p below 2^30. Other values are
/// refused by RustCrypto's `scrypt`, by OpenSSL (Node, Python) and by Bouncy Castle, which Aegis
/// uses: Aegis can neither write nor open a file with N = 2^16 or more and r = 1.
pub fn scrypt_valid(n: u64, r: u32, p: u32) -> bool {
    n >= 2 && n.is_power_of_two() && r >= 1 && p >= 1 && u64::from(n.trailing_zeros()) < 16 * u64::from(r) && u64::from(r) * u64::from(p) < 1 << 30
}

/// The largest N scrypt allows with block size `r` (see [`scrypt_valid`]); `None` when any N
/// that fits in 64 bits is allowed.
pub fn max_scrypt_n(r: u32) -> Option<u64> {
    let bits = 16 * u64::from(r);
    (bits < 64).then(|| (1u64 << bits) / 2)
}

/// What scrypt allocates: the N-block table (128·r·N) plus its p blocks and scratch (128·r·(p+2)).
pub fn memory_of(n: u64, r: u32, p: u32) -> u64 {
    128u64.saturating_mul(u64::from(r)).saturating_mul(n.saturating_add(u64::from(p)).saturating_add(2))
}

fn job_of(slot: &Slot) -> Result<ScryptJob, ImportError> {
    if !scrypt_valid(slot.n, slot.r, slot.p) {
        return Err(ImportError::KdfInvalid { n: slot.n, r: slot.r, p: slot.p });
    }
    if slot.r > MAX_SCRYPT_R {
        return Err(ImportError::Malformed("Aegis scrypt parameters"));
    }
    if memory_of(slot.n, slot.r, slot.p) > MAX_SCRYPT_BYTES || slot.p > MAX_SCRYPT_P {
        return Err(ImportError::KdfTooCostly { n: slot.n, r: slot.r, p: slot.p });
    }
    Ok(ScryptJob { salt: hex(&slot.salt, 32)?, log_n: slot.n.trailing_zeros() as u8, r: slot.r, p: slot.p })
}

fn password_slots(header: &Header) -> impl Iterator<Item = &Slot> {
    header.slots.as_deref().unwrap_or_default().iter().filter(|s| s.kind == 1).take(MAX_SLOTS_TRIED)
}

/// The derivations an encrypted Aegis file needs (one per password slot tried), every slot's
/// parameters checked first; empty for a plain file.
pub fn jobs(text: &str) -> Result<Vec<ScryptJob>, ImportError> {
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Aegis JSON"))?;
    if !file.db.is_string() {
        return Ok(Vec::new());
    }
    password_slots(&file.header).map(job_of).collect()
}

/// How the keys for [`jobs`] are had: derived here from the password, or given (by the worker).
enum Keys<'a> {
    Password(&'a str),
    Derived(&'a [Zeroizing<[u8; 32]>]),
}

fn decrypt_db(header: &Header, db: &str, keys: Keys<'_>) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let params = header.params.as_ref().ok_or(ImportError::Malformed("Aegis header"))?;
    let ciphertext = base64::engine::general_purpose::STANDARD.decode(db.trim()).map_err(|_| ImportError::Malformed("Aegis db"))?;
    let slots: Vec<&Slot> = password_slots(header).collect();
    if slots.is_empty() {
        return Err(ImportError::Malformed("Aegis has no password slot"));
    }
    let jobs = slots.iter().map(|s| job_of(s)).collect::<Result<Vec<_>, _>>()?;
    for (i, (slot, job)) in slots.iter().zip(&jobs).enumerate() {
        let derived = match keys {
            Keys::Password(p) => job.derive(p.as_bytes())?,
            Keys::Derived(keys) => keys.get(i).cloned().ok_or(ImportError::WrongPassword)?,
        };
        let wrapped = hex(&slot.key, 32)?;
        if let Ok(master) = open(derived.as_ref(), &slot.key_params.nonce, &slot.key_params.tag, &wrapped) {
            return open(&master, &params.nonce, &params.tag, &ciphertext);
        }
    }
    Err(ImportError::WrongPassword)
}

/// Reads an Aegis file, plain or encrypted (`password` needed then).
pub fn import(text: &str, password: Option<&str>) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let password = password.filter(|p| !p.is_empty());
    read(text, password.map(Keys::Password))
}

/// [`import`] with the keys of [`jobs`] already derived (by the key-derivation worker), in order.
pub fn import_with_keys(text: &str, keys: &[Zeroizing<[u8; 32]>]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    read(text, Some(Keys::Derived(keys)))
}

fn read(text: &str, keys: Option<Keys<'_>>) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Aegis JSON"))?;
    if file.version != 1 {
        return Err(ImportError::UnsupportedVersion(file.version));
    }
    let db: Db = match &file.db {
        Value::String(sealed) => {
            let keys = keys.ok_or(ImportError::NeedsPassword)?;
            let plain = decrypt_db(&file.header, sealed, keys)?;
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
