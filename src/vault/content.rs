//! What the vault holds once decrypted: accounts (each with its site's backup codes), sites kept
//! only for their backup codes, and settings. Serialised as JSON inside the encryption, where an
//! account is its `otpauth://` link; versioned separately from the envelope.
//!
//! In memory every link is parsed once, when the content is read, and kept parsed beside its
//! text: the list, the merge and the import checks never parse again, and only an edit formats a
//! link. Each entry has a random id, unique within the content, that it keeps for good: adding,
//! removing, moving or merging never renumbers an entry.
//!
//! Versions: 1 had accounts with a URI only. 2 adds backup-code sets (current and revoked),
//! entries without a secret (a site's backup codes alone) and the low-codes threshold. 3 adds
//! tags, pins and last use per entry, and the list order and privacy settings. Still 3, and
//! optional (see docs/vault.md, "Backup state"): the `backup` object, when and where the last
//! backup was made and what changed since ([`BackupFileState`]).

use crate::account::{self, Account, Field, FieldError};
use crate::backup_codes::CodeSet;
use crate::uri;
use super::backup_file_state::BackupFileState;
use super::settings::Settings;
use super::stored::{Checked, StoredAccount, Unreadable};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::fmt;


/// The content version this code writes, and the newest it reads.
pub const CONTENT_VERSION: u32 = 3;
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
    /// When and where the last backup was made, and what changed since.
    pub backup_file: BackupFileState,
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
            .field("backup_file", &self.backup_file)
            .finish()
    }
}

impl Default for Content {
    fn default() -> Self {
        Content { version: CONTENT_VERSION, accounts: Vec::new(), unreadable: Vec::new(), settings: Settings::default(), backup_file: BackupFileState::default(), settings_unread: None }
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
            // `backup`: the record of backup files made; absent until a first backup or change is
            // recorded, so such a vault's bytes are the previous version's.
            #[serde(skip_serializing_if = "BackupFileState::is_empty")]
            backup: &'a BackupFileState,
        }
        let kept = self.settings_unread.as_deref().filter(|_| self.settings == Settings::default());
        match kept {
            Some(text) => {
                let raw: &RawValue = serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
                Wire { version: self.version, accounts: Entries(self), settings: raw, backup: &self.backup_file }.serialize(serializer)
            }
            None => Wire { version: self.version, accounts: Entries(self), settings: &self.settings, backup: &self.backup_file }.serialize(serializer),
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
            #[serde(default, borrow)]
            backup: Option<&'a RawValue>,
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
        // Bookkeeping only: a `backup` object that does not read counts as "never backed up",
        // which errs towards asking for a backup.
        if let Some(raw) = wire.backup {
            content.backup_file = serde_json::from_str(raw.get()).unwrap_or_default();
        }
        Ok(content)
    }
}

