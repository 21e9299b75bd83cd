//! FreeOTP 2's backup (`externalBackup.xml` is the old plain one; this is the binary one FreeOTP
//! 2 writes): a Java-serialised `java.util.HashMap<String, String>` whose values are JSON.
//!
//! * `masterKey`: `{"mAlgorithm": "PBKDF2withHmacSHA512" (or …SHA1), "mIterations", "mSalt",
//!   "mEncryptedKey": {"mCipher": "AES/GCM/NoPadding", "mCipherText", "mParameters", "mToken"}}`;
//!   PBKDF2 of the password gives a 32-byte key that opens the master key with AES-GCM (the
//!   nonce in `mParameters`, DER `GCMParameters`; `mToken` as associated data).
//! * `<uuid>`: `{"key": "<the token's secret, sealed the same way under the master key>"}`.
//! * `<uuid>-token`: the token's settings (`issuerExt`, `label`, `type`, `algo`, `digits`,
//!   `period`, `counter`).
//!
//! Byte arrays are JSON arrays of Java's signed bytes. The map is read by a strict reader of the
//! one shape `ObjectOutputStream` gives a `HashMap` of strings, with every length checked against
//! what is left (Aegis reads it the same way), so a hostile length costs nothing.

use super::kdf::{aes_gcm_open, key_for, KdfJob, Pbkdf2Job};
use super::{Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

const MAGIC: &[u8] = b"\xAC\xED\x00\x05";

/// FreeOTP 2's backup, by Java's serialisation magic and a `HashMap`.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    (bytes.starts_with(MAGIC) && bytes.windows(17).take(64).any(|w| w == b"java.util.HashMap")).then_some(Format::FreeOtp2)
}

/// A bounded reader over the file.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ImportError> {
        if n > self.0.len() {
            return Err(ImportError::Malformed("FreeOTP backup"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8, ImportError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<usize, ImportError> {
        let b = self.take(2)?;
        Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
    }
    fn u32(&mut self) -> Result<u32, ImportError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn utf(&mut self) -> Result<&'a [u8], ImportError> {
        let n = self.u16()?;
        self.take(n)
    }
}

/// The map's strings, in stream order. Strings repeated by the stream (`TC_REFERENCE`) are
/// looked up among those already read.
fn read_map(bytes: &[u8]) -> Result<Vec<(String, String)>, ImportError> {
    let bad = ImportError::Malformed("FreeOTP backup");
    let mut r = Reader(bytes);
    if r.take(4)? != MAGIC || r.u8()? != 0x73 || r.u8()? != 0x72 || r.utf()? != b"java.util.HashMap" {
        return Err(bad);
    }
    r.take(8)?; // serialVersionUID
    r.u8()?; // flags
    let mut skip = 0;
    for _ in 0..r.u16()? {
        match r.u8()? {
            b'F' | b'I' => skip += 4,
            _ => return Err(bad),
        }
        r.utf()?;
    }
    if r.u8()? != 0x78 || r.u8()? != 0x70 {
        return Err(bad);
    }
    r.take(skip)?; // loadFactor, threshold
    if r.u8()? != 0x77 {
        return Err(bad);
    }
    r.u8()?; // block length
    r.u32()?; // capacity
    let size = r.u32()? as usize;
    // Handles: 0 the class, 1 the map, then each new string.
    let mut strings: Vec<String> = Vec::new();
    let mut string = |r: &mut Reader<'_>| -> Result<String, ImportError> {
        match r.u8()? {
            0x74 => {
                let s = std::str::from_utf8(r.utf()?).map_err(|_| ImportError::Malformed("FreeOTP backup"))?.to_owned();
                strings.push(s.clone());
                Ok(s)
            }
            0x71 => {
                let handle = r.u32()?.wrapping_sub(0x7E_0002) as usize;
                strings.get(handle).cloned().ok_or(ImportError::Malformed("FreeOTP backup"))
            }
            _ => Err(ImportError::Malformed("FreeOTP backup")),
        }
    };
    let mut map = Vec::new();
    for _ in 0..size.min(bytes.len()) {
        let key = string(&mut r)?;
        let value = string(&mut r)?;
        map.push((key, value));
    }
    if r.u8()? != 0x78 {
        return Err(bad);
    }
    Ok(map)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sealed {
    #[serde(rename = "mCipher")]
    cipher: String,
    #[serde(rename = "mCipherText")]
    cipher_text: Vec<i64>,
    #[serde(rename = "mParameters")]
    parameters: Vec<i64>,
    #[serde(rename = "mToken")]
    token: String,
}

#[derive(Deserialize)]
struct MasterKey {
    #[serde(rename = "mAlgorithm")]
    algorithm: String,
    #[serde(rename = "mIterations")]
    iterations: u64,
    #[serde(rename = "mSalt")]
    salt: Vec<i64>,
    #[serde(rename = "mEncryptedKey")]
    encrypted_key: Sealed,
}

/// Java's signed bytes (or unsigned, as some writers give them).
fn java_bytes(values: &[i64]) -> Option<Vec<u8>> {
    values.iter().map(|&v| (-128..=255).contains(&v).then_some(v as u8)).collect()
}

/// The nonce in DER `GCMParameters` (SEQUENCE { OCTET STRING nonce, INTEGER tag length }), or
/// a bare OCTET STRING.
fn nonce(der: &[u8]) -> Option<&[u8]> {
    let inner = match der.first() {
        Some(0x30) => der.get(2..)?,
        _ => der,
    };
    if inner.first() != Some(&0x04) {
        return None;
    }
    let len = usize::from(*inner.get(1)?);
    inner.get(2..2 + len)
}

fn open(sealed: &Sealed, key: &[u8; 32]) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    if sealed.cipher != "AES/GCM/NoPadding" {
        return Err(ImportError::EncryptedUnsupported);
    }
    let damaged = ImportError::Malformed("FreeOTP key");
    let parameters = java_bytes(&sealed.parameters).ok_or(damaged.clone())?;
    let cipher_text = java_bytes(&sealed.cipher_text).ok_or(damaged.clone())?;
    aes_gcm_open(key, nonce(&parameters).ok_or(damaged)?, &cipher_text, sealed.token.as_bytes())
}

