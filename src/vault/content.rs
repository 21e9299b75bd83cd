//! What the vault holds once decrypted: accounts (as canonical `otpauth://` URIs) and settings.
//! Serialised as JSON inside the encryption; versioned separately from the envelope.

use crate::account::Account;
use crate::uri;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The content version this code writes, and the newest it reads.
pub const CONTENT_VERSION: u32 = 1;
/// Idle minutes before locking, unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// One stored account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct StoredAccount {
    /// Stable identifier within this vault.
    pub id: u64,
    /// The account as its canonical `otpauth://` URI (secret included, hence zeroized).
    pub uri: String,
    /// When it was added, in Unix milliseconds.
    pub added_ms: u64,
}

impl StoredAccount {
    /// The account this entry describes; `None` if the URI no longer parses (never for URIs we wrote).
    pub fn account(&self) -> Option<Account> {
        uri::parse(&self.uri).ok().map(|p| p.account)
    }
}

/// User settings kept with the accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Lock after this many idle minutes (and after the tab has been hidden that long).
    pub auto_lock_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES }
    }
}

/// The decrypted vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    /// Content format version.
    pub version: u32,
    /// Accounts, in list order.
    pub accounts: Vec<StoredAccount>,
    /// Settings.
    #[serde(default)]
    pub settings: Settings,
}

impl Default for Content {
    fn default() -> Self {
        Content { version: CONTENT_VERSION, accounts: Vec::new(), settings: Settings::default() }
    }
}

/// How a restored backup would change this vault.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergePreview {
    /// Accounts in the backup that are not here: added.
    pub added: Vec<u64>,
    /// Accounts here and in the backup with the same secret and settings: nothing changes.
    pub unchanged: Vec<u64>,
    /// Same issuer and name but a different secret or settings: both are kept.
    pub conflicting: Vec<u64>,
}

fn same_label(a: &Account, b: &Account) -> bool {
    a.issuer == b.issuer && a.name == b.name
}

impl Content {
    /// Adds an account at the end and returns its id.
    pub fn add(&mut self, account: &Account, now_ms: u64) -> u64 {
        let id = self.accounts.iter().map(|a| a.id).max().map_or(1, |m| m + 1);
        self.accounts.push(StoredAccount { id, uri: uri::format(account), added_ms: now_ms });
        id
    }

    /// Removes an account; returns whether it was there.
    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.accounts.len();
        self.accounts.retain(|a| a.id != id);
        self.accounts.len() != before
    }

    /// Replaces the account with `id` (e.g. an advanced HOTP counter); returns whether it was there.
    pub fn replace(&mut self, id: u64, account: &Account) -> bool {
        match self.accounts.iter_mut().find(|a| a.id == id) {
            Some(entry) => {
                entry.uri = uri::format(account);
                true
            }
            None => false,
        }
    }

    /// What merging `other` (a restored backup) into this content would do, keyed by `other`'s ids.
    pub fn preview_merge(&self, other: &Content) -> MergePreview {
        let mine: Vec<Account> = self.accounts.iter().filter_map(StoredAccount::account).collect();
        let mut preview = MergePreview::default();
        for entry in &other.accounts {
            let Some(theirs) = entry.account() else { continue };
            if mine.contains(&theirs) {
                preview.unchanged.push(entry.id);
            } else if mine.iter().any(|m| same_label(m, &theirs)) {
                preview.conflicting.push(entry.id);
            } else {
                preview.added.push(entry.id);
            }
        }
        preview
    }

    /// Merges a backup: every account not already here (identical) is appended with a new id.
    /// Conflicting ones are kept side by side, so nothing is ever lost. Returns how many were added.
    pub fn merge(&mut self, other: &Content, now_ms: u64) -> usize {
        let preview = self.preview_merge(other);
        let mut added = 0;
        for entry in &other.accounts {
            if preview.unchanged.contains(&entry.id) {
                continue;
            }
            if let Some(account) = entry.account() {
                self.add(&account, now_ms);
                added += 1;
            }
        }
        added
    }
}
