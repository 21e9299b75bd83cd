//! LastPass Authenticator's JSON export (`version` 3): `accounts`, each with the names shown
//! (`issuerName`, `userName`) and the names the account was added with (`originalIssuerName`,
//! `originalUserName`), a Base32 `secret`, `algorithm`, `digits` and `timeStep`.

use super::{Fields, Format, ImportError, Skipped};
use crate::account::Account;
use serde_json::Value;

/// LastPass's export, by shape: `accounts` whose entries have `issuerName` or `timeStep`.
pub(crate) fn detect(value: &Value) -> Option<Format> {
    let first = value.get("accounts")?.as_array()?.first()?;
    (first.get("issuerName").is_some() || first.get("timeStep").is_some()).then_some(Format::LastPass)
}

fn read_one(e: &Value) -> Result<Account, Skipped> {
    let text = |key: &str| e.get(key).and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned();
    let either = |shown: &str, original: &str| Some(text(shown)).filter(|s| !s.is_empty()).unwrap_or_else(|| text(original));
    let (mut issuer, mut name) = (either("issuerName", "originalIssuerName"), either("userName", "originalUserName"));
    if issuer.is_empty() {
        if let Some((i, n)) = name.split_once(':') {
            (issuer, name) = (i.trim().to_owned(), n.trim().to_owned());
        }
    }
    Fields {
        issuer,
        name,
        secret_b32: text("secret"),
        kind: "totp".into(),
        algorithm: text("algorithm"),
        digits: e.get("digits").and_then(Value::as_u64),
        period: e.get("timeStep").and_then(Value::as_u64),
        counter: None,
    }
    .to_account()
}

/// Reads a LastPass Authenticator export.
pub fn import(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::Malformed("LastPass JSON"))?;
    let accounts = value.get("accounts").and_then(Value::as_array).ok_or(ImportError::Malformed("LastPass accounts"))?;
    Ok(super::split(accounts.iter().map(read_one)))
}
