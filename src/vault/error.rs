//! Why a vault could not be opened or written.

use super::content::CONTENT_VERSION;
use super::envelope::{KdfParams, ENVELOPE_VERSION};
use std::fmt;

/// Why a vault could not be opened or written. Decryption failure is one variant: the cipher
/// cannot tell a wrong passphrase from a damaged file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultError {
    /// The bytes do not start with the vault magic (`2FAVAULT`): not a vault or backup file of
    /// ours (opening the stored record, choosing a file to restore).
    NotAVault,
    /// The bytes end before the structure they announce does, or before the content's 16-byte
    /// tag: a cut copy or download.
    Truncated,
    /// The structure is inconsistent: envelope version 0, no slot or more than 8, a slot of
    /// type 0, a passphrase slot whose body is not 85 bytes; or a master key could not be wrapped.
    Damaged,
    /// The envelope's version is newer than [`ENVELOPE_VERSION`]: written by a newer app.
    NewerEnvelope {
        /// The version found.
        found: u16,
    },
    /// The decrypted content's version is newer than [`CONTENT_VERSION`]: written by a newer app.
    NewerContent {
        /// The version found.
        found: u32,
    },
    /// No passphrase slot among the slots (only types this version does not know), or the slot
    /// asked for is not there.
    NoPassphraseSlot,
    /// Argon2 parameters that are not valid at all (zero lanes or passes, too little memory);
    /// refused before deriving.
    BadKdfParams,
    /// Argon2 parameters that would cost more than this app allows ([`MAX_KDF_MEMORY_KIB`],
    /// [`MAX_KDF_WORK_KIB`], [`MAX_KDF_ITERATIONS`], [`MAX_KDF_LANES`]); refused before deriving.
    KdfTooCostly {
        /// The file's parameters.
        kdf: KdfParams,
    },
    /// Authentication failed when unwrapping the master key: a wrong passphrase, or a key slot
    /// whose bytes were changed. The cipher cannot tell the two apart. (Also: another tab's key
    /// that does not read the stored content, [`Unlocked::reopen`].)
    WrongPassphraseOrDamaged,
    /// The passphrase (or passkey) opened its key slot, so it is right, but the content does not
    /// authenticate: the file was cut short (a download or copy that stopped early) or changed
    /// after it was written. The cipher cannot tell these two apart; it can tell them from a
    /// wrong passphrase, which never opens the slot.
    IncompleteOrDamaged,
    /// Decrypted, but the content is not JSON of the content's shape, or could not be written
    /// as such (should not happen unless our own writer was wrong).
    BadContent,
    /// Opening by passkey: the vault has no slot for that credential (it was removed, or the
    /// passkey belongs to another vault).
    NoPasskeySlot,
    /// Adding a passkey: the envelope already holds the most slots it may (8).
    TooManySlots,
    /// Opening a backup to restore: it holds more entries than a vault keeps
    /// ([`crate::account::MAX_ACCOUNTS`]); counted once decrypted, before any entry is read.
    TooManyEntries {
        /// How many entries the backup holds.
        found: usize,
    },
}

/// Developer text; the UI shows `i18n::vault_error` instead.
impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::NotAVault => f.write_str("not a vault: the magic bytes are missing"),
            VaultError::Truncated => f.write_str("the vault ends before its structure does"),
            VaultError::Damaged => f.write_str("the vault's structure is inconsistent"),
            VaultError::NewerEnvelope { found } => write!(f, "envelope version {found} is newer than {ENVELOPE_VERSION}"),
            VaultError::NewerContent { found } => write!(f, "content version {found} is newer than {CONTENT_VERSION}"),
            VaultError::NoPassphraseSlot => f.write_str("no passphrase slot this version can open"),
            VaultError::BadKdfParams => f.write_str("invalid Argon2 parameters"),
            VaultError::KdfTooCostly { kdf } => write!(
                f,
                "Argon2 parameters over the caps: {} KiB, {} passes, {} lanes",
                kdf.memory_kib, kdf.iterations, kdf.parallelism
            ),
            VaultError::WrongPassphraseOrDamaged => f.write_str("wrong passphrase, or the vault was changed"),
            VaultError::IncompleteOrDamaged => f.write_str("the key slot opened, but the content is cut short or changed"),
            VaultError::BadContent => f.write_str("the decrypted content is not valid"),
            VaultError::NoPasskeySlot => f.write_str("no passkey slot for this credential"),
            VaultError::TooManySlots => f.write_str("the vault holds the most key slots it may"),
            VaultError::TooManyEntries { found } => write!(f, "{found} entries, more than {}", crate::account::MAX_ACCOUNTS),
        }
    }
}

impl std::error::Error for VaultError {}
