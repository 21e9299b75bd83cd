//! Files Aegis reads from a phone's app data (copied with root or from a device backup): Android
//! shared-preferences XML — Authy's tokens (`com.authy.storage.tokens.authenticator.xml`, a JSON
//! array in one string), Battle.net's authenticator (secret and serial hex-encoded and masked) and
//! FreeOTP's `tokens.xml` (read in [`super::freeotp`]) — and Duo Mobile's `duokit/accounts.json`.
//! XML is read with `roxmltree`.

use super::{base32_of, Fields, Format, ImportError, KnownApp, SkipReason, Skipped};
use crate::account::Account;
use serde::Deserialize;
use serde_json::Value;

const AUTHY_KEYS: [&str; 2] = ["com.authy.storage.tokens.authenticator.key", "com.authy.storage.tokens.authy.key"];
const BNET_SECRET: &str = "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET";
const BNET_SERIAL: &str = "com.blizzard.messenger.AUTHENTICATOR_SERIAL";
/// The fixed mask Battle.net XORs its hex text with (the one Aegis and WinAuth undo).
const BNET_MASK: [u8; 56] = [
    0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5, 0x25, 0xf4, 0xc0, 0x6c, 0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a, 0xed, 0xa5,
    0x9d, 0xa9, 0x81, 0x3b, 0x5d, 0xd6, 0xc8, 0x0d, 0x2f, 0xb3, 0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b, 0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64, 0x79, 0x01, 0x5c, 0x1d,
    0x5b, 0x8b, 0x8f, 0x6b,
];

fn pref<'a>(entries: &'a [(String, String)], name: &str) -> Option<&'a str> {
    entries.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Which shared-preferences file this is (Authy, Battle.net, FreeOTP), or why it is refused.
