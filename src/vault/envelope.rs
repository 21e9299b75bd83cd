//! The binary envelope: header, key slots, and the sealed content. Field tables in docs/vault.md.

use super::passkey::{PasskeySlot, SLOT_PASSKEY};
pub use super::sizes::{NONCE_LEN, WRAPPED_LEN};
use super::VaultError;

/// First eight bytes of every vault and backup file.
pub const MAGIC: &[u8; 8] = b"2FAVAULT";
/// The envelope version this code writes, and the newest it reads.
pub const ENVELOPE_VERSION: u16 = 1;
/// Slot type: a passphrase through Argon2id.
pub const SLOT_PASSPHRASE: u8 = 1;
/// Most slots an envelope may have.
pub const MAX_SLOTS: usize = 8;
/// Argon2 salt length.
pub const SALT_LEN: usize = 16;
const PASSPHRASE_SLOT_LEN: usize = 4 + 4 + 1 + SALT_LEN + NONCE_LEN + WRAPPED_LEN;

/// Argon2id cost parameters, stored in the slot so they can change without breaking old vaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u8,
}

/// A passphrase slot: the master key wrapped under a key derived from the passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassphraseSlot {
    /// Argon2id parameters.
    pub kdf: KdfParams,
    /// Random salt.
    pub salt: [u8; SALT_LEN],
    /// Nonce for the key wrap.
    pub nonce: [u8; NONCE_LEN],
    /// AES-256-GCM(KEK, nonce, master key, aad = slot header).
    pub wrapped: [u8; WRAPPED_LEN],
}

impl PassphraseSlot {
    /// The bytes authenticated with the wrapped key: type, length, parameters and salt.
    pub fn aad(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(3 + 9 + SALT_LEN);
        out.push(SLOT_PASSPHRASE);
        out.extend_from_slice(&(PASSPHRASE_SLOT_LEN as u16).to_be_bytes());
        out.extend_from_slice(&self.kdf.memory_kib.to_be_bytes());
        out.extend_from_slice(&self.kdf.iterations.to_be_bytes());
        out.push(self.kdf.parallelism);
        out.extend_from_slice(&self.salt);
        out
    }
}

/// A key slot. Unknown types (from a newer version) are kept byte for byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Passphrase through Argon2id.
    Passphrase(PassphraseSlot),
    /// A passkey's WebAuthn PRF secret through HKDF-SHA256.
    Passkey(PasskeySlot),
    /// A slot type this version does not know; kept so a save does not drop it.
    Unknown {
        /// Its type byte.
        kind: u8,
        /// Its body.
        body: Vec<u8>,
    },
}

/// A parsed envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// Save counter: every save writes `revision + 1`; a writer checks it first.
    pub revision: u64,
    /// Key slots.
    pub slots: Vec<Slot>,
    /// Nonce of the content encryption.
    pub nonce: [u8; NONCE_LEN],
    /// AES-256-GCM ciphertext of the content, tag included.
    pub ciphertext: Vec<u8>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], VaultError> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or(VaultError::Truncated)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], VaultError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, VaultError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, VaultError> {
        Ok(u16::from_be_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, VaultError> {
        Ok(u32::from_be_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, VaultError> {
        Ok(u64::from_be_bytes(self.array()?))
    }
}

impl Envelope {
    /// Reads an envelope. Structure only: nothing is decrypted here.
    pub fn parse(bytes: &[u8]) -> Result<Envelope, VaultError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
                VaultError::Truncated
            } else {
                VaultError::NotAVault
            });
        }
        let mut r = Reader { bytes, at: MAGIC.len() };
        let version = r.u16()?;
        if version > ENVELOPE_VERSION {
            return Err(VaultError::NewerEnvelope { found: version });
        }
        if version == 0 {
            return Err(VaultError::Damaged);
        }
        let revision = r.u64()?;
        let count = r.u8()? as usize;
        if count == 0 || count > MAX_SLOTS {
            return Err(VaultError::Damaged);
        }
        let mut slots = Vec::with_capacity(count);
        for _ in 0..count {
            let kind = r.u8()?;
            let len = r.u16()? as usize;
            let body = r.take(len)?;
            slots.push(match kind {
                SLOT_PASSPHRASE => {
                    if len != PASSPHRASE_SLOT_LEN {
                        return Err(VaultError::Damaged);
                    }
                    let mut b = Reader { bytes: body, at: 0 };
                    Slot::Passphrase(PassphraseSlot {
                        kdf: KdfParams { memory_kib: b.u32()?, iterations: b.u32()?, parallelism: b.u8()? },
                        salt: b.array()?,
                        nonce: b.array()?,
                        wrapped: b.array()?,
                    })
                }
                // A body this version cannot read (a later extension) is kept as it is.
                SLOT_PASSKEY => PasskeySlot::parse(body).map_or_else(|| Slot::Unknown { kind, body: body.to_vec() }, Slot::Passkey),
                0 => return Err(VaultError::Damaged),
                _ => Slot::Unknown { kind, body: body.to_vec() },
            });
        }
        let nonce = r.array()?;
        let ciphertext = bytes[r.at..].to_vec();
        if ciphertext.len() < 16 {
            return Err(VaultError::Truncated);
        }
        Ok(Envelope { revision, slots, nonce, ciphertext })
    }

    /// Everything before the ciphertext: the associated data of the content encryption.
    pub fn header(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.slots.len() * 96);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&ENVELOPE_VERSION.to_be_bytes());
        out.extend_from_slice(&self.revision.to_be_bytes());
        out.push(self.slots.len() as u8);
        for slot in &self.slots {
            match slot {
                Slot::Passphrase(p) => {
                    out.extend_from_slice(&p.aad());
                    out.extend_from_slice(&p.nonce);
                    out.extend_from_slice(&p.wrapped);
                }
                Slot::Passkey(p) => out.extend_from_slice(&p.to_bytes()),
                Slot::Unknown { kind, body } => {
                    out.push(*kind);
                    out.extend_from_slice(&(body.len() as u16).to_be_bytes());
                    out.extend_from_slice(body);
                }
            }
        }
        out.extend_from_slice(&self.nonce);
        out
    }

    /// The envelope's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.header();
        out.extend_from_slice(&self.ciphertext);
        out
    }
}
