//! Proton Authenticator's password-protected export (version 1): `{"version": 1, "salt", "content"}`,
//! both Base64. The key is Argon2id v1.3 of the password (19 MiB, 2 passes, one lane, 32 bytes:
//! fixed in Proton's exporter, not written in the file); `content` is a 12-byte nonce, then the
//! AES-256-GCM ciphertext and tag, with `proton.authenticator.export.v1` as associated data.
//! Inside is Proton's plain export: `{"version": 1, "entries": [{"content": {"uri", "name",
//! "entry_type"}, …}]}`; each entry's link gives the account, its `name` the account name.

use super::kdf::{aes_gcm_open, base64, key_for, Argon2Job, KdfJob};
use super::{Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

/// Argon2 memory Proton's exporter uses, in KiB.
pub const MEMORY_KIB: u64 = 19 * 1024;
/// Argon2 passes Proton's exporter uses.
pub const PASSES: u64 = 2;
const AAD: &[u8] = b"proton.authenticator.export.v1";

/// Proton Authenticator's encrypted export, by shape.
pub fn detect(value: &Value) -> Option<Format> {
    let object = value.as_object()?;
    (object.get("salt").is_some_and(Value::is_string) && object.get("content").is_some_and(Value::is_string) && object.contains_key("version")).then_some(Format::ProtonEncrypted)
}

#[derive(Deserialize)]
struct File {
    version: u32,
    salt: String,
    content: String,
}

#[derive(Deserialize)]
struct Plain {
    entries: Vec<Value>,
}

#[derive(Deserialize)]
struct Entry {
    content: Content,
}

#[derive(Deserialize)]
struct Content {
    uri: String,
    #[serde(default)]
    name: Option<String>,
}

fn parse(text: &str) -> Result<(File, KdfJob), ImportError> {
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Proton Authenticator JSON"))?;
    if file.version != 1 {
        return Err(ImportError::UnsupportedVersion(file.version));
    }
    let salt = base64(&file.salt, "Proton Authenticator salt")?;
    let job = KdfJob::Argon2id(Argon2Job::checked(salt, MEMORY_KIB, PASSES, 1)?);
    Ok((file, job))
}

/// The one derivation the file needs.
pub fn jobs(text: &str) -> Result<Vec<KdfJob>, ImportError> {
    Ok(vec![parse(text)?.1])
}

/// One entry: its link, named by the entry's `name` where it has one.
fn read_entry(value: &Value) -> Result<Account, Skipped> {
    let entry = Entry::deserialize(value).map_err(|_| Skipped::new("", "", SkipReason::Unreadable))?;
    let name = entry.content.name.as_deref().map(str::trim).unwrap_or_default();
    let mut account = super::text::read_line(entry.content.uri.trim())?;
    if !name.is_empty() {
        account.name = name.to_owned();
    }
    Ok(account)
}

/// Reads the export with the key derived by the worker (`keys`) or from `password`.
pub fn import(text: &str, password: Option<&str>, keys: &[Zeroizing<[u8; 32]>]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let (file, job) = parse(text)?;
    let content = base64(&file.content, "Proton Authenticator content")?;
    if content.len() < 12 + 16 {
        return Err(ImportError::Malformed("Proton Authenticator content"));
    }
    let key = key_for(&job, 0, password, keys)?;
    let plain = aes_gcm_open(&key, &content[..12], &content[12..], AAD)?;
    let plain: Plain = serde_json::from_slice(&plain).map_err(|_| ImportError::Malformed("Proton Authenticator entries"))?;
    Ok(super::split(plain.entries.iter().map(read_entry)))
}
