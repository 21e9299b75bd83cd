//! What the vault holds once decrypted: accounts (as canonical `otpauth://` URIs, each with its
//! site's backup codes), sites kept only for their backup codes, and settings.
//! Serialised as JSON inside the encryption; versioned separately from the envelope.
//!
//! Versions: 1 had accounts with a URI only. 2 adds backup-code sets (current and revoked),
//! entries without a secret (a site's backup codes alone) and the low-codes threshold. 3 adds
//! tags, pins and last use per entry, and the list order and privacy settings.

use crate::account::{self, Account, Field, FieldError};
use crate::backup_codes::{CodeSet, DEFAULT_LOW_THRESHOLD};
use crate::organize::SortOrder;
use crate::uri;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The content version this code writes, and the newest it reads.
pub const CONTENT_VERSION: u32 = 3;
/// Idle minutes before locking, unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// One stored account. `Debug` shows neither the URI (it holds the secret) nor the codes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
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

impl fmt::Debug for StoredAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredAccount")
            .field("id", &self.id)
            .field("uri", &self.uri.as_ref().map(|_| "<redacted>"))
            .field("backup_codes", &self.backup.as_ref().map(|b| b.codes.len()))
            .field("revoked_sets", &self.revoked.len())
            .finish_non_exhaustive()
    }
}

impl StoredAccount {
    /// The account this entry describes; `None` for an entry without a secret. Stored URIs are
    /// read without the input limits ([`uri::parse_stored`]): what was written stays readable.
    pub fn account(&self) -> Option<Account> {
        self.uri.as_deref().and_then(|u| uri::parse_stored(u).ok()).map(|p| p.account)
    }

    /// Whether the entry is readable: a URI that parses, or no URI but backup codes or a name.
    pub fn is_valid(&self) -> bool {
        match &self.uri {
            Some(_) => self.account().is_some(),
            None => !(self.issuer.is_empty() && self.name.is_empty()) || self.backup.is_some(),
        }
    }

    fn blank(id: u64, now_ms: u64) -> StoredAccount {
        StoredAccount {
            id,
            uri: None,
            issuer: String::new(),
            name: String::new(),
            added_ms: now_ms,
            backup: None,
            revoked: Vec::new(),
            tags: Vec::new(),
            pinned: false,
            last_used_ms: None,
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

/// An entry the reader could not understand (damaged, or written by a newer version in a shape
/// this one does not know). Kept byte for byte and written back unchanged, so opening the vault
/// never costs it; the user can export it raw or delete it.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Unreadable {
    /// Its id, if that much could be read (ids of readable entries never reuse it).
    pub id: Option<u64>,
    /// The entry's JSON text, exactly as stored (it may hold a secret, hence zeroized).
    raw: String,
}

impl Unreadable {
    /// The entry's JSON text as stored: what "export raw" saves (it may hold a secret).
    pub fn raw_json(&self) -> &str {
        &self.raw
    }
}

impl fmt::Debug for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unreadable").field("id", &self.id).field("bytes", &self.raw.len()).finish()
    }
}

/// The decrypted vault.
#[derive(Clone, PartialEq, Eq)]
pub struct Content {
    /// Content format version.
    pub version: u32,
    /// Accounts, in list order.
    pub accounts: Vec<StoredAccount>,
    /// Entries that could not be read, kept as they were (written after the readable ones).
    pub unreadable: Vec<Unreadable>,
    /// Settings.
    pub settings: Settings,
    /// The stored settings' text when it did not read (a newer version's, or damaged): written
    /// back as it was for as long as the settings are left at their defaults here, so opening
    /// the vault never resets them.
    settings_unread: Option<String>,
}

impl fmt::Debug for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Content")
            .field("version", &self.version)
            .field("accounts", &self.accounts)
            .field("unreadable", &self.unreadable)
            .field("settings", &self.settings)
            .finish()
    }
}

impl Default for Content {
    fn default() -> Self {
        Content { version: CONTENT_VERSION, accounts: Vec::new(), unreadable: Vec::new(), settings: Settings::default(), settings_unread: None }
    }
}

