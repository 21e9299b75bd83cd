//! Stratum's (formerly Authenticator Pro's) plain JSON backup: `Authenticators`, each with `Type`
//! (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex), `Issuer`, `Username` (may be null), `Secret`
//! (Base32), `Algorithm` (0 SHA-1, 1 SHA-256, 2 SHA-512), `Digits`, `Period`, `Counter`. Its
//! encrypted backups are another reader's; its URI-list export is read as a list of links.

use super::{Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use serde_json::Value;

/// Stratum's plain backup, by shape.
pub(crate) fn detect(value: &Value) -> Option<Format> {
    value.get("Authenticators").is_some_and(Value::is_array).then_some(Format::Stratum)
}

fn read_one(e: &Value) -> Result<Account, Skipped> {
    let text = |key: &str| e.get(key).and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned();
    let number = |key: &str| e.get(key).and_then(Value::as_u64);
    let (issuer, name) = (text("Issuer"), text("Username"));
    let kind = match number("Type") {
        Some(1) => "hotp",
        Some(2) => "totp",
        Some(4) => "steam",
        Some(3) => return Err(Skipped::new(&issuer, &name, SkipReason::UnsupportedKind("mOTP".into()))),
        Some(5) => return Err(Skipped::new(&issuer, &name, SkipReason::UnsupportedKind("Yandex".into()))),
        Some(other) => return Err(Skipped::new(&issuer, &name, SkipReason::UnsupportedKind(other.to_string()))),
        None => return Err(Skipped::new(&issuer, &name, SkipReason::Unreadable)),
    };
    let algorithm = match number("Algorithm") {
        None | Some(0) => "SHA1".to_owned(),
        Some(1) => "SHA256".to_owned(),
        Some(2) => "SHA512".to_owned(),
        Some(other) => other.to_string(),
    };
    Fields {
        issuer,
        name,
        secret_b32: text("Secret"),
        kind: kind.into(),
        algorithm,
        digits: number("Digits").filter(|_| kind != "steam"),
        period: number("Period"),
        counter: number("Counter").filter(|_| kind == "hotp"),
    }
    .to_account()
}

/// Reads a Stratum / Authenticator Pro plain backup.
pub fn import(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Stratum JSON"))?;
    let entries = value.get("Authenticators").and_then(Value::as_array).ok_or(ImportError::Malformed("Stratum Authenticators"))?;
    Ok(super::split(entries.iter().map(read_one)))
}
