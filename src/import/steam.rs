//! Steam Guard files: Steam Desktop Authenticator's `.maFile` (one account: `shared_secret` in
//! Base64, `account_name`) and the Steam app's own file, the same objects under `accounts` by
//! Steam id. Each becomes a Steam account named "Steam" and the account name.

use super::{base32_of, Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use base64::Engine;
use serde_json::Value;

fn is_guard(value: &Value) -> bool {
    value.get("shared_secret").is_some() && value.get("account_name").is_some()
}

/// A `.maFile`, or the Steam app's `accounts`, by shape.
pub(crate) fn detect(value: &Value) -> Option<Format> {
    let inner = value.get("accounts").and_then(Value::as_object).and_then(|a| a.values().next());
    (is_guard(value) || inner.is_some_and(is_guard)).then_some(Format::Steam)
}

fn read_one(e: &Value) -> Result<Account, Skipped> {
    let name = e.get("account_name").and_then(Value::as_str).unwrap_or_default().trim().to_owned();
    let secret = e.get("shared_secret").and_then(Value::as_str).unwrap_or_default();
    let bytes = base64::engine::general_purpose::STANDARD.decode(secret.trim()).map_err(|_| Skipped::new("Steam", &name, SkipReason::Unreadable))?;
    Fields::of("Steam".into(), name, base32_of(&bytes), "steam").to_account()
}

/// Reads a Steam Guard file.
pub fn import(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Steam JSON"))?;
    let entries: Vec<&Value> = match value.get("accounts").and_then(Value::as_object) {
        Some(accounts) => accounts.values().collect(),
        None => vec![&value],
    };
    Ok(super::split(entries.into_iter().map(read_one)))
}
