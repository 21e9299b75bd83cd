//! 2FAS backups (`.2fas`, schemas 1–4): plain, or with `servicesEncrypted` =
//! `Base64(ciphertext ‖ tag):Base64(salt):Base64(iv)`, the key being PBKDF2-HMAC-SHA256 of the
//! password (10,000 rounds, 32 bytes) and the cipher AES-256-GCM. RustCrypto's `pbkdf2` and `aes-gcm`.
//!
//! 2FAS keeps an account's names in several places, and an entry may fill only one of them: the
//! service's `name`, `otp.issuer`, `otp.account`, `otp.label` ("Issuer:account") and `otp.link`
//! (the `otpauth://` link it was added from). Each is read in turn, so no entry arrives nameless
//! while a name is in the file. Each service is read on its own: one of another shape is left
//! out with its reason, never the file.

use super::{Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

/// PBKDF2 rounds 2FAS uses.
pub const ROUNDS: u32 = 10_000;

/// 2FAS, plain or encrypted, by shape.
pub fn detect(value: &Value) -> Option<Format> {
    value.get("schemaVersion")?;
    if value.get("servicesEncrypted").is_some_and(Value::is_string) {
        Some(Format::TwoFasEncrypted)
    } else {
        value.get("services").is_some_and(Value::is_array).then_some(Format::TwoFas)
    }
}

#[derive(Deserialize)]
struct Service {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    secret: Option<String>,
    #[serde(default)]
    otp: Option<Otp>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Otp {
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    counter: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    #[serde(default)]
    services: Vec<Value>,
    #[serde(default)]
    services_encrypted: Option<String>,
    schema_version: u32,
}

fn b64(text: &str) -> Result<Vec<u8>, ImportError> {
    base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| ImportError::Malformed("2FAS Base64"))
}

/// The key 2FAS derives from a password and salt.
pub fn derive_key(password: &str, salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), salt, ROUNDS, key.as_mut());
    key
}

fn decrypt(sealed: &str, password: &str) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let parts: Vec<&str> = sealed.split(':').collect();
    let [cipher_b64, salt_b64, iv_b64] = parts.as_slice() else { return Err(ImportError::Malformed("2FAS servicesEncrypted")) };
    let (ciphertext, salt, iv) = (b64(cipher_b64)?, b64(salt_b64)?, b64(iv_b64)?);
    if iv.len() != 12 || salt.is_empty() || ciphertext.len() < 16 {
        return Err(ImportError::Malformed("2FAS servicesEncrypted"));
    }
    let key = derive_key(password, &salt);
    let cipher = Aes256Gcm::new_from_slice(key.as_ref()).map_err(|_| ImportError::Malformed("2FAS key"))?;
    cipher.decrypt(Nonce::from_slice(&iv), ciphertext.as_slice()).map(Zeroizing::new).map_err(|_| ImportError::WrongPassword)
}

/// The issuer and account name, from the first field that has each: issuer from `otp.issuer`,
/// the service's `name`, the link's issuer, the label's prefix; account name from `otp.account`,
/// the link's label, the label (less an "Issuer:" prefix, and not when it only repeats the issuer).
fn names(s: &Service, otp: &Otp) -> (String, String) {
    let filled = |o: Option<&str>| o.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let (link_issuer, link_name) = otp.link.as_deref().and_then(crate::uri::names).unwrap_or_default();
    let (label_issuer, label_name) = match otp.label.as_deref().map(str::trim) {
        Some(label) => match label.split_once(':') {
            Some((i, n)) => (filled(Some(i)), filled(Some(n))),
            None => (None, filled(Some(label))),
        },
        None => (None, None),
    };
    let issuer = filled(otp.issuer.as_deref())
        .or_else(|| filled(s.name.as_deref()))
        .or_else(|| filled(Some(link_issuer.as_str())))
        .or(label_issuer)
        .unwrap_or_default();
    let label_name = label_name.filter(|n| !n.eq_ignore_ascii_case(&issuer));
    let name = filled(otp.account.as_deref()).or_else(|| filled(Some(link_name.as_str()))).or(label_name).unwrap_or_default();
    (issuer, name)
}

fn fields(s: &Service) -> Fields {
    let empty = Otp::default();
    let otp = s.otp.as_ref().unwrap_or(&empty);
    let (issuer, name) = names(s, otp);
    Fields {
        issuer,
        name,
        secret_b32: s.secret.clone().unwrap_or_default(),
        kind: otp.token_type.clone().unwrap_or_default(),
        algorithm: otp.algorithm.clone().unwrap_or_default(),
        digits: otp.digits,
        period: otp.period,
        counter: otp.counter,
    }
}

/// One service, or why it was left out (named by whatever names it has).
fn read_service(value: &Value) -> Result<Account, Skipped> {
    match Service::deserialize(value) {
        Ok(service) => fields(&service).to_account(),
        Err(_) => {
            let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
            Err(Skipped::new(&text("name"), "", SkipReason::Unreadable))
        }
    }
}

/// Reads a 2FAS backup.
pub fn import(text: &str, password: Option<&str>) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::Malformed("2FAS JSON"))?;
    if !(1..=4).contains(&file.schema_version) {
        return Err(ImportError::UnsupportedVersion(file.schema_version));
    }
    let services: Vec<Value> = match &file.services_encrypted {
        Some(sealed) => {
            let password = password.filter(|p| !p.is_empty()).ok_or(ImportError::NeedsPassword)?;
            let plain = decrypt(sealed, password)?;
            serde_json::from_slice(&plain).map_err(|_| ImportError::Malformed("2FAS services"))?
        }
        None => file.services,
    };
    Ok(super::split(services.iter().map(read_service)))
}
