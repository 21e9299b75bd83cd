//! The passkey slot: the master key wrapped under a key derived from a passkey's WebAuthn PRF
//! secret. Format and reasoning in docs/vault.md ("Passkey slot").

use super::VaultError;
use hkdf::Hkdf;
use sha2::Sha256;
use std::fmt;
use zeroize::Zeroizing;

/// Slot type byte of a passkey slot.
pub const SLOT_PASSKEY: u8 = 2;
/// Length of the PRF salt we ask the passkey to evaluate.
pub const PRF_SALT_LEN: usize = 32;
/// Longest credential id kept (WebAuthn allows up to 1,023 bytes).
pub const MAX_CREDENTIAL_ID: usize = 1023;
/// Longest name, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 120;
/// The HKDF `info` that turns a PRF secret into a key-wrapping key. Versioned: another use of the
/// same secret, or a later scheme, gets another string, so keys never coincide across them.
pub const HKDF_INFO: &[u8] = b"authenticator vault passkey-prf slot v1";

/// A passkey slot.
#[derive(Clone, PartialEq, Eq)]
pub struct PasskeySlot {
    /// The credential's raw id (what WebAuthn is asked for).
    pub credential_id: Vec<u8>,
    /// What the settings list shows ("This device, Chrome on Android").
    pub name: String,
    /// When it was added, Unix ms.
    pub created_ms: u64,
    /// The PRF input the passkey evaluates (random, per slot).
    pub salt: [u8; PRF_SALT_LEN],
    /// Nonce of the key wrap.
    pub nonce: [u8; super::sizes::NONCE_LEN],
    /// AES-256-GCM(KEK, nonce, master key, aad = slot header).
    pub wrapped: [u8; super::sizes::WRAPPED_LEN],
}

impl fmt::Debug for PasskeySlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasskeySlot").field("name", &self.name).field("created_ms", &self.created_ms).finish_non_exhaustive()
    }
}

impl PasskeySlot {
    /// The body's length in bytes.
    pub fn body_len(&self) -> usize {
        2 + self.credential_id.len() + 1 + self.name.len() + 8 + PRF_SALT_LEN + super::sizes::NONCE_LEN + super::sizes::WRAPPED_LEN
    }

    /// The bytes authenticated with the wrapped key: type, length, credential id, name, date
    /// and salt (everything but the nonce and the wrapped key).
    pub fn aad(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(3 + self.body_len());
        out.push(SLOT_PASSKEY);
        out.extend_from_slice(&(self.body_len() as u16).to_be_bytes());
        out.extend_from_slice(&(self.credential_id.len() as u16).to_be_bytes());
        out.extend_from_slice(&self.credential_id);
        out.push(self.name.len() as u8);
        out.extend_from_slice(self.name.as_bytes());
        out.extend_from_slice(&self.created_ms.to_be_bytes());
        out.extend_from_slice(&self.salt);
        out
    }

    /// Reads a slot body; `None` if it is not a well-formed passkey slot.
    pub fn parse(body: &[u8]) -> Option<PasskeySlot> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Option<&[u8]> {
            let end = at.checked_add(n).filter(|e| *e <= body.len())?;
            let out = &body[at..end];
            at = end;
            Some(out)
        };
        let id_len = u16::from_be_bytes(take(2)?.try_into().ok()?) as usize;
        if id_len == 0 || id_len > MAX_CREDENTIAL_ID {
            return None;
        }
        let credential_id = take(id_len)?.to_vec();
        let name_len = take(1)?[0] as usize;
        if name_len > MAX_NAME_BYTES {
            return None;
        }
        let name = String::from_utf8(take(name_len)?.to_vec()).ok()?;
        let created_ms = u64::from_be_bytes(take(8)?.try_into().ok()?);
        let salt = take(PRF_SALT_LEN)?.try_into().ok()?;
        let nonce = take(super::sizes::NONCE_LEN)?.try_into().ok()?;
        let wrapped = take(super::sizes::WRAPPED_LEN)?.try_into().ok()?;
        if take(1).is_some() {
            return None;
        }
        Some(PasskeySlot { credential_id, name, created_ms, salt, nonce, wrapped })
    }

    /// The slot as stored: its header (see [`PasskeySlot::aad`]), nonce and wrapped key.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.aad();
        out.extend_from_slice(&self.nonce);
        out.extend_from_slice(&self.wrapped);
        out
    }
}

/// A name cut to [`MAX_NAME_BYTES`] on a character boundary.
pub fn clean_name(name: &str) -> String {
    let name = name.trim();
    let mut end = name.len().min(MAX_NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_owned()
}

/// The key-wrapping key for a PRF secret: HKDF-SHA256 with the slot's salt as HKDF salt and
/// [`HKDF_INFO`]. Anything but 32 bytes is refused (WebAuthn PRF gives exactly 32).
pub fn kek_from_prf(prf_secret: &[u8], salt: &[u8; PRF_SALT_LEN]) -> Result<super::Kek, VaultError> {
    if prf_secret.len() != 32 {
        return Err(VaultError::WrongPassphraseOrDamaged);
    }
    let hk = Hkdf::<Sha256>::new(Some(salt), prf_secret);
    let mut okm = Zeroizing::new([0u8; 32]);
    hk.expand(HKDF_INFO, okm.as_mut()).map_err(|_| VaultError::Damaged)?;
    super::Kek::from_slice(okm.as_ref()).ok_or(VaultError::Damaged)
}
