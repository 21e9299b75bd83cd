//! TOTP Authenticator's (Binary Boxes) backup: Base64 text of AES-256-CBC (PKCS#7, all-zero
//! IV) under SHA-256 of the password; when the user set none, the app uses
//! `TotpAuthenticator`, which is tried when no password (or a wrong one) is given. Inside is a
//! JSON object whose first key is itself JSON: an array of entries (objects, or strings holding
//! them) with `key` in base `base` (16, 32 or 64), `issuer`, `name`, `digits`, `period`.

use super::kdf::{aes_cbc_open, sha256_key};
use super::{Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use base64::Engine;
use serde_json::Value;

/// The password the app encrypts with when the user set none.
pub const DEFAULT_PASSWORD: &str = "TotpAuthenticator";

/// Whether `text` (of no other format) is a Base64 whole number of AES blocks.
pub fn detect(text: &str) -> Option<Format> {
    if text.len() < 24 || !text.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=\r\n".contains(&b)) {
        return None;
    }
    let bytes = super::kdf::base64(text, "").ok()?;
    (bytes.len() % 16 == 0).then_some(Format::TotpAuthenticator)
}

fn entries(plain: &[u8]) -> Option<Vec<Value>> {
    let object: serde_json::Map<String, Value> = serde_json::from_slice(plain).ok()?;
    object.keys().find_map(|k| serde_json::from_str::<Vec<Value>>(k).ok())
}

/// A string or number field, as text.
fn field(entry: &Value, key: &str) -> String {
    match entry.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn read_entry(value: &Value) -> Result<Account, Skipped> {
    let owned;
    let entry = match value {
        Value::String(s) => {
            owned = serde_json::from_str::<Value>(s).map_err(|_| Skipped::new("", "", SkipReason::Unreadable))?;
            &owned
        }
        other => other,
    };
    let (issuer, name) = (field(entry, "issuer"), field(entry, "name"));
    let unreadable = || Skipped::new(&issuer, &name, SkipReason::Unreadable);
    let key = field(entry, "key");
    let bytes = match field(entry, "base").as_str() {
        "16" => (key.len() % 2 == 0).then(|| (0..key.len()).step_by(2).map(|i| u8::from_str_radix(key.get(i..i + 2)?, 16).ok()).collect::<Option<Vec<u8>>>()).flatten(),
        "32" => None,
        "64" => base64::engine::general_purpose::STANDARD.decode(key.trim()).ok(),
        _ => return Err(unreadable()),
    };
    let secret_b32 = match bytes {
        Some(bytes) => base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &bytes),
        None if field(entry, "base") == "32" => key.clone(),
        None => return Err(unreadable()),
    };
    let number = |k: &str| field(entry, k).trim().parse::<u64>().ok();
    let mut fields = Fields::default();
    (fields.issuer, fields.name, fields.secret_b32) = (issuer.clone(), name.clone(), secret_b32);
    (fields.digits, fields.period) = (number("digits"), number("period"));
    fields.to_account()
}

/// Reads the backup with `password`, else with the app's default password.
pub fn import(text: &str, password: Option<&str>) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let sealed = super::kdf::base64(text, "TOTP Authenticator Base64")?;
    let password = password.filter(|p| !p.is_empty());
    let tried = [password, Some(DEFAULT_PASSWORD)];
    let found = tried.iter().flatten().find_map(|p| aes_cbc_open(&sha256_key(p), &[0; 16], &sealed).ok().and_then(|plain| entries(&plain)));
    match found {
        Some(list) => Ok(super::split(list.iter().map(read_entry))),
        None if password.is_none() => Err(ImportError::NeedsPassword),
        None => Err(ImportError::WrongPassword),
    }
}
