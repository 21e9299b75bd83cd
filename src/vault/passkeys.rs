//! The passkeys a vault holds, without their key material, and the key a passkey's PRF secret
//! gives (HKDF-SHA256).

use super::envelope::{Envelope, Slot};
use super::kdf::Kek;
use super::passkey::{self, PRF_SALT_LEN};
use super::{Random, VaultError};

/// A passkey slot without its key material: what the unlock screen asks WebAuthn for, and what
/// settings list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasskeyInfo {
    /// The credential's raw id.
    pub credential_id: Vec<u8>,
    /// The PRF input to evaluate.
    pub salt: [u8; PRF_SALT_LEN],
    /// Its name.
    pub name: String,
    /// When it was added, Unix ms.
    pub created_ms: u64,
}

pub(super) fn passkey_infos(slots: &[Slot]) -> Vec<PasskeyInfo> {
    slots
        .iter()
        .filter_map(|s| match s {
            Slot::Passkey(p) => Some(PasskeyInfo { credential_id: p.credential_id.clone(), salt: p.salt, name: p.name.clone(), created_ms: p.created_ms }),
            _ => None,
        })
        .collect()
}

/// The passkeys that can open stored `bytes`, read before unlocking (nothing is decrypted).
pub fn passkeys_of(bytes: &[u8]) -> Result<Vec<PasskeyInfo>, VaultError> {
    Envelope::parse(bytes).map(|e| passkey_infos(&e.slots))
}

/// The key a passkey's PRF output wraps the master key under (see [`HKDF_INFO`]).
pub fn passkey_kek(prf_secret: &[u8], salt: &[u8; PRF_SALT_LEN]) -> Result<Kek, VaultError> {
    passkey::kek_from_prf(prf_secret, salt)
}

/// A fresh PRF salt for a new passkey slot.
pub fn new_prf_salt(rng: &mut dyn Random) -> [u8; PRF_SALT_LEN] {
    let mut salt = [0u8; PRF_SALT_LEN];
    rng.fill(&mut salt);
    salt
}
