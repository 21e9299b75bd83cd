//! Authenticator Plus's "Export as text": a password-protected ZIP holding `Accounts.txt`, one
//! `otpauth://` link per line. Opened with the `zip` crate, which takes WinZip AES (tested: zip4j's
//! AES-256) and the older ZipCrypto alike; the text is read at most [`super::MAX_IMPORT_BYTES`] long.

use super::{ImportError, Skipped};
use crate::account::Account;
use std::io::Read;

/// The entry that holds the accounts.
pub const ENTRY: &str = "Accounts.txt";

/// Reads the export with its password.
pub fn import(bytes: &[u8], password: Option<&str>) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let password = password.filter(|p| !p.is_empty()).ok_or(ImportError::NeedsPassword)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| ImportError::Malformed("ZIP"))?;
    let index = (0..archive.len())
        .find(|&i| archive.name_for_index(i).is_some_and(|n| n.rsplit('/').next() == Some(ENTRY)))
        .ok_or(ImportError::Malformed("Authenticator Plus ZIP"))?;
    let file = match archive.by_index_decrypt(index, password.as_bytes()) {
        Ok(file) => file,
        Err(zip::result::ZipError::InvalidPassword) => return Err(ImportError::WrongPassword),
        Err(_) => return Err(ImportError::Malformed("Authenticator Plus ZIP")),
    };
    let mut text = zeroize::Zeroizing::new(Vec::new());
    let limit = super::MAX_IMPORT_BYTES as u64;
    // ZipCrypto's password check lets 1 wrong password in 256 through; the data then fails its
    // checksum (or does not inflate) and is refused here the same way.
    file.take(limit + 1).read_to_end(&mut text).map_err(|_| ImportError::WrongPassword)?;
    if text.len() as u64 > limit {
        return Err(ImportError::TooLarge);
    }
    let text = std::str::from_utf8(&text).map_err(|_| ImportError::Malformed("Authenticator Plus text"))?;
    let lines: Vec<&str> = text.lines().filter(|l| super::text::is_link(l)).collect();
    if lines.len() > crate::account::MAX_ACCOUNTS {
        return Err(ImportError::TooManyAccounts { found: lines.len() });
    }
    Ok(super::split(lines.into_iter().map(|l| super::text::read_line(l.trim()))))
}
