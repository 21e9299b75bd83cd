//! The encrypted vault: a random master key seals the content with AES-256-GCM; the master key is
//! wrapped in key slots (passphrase slots through Argon2id, passkey slots through WebAuthn PRF).
//! No I/O: bytes in, bytes out; randomness comes from the caller. Format and reasons: docs/vault.md.

mod backup_file_state;
mod backup_files;
mod content;
mod edit;
mod merge;
mod envelope;
mod error;
mod kdf;
mod passkey;
mod passkeys;
mod restore;
mod settings;
mod sizes;
mod stored;

pub use backup_file_state::{BackupFileKind, BackupFileNotice, BackupFileRecord, BackupFileState, DAY_MS, NAG_AFTER_MS};
pub use backup_files::changes_between;
pub use content::{Content, CONTENT_VERSION};
pub use settings::{Settings, DEFAULT_AUTO_LOCK_MINUTES};
pub use merge::{AddCounts, Choices, Incoming, MergePreview};
pub use stored::{Checked, StoredAccount, Unreadable};
pub use edit::{write_change, Edit, Label, LabelField, Record, Unwritten, WriteError, WRITE_TRIES};
pub use envelope::{Envelope, KdfParams, PassphraseSlot, Slot, ENVELOPE_VERSION, MAGIC, SALT_LEN};
pub use passkey::{PasskeySlot, HKDF_INFO, PRF_SALT_LEN, SLOT_PASSKEY};
pub use error::VaultError;
pub use kdf::{check_kdf, derive_kek, restore_kdf, KdfJob, Kek, DEFAULT_KDF, MAX_KDF_ITERATIONS, MAX_KDF_LANES, MAX_KDF_MEMORY_KIB, MAX_KDF_WORK_KIB};
pub use passkeys::{new_prf_salt, passkey_kek, passkeys_of, PasskeyInfo};
use passkeys::passkey_infos;
pub use restore::{Adjusted, Adjustment, SHOWN_CHARS};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use envelope::{NONCE_LEN, WRAPPED_LEN};
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// Most passphrase slots tried when opening: each costs one full key derivation.
pub const MAX_PASSPHRASE_SLOTS_TRIED: usize = 2;


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

impl MasterKey {
    fn random(rng: &mut dyn Random) -> MasterKey {
        let mut key = Zeroizing::new([0u8; 32]);
        rng.fill(key.as_mut());
        MasterKey(key)
    }
}

fn cipher(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(key.into())
}


fn wrap(key: &MasterKey, job: &KdfJob, kek: &Kek, rng: &mut dyn Random) -> Result<PassphraseSlot, VaultError> {
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce);
    let mut slot = PassphraseSlot { kdf: job.kdf, salt: job.salt, nonce, wrapped: [0u8; WRAPPED_LEN] };
    let aad = slot.aad();
    let wrapped = cipher(kek.as_bytes())
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: key.0.as_ref(), aad: &aad })
        .map_err(|_| VaultError::Damaged)?;
    slot.wrapped.copy_from_slice(&wrapped);
    Ok(slot)
}

fn unwrap_slot(slot: &PassphraseSlot, kek: &Kek) -> Result<MasterKey, VaultError> {
    let aad = slot.aad();
    let plain = Zeroizing::new(
        cipher(kek.as_bytes())
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

fn unwrap_with(kek: &Kek, nonce: &[u8; NONCE_LEN], wrapped: &[u8], aad: &[u8]) -> Result<MasterKey, VaultError> {
    let plain = Zeroizing::new(
        cipher(kek.as_bytes())
            .decrypt(Nonce::from_slice(nonce), Payload { msg: wrapped, aad })
            .map_err(|_| VaultError::WrongPassphraseOrDamaged)?,
    );
    if plain.len() != 32 {
        return Err(VaultError::WrongPassphraseOrDamaged);
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&plain);
    Ok(MasterKey(key))
}

fn wrap_passkey(key: &MasterKey, credential_id: Vec<u8>, name: String, created_ms: u64, salt: [u8; PRF_SALT_LEN], kek: &Kek, rng: &mut dyn Random) -> Result<PasskeySlot, VaultError> {
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce);
    let mut slot = PasskeySlot { credential_id, name, created_ms, salt, nonce, wrapped: [0u8; WRAPPED_LEN] };
    let wrapped = cipher(kek.as_bytes())
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: key.0.as_ref(), aad: &slot.aad() })
        .map_err(|_| VaultError::Damaged)?;
    slot.wrapped.copy_from_slice(&wrapped);
    Ok(slot)
}

