//! What the vault holds once decrypted: accounts (as canonical `otpauth://` URIs, each with its
//! site's backup codes), sites kept only for their backup codes, and settings.
//! Serialised as JSON inside the encryption; versioned separately from the envelope.
//!
//! Versions: 1 had accounts with a URI only. 2 adds backup-code sets (current and revoked),
//! entries without a secret (a site's backup codes alone) and the low-codes threshold. 3 adds
//! tags, pins and last use per entry, and the list order and privacy settings.

use crate::account::Account;
use crate::backup_codes::{CodeSet, DEFAULT_LOW_THRESHOLD};
use crate::organize::SortOrder;
use crate::uri;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The content version this code writes, and the newest it reads.
pub const CONTENT_VERSION: u32 = 3;
/// Idle minutes before locking, unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// One stored account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct StoredAccount {
    /// Stable identifier within this vault.
    pub id: u64,
    /// The account as its canonical `otpauth://` URI (secret included, hence zeroized); `None`
    /// for a site kept only for its backup codes.
    #[serde(default)]
    pub uri: Option<String>,
    /// Issuer of an entry without a URI (with a URI, the URI's issuer is the one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// Account name of an entry without a URI.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// When it was added, in Unix milliseconds.
    pub added_ms: u64,
    /// The site's current backup codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<CodeSet>,
    /// Sets replaced by a newer one: kept as history, never offered for use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revoked: Vec<CodeSet>,
    /// The user's tags ("work", "仕事").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Pinned to the top of the list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// When a code was last copied, Unix ms (for "most recently used").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_ms: Option<u64>,
}

impl StoredAccount {
    /// The account this entry describes; `None` for an entry without a secret, or if the URI no
    /// longer parses (never for URIs we wrote).
    pub fn account(&self) -> Option<Account> {
        self.uri.as_deref().and_then(|u| uri::parse(u).ok()).map(|p| p.account)
    }

    /// Whether the entry is readable: a URI that parses, or no URI but backup codes or a name.
    pub fn is_valid(&self) -> bool {
        match &self.uri {
            Some(_) => self.account().is_some(),
            None => !(self.issuer.is_empty() && self.name.is_empty()) || self.backup.is_some(),
        }
    }

    /// Issuer and account name, from the URI or from the entry itself.
    pub fn label(&self) -> (String, String) {
        match self.account() {
            Some(a) => (a.issuer.clone(), a.name.clone()),
            None => (self.issuer.clone(), self.name.clone()),
        }
    }

    fn codes(&self) -> Option<Vec<&str>> {
        self.backup.as_ref().map(|b| b.codes.iter().map(|c| c.code.as_str()).collect())
    }
}

/// User settings kept with the accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Lock after this many idle minutes (and after the tab has been hidden that long).
    pub auto_lock_minutes: u32,
    /// Warn to generate new backup codes when this many or fewer remain.
    #[serde(default = "default_low_threshold")]
    pub low_codes_threshold: u32,
    /// How the list is ordered.
    #[serde(default)]
    pub sort: SortOrder,
    /// Codes stay hidden until tapped, and hide again after their period.
    #[serde(default)]
    pub tap_to_reveal: bool,
    /// Codes are hidden while the window does not have the focus.
    #[serde(default)]
    pub hide_on_blur: bool,
}

fn default_low_threshold() -> u32 {
    DEFAULT_LOW_THRESHOLD
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            low_codes_threshold: DEFAULT_LOW_THRESHOLD,
            sort: SortOrder::Manual,
            tap_to_reveal: false,
            hide_on_blur: false,
        }
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
    /// Same issuer and name but a different secret, settings or backup codes: both are kept.
    pub conflicting: Vec<u64>,
}

/// How an incoming account relates to what is here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incoming {
    /// Nothing like it here: add it.
    New,
    /// The very same account (secret and settings) is here already: adding it would duplicate it.
    Identical(u64),
    /// Same issuer and name with another secret or settings: usually the site issued a new secret
    /// (re-scanned QR), so the old one makes "invalid code". The user chooses: replace or keep both.
    SameLabel(u64),
}