fn master(map: &[(String, String)]) -> Result<(MasterKey, KdfJob), ImportError> {
    let (_, text) = map.iter().find(|(k, _)| k == "masterKey").ok_or(ImportError::Malformed("FreeOTP master key"))?;
    let mk: MasterKey = serde_json::from_str(text).map_err(|_| ImportError::Malformed("FreeOTP master key"))?;
    let salt = java_bytes(&mk.salt).ok_or(ImportError::Malformed("FreeOTP master key"))?;
    let job = Pbkdf2Job::checked(salt, mk.iterations)?;
    let job = match mk.algorithm.to_ascii_lowercase().as_str() {
        "pbkdf2withhmacsha512" => KdfJob::Pbkdf2Sha512(job),
        "pbkdf2withhmacsha1" => KdfJob::Pbkdf2Sha1(job),
        _ => return Err(ImportError::EncryptedUnsupported),
    };
    Ok((mk, job))
}

/// The one derivation the backup needs (its master key's PBKDF2), checked against the caps.
pub fn jobs(bytes: &[u8]) -> Result<Vec<KdfJob>, ImportError> {
    Ok(vec![master(&read_map(bytes)?)?.1])
}

fn read_token(settings: &str, secret: &[u8]) -> Result<Account, Skipped> {
    let v: Value = serde_json::from_str(settings).map_err(|_| Skipped::new("", "", SkipReason::Unreadable))?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let (issuer, name) = (text("issuerExt"), text("label"));
    let kind = match text("type").to_ascii_lowercase().as_str() {
        "totp" if issuer == "Steam" => "steam".to_owned(),
        other => other.to_owned(),
    };
    let mut fields = Fields::default();
    (fields.issuer, fields.name, fields.kind, fields.algorithm) = (issuer, name, kind, text("algo"));
    fields.secret_b32 = base32::encode(base32::Alphabet::Rfc4648 { padding: false }, secret);
    (fields.digits, fields.period, fields.counter) = (v.get("digits").and_then(Value::as_u64), v.get("period").and_then(Value::as_u64), v.get("counter").and_then(Value::as_u64));
    if fields.kind == "steam" {
        fields.digits = None;
    }
    fields.to_account()
}

/// Reads the backup with the master key's key derived by the worker (`keys`) or from `password`.
pub fn import(bytes: &[u8], password: Option<&str>, keys: &[Zeroizing<[u8; 32]>]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let map = read_map(bytes)?;
    let (mk, job) = master(&map)?;
    let key = key_for(&job, 0, password, keys)?;
    let master_key = open(&mk.encrypted_key, &key)?;
    let master_key: &[u8; 32] = master_key.as_slice().try_into().map_err(|_| ImportError::Malformed("FreeOTP master key"))?;
    let mut results = Vec::new();
    for (id, value) in &map {
        if id == "masterKey" || id.ends_with("-token") {
            continue;
        }
        // Other keys (the token order) are not tokens.
        let Some(sealed) = serde_json::from_str::<Value>(value).ok().and_then(|v| v.get("key")?.as_str().map(str::to_owned)) else { continue };
        let settings = map.iter().find(|(k, _)| *k == format!("{id}-token")).map(|(_, v)| v.as_str()).unwrap_or_default();
        let secret = serde_json::from_str::<Sealed>(&sealed).map_err(|_| ImportError::Malformed("FreeOTP key")).and_then(|s| open(&s, master_key));
        results.push(match secret {
            Ok(secret) => read_token(settings, &secret),
            Err(_) => {
                let v: Value = serde_json::from_str(settings).unwrap_or_default();
                let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
                Err(Skipped::new(&text("issuerExt"), &text("label"), SkipReason::Unreadable))
            }
        });
    }
    Ok(super::split(results))
}
