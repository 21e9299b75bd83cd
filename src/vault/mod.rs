//! The encrypted vault: a random master key seals the content with AES-256-GCM; the master key is
//! wrapped in key slots (for now one passphrase slot through Argon2id). No I/O: bytes in, bytes
//! out; randomness comes from the caller. Format and reasons: docs/vault.md.

mod content;
mod envelope;

pub use content::{Content, Incoming, MergePreview, Settings, StoredAccount, CONTENT_VERSION, DEFAULT_AUTO_LOCK_MINUTES};
pub use envelope::{Envelope, KdfParams, PassphraseSlot, Slot, ENVELOPE_VERSION, MAGIC};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use envelope::{NONCE_LEN, SALT_LEN, WRAPPED_LEN};
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// Default Argon2id cost: 64 MiB, 3 passes, 1 lane (tuned for ≤ 0.7 s unlock in headless Chromium).
pub const DEFAULT_KDF: KdfParams = KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };
/// Largest Argon2 memory accepted from a file (1 GiB): a damaged or hostile file must not hang the tab.
pub const MAX_KDF_MEMORY_KIB: u32 = 1024 * 1024;
/// Most Argon2 passes accepted from a file.
pub const MAX_KDF_ITERATIONS: u32 = 64;

/// Why a vault could not be opened or written. Decryption failure is one variant: the cipher
/// cannot tell a wrong passphrase from a damaged file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultError {
    /// Does not start with the vault magic: not a vault or backup file of ours.
    NotAVault,
    /// Ends before its structure does.
    Truncated,
    /// Structure is inconsistent (bad slot, bad lengths).
    Damaged,
    /// Written by a newer version of the app (envelope format).
    NewerEnvelope {
        /// The version found.
        found: u16,
    },
    /// Written by a newer version of the app (content format).
    NewerContent {
        /// The version found.
        found: u32,
    },
    /// No slot this version can open with a passphrase.
    NoPassphraseSlot,
    /// Argon2 parameters out of the accepted range.
    BadKdfParams,
    /// Authentication failed: wrong passphrase, or the file was changed.
    WrongPassphraseOrDamaged,
    /// Decrypted, but the content is not valid (should not happen unless our own writer was wrong).
    BadContent,
}

/// A source of cryptographically secure random bytes (WebCrypto in the browser, the OS natively).
pub trait Random {
    /// Fills `buf` with random bytes.
    fn fill(&mut self, buf: &mut [u8]);
}

/// The 256-bit key that encrypts the content. Zeroized on drop; `Debug` is redacted.
#[derive(Clone)]
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

fn cipher(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(key.into())
}

fn check_kdf(kdf: KdfParams) -> Result<argon2::Params, VaultError> {
    if kdf.memory_kib > MAX_KDF_MEMORY_KIB || kdf.iterations > MAX_KDF_ITERATIONS || kdf.parallelism == 0 {
        return Err(VaultError::BadKdfParams);
    }
    argon2::Params::new(kdf.memory_kib, kdf.iterations, u32::from(kdf.parallelism), Some(32))
        .map_err(|_| VaultError::BadKdfParams)
}

/// Derives the key-encryption key from a passphrase (the slow step: Argon2id).
fn derive_kek(passphrase: &str, salt: &[u8; SALT_LEN], kdf: KdfParams) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let params = check_kdf(kdf)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut kek = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, kek.as_mut())
        .map_err(|_| VaultError::BadKdfParams)?;
    Ok(kek)
}

fn wrap(key: &MasterKey, passphrase: &str, kdf: KdfParams, rng: &mut dyn Random) -> Result<PassphraseSlot, VaultError> {
    let mut salt = [0u8; SALT_LEN];
    rng.fill(&mut salt);
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce);
    let mut slot = PassphraseSlot { kdf, salt, nonce, wrapped: [0u8; WRAPPED_LEN] };
    let kek = derive_kek(passphrase, &salt, kdf)?;
    let aad = slot.aad();
    let wrapped = cipher(&kek)
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: key.0.as_ref(), aad: &aad })
        .map_err(|_| VaultError::Damaged)?;
    slot.wrapped.copy_from_slice(&wrapped);
    Ok(slot)
}

fn unwrap_slot(slot: &PassphraseSlot, passphrase: &str) -> Result<MasterKey, VaultError> {
    let kek = derive_kek(passphrase, &slot.salt, slot.kdf)?;
    let aad = slot.aad();
    let plain = Zeroizing::new(
        cipher(&kek)
            .decrypt(Nonce::from_slice(&slot.nonce), Payload { msg: &slot.wrapped, aad: &aad })
            .map_err(|_| VaultError::WrongPassphraseOrDamaged)?,
    );
    let mut key = Zeroizing::new([0u8; 32]);
    if plain.len() != 32 {
        return Err(VaultError::WrongPassphraseOrDamaged);
    }
    key.copy_from_slice(&plain);
    Ok(MasterKey(key))
}

