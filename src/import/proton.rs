//! Proton's files: Proton Authenticator's JSON export (`{"version": 1, "entries": [{"content":
//! {"uri", "entry_type": "Totp" | "Steam", "name"}, "note"}]}`) and Proton Pass's unencrypted
//! export, a ZIP holding `Proton Pass/data.json` (or that JSON alone), whose vaults' login items
//! keep a TOTP in `content.totpUri` and more in `extraFields` of type `totp`. The ZIP is read with
//! the `zip` crate; Proton Pass's PGP-encrypted export is recognised in [`super::known`].

use super::{Fields, Format, ImportError, SkipReason, Skipped};
use crate::account::Account;
use serde_json::Value;
use std::io::Read;

/// The path of the JSON inside Proton Pass's ZIP.
pub const PASS_ZIP_ENTRY: &str = "Proton Pass/data.json";

/// Proton Authenticator's export, or Proton Pass's `data.json`, by shape.
pub(crate) fn detect(value: &Value) -> Option<Format> {
    let first = value.get("entries").and_then(Value::as_array).and_then(|e| e.first());
    if first.and_then(|e| e.get("content")).is_some_and(|c| c.get("uri").is_some()) {
        return Some(Format::ProtonAuthenticator);
    }
    (value.get("vaults").is_some_and(Value::is_object) && value.get("encrypted").is_some()).then_some(Format::ProtonPass)
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).map(str::trim).unwrap_or_default()
}

fn authenticator_entry(entry: &Value) -> Result<Account, Skipped> {
    let content = entry.get("content").unwrap_or(&Value::Null);
    let (uri, shown) = (text(content, "uri"), text(content, "name"));
    if text(content, "entry_type").eq_ignore_ascii_case("steam") || uri.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("steam://")) {
        let secret = uri.get(8..).filter(|_| uri.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("steam://")));
        return match secret {
            Some(secret) => Fields::of("Steam".into(), shown.to_owned(), secret.to_owned(), "steam").to_account(),
            // A Steam entry kept as an otpauth link: Steam codes from its key.
            None => super::bitwarden_csv::totp_field(uri, "Steam", shown).unwrap_or_else(|| Err(Skipped::new("Steam", shown, SkipReason::Unreadable))).map(|mut a| {
                a.params.kind = crate::otp::Kind::Steam { period: a.params.kind.period().unwrap_or(30) };
                a.params.digits = crate::otp::STEAM_CHARS;
                a
            }),
        };
    }
    let read = super::text::read_line(uri).map_err(|s| if s.issuer.is_empty() && s.name.is_empty() { Skipped::new("", shown, s.reason) } else { s })?;
    let mut account = read;
    // The name given in Proton Authenticator wins over the link's label; one that only repeats the
    // issuer names no account.
    if !shown.is_empty() {
        account.name = shown.to_owned();
    }
    if account.name.eq_ignore_ascii_case(&account.issuer) {
        account.name.clear();
    }
    Ok(account)
}

/// Reads Proton Authenticator's JSON export.
pub fn authenticator(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Proton Authenticator JSON"))?;
    let entries = value.get("entries").and_then(Value::as_array).ok_or(ImportError::Malformed("Proton Authenticator entries"))?;
    Ok(super::split(entries.iter().map(authenticator_entry)))
}

/// Reads Proton Pass's `data.json`: every TOTP of every item of every vault.
pub fn pass_json(json: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let value: Value = serde_json::from_str(json).map_err(|_| ImportError::Malformed("Proton Pass JSON"))?;
    if value.get("encrypted").and_then(Value::as_bool) == Some(true) {
        return Err(ImportError::NeedsRoute(super::KnownApp::ProtonPassEncrypted));
    }
    let vaults = value.get("vaults").and_then(Value::as_object).ok_or(ImportError::Malformed("Proton Pass vaults"))?;
    let mut results = Vec::new();
    for vault in vaults.values() {
        for item in vault.get("items").and_then(Value::as_array).into_iter().flatten() {
            let data = item.get("data").unwrap_or(&Value::Null);
            let title = data.get("metadata").map(|m| text(m, "name")).unwrap_or_default();
            let content = data.get("content").unwrap_or(&Value::Null);
            let user = [text(content, "itemUsername"), text(content, "itemEmail"), text(content, "username")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
            results.extend(super::bitwarden_csv::totp_field(text(content, "totpUri"), title, user));
            for field in data.get("extraFields").and_then(Value::as_array).into_iter().flatten().filter(|f| text(f, "type") == "totp") {
                let uri = field.get("data").map(|d| text(d, "totpUri")).unwrap_or_default();
                results.extend(super::bitwarden_csv::totp_field(uri, title, user));
            }
        }
    }
    Ok(super::split(results))
}

/// Reads Proton Pass's ZIP export: its `data.json`, inflated with at most
/// [`super::MAX_IMPORT_BYTES`] read.
pub fn pass_zip(bytes: &[u8]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| ImportError::Malformed("ZIP"))?;
    let file = archive.by_name(PASS_ZIP_ENTRY).map_err(|_| ImportError::Malformed("Proton Pass ZIP"))?;
    let mut json = zeroize::Zeroizing::new(String::new());
    let limit = super::MAX_IMPORT_BYTES as u64;
    file.take(limit + 1).read_to_string(&mut json).map_err(|_| ImportError::Malformed("Proton Pass ZIP"))?;
    if json.len() as u64 > limit {
        return Err(ImportError::TooLarge);
    }
    pass_json(&json)
}
