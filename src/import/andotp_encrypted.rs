//! andOTP's encrypted backup (`otp_accounts_*.json.aes`), a binary file with no magic number.
//!
//! * Current format: 4-byte big-endian PBKDF2 rounds, 12-byte salt, 12-byte nonce, then the
//!   AES-256-GCM ciphertext and tag; the key is PBKDF2-HMAC-SHA1(password, salt, rounds, 32
//!   bytes). andOTP writes 140,000–160,000 rounds, so the file starts `00 02 …`.
//! * Old format: 12-byte nonce, then AES-256-GCM; the key is SHA-256 of the password.
//!
//! Inside is andOTP's plain JSON. As the file has no magic, it is recognised from what it is not
//! (not text in any encoding, none of the binary files people carry: images, ZIP, PDF, SQLite,
//! gzip, a Java stream), and what is said depends on how sure that is: a file whose first four bytes are a
//! plausible round count is taken for the current format (wrong password is said as such);
//! any other unknown binary file may be an old-format backup, which only its password can
//! tell, and is answered with [`ImportError::UnknownBinary`], never a bare "wrong password".

use super::kdf::{aes_gcm_open, key_for, sha256_key, KdfJob, Pbkdf2Job};
use super::{Format, ImportError, Skipped};
use crate::account::Account;
use zeroize::Zeroizing;

const SALT: usize = 12;
const NONCE: usize = 12;
const TAG: usize = 16;
const HEADER: usize = 4 + SALT + NONCE;
/// Largest round count read as a current-format header: this app's cap, far above what andOTP
/// writes. A file whose first bytes say more is no current-format backup (it may be an old one,
/// whose first bytes are a random nonce), so no derivation is run for it.
const PLAUSIBLE_ROUNDS: u32 = super::kdf::MAX_PBKDF2_ITERATIONS;

/// Files people carry that are certainly not an andOTP backup, by their first bytes (3 bytes or
/// more, so that an old backup's random nonce is taken for one of them once in millions; the
/// UTF-16 marks, text this app does not read, are the exception).
const MAGICS: &[&[u8]] = &[
    b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"RIFF", b"PK\x03\x04", b"PK\x05\x06", b"%PDF", b"SQLite format 3\0",
    b"\x1F\x8B\x08", b"\xAC\xED\x00\x05", b"II*\0", b"MM\0*", b"\xFF\xFE", b"\xFE\xFF",
];

/// Whether `bytes` (already known not to be text) may be an andOTP encrypted backup.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let known = MAGICS.iter().any(|m| bytes.starts_with(m));
    (!known && !is_text(bytes) && bytes.len() >= NONCE + TAG + 2).then_some(Format::AndOtpEncrypted)
}

/// Whether `bytes` read as text in another encoding than UTF-8 (a list saved in Shift_JIS, say):
/// most bytes printable ASCII, where ciphertext has about 37 %.
fn is_text(bytes: &[u8]) -> bool {
    let printable = bytes.iter().filter(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()).count();
    printable * 10 >= bytes.len() * 6
}

/// The round count in the header, when the file is long enough for the current format and the
/// count is within the caps.
fn rounds(bytes: &[u8]) -> Option<u32> {
    let head: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
    let rounds = u32::from_be_bytes(head);
    ((1..=PLAUSIBLE_ROUNDS).contains(&rounds) && bytes.len() >= HEADER + TAG + 2).then_some(rounds)
}

/// The PBKDF2 derivation of the current format (checked against the caps), or none when the
/// file cannot be one.
pub fn jobs(bytes: &[u8]) -> Result<Vec<KdfJob>, ImportError> {
    match rounds(bytes) {
        Some(r) => Ok(vec![KdfJob::Pbkdf2Sha1(Pbkdf2Job::checked(bytes[4..4 + SALT].to_vec(), r.into())?)]),
        None => Ok(Vec::new()),
    }
}

fn open(key: &Zeroizing<[u8; 32]>, body: &[u8]) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    aes_gcm_open(key, &body[..NONCE], &body[NONCE..], &[])
}

/// Reads the backup with the current format's key derived by the worker (`keys`) or from
/// `password`; the old format is tried too (its key costs nothing).
pub fn import(bytes: &[u8], password: Option<&str>, keys: &[Zeroizing<[u8; 32]>]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let jobs = jobs(bytes)?;
    let password = password.filter(|p| !p.is_empty());
    let current = !jobs.is_empty();
    if password.is_none() && keys.is_empty() {
        return Err(if current { ImportError::NeedsPassword } else { ImportError::UnknownBinary { password_tried: false } });
    }
    let mut plain = None;
    if let Some(job) = jobs.first() {
        plain = open(&key_for(job, 0, password, keys)?, &bytes[4 + SALT..]).ok();
    }
    if let (None, Some(p)) = (&plain, password) {
        plain = open(&sha256_key(p), bytes).ok();
    }
    let Some(plain) = plain else {
        return Err(if current { ImportError::WrongPassword } else { ImportError::UnknownBinary { password_tried: password.is_some() } });
    };
    let text = std::str::from_utf8(&plain).map_err(|_| ImportError::Malformed("andOTP JSON"))?;
    super::json_formats::andotp(text)
}