/// Same secret and settings (or both without one, under the same label) and the same backup codes.
fn same_entry(a: &StoredAccount, b: &StoredAccount) -> bool {
    let accounts_match = match (a.account(), b.account()) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.label() == b.label(),
        _ => false,
    };
    accounts_match && a.codes() == b.codes()
}

impl Content {
    /// Migrates content read from an older version to this one, in place.
    pub fn migrate(&mut self) {
        // 1 → 2 → 3: the new fields (backup codes, entries without a URI, the threshold; then
        // tags, pins, last use, order and privacy settings) take their defaults while reading;
        // nothing else changes.
        if self.version < CONTENT_VERSION {
            self.version = CONTENT_VERSION;
        }
    }

    fn next_id(&self) -> u64 {
        self.accounts.iter().map(|a| a.id).max().map_or(1, |m| m + 1)
    }

    /// Adds an account at the end and returns its id.
    pub fn add(&mut self, account: &Account, now_ms: u64) -> u64 {
        let id = self.next_id();
        self.accounts.push(StoredAccount {
            id,
            uri: Some(uri::format(account)),
            issuer: String::new(),
            name: String::new(),
            added_ms: now_ms,
            backup: None,
            revoked: Vec::new(),
            tags: Vec::new(),
            pinned: false,
            last_used_ms: None,
        });
        id
    }

    /// Adds a site kept only for its backup codes (no secret) and returns its id.
    pub fn add_site(&mut self, issuer: &str, name: &str, codes: CodeSet, now_ms: u64) -> u64 {
        let id = self.next_id();
        self.accounts.push(StoredAccount {
            id,
            uri: None,
            issuer: issuer.trim().to_owned(),
            name: name.trim().to_owned(),
            added_ms: now_ms,
            backup: Some(codes),
            revoked: Vec::new(),
            tags: Vec::new(),
            pinned: false,
            last_used_ms: None,
        });
        id
    }

    /// How `account` relates to the accounts here.
    pub fn classify(&self, account: &Account) -> Incoming {
        let mut same_label = None;
        for entry in &self.accounts {
            let Some(mine) = entry.account() else { continue };
            if mine == *account {
                return Incoming::Identical(entry.id);
            }
            if same_label.is_none() && mine.issuer == account.issuer && mine.name == account.name {
                same_label = Some(entry.id);
            }
        }
        same_label.map_or(Incoming::New, Incoming::SameLabel)
    }

    /// Adds each account unless an identical one is here; for a [`Incoming::SameLabel`] account,
    /// `replace` decides between replacing the old secret (keeping the entry's backup codes) and
    /// keeping both. Returns (added, replaced, identical ones skipped).
    pub fn add_all(&mut self, accounts: &[Account], replace: bool, now_ms: u64) -> (usize, usize, usize) {
        let (mut added, mut replaced, mut same) = (0, 0, 0);
        for account in accounts {
            match self.classify(account) {
                Incoming::Identical(_) => same += 1,
                Incoming::SameLabel(id) if replace => {
                    self.replace(id, account);
                    replaced += 1;
                }
                _ => {
                    self.add(account, now_ms);
                    added += 1;
                }
            }
        }
        (added, replaced, same)
    }

    fn entry_mut(&mut self, id: u64) -> Option<&mut StoredAccount> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// Renames an entry and sets its tags. For an account with a secret the label is part of its
    /// URI; the secret and parameters are untouched. Returns whether the entry exists.
    pub fn edit_label(&mut self, id: u64, issuer: &str, name: &str, tags: Vec<String>) -> bool {
        let Some(entry) = self.entry_mut(id) else { return false };
        match entry.account() {
            Some(mut account) => {
                account.issuer = issuer.trim().to_owned();
                account.name = name.trim().to_owned();
                entry.uri = Some(uri::format(&account));
            }
            None => {
                entry.issuer = issuer.trim().to_owned();
                entry.name = name.trim().to_owned();
            }
        }
        entry.tags = tags;
        true
    }

