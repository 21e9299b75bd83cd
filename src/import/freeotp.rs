//! FreeOTP+'s JSON export (`{"tokenOrder": […], "tokens": […]}`) and FreeOTP's shared-preferences
//! `tokens.xml` (one `<string>` of token JSON per account, plus `tokenOrder`), which FreeOTP+ also
//! keeps. A token holds its key as an array of signed bytes, `algo`, `digits`, `period`, `type`
//! (TOTP/HOTP), `counter`, `issuerExt` and `label`; FreeOTP marks Steam by the issuer "Steam".

use super::{base32_of, Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use serde::Deserialize;
use serde_json::Value;

/// FreeOTP+'s JSON export, by shape.
pub(crate) fn detect(value: &Value) -> Option<Format> {
    (value.get("tokens").is_some_and(Value::is_array) && value.get("tokenOrder").is_some()).then_some(Format::FreeOtpPlus)
}

/// Whether shared preferences are FreeOTP's tokens: a `tokenOrder`, or token JSON in the strings.
pub(crate) fn is_tokens_xml(entries: &[(String, String)]) -> bool {
    entries.iter().any(|(name, value)| {
        name == "tokenOrder" || serde_json::from_str::<Value>(value).is_ok_and(|v| v.get("secret").is_some_and(Value::is_array) && v.get("type").is_some())
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Token {
    #[serde(default)]
    algo: Option<String>,
    #[serde(default)]
    counter: Option<u64>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    secret: Vec<i8>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

/// The names a token carries: `issuerExt` (else `issuerInt`, else the label's "Issuer:" prefix)
/// and the label.
fn names_of(value: &Value) -> (String, String) {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned();
    let issuer = [text("issuerExt"), text("issuerInt")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
    let label = text("label");
    match label.split_once(':') {
        Some((i, n)) if issuer.is_empty() => (i.trim().to_owned(), n.trim().to_owned()),
        _ => (issuer, label),
    }
}

fn read_token(value: &Value) -> Result<Account, Skipped> {
    let (issuer, name) = names_of(value);
    let token = Token::deserialize(value).map_err(|_| Skipped::new(&issuer, &name, SkipReason::Unreadable))?;
    let bytes: Vec<u8> = token.secret.iter().map(|&b| b as u8).collect();
    let kind = token.kind.as_deref().unwrap_or("totp").to_ascii_lowercase();
    let kind = if kind == "totp" && issuer == "Steam" { "steam".to_owned() } else { kind };
    Fields {
        issuer,
        name,
        secret_b32: base32_of(&bytes),
        kind,
        algorithm: token.algo.unwrap_or_default(),
        digits: token.digits,
        period: token.period,
        counter: token.counter,
    }
    .to_account()
}

/// Reads FreeOTP+'s JSON export, in the file's order of tokens.
pub fn plus_json(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::Malformed("FreeOTP+ JSON"))?;
    let tokens = value.get("tokens").and_then(Value::as_array).ok_or(ImportError::Malformed("FreeOTP+ tokens"))?;
    Ok(super::split(tokens.iter().map(read_token)))
}

/// Reads FreeOTP's `tokens.xml`, in the order of its `tokenOrder` where it names the tokens, the
/// others after in file order.
pub fn tokens_xml(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let entries = super::shared_prefs::prefs(text).ok_or(ImportError::Malformed("FreeOTP XML"))?;
    let order: Vec<String> = entries.iter().find(|(n, _)| n == "tokenOrder").and_then(|(_, v)| serde_json::from_str(v).ok()).unwrap_or_default();
    let mut tokens: Vec<(&str, Value)> = Vec::new();
    for (name, value) in entries.iter().filter(|(n, _)| n != "tokenOrder") {
        match serde_json::from_str::<Value>(value) {
            Ok(v) => tokens.push((name, v)),
            Err(_) => tokens.push((name, Value::Null)),
        }
    }
    tokens.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(usize::MAX));
    Ok(super::split(tokens.iter().map(|(name, value)| match value {
        Value::Null => Err(Skipped::new("", name, SkipReason::Unreadable)),
        v => read_token(v),
    })))
}