/// The content as written: readable entries, then the unreadable ones exactly as they were read.
impl Serialize for Content {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Entries<'a>(&'a Content);
        impl Serialize for Entries<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.accounts.len() + self.0.unreadable.len()))?;
                for a in &self.0.accounts {
                    seq.serialize_element(a)?;
                }
                for u in &self.0.unreadable {
                    // Borrowed, so no unzeroized copy of the text is made.
                    let raw: &RawValue = serde_json::from_str(&u.raw).map_err(serde::ser::Error::custom)?;
                    seq.serialize_element(raw)?;
                }
                seq.end()
            }
        }
        #[derive(Serialize)]
        struct Wire<'a, S: Serialize> {
            version: u32,
            accounts: Entries<'a>,
            settings: S,
        }
        let kept = self.settings_unread.as_deref().filter(|_| self.settings == Settings::default());
        match kept {
            Some(text) => {
                let raw: &RawValue = serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
                Wire { version: self.version, accounts: Entries(self), settings: raw }.serialize(serializer)
            }
            None => Wire { version: self.version, accounts: Entries(self), settings: &self.settings }.serialize(serializer),
        }
    }
}

/// Tolerant reading: an entry that does not deserialize, or whose account does not parse, is kept
/// as [`Unreadable`] instead of refusing the whole vault; settings that do not read take their
/// defaults.
impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Borrowed from the decrypted buffer (which the caller zeroizes): no stray copies.
        #[derive(Deserialize)]
        struct Wire<'a> {
            version: u32,
            #[serde(default, borrow)]
            accounts: Vec<&'a RawValue>,
            #[serde(default, borrow)]
            settings: Option<&'a RawValue>,
        }
        #[derive(Deserialize)]
        struct IdOnly {
            id: u64,
        }
        let wire = Wire::deserialize(deserializer)?;
        let mut content = Content { version: wire.version, ..Content::default() };
        for raw in wire.accounts {
            match serde_json::from_str::<StoredAccount>(raw.get()) {
                Ok(entry) if entry.is_valid() => content.accounts.push(entry),
                _ => {
                    let id = serde_json::from_str::<IdOnly>(raw.get()).ok().map(|i| i.id);
                    content.unreadable.push(Unreadable { id, raw: raw.get().to_owned() });
                }
            }
        }
        match wire.settings.map(|s| (s, serde_json::from_str::<Settings>(s.get()))) {
            Some((_, Ok(settings))) => content.settings = settings,
            Some((raw, Err(_))) => content.settings_unread = Some(raw.get().to_owned()),
            None => {}
        }
        Ok(content)
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
    /// The same secret under the same label with other settings (algorithm, digits, kind): often
    /// a file that does not store them (old 2FAS backups). Keeping the existing account is the
    /// safe default; the user may take the incoming settings instead.
    SameSecretOtherSettings(u64),
    /// Same issuer and name with another secret: usually the site issued a new secret
    /// (re-scanned QR), so the old one makes "invalid code". The user chooses: replace or keep both.
    SameLabel(u64),
}

/// What to do with incoming accounts that resemble one here. Neither default destroys anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// [`Incoming::SameLabel`]: replace the old secret (`true`) or keep both (`false`, default).
    pub replace_other_secret: bool,
    /// [`Incoming::SameSecretOtherSettings`]: take the incoming settings (`true`) or keep the
    /// existing account as it is (`false`, default).
    pub take_other_settings: bool,
}

/// What [`Content::add_all`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddCounts {
    /// Added as new entries.
    pub added: usize,
    /// Existing entries whose secret or settings were replaced.
    pub replaced: usize,
    /// Left out: identical, or the same secret kept with its existing settings.
    pub unchanged: usize,
    /// Refused by the writers' checks (never for accounts an importer returned).
    pub refused: usize,
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