fn decrypt_content(envelope: &Envelope, key: &MasterKey) -> Result<Content, VaultError> {
    decrypt_content_capped(envelope, key, None)
}

/// [`decrypt_content`], refusing content of more than `cap` entries before any entry is read
/// (counting them is one pass over the JSON; reading each parses its link).
fn decrypt_content_capped(envelope: &Envelope, key: &MasterKey, cap: Option<usize>) -> Result<Content, VaultError> {
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
    if let Some(cap) = cap {
        #[derive(serde::Deserialize)]
        struct Entries<'a> {
            #[serde(default, borrow)]
            accounts: Vec<&'a serde_json::value::RawValue>,
        }
        let found = serde_json::from_slice::<Entries>(&plain).map_err(|_| VaultError::BadContent)?.accounts.len();
        if found > cap {
            return Err(VaultError::TooManyEntries { found });
        }
    }
    // Tolerant: an entry that does not read is kept aside (`Content::unreadable`), never the
    // reason the whole vault stays shut.
    let mut content: Content = serde_json::from_slice(&plain).map_err(|_| VaultError::BadContent)?;
    content.migrate();
    Ok(content)
}

/// [`decrypt_content`] with the key a slot gave: the passphrase (or passkey) is right, so content
/// that does not authenticate was cut short or changed, never a wrong passphrase.
/// `cap`: as [`decrypt_content_capped`].
fn decrypt_opened(envelope: &Envelope, key: &MasterKey, cap: Option<usize>) -> Result<Content, VaultError> {
    decrypt_content_capped(envelope, key, cap).map_err(|e| match e {
        VaultError::WrongPassphraseOrDamaged => VaultError::IncompleteOrDamaged,
        other => other,
    })
}

/// The passphrase slots opening tries, in order (at most [`MAX_PASSPHRASE_SLOTS_TRIED`]).
fn passphrase_slots(envelope: &Envelope) -> impl Iterator<Item = &PassphraseSlot> {
    envelope
        .slots
        .iter()
        .filter_map(|s| match s {
            Slot::Passphrase(p) => Some(p),
            _ => None,
        })
        .take(MAX_PASSPHRASE_SLOTS_TRIED)
}

