//! Bitwarden's JSON export (items whose `login.totp` holds a URI, a `steam://` secret or a bare
//! Base32 secret) and andOTP's plain JSON backup.

use super::{Fields, Format, ImportError, Skipped};
use crate::account::Account;
use crate::uri;
use serde::Deserialize;
use serde_json::Value;

/// Bitwarden or andOTP, by shape.
pub fn detect(value: &Value) -> Option<Format> {
    if value.get("items").is_some_and(Value::is_array) && value.get("encrypted").is_some() {
        return Some(Format::Bitwarden);
    }
    let first = value.as_array()?.first()?;
    (first.get("secret").is_some() && first.get("type").is_some()).then_some(Format::AndOtp)
}

#[derive(Deserialize)]
struct BitwardenFile {
    encrypted: bool,
    items: Vec<BitwardenItem>,
}

#[derive(Deserialize)]
struct BitwardenItem {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    login: Option<BitwardenLogin>,
}

#[derive(Deserialize)]
struct BitwardenLogin {
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    totp: Option<String>,
}

/// Reads a Bitwarden JSON export; items without a TOTP are not accounts and are passed over.
pub fn bitwarden(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let file: BitwardenFile = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Bitwarden JSON"))?;
    if file.encrypted {
        return Err(ImportError::EncryptedUnsupported);
    }
    Ok(super::split(file.items.iter().filter_map(|item| {
        let login = item.login.as_ref()?;
        let totp = login.totp.as_deref()?.trim();
        if totp.is_empty() {
            return None;
        }
        let issuer = item.name.clone().unwrap_or_default();
        let name = login.username.clone().unwrap_or_default();
        if totp.get(..10).is_some_and(|p| p.eq_ignore_ascii_case("otpauth://")) {
            return Some(uri::parse(totp).map(|p| p.account).map_err(|e| Skipped::new(&issuer, &name, super::SkipReason::Uri(e))));
        }
        let (kind, secret) = match totp.get(..8) {
            Some(p) if p.eq_ignore_ascii_case("steam://") => ("steam", &totp[8..]),
            _ => ("totp", totp),
        };
        let mut fields = Fields::default();
        (fields.issuer, fields.name, fields.secret_b32, fields.kind) = (issuer, name, secret.to_owned(), kind.into());
        Some(fields.to_account())
    })))
}

#[derive(Deserialize)]
struct AndOtpEntry {
    secret: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    algorithm: String,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    counter: Option<u64>,
}

/// Reads an andOTP plain JSON backup.
pub fn andotp(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let entries: Vec<AndOtpEntry> = serde_json::from_str(text).map_err(|_| ImportError::Malformed("andOTP JSON"))?;
    Ok(super::split(entries.iter().map(|e| {
        // Older andOTP versions keep "Issuer:name" in the label and no issuer.
        let (issuer, name) = match (e.issuer.trim(), e.label.split_once(':')) {
            ("", Some((i, n))) => (i.trim().to_owned(), n.trim().to_owned()),
            (i, _) => (i.to_owned(), e.label.trim().to_owned()),
        };
        Fields {
            issuer,
            name,
            secret_b32: e.secret.clone(),
            kind: e.kind.clone(),
            algorithm: e.algorithm.clone(),
            digits: e.digits,
            period: e.period,
            counter: e.counter,
        }
        .to_account()
    })))
}