    /// Pins or unpins an entry.
    pub fn set_pinned(&mut self, id: u64, pinned: bool) -> bool {
        self.entry_mut(id).map(|e| e.pinned = pinned).is_some()
    }

    /// Records that a code of the entry was used now.
    pub fn touch(&mut self, id: u64, now_ms: u64) -> bool {
        self.entry_mut(id).map(|e| e.last_used_ms = Some(now_ms)).is_some()
    }

    /// Moves an entry one place up (`-1`) or down (`+1`) in the manual order. Returns whether it moved.
    pub fn move_by(&mut self, id: u64, delta: i32) -> bool {
        let Some(i) = self.accounts.iter().position(|a| a.id == id) else { return false };
        let j = i as i64 + i64::from(delta);
        if j < 0 || j >= self.accounts.len() as i64 {
            return false;
        }
        self.accounts.swap(i, j as usize);
        true
    }

    /// Moves an entry to where `target` is in the manual order (dragging a row onto another).
    /// Returns whether it moved.
    pub fn move_to(&mut self, id: u64, target: u64) -> bool {
        let (Some(from), Some(to)) = (self.accounts.iter().position(|a| a.id == id), self.accounts.iter().position(|a| a.id == target)) else {
            return false;
        };
        if from == to {
            return false;
        }
        let entry = self.accounts.remove(from);
        self.accounts.insert(to, entry);
        true
    }

    /// Every tag in use, in first-seen order.
    pub fn all_tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for t in self.accounts.iter().flat_map(|a| a.tags.iter()) {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        tags
    }

    /// The entry with `id`.
    pub fn get(&self, id: u64) -> Option<&StoredAccount> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// Gives the entry `id` a new set of backup codes. A set it already had becomes revoked
    /// history (never offered again). Returns whether the entry exists.
    pub fn set_codes(&mut self, id: u64, codes: CodeSet, now_ms: u64) -> bool {
        let Some(entry) = self.accounts.iter_mut().find(|a| a.id == id) else { return false };
        if let Some(mut old) = entry.backup.replace(codes) {
            old.revoked_ms = Some(now_ms);
            entry.revoked.push(old);
        }
        true
    }

    /// Marks one of entry `id`'s current backup codes used at `used_ms`, or unused with `None`.
    pub fn mark_code(&mut self, id: u64, code: &str, used_ms: Option<u64>) -> bool {
        self.accounts
            .iter_mut()
            .find(|a| a.id == id)
            .and_then(|a| a.backup.as_mut())
            .is_some_and(|b| b.set_used(code, used_ms))
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
                entry.uri = Some(uri::format(account));
                true
            }
            None => false,
        }
    }

    /// What merging `other` (a restored backup) into this content would do, keyed by `other`'s ids.
    pub fn preview_merge(&self, other: &Content) -> MergePreview {
        let mut preview = MergePreview::default();
        for entry in &other.accounts {
            if self.accounts.iter().any(|m| same_entry(m, entry)) {
                preview.unchanged.push(entry.id);
            } else if self.accounts.iter().any(|m| m.label() == entry.label()) {
                preview.conflicting.push(entry.id);
            } else {
                preview.added.push(entry.id);
            }
        }
        preview
    }

    /// Merges a backup: every entry not already here (identical) is appended with a new id, its
    /// backup codes and their use included. Conflicting ones are kept side by side, so nothing is
    /// ever lost. Returns how many were added.
    pub fn merge(&mut self, other: &Content) -> usize {
        let preview = self.preview_merge(other);
        let mut added = 0;
        for entry in &other.accounts {
            if preview.unchanged.contains(&entry.id) || !entry.is_valid() {
                continue;
            }
            let mut copy = entry.clone();
            copy.id = self.next_id();
            self.accounts.push(copy);
            added += 1;
        }
        added
    }
}