pub(crate) fn detect_xml(text: &str) -> Result<Format, ImportError> {
    let entries = super::shared_prefs::prefs(text).ok_or(ImportError::NotRecognised)?;
    if let Some(tokens) = AUTHY_KEYS.iter().find_map(|k| pref(&entries, k)) {
        let tokens: Vec<Value> = serde_json::from_str(tokens).map_err(|_| ImportError::Malformed("Authy tokens"))?;
        let plain = |t: &Value| t.get("decryptedSecret").is_some() || t.get("secretSeed").is_some();
        return if tokens.iter().all(plain) { Ok(Format::Authy) } else { Err(ImportError::NeedsRoute(KnownApp::AuthyEncrypted)) };
    }
    if pref(&entries, BNET_SECRET).is_some() {
        return Ok(Format::BattleNet);
    }
    if super::freeotp::is_tokens_xml(&entries) {
        return Ok(Format::FreeOtpXml);
    }
    Err(ImportError::NotRecognised)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthyToken {
    #[serde(default)]
    decrypted_secret: Option<String>,
    #[serde(default)]
    secret_seed: Option<String>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    original_name: Option<String>,
    #[serde(default)]
    original_issuer: Option<String>,
    #[serde(default)]
    account_type: Option<String>,
}

/// Authy's names, as Aegis recovers them: the original issuer, else the original label's
/// "Issuer:" prefix, else "Issuer - " in the shown name, else the account type capitalised; the
/// name is the shown name less that issuer. Authy's own tokens (`secretSeed`) have only a name,
/// which is the issuer.
fn authy_names(t: &AuthyToken) -> (String, String) {
    let filled = |o: &Option<String>| o.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    if t.secret_seed.is_some() {
        return (t.name.trim().to_owned(), String::new());
    }
    let (issuer, separator) = if let Some(i) = filled(&t.original_issuer) {
        (i, "")
    } else if let Some((i, _)) = t.original_name.as_deref().and_then(|n| n.split_once(':')) {
        (i.trim().to_owned(), ":")
    } else if let Some((i, _)) = t.name.split_once(" - ") {
        (i.trim().to_owned(), " - ")
    } else {
        let kind = filled(&t.account_type).unwrap_or_default();
        let mut c = kind.chars();
        (c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default(), "")
    };
    let name = t.name.trim();
    let name = name.strip_prefix(&format!("{issuer}{separator}")).unwrap_or(name);
    let name = name.trim_start_matches(':').trim();
    // A shown name that is only the issuer names no account.
    let name = if name.eq_ignore_ascii_case(&issuer) { "" } else { name };
    (issuer, name.to_owned())
}

/// Reads Authy's shared preferences (secrets decrypted).
pub fn authy(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let entries = super::shared_prefs::prefs(text).ok_or(ImportError::Malformed("Authy XML"))?;
    let tokens = AUTHY_KEYS.iter().find_map(|k| pref(&entries, k)).ok_or(ImportError::Malformed("Authy XML"))?;
    let tokens: Vec<Value> = serde_json::from_str(tokens).map_err(|_| ImportError::Malformed("Authy tokens"))?;
    Ok(super::split(tokens.iter().map(|value| {
        let t = AuthyToken::deserialize(value).map_err(|_| Skipped::new("", value.get("name").and_then(Value::as_str).unwrap_or_default(), SkipReason::Unreadable))?;
        let (issuer, name) = authy_names(&t);
        let (secret_b32, period) = match (&t.decrypted_secret, &t.secret_seed) {
            (Some(s), _) => (s.clone(), None),
            // Authy's own tokens: a hex seed, codes every 10 seconds.
            (None, Some(seed)) => (hex(seed).map(|b| base32_of(&b)).ok_or_else(|| Skipped::new(&issuer, &name, SkipReason::Unreadable))?, Some(10)),
            (None, None) => return Err(Skipped::new(&issuer, &name, SkipReason::Unreadable)),
        };
        let mut fields = Fields::of(issuer, name, secret_b32, "totp");
        (fields.digits, fields.period) = (t.digits, period);
        fields.to_account()
    })))
}

fn hex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// Undoes Battle.net's mask: hex bytes XORed with [`BNET_MASK`], giving ASCII text.
fn unmask(text: &str) -> Option<String> {
    let bytes = hex(text)?;
    if bytes.len() > BNET_MASK.len() {
        return None;
    }
    let plain: Vec<u8> = bytes.iter().zip(BNET_MASK).map(|(b, m)| b ^ m).collect();
    String::from_utf8(plain).ok()
}

/// Reads Battle.net's authenticator preferences: one account, "Battle.net" and its serial, 8 digits.
pub fn battle_net(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let entries = super::shared_prefs::prefs(text).ok_or(ImportError::Malformed("Battle.net XML"))?;
    let serial = pref(&entries, BNET_SERIAL).filter(|s| !s.is_empty()).map(|s| unmask(s).unwrap_or_default()).unwrap_or_default();
    let secret = pref(&entries, BNET_SECRET).and_then(unmask).and_then(|h| hex(&h));
    let issuer = "Battle.net";
    let result = match secret {
        Some(bytes) => {
            let mut fields = Fields::of(issuer.into(), serial, base32_of(&bytes), "totp");
            fields.digits = Some(8);
            fields.to_account()
        }
        None => Err(Skipped::new(issuer, &serial, SkipReason::Unreadable)),
    };
    Ok(super::split([result]))
}

/// Duo's accounts file: an array of accounts with `otpGenerator`.
pub(crate) fn detect_duo(value: &Value) -> Option<Format> {
    value.as_array()?.first()?.get("otpGenerator").is_some_and(Value::is_object).then_some(Format::Duo)
}

/// Reads Duo Mobile's `accounts.json`: the name Duo shows, a Base32 secret, a counter for HOTP.
pub fn duo(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let entries: Vec<Value> = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Duo JSON"))?;
    Ok(super::split(entries.iter().map(|e| {
        let name = e.get("name").and_then(Value::as_str).unwrap_or_default().trim().to_owned();
        let generator = e.get("otpGenerator").ok_or_else(|| Skipped::new("", &name, SkipReason::Unreadable))?;
        let secret = generator.get("otpSecret").and_then(Value::as_str).unwrap_or_default().to_owned();
        let counter = generator.get("counter").and_then(Value::as_u64);
        let kind = if counter.is_some() { "hotp" } else { "totp" };
        let mut fields = Fields::of(String::new(), name, secret, kind);
        fields.counter = counter;
        fields.to_account()
    })))
}
