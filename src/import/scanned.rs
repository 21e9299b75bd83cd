//! What a scanned QR code (or a pasted line) holds: one account or one batch of an export.

use super::{migration, ImportError};
use crate::account::Account;

/// What a scanned QR code (or a pasted line) holds. `Debug` shows no secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Scanned {
    /// One `otpauth://` account.
    Account(Account),
    /// One batch of a Google Authenticator export.
    Batch(migration::Batch),
}

impl std::fmt::Debug for Scanned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Both inner types redact: Account its secret, Batch its accounts.
        match self {
            Scanned::Account(a) => f.debug_tuple("Account").field(a).finish(),
            Scanned::Batch(b) => f.debug_tuple("Batch").field(b).finish(),
        }
    }
}

/// Why a scanned text is not usable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanError {
    /// Neither `otpauth://` nor `otpauth-migration://` (a web link, a Wi-Fi code …).
    NotAuthenticator,
    /// An `otpauth://` link that does not parse.
    Uri(crate::uri::UriError),
    /// An `otpauth-migration://` link that does not decode.
    Import(ImportError),
}

/// Developer text; the UI maps each variant to its own message.
impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::NotAuthenticator => f.write_str("neither an otpauth:// nor an otpauth-migration:// link"),
            ScanError::Uri(e) => e.fmt(f),
            ScanError::Import(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ScanError {}

/// Reads a QR code's text.
pub fn read_scanned(text: &str) -> Result<Scanned, ScanError> {
    let t = text.trim();
    if t.get(..20).is_some_and(|p| p.eq_ignore_ascii_case("otpauth-migration://")) {
        migration::decode(t).map(Scanned::Batch).map_err(ScanError::Import)
    } else if t.get(..10).is_some_and(|p| p.eq_ignore_ascii_case("otpauth://")) {
        crate::uri::parse(t).map(|p| Scanned::Account(p.account)).map_err(ScanError::Uri)
    } else {
        Err(ScanError::NotAuthenticator)
    }
}