fn decrypt_content(envelope: &Envelope, key: &MasterKey) -> Result<Content, VaultError> {
    let aad = envelope.header();
    let plain = Zeroizing::new(
        cipher(&key.0)
            .decrypt(Nonce::from_slice(&envelope.nonce), Payload { msg: &envelope.ciphertext, aad: &aad })
            .map_err(|_| VaultError::WrongPassphraseOrDamaged)?,
    );
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let version = serde_json::from_slice::<VersionOnly>(&plain).map_err(|_| VaultError::BadContent)?.version;
    if version > CONTENT_VERSION {
        return Err(VaultError::NewerContent { found: version });
    }
    let mut content: Content = serde_json::from_slice(&plain).map_err(|_| VaultError::BadContent)?;
    if !content.accounts.iter().all(StoredAccount::is_valid) {
        return Err(VaultError::BadContent);
    }
    content.migrate();
    Ok(content)
}

/// An open vault: the master key, the slots, and the decrypted content.
#[derive(Clone)]
pub struct Unlocked {
    key: MasterKey,
    slots: Vec<Slot>,
    /// Revision of the envelope this was read from (or last written).
    pub revision: u64,
    /// The decrypted content; edit it, then [`Unlocked::seal`].
    pub content: Content,
}

impl fmt::Debug for Unlocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unlocked")
            .field("revision", &self.revision)
            .field("accounts", &self.content.accounts.len())
            .finish_non_exhaustive()
    }
}

impl Unlocked {
    /// Creates a new vault with a fresh random master key and one passphrase slot.
    pub fn create(content: Content, passphrase: &str, kdf: KdfParams, rng: &mut dyn Random) -> Result<Unlocked, VaultError> {
        let mut key = Zeroizing::new([0u8; 32]);
        rng.fill(key.as_mut());
        let key = MasterKey(key);
        let slot = wrap(&key, passphrase, kdf, rng)?;
        Ok(Unlocked { key, slots: vec![Slot::Passphrase(slot)], revision: 0, content })
    }

    /// A vault that lives only in memory (storage unavailable): it has no slot and is never sealed.
    pub fn in_memory() -> Unlocked {
        Unlocked { key: MasterKey(Zeroizing::new([0u8; 32])), slots: Vec::new(), revision: 0, content: Content::default() }
    }

    /// Opens a vault with its passphrase (runs Argon2id once per passphrase slot tried).
    pub fn open(bytes: &[u8], passphrase: &str) -> Result<Unlocked, VaultError> {
        let envelope = Envelope::parse(bytes)?;
        let mut last = VaultError::NoPassphraseSlot;
        for slot in &envelope.slots {
            let Slot::Passphrase(p) = slot else { continue };
            match unwrap_slot(p, passphrase) {
                Ok(key) => {
                    let content = decrypt_content(&envelope, &key)?;
                    return Ok(Unlocked { key, slots: envelope.slots.clone(), revision: envelope.revision, content });
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// Opens a vault with the master key of another open one: how another tab re-reads the vault
    /// after a change without asking for the passphrase again.
    pub fn reopen(&self, bytes: &[u8]) -> Result<Unlocked, VaultError> {
        let envelope = Envelope::parse(bytes)?;
        let content = decrypt_content(&envelope, &self.key)?;
        Ok(Unlocked { key: self.key.clone(), slots: envelope.slots, revision: envelope.revision, content })
    }

    /// Seals the content as the next revision: fresh nonce, header as associated data.
    /// Returns the bytes to store; on success `revision` is advanced.
    pub fn seal(&mut self, rng: &mut dyn Random) -> Result<Vec<u8>, VaultError> {
        let bytes = self.seal_as(self.revision + 1, rng)?;
        self.revision += 1;
        Ok(bytes)
    }

    fn seal_as(&self, revision: u64, rng: &mut dyn Random) -> Result<Vec<u8>, VaultError> {
        let mut nonce = [0u8; NONCE_LEN];
        rng.fill(&mut nonce);
        let mut envelope = Envelope { revision, slots: self.slots.clone(), nonce, ciphertext: Vec::new() };
        let aad = envelope.header();
        let mut plain = serde_json::to_vec(&self.content).map_err(|_| VaultError::BadContent)?;
        let sealed = cipher(&self.key.0).encrypt(Nonce::from_slice(&nonce), Payload { msg: &plain, aad: &aad });
        plain.zeroize();
        envelope.ciphertext = sealed.map_err(|_| VaultError::BadContent)?;
        Ok(envelope.to_bytes())
    }

    /// Replaces the passphrase slot. The master key stays; only the slot is derived anew
    /// (the content is then sealed again under the same key by the next [`Unlocked::seal`]).
    pub fn change_passphrase(&mut self, new_passphrase: &str, kdf: KdfParams, rng: &mut dyn Random) -> Result<(), VaultError> {
        let slot = wrap(&self.key, new_passphrase, kdf, rng)?;
        self.slots.retain(|s| !matches!(s, Slot::Passphrase(_)));
        self.slots.insert(0, Slot::Passphrase(slot));
        Ok(())
    }

    /// The KDF parameters of the passphrase slot.
    pub fn kdf(&self) -> Option<KdfParams> {
        self.slots.iter().find_map(|s| match s {
            Slot::Passphrase(p) => Some(p.kdf),
            Slot::Unknown { .. } => None,
        })
    }
}

/// Reads only the revision of stored bytes, without decrypting: for the check-before-write.
pub fn revision_of(bytes: &[u8]) -> Result<u64, VaultError> {
    Envelope::parse(bytes).map(|e| e.revision)
}