fn check_site_label(issuer: &str, name: &str) -> Result<(String, String), FieldError> {
    let issuer = account::clean_label(issuer, Field::Issuer)?;
    let name = account::clean_label(name, Field::Name)?;
    if issuer.is_empty() && name.is_empty() {
        return Err(FieldError::NoName);
    }
    Ok((issuer, name))
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

    fn ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.accounts.iter().map(|a| a.id).chain(self.unreadable.iter().filter_map(|u| u.id))
    }

    /// An id no entry has: one past the largest, or (if an entry holds the largest possible id)
    /// the smallest free one, so two entries never share an id.
    fn next_id(&self) -> u64 {
        match self.ids().max() {
            None => 1,
            Some(m) if m < u64::MAX => m + 1,
            Some(_) => {
                let used: std::collections::HashSet<u64> = self.ids().collect();
                (1..).find(|i| !used.contains(i)).unwrap_or(0)
            }
        }
    }

    /// Adds an account at the end and returns its id. Refused, with the field and its limit, if
    /// the vault could not store it so that it reads back the same ([`account::storable`]).
    pub fn add(&mut self, account: &Account, now_ms: u64) -> Result<u64, FieldError> {
        let account = account::storable(account)?;
        let id = self.next_id();
        let mut entry = StoredAccount::blank(id, now_ms);
        entry.uri = Some(uri::format(&account));
        self.accounts.push(entry);
        Ok(id)
    }

    /// Adds a site kept only for its backup codes (no secret) and returns its id.
    pub fn add_site(&mut self, issuer: &str, name: &str, codes: CodeSet, now_ms: u64) -> Result<u64, FieldError> {
        let (issuer, name) = check_site_label(issuer, name)?;
        let id = self.next_id();
        let mut entry = StoredAccount::blank(id, now_ms);
        entry.issuer = issuer;
        entry.name = name;
        entry.backup = Some(codes);
        self.accounts.push(entry);
        Ok(id)
    }

    /// How `account` relates to the accounts here.
    pub fn classify(&self, account: &Account) -> Incoming {
        let mut same_secret = None;
        let mut same_label = None;
        for entry in &self.accounts {
            let Some(mine) = entry.account() else { continue };
            if mine == *account {
                return Incoming::Identical(entry.id);
            }
            if mine.issuer == account.issuer && mine.name == account.name {
                if mine.secret == account.secret {
                    same_secret.get_or_insert(entry.id);
                } else {
                    same_label.get_or_insert(entry.id);
                }
            }
        }
        same_secret.map(Incoming::SameSecretOtherSettings).or(same_label.map(Incoming::SameLabel)).unwrap_or(Incoming::New)
    }

    /// Adds each account unless an identical one is here; for accounts that resemble one here,
    /// `choices` decides (see [`Choices`]; its default changes no existing account).
    pub fn add_all(&mut self, accounts: &[Account], choices: Choices, now_ms: u64) -> AddCounts {
        let mut counts = AddCounts::default();
        let mut added_now: Vec<u64> = Vec::new();
        for account in accounts {
            // Two entries of one file with the same label are two logins: one never replaces the
            // other (only accounts that were here before the import can be replaced).
            let kind = match self.classify(account) {
                Incoming::SameLabel(id) | Incoming::SameSecretOtherSettings(id) if added_now.contains(&id) => Incoming::New,
                other => other,
            };
            let done = match kind {
                Incoming::Identical(_) => Ok(&mut counts.unchanged),
                Incoming::SameSecretOtherSettings(_) if !choices.take_other_settings => Ok(&mut counts.unchanged),
                Incoming::SameSecretOtherSettings(id) => self.replace(id, account).map(|_| &mut counts.replaced),
                Incoming::SameLabel(id) if choices.replace_other_secret => self.replace(id, account).map(|_| &mut counts.replaced),
                Incoming::SameLabel(_) | Incoming::New => self.add(account, now_ms).map(|id| {
                    added_now.push(id);
                    &mut counts.added
                }),
            };
            match done {
                Ok(n) => *n += 1,
                Err(_) => counts.refused += 1,
            }
        }
        counts
    }

    fn entry_mut(&mut self, id: u64) -> Option<&mut StoredAccount> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// Renames an entry and sets its tags. For an account with a secret the label is part of its
    /// URI; the secret and parameters are untouched. Returns whether the entry exists, or the
    /// field that is refused (nothing changes then).
    pub fn edit_label(&mut self, id: u64, issuer: &str, name: &str, tags: Vec<String>) -> Result<bool, FieldError> {
        if !self.check_label_edit(id, issuer, name, &tags)? {
            return Ok(false);
        }
        let Some(entry) = self.entry_mut(id) else { return Ok(false) };
        let (issuer, name) = (issuer.trim().to_owned(), name.trim().to_owned());
        match entry.account() {
            Some(mut account) => {
                account.issuer = issuer;
                account.name = name;
                entry.uri = Some(uri::format(&account));
            }
            None => {
                entry.issuer = issuer;
                entry.name = name;
            }
        }
        entry.tags = tags;
        Ok(true)
    }

    /// Moves an HOTP account's counter on. Only the counter changes, so an account stored under
    /// earlier label limits still advances. Returns whether it did.
    pub fn set_counter(&mut self, id: u64, counter: u64) -> bool {
        let Some(entry) = self.entry_mut(id) else { return false };
        let Some(mut account) = entry.account() else { return false };
        if !matches!(account.params.kind, crate::otp::Kind::Hotp { .. }) {
            return false;
        }
        account.params.kind = crate::otp::Kind::Hotp { counter };
        if account::reads_back(&account).is_err() {
            return false;
        }
        entry.uri = Some(uri::format(&account));
        true
    }

    /// Checks a rename and retag as [`Content::edit_label`] would, without changing anything (so
    /// a form can show the refusal before saving). Returns whether the entry exists.
    ///
    /// The limits bind what the user changes: a name or tag kept as it was (written under an
    /// earlier, looser limit) never blocks renaming the other field.
    pub fn check_label_edit(&self, id: u64, issuer: &str, name: &str, tags: &[String]) -> Result<bool, FieldError> {
        let Some(entry) = self.get(id) else { return Ok(false) };
        let new_tags: Vec<String> = tags.iter().filter(|t| !entry.tags.contains(t)).cloned().collect();
        account::check_tags(&new_tags)?;
        if tags.len() > account::MAX_TAGS && tags.len() > entry.tags.len() {
            return Err(FieldError::TooManyTags { count: tags.len() });
        }
        let (old_issuer, old_name) = entry.label();
        let check = |text: &str, old: &str, field| {
            if text.trim() == old {
                Ok(old.to_owned())
            } else {
                account::clean_label(text, field)
            }
        };
        let (issuer, name) = (check(issuer, &old_issuer, Field::Issuer)?, check(name, &old_name, Field::Name)?);
        match entry.account() {
            Some(mut account) => {
                account.issuer = issuer;
                account.name = name;
                account::reads_back(&account)?;
            }
            None if entry.backup.is_none() && issuer.is_empty() && name.is_empty() => return Err(FieldError::NoName),
            None => {}
        }
        Ok(true)
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

    /// Replaces the account with `id` (e.g. an advanced HOTP counter); returns whether it was
    /// there, or the field that is refused (nothing changes then).
    pub fn replace(&mut self, id: u64, account: &Account) -> Result<bool, FieldError> {
        let account = account::storable(account)?;
        match self.accounts.iter_mut().find(|a| a.id == id) {
            Some(entry) => {
                entry.uri = Some(uri::format(&account));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Deletes the unreadable entry whose stored text is `raw` (the user chose to). Returns
    /// whether it was there.
    pub fn remove_unreadable_text(&mut self, raw: &str) -> bool {
        match self.unreadable.iter().position(|u| u.raw == raw) {
            Some(i) => {
                self.unreadable.remove(i);
                true
            }
            None => false,
        }
    }

    /// Deletes an entry that could not be read (the user chose to, after being offered its raw
    /// export). Returns whether it was there.
    pub fn remove_unreadable(&mut self, index: usize) -> bool {
        if index < self.unreadable.len() {
            self.unreadable.remove(index);
            true
        } else {
            false
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
    /// backup codes and their use included. Conflicting ones are kept side by side, and entries
    /// the backup holds unread are carried over as they are, so nothing is ever lost. Returns how
    /// many were added.
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
        for u in &other.unreadable {
            if self.unreadable.iter().any(|mine| mine.raw == u.raw) {
                continue;
            }
            let mut copy = u.clone();
            // Its id is another vault's: if it is taken here, the entry gets a free one (its
            // text is rewritten for that field only), so two entries never share an id.
            if let Some(id) = copy.id.filter(|id| self.ids().any(|mine| mine == *id)) {
                let fresh = self.next_id();
                if let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str::<serde_json::Value>(&copy.raw) {
                    map.insert("id".into(), fresh.into());
                    if let Ok(text) = serde_json::to_string(&map) {
                        copy.raw.zeroize();
                        copy.raw = text;
                        copy.id = Some(fresh);
                    }
                }
                let _ = id;
            }
            self.unreadable.push(copy);
            added += 1;
        }
        added
    }
}
