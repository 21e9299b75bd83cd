//! Telling formats apart by shape, for the apps added after the first few: binary files first
//! (ZIP, SQLite, Java serialisation, OpenPGP — none of them is UTF-8 text), then JSON shapes, then
//! other text (XML shared preferences, CSV, ASCII-armoured PGP). Some files are recognised only to
//! say the route that works ([`KnownApp`]): another app's database, or an export encrypted in a way
//! no browser app opens.

use super::{freeotp, lastpass, phone_prefs, proton, steam, stratum, Format, ImportError};
use serde_json::Value;

/// Files this app knows but does not read; each has its own message with the route that works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KnownApp {
    /// Google Authenticator's SQLite database (copied from a rooted phone): its own export QR works.
    GoogleAuthenticatorDb,
    /// Microsoft Authenticator's SQLite database: the app has no export; each site is added again.
    MicrosoftAuthenticatorDb,
    /// Another app's SQLite database (Stratum's, Authenticator Plus's …): the app's export works.
    AppDatabase,
    /// Proton Pass's PGP-encrypted export: its unencrypted export works.
    ProtonPassEncrypted,
    /// FreeOTP 2's backup (`externalBackup.xml`, a Java-serialised map of encrypted tokens).
    FreeOtp2Backup,
    /// Authy's shared preferences with the secrets still encrypted: Authy has no export.
    AuthyEncrypted,
}

/// A ZIP file's first bytes (a local file header).
pub const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const JAVA_MAGIC: &[u8] = &[0xAC, 0xED, 0x00, 0x05];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Binary files, by their first bytes; `None` for anything else (read as text).
pub(crate) fn detect_binary(bytes: &[u8]) -> Option<Result<Format, ImportError>> {
    if bytes.starts_with(ZIP_MAGIC) {
        // File names are stored in the clear even in a password-protected ZIP.
        if contains(bytes, super::authplus::ENTRY.as_bytes()) {
            return Some(Ok(Format::AuthenticatorPlus));
        }
        return Some(if contains(bytes, proton::PASS_ZIP_ENTRY.as_bytes()) { Ok(Format::ProtonPass) } else { Err(ImportError::NotRecognised) });
    }
    if bytes.starts_with(SQLITE_MAGIC) {
        // The schema is stored as text in the file: the tables' columns tell the apps apart.
        let app = if contains(bytes, b"oath_secret_key") {
            KnownApp::MicrosoftAuthenticatorDb
        } else if contains(bytes, b"original_name") && contains(bytes, b"email TEXT") {
            KnownApp::GoogleAuthenticatorDb
        } else {
            KnownApp::AppDatabase
        };
        return Some(Err(ImportError::NeedsRoute(app)));
    }
    if bytes.starts_with(JAVA_MAGIC) {
        return Some(Err(ImportError::NeedsRoute(KnownApp::FreeOtp2Backup)));
    }
    // A binary OpenPGP message sealed with a password starts with a symmetric-key session packet
    // (RFC 9580 §5.3, tag 3); such bytes are not UTF-8 text.
    let pgp = symmetric_key_packet(bytes) && std::str::from_utf8(bytes).is_err();
    pgp.then_some(Err(ImportError::NeedsRoute(KnownApp::ProtonPassEncrypted)))
}

/// Whether `bytes` start with an OpenPGP symmetric-key encrypted session key packet: the packet
/// header (new format `0xC3`, or old format `0x8C`–`0x8F` with its length bytes), then a version
/// (4, 5 or 6) and, for version 4, a symmetric algorithm RFC 9580 names (1–13). Random bytes (an
/// andOTP backup's nonce) pass this about once in a million.
fn symmetric_key_packet(bytes: &[u8]) -> bool {
    let body = match bytes.first() {
        Some(0xC3) => match bytes.get(1) {
            Some(&len) if len < 192 => 2,
            Some(&len) if len < 224 => 3,
            Some(255) => 6,
            _ => return false,
        },
        Some(&tag @ 0x8C..=0x8F) => match tag & 3 {
            0 => 2,
            1 => 3,
            2 => 5,
            _ => 1,
        },
        _ => return false,
    };
    match (bytes.get(body), bytes.get(body + 1)) {
        (Some(4), Some(algorithm)) => (1..=13).contains(algorithm),
        (Some(5 | 6), Some(_)) => true,
        _ => false,
    }
}

/// The JSON shapes of the apps added here.
pub(crate) fn detect_json(value: &Value) -> Option<Format> {
    proton::detect(value)
        .or_else(|| freeotp::detect(value))
        .or_else(|| stratum::detect(value))
        .or_else(|| lastpass::detect(value))
        .or_else(|| steam::detect(value))
        .or_else(|| phone_prefs::detect_duo(value))
}

/// Text that is not JSON: XML shared preferences, Bitwarden's CSV, an armoured PGP message.
pub(crate) fn detect_text(text: &str) -> Option<Result<Format, ImportError>> {
    if text.starts_with("-----BEGIN PGP MESSAGE-----") {
        return Some(Err(ImportError::NeedsRoute(KnownApp::ProtonPassEncrypted)));
    }
    if text.starts_with('<') {
        return Some(phone_prefs::detect_xml(text));
    }
    let header = text.lines().next().unwrap_or_default();
    header.split(',').any(|column| column.trim().trim_matches('"') == "login_totp").then_some(Ok(Format::BitwardenCsv))
}