/// A sealed backup file ([`Unlocked::backup_file`]).
pub struct BackupFile {
    /// The file's bytes (a vault, openable with the passphrase).
    pub bytes: Vec<u8>,
    /// What it holds.
    pub content: Content,
    /// How many of the vault's counted changes it holds.
    pub changes: u32,
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
        let job = KdfJob::fresh(kdf, rng)?;
        let kek = job.derive(passphrase.as_bytes())?;
        Unlocked::create_with_kek(content, &job, &kek, rng)
    }

    /// [`Unlocked::create`] with the key already derived (by the worker) for `job`.
    pub fn create_with_kek(content: Content, job: &KdfJob, kek: &Kek, rng: &mut dyn Random) -> Result<Unlocked, VaultError> {
        let key = MasterKey::random(rng);
        let slot = wrap(&key, job, kek, rng)?;
        Ok(Unlocked { key, slots: vec![Slot::Passphrase(slot)], revision: 0, content })
    }

    /// A vault that lives only in memory (storage unavailable): it has no slot and is never sealed.
    pub fn in_memory() -> Unlocked {
        Unlocked { key: MasterKey(Zeroizing::new([0u8; 32])), slots: Vec::new(), revision: 0, content: Content::default() }
    }

    /// Opens a vault with its passphrase (runs Argon2id once per passphrase slot tried).
    pub fn open(bytes: &[u8], passphrase: &str) -> Result<Unlocked, VaultError> {
        let jobs = Unlocked::unlock_jobs(bytes)?;
        let mut last = VaultError::NoPassphraseSlot;
        for (i, job) in jobs.iter().enumerate() {
            match job.derive(passphrase.as_bytes()).and_then(|kek| Unlocked::open_with_kek(bytes, i, &kek)) {
                Err(VaultError::WrongPassphraseOrDamaged) => last = VaultError::WrongPassphraseOrDamaged,
                other => return other,
            }
        }
        Err(last)
    }

    /// The key derivations opening `bytes` needs, one per passphrase slot tried, in order. Every
    /// slot's parameters are checked against the caps first, so a hostile file is refused with
    /// its parameters before any work starts.
    pub fn unlock_jobs(bytes: &[u8]) -> Result<Vec<KdfJob>, VaultError> {
        let envelope = Envelope::parse(bytes)?;
        let jobs: Vec<KdfJob> = passphrase_slots(&envelope).map(|p| KdfJob { salt: p.salt, kdf: p.kdf }).collect();
        if jobs.is_empty() {
            return Err(VaultError::NoPassphraseSlot);
        }
        for job in &jobs {
            check_kdf(job.kdf)?;
        }
        Ok(jobs)
    }

    /// Opens `bytes` with the key derived for its `index`-th job of [`Unlocked::unlock_jobs`].
    pub fn open_with_kek(bytes: &[u8], index: usize, kek: &Kek) -> Result<Unlocked, VaultError> {
        let envelope = Envelope::parse(bytes)?;
        let slot = passphrase_slots(&envelope).nth(index).ok_or(VaultError::NoPassphraseSlot)?;
        let key = unwrap_slot(slot, kek)?;
        let content = decrypt_opened(&envelope, &key, None)?;
        Ok(Unlocked { key, slots: envelope.slots.clone(), revision: envelope.revision, content })
    }

    /// Opens a backup file to restore it, with the key derived for its `index`-th job of
    /// [`Unlocked::unlock_jobs`]: as [`Unlocked::open_with_kek`], but a backup holding more
    /// entries than a vault keeps ([`crate::account::MAX_ACCOUNTS`]) is refused
    /// ([`VaultError::TooManyEntries`]) before its entries are read.
    pub fn open_backup_with_kek(bytes: &[u8], index: usize, kek: &Kek) -> Result<Unlocked, VaultError> {
        let envelope = Envelope::parse(bytes)?;
        let slot = passphrase_slots(&envelope).nth(index).ok_or(VaultError::NoPassphraseSlot)?;
        let key = unwrap_slot(slot, kek)?;
        let content = decrypt_opened(&envelope, &key, Some(crate::account::MAX_ACCOUNTS))?;
        Ok(Unlocked { key, slots: envelope.slots.clone(), revision: envelope.revision, content })
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
        // A restored file carries its own revision: one at the end of the range is refused, not wrapped.
        let bytes = self.seal_as(self.revision.checked_add(1).ok_or(VaultError::BadContent)?, rng)?;
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

    /// Changes the passphrase and rotates the master key: a fresh random key, wrapped in one new
    /// passphrase slot; the next [`Unlocked::seal`] encrypts the content under it. A copy of the
    /// old record (another tab, an old backup) is then no help with the new one. Passkey slots are
    /// dropped (their secrets are needed to re-wrap: see [`Unlocked::change_passphrase_keeping`]),
    /// and so are slots of types this version does not know.
    pub fn change_passphrase(&mut self, new_passphrase: &str, kdf: KdfParams, rng: &mut dyn Random) -> Result<(), VaultError> {
        let job = KdfJob::fresh(kdf, rng)?;
        let kek = job.derive(new_passphrase.as_bytes())?;
        self.change_passphrase_with_kek(&job, &kek, rng)
    }

    /// [`Unlocked::change_passphrase`] with the key already derived (by the worker) for `job`.
    pub fn change_passphrase_with_kek(&mut self, job: &KdfJob, kek: &Kek, rng: &mut dyn Random) -> Result<(), VaultError> {
        self.change_passphrase_keeping(job, kek, &[], rng)
    }

    /// Changes the passphrase, rotates the master key, and re-wraps every passkey slot whose PRF
    /// secret is given (credential id, secret); a passkey slot without its secret is dropped,
    /// and so is one whose secret does not open it (it would wrap a key it cannot give back).
    pub fn change_passphrase_keeping(&mut self, job: &KdfJob, kek: &Kek, prf: &[(&[u8], &[u8])], rng: &mut dyn Random) -> Result<(), VaultError> {
        let key = MasterKey::random(rng);
        let mut slots = vec![Slot::Passphrase(wrap(&key, job, kek, rng)?)];
        for slot in &self.slots {
            let Slot::Passkey(p) = slot else { continue };
            let Some((_, secret)) = prf.iter().find(|(id, _)| *id == p.credential_id.as_slice()) else { continue };
            let Ok(pkek) = passkey::kek_from_prf(secret, &p.salt) else { continue };
            if unwrap_with(&pkek, &p.nonce, &p.wrapped, &p.aad()).is_err() {
                continue;
            }
            slots.push(Slot::Passkey(wrap_passkey(&key, p.credential_id.clone(), p.name.clone(), p.created_ms, p.salt, &pkek, rng)?));
        }
        self.key = key;
        self.slots = slots;
        Ok(())
    }

    /// The key derivation that makes this opened backup file this browser's vault (see
    /// [`Unlocked::into_restored_with_kek`]): a fresh salt and [`restore_kdf`] of the file's.
    pub fn restore_job(&self, rng: &mut dyn Random) -> Result<KdfJob, VaultError> {
        KdfJob::fresh(restore_kdf(self.kdf()), rng)
    }

    /// Makes this opened backup file this browser's vault, written like any other change: its
    /// entries brought within the writers' limits ([`Content::keep_within_limits`]; what was
    /// changed or left out is returned, to be said), and its key slots replaced by one passphrase
    /// slot under a fresh master key, derived for `job` ([`Unlocked::restore_job`]: never weaker
    /// than this app's default, whatever the file used). The file's other slots (a passkey of
    /// another device, a malformed one, a type this version does not know) are dropped, and so is
    /// the file's own record of when it was made. The next [`Unlocked::seal`] writes it.
    pub fn into_restored_with_kek(mut self, job: &KdfJob, kek: &Kek, rng: &mut dyn Random) -> Result<(Unlocked, Vec<Adjusted>), VaultError> {
        let adjusted = self.content.keep_within_limits();
        self.content.backup_file.made_ms = None;
        self.change_passphrase_with_kek(job, kek, rng)?;
        Ok((self, adjusted))
    }

    /// [`Unlocked::into_restored_with_kek`], deriving here (the browser derives in its worker).
    pub fn into_restored(self, passphrase: &str, rng: &mut dyn Random) -> Result<(Unlocked, Vec<Adjusted>), VaultError> {
        let job = self.restore_job(rng)?;
        let kek = job.derive(passphrase.as_bytes())?;
        self.into_restored_with_kek(&job, &kek, rng)
    }

    /// The passkeys that can open this vault, as settings list them.
    pub fn passkeys(&self) -> Vec<PasskeyInfo> {
        passkey_infos(&self.slots)
    }

    /// Adds a passkey slot wrapping this vault's master key under the key derived from the
    /// passkey's PRF secret for `salt` (a slot for the same credential is replaced). The next
    /// [`Unlocked::seal`] stores it. Refused when the envelope has no room for another slot.
    pub fn add_passkey(&mut self, credential_id: &[u8], name: &str, created_ms: u64, salt: [u8; PRF_SALT_LEN], prf_secret: &[u8], rng: &mut dyn Random) -> Result<(), VaultError> {
        if credential_id.is_empty() || credential_id.len() > passkey::MAX_CREDENTIAL_ID {
            return Err(VaultError::Damaged);
        }
        // Everything that can fail is done before the slots change: a refusal leaves them as they were.
        let replaces = self.slots.iter().any(|s| matches!(s, Slot::Passkey(p) if p.credential_id == credential_id));
        if !replaces && self.slots.len() >= envelope::MAX_SLOTS {
            return Err(VaultError::TooManySlots);
        }
        let kek = passkey::kek_from_prf(prf_secret, &salt)?;
        let slot = wrap_passkey(&self.key, credential_id.to_vec(), passkey::clean_name(name), created_ms, salt, &kek, rng)?;
        self.remove_passkey(credential_id);
        self.slots.push(Slot::Passkey(slot));
        Ok(())
    }

    /// Removes the passkey slot of `credential_id`; returns whether there was one. The
    /// passphrase slot is never removed here.
    pub fn remove_passkey(&mut self, credential_id: &[u8]) -> bool {
        let before = self.slots.len();
        self.slots.retain(|s| !matches!(s, Slot::Passkey(p) if p.credential_id == credential_id));
        self.slots.len() != before
    }

    /// This vault without its passkey slots: what a backup file holds (a passkey belongs to a
    /// device or its account; the passphrase is the way back anywhere).
    pub fn without_passkeys(&self) -> Unlocked {
        let mut copy = self.clone();
        copy.slots.retain(|s| !matches!(s, Slot::Passkey(_) | Slot::Unknown { kind: SLOT_PASSKEY, .. }));
        copy
    }

    /// The backup file of this vault, made at `at_ms`: without its passkey slots, the backup
    /// recorded in it (so a restore starts with nothing to back up) and the time it was made.
    /// Also what it holds, and how many of this vault's counted changes it holds (to record it
    /// with [`Content::record_backup_of`] once it was handed over).
    pub fn backup_file(&self, kind: BackupFileKind, place: &str, at_ms: u64, rng: &mut dyn Random) -> Result<BackupFile, VaultError> {
        let mut copy = self.without_passkeys();
        let changes = copy.content.backup_file.changes;
        copy.content.as_backup_file(kind, place, at_ms);
        let bytes = copy.seal(rng)?;
        Ok(BackupFile { bytes, content: std::mem::take(&mut copy.content), changes })
    }

    /// Opens a vault with a passkey's PRF secret for the slot of `credential_id`.
    pub fn open_with_prf(bytes: &[u8], credential_id: &[u8], prf_secret: &[u8]) -> Result<Unlocked, VaultError> {
        let envelope = Envelope::parse(bytes)?;
        let slot = envelope
            .slots
            .iter()
            .find_map(|s| match s {
                Slot::Passkey(p) if p.credential_id == credential_id => Some(p),
                _ => None,
            })
            .ok_or(VaultError::NoPasskeySlot)?;
        let kek = passkey::kek_from_prf(prf_secret, &slot.salt)?;
        let key = unwrap_with(&kek, &slot.nonce, &slot.wrapped, &slot.aad())?;
        let content = decrypt_opened(&envelope, &key, None)?;
        Ok(Unlocked { key, slots: envelope.slots.clone(), revision: envelope.revision, content })
    }

    /// The KDF parameters of the passphrase slot.
    pub fn kdf(&self) -> Option<KdfParams> {
        self.slots.iter().find_map(|s| match s {
            Slot::Passphrase(p) => Some(p.kdf),
            _ => None,
        })
    }
}

/// The salt of the first passphrase slot of stored bytes, without decrypting: it changes with
/// the passphrase, so a tab can tell that the passphrase was changed elsewhere.
pub fn passphrase_salt_of(bytes: &[u8]) -> Option<[u8; SALT_LEN]> {
    Envelope::parse(bytes).ok()?.slots.iter().find_map(|s| match s {
        Slot::Passphrase(p) => Some(p.salt),
        _ => None,
    })
}

/// Reads only the revision of stored bytes, without decrypting: for the check-before-write.
pub fn revision_of(bytes: &[u8]) -> Result<u64, VaultError> {
    Envelope::parse(bytes).map(|e| e.revision)
}