/// Largest id handed out: 2^53 − 1, the largest integer a JSON reader using doubles (JavaScript)
/// keeps exact.
pub(super) const MAX_ID: u64 = (1 << 53) - 1;

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

    pub(super) fn ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.accounts.iter().map(|a| a.id).chain(self.unreadable.iter().filter_map(|u| u.id))
    }

    pub(super) fn id_taken(&self, id: u64) -> bool {
        self.ids().any(|mine| mine == id)
    }

    /// An id no entry has, for a new entry: random (1 to [`MAX_ID`]), so entries keep their ids
    /// when a backup is merged into another vault. Without a random source (it never happens
    /// natively, nor in a browser with WebCrypto) the next after the largest below [`MAX_ID`].
    pub(super) fn fresh_id(&self) -> u64 {
        self.fresh_id_except(&HashSet::new())
    }

    /// [`Content::fresh_id`], also avoiding `reserved` (the ids a merge is about to bring in).
    pub(super) fn fresh_id_except(&self, reserved: &HashSet<u64>) -> u64 {
        self.fresh_id_from(std::iter::from_fn(|| getrandom::u64().ok()).take(16), reserved)
    }

    /// [`Content::fresh_id_except`] with the random numbers given.
    fn fresh_id_from(&self, random: impl IntoIterator<Item = u64>, reserved: &HashSet<u64>) -> u64 {
        let free = |id: u64| id != 0 && id <= MAX_ID && !reserved.contains(&id) && !self.id_taken(id);
        if let Some(id) = random.into_iter().map(|r| r & MAX_ID).find(|&id| free(id)) {
            return id;
        }
        let next = self.ids().chain(reserved.iter().copied()).filter(|&id| id < MAX_ID).max().map_or(1, |m| m + 1);
        if free(next) {
            return next;
        }
        (1..=MAX_ID).find(|&id| free(id)).unwrap_or(MAX_ID)
    }

    /// Entries counted against [`account::MAX_ACCOUNTS`]: accounts, sites kept for their backup
    /// codes, and the entries kept unread (they are stored too).
    pub fn entry_count(&self) -> usize {
        self.accounts.len() + self.unreadable.len()
    }

    /// Whether `adding` more entries fit under [`account::MAX_ACCOUNTS`]; the refusal says how
    /// many are here and how many were to come. Adding none always fits (a vault written before
    /// the cap keeps working).
    pub fn check_room(&self, adding: usize) -> Result<(), FieldError> {
        let here = self.entry_count();
        if adding > 0 && here.saturating_add(adding) > account::MAX_ACCOUNTS {
            return Err(FieldError::TooManyAccounts { here, adding });
        }
        Ok(())
    }

    /// Adds an account at the end and returns its id. Refused, with the field and its limit, if
    /// the vault could not store it so that it reads back the same ([`uri::storable`]), or
    /// when the vault is full ([`account::MAX_ACCOUNTS`]).
    pub fn add(&mut self, account: &Account, now_ms: u64) -> Result<u64, FieldError> {
        self.check_room(1)?;
        let checked = Checked::new(account)?;
        let id = self.fresh_id();
        let mut entry = StoredAccount::blank(id, now_ms);
        entry.set_checked(&checked);
        self.accounts.push(entry);
        Ok(id)
    }

    /// Adds a site kept only for its backup codes (no secret) and returns its id; refused like
    /// [`Content::add`].
    pub fn add_site(&mut self, issuer: &str, name: &str, codes: CodeSet, now_ms: u64) -> Result<u64, FieldError> {
        self.check_room(1)?;
        let (issuer, name) = check_site_label(issuer, name)?;
        let id = self.fresh_id();
        let mut entry = StoredAccount::blank(id, now_ms);
        entry.issuer = issuer;
        entry.name = name;
        entry.backup_codes = Some(codes);
        self.accounts.push(entry);
        Ok(id)
    }

    fn entry_mut(&mut self, id: u64) -> Option<&mut StoredAccount> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// Renames an entry and sets its tags. For an account with a secret the label is part of its
    /// URI; the secret and parameters are untouched. Returns whether the entry exists, or the
    /// field that is refused (nothing changes then).
    pub fn edit_label(&mut self, id: u64, issuer: &str, name: &str, tags: Vec<String>) -> Result<bool, FieldError> {
        self.set_label(id, Some(issuer), Some(name), Some(tags))
    }

    /// [`Content::edit_label`] for the fields given only (`None`: left as stored), so a field
    /// another tab changed meanwhile keeps that tab's value (see [`super::Edit`]).
    pub fn set_label(&mut self, id: u64, issuer: Option<&str>, name: Option<&str>, tags: Option<Vec<String>>) -> Result<bool, FieldError> {
        let Some(entry) = self.get(id) else { return Ok(false) };
        let (old_issuer, old_name) = entry.label();
        let old_tags = entry.tags.clone();
        if !self.check_label_edit(id, issuer.unwrap_or(&old_issuer), name.unwrap_or(&old_name), tags.as_deref().unwrap_or(&old_tags))? {
            return Ok(false);
        }
        let Some(entry) = self.entry_mut(id) else { return Ok(false) };
        let (issuer, name) = (issuer.map(account::normalise_label), name.map(account::normalise_label));
        // A change of tags alone leaves the stored link as it was.
        match entry.account().filter(|_| issuer.is_some() || name.is_some()) {
            Some(mut account) => {
                if let Some(issuer) = issuer {
                    account.issuer = issuer;
                }
                if let Some(name) = name {
                    account.name = name;
                }
                entry.set_account(account);
            }
            None if entry.uri().is_none() => {
                if let Some(issuer) = issuer {
                    entry.issuer = issuer;
                }
                if let Some(name) = name {
                    entry.name = name;
                }
            }
            None => {}
        }
        if let Some(tags) = tags {
            entry.tags = tags.iter().filter_map(|t| crate::organize::clean_tag(t)).collect();
        }
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
        if uri::reads_back(&account).is_err() {
            return false;
        }
        entry.set_account(account);
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
        let (old_issuer, old_name) = entry.label_ref();
        let check = |text: &str, old: &str, field| {
            if text.trim() == old {
                Ok(old.to_owned())
            } else {
                account::clean_label(text, field)
            }
        };
        let (issuer, name) = (check(issuer, old_issuer, Field::Issuer)?, check(name, old_name, Field::Name)?);
        match entry.account() {
            Some(mut account) => {
                account.issuer = issuer;
                account.name = name;
                uri::reads_back(&account)?;
            }
            None if entry.backup_codes.is_none() && issuer.is_empty() && name.is_empty() => return Err(FieldError::NoName),
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
        if let Some(mut old) = entry.backup_codes.replace(codes) {
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
            .and_then(|a| a.backup_codes.as_mut())
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
        let account = uri::storable(account)?;
        match self.accounts.iter_mut().find(|a| a.id == id) {
            Some(entry) => {
                entry.set_account(account);
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

}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_ids(readable: &[u64], unreadable: &[u64]) -> Content {
        let mut c = Content::default();
        for &id in readable {
            let mut entry = StoredAccount::blank(id, 0);
            entry.name = "x".into();
            c.accounts.push(entry);
        }
        for &id in unreadable {
            c.unreadable.push(Unreadable { id: Some(id), raw: format!("{{\"id\":{id}}}") });
        }
        c
    }

    #[test]
    fn a_fresh_id_is_never_zero_nor_taken_nor_past_2_pow_53() {
        let c = with_ids(&[5, MAX_ID], &[9]);
        let none = HashSet::new();
        assert_eq!(c.fresh_id_from([0, 5, 9, MAX_ID, 1 << 53, 77], &none), 77, "0, taken ids and 2^53 (masked to 0) are passed over");
        assert_eq!(c.fresh_id_from([u64::MAX, 3], &none), 3, "u64::MAX masks to the taken 2^53 - 1");
        assert_eq!(c.fresh_id_from([77, 78], &HashSet::from([77])), 78, "an id a merge brings in is reserved");
        // Without randomness: one past the largest id below the cap, else the smallest free one.
        assert_eq!(c.fresh_id_from([], &none), 10);
        assert_eq!(c.fresh_id_from([], &HashSet::from([10, 12])), 13);
        assert_eq!(with_ids(&[], &[]).fresh_id_from([], &none), 1);
        assert_eq!(with_ids(&[MAX_ID - 1], &[]).fresh_id_from([], &none), MAX_ID);
        assert_eq!(with_ids(&[MAX_ID - 1, MAX_ID], &[]).fresh_id_from([], &none), 1);
        let id = c.fresh_id();
        assert!(id != 0 && id <= MAX_ID && ![5, 9, MAX_ID].contains(&id));
    }
}
