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
//! backup was made and what changed since ([`BackupState`]).

use crate::account::{self, Account, Field, FieldError};
use crate::backup_codes::{CodeSet, DEFAULT_LOW_THRESHOLD};
use crate::organize::SortOrder;
use crate::uri;
use super::backup_state::BackupState;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The content version this code writes, and the newest it reads.
pub const CONTENT_VERSION: u32 = 3;
/// Idle minutes before locking, unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// One stored account, held parsed: the account (secret, label, parameters) is read from its
/// link once, when the vault opens, and kept beside the link's text, which is what is written
/// back (unchanged unless the entry is edited, so a newer version's extra parameters survive).
/// `Debug` shows neither the account nor the codes.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct StoredAccount {
    /// Stable identifier within this vault: chosen at random when the entry is made (never 0,
    /// below 2^53 so any JSON reader keeps it exact), never changed afterwards.
    pub id: u64,
    /// The account as its `otpauth://` link, as stored (secret included, hence zeroized); `None`
    /// for a site kept only for its backup codes. Always the link of `account`.
    uri: Option<String>,
    /// `uri`, parsed: `Some` exactly when `uri` is.
    account: Option<Account>,
    /// Issuer of an entry without a URI (with a URI, the URI's issuer is the one).
    pub issuer: String,
    /// Account name of an entry without a URI.
    pub name: String,
    /// When it was added, in Unix milliseconds.
    pub added_ms: u64,
    /// The site's current backup codes.
    pub backup: Option<CodeSet>,
    /// Sets replaced by a newer one: kept as history, never offered for use.
    pub revoked: Vec<CodeSet>,
    /// The user's tags ("work", "仕事").
    pub tags: Vec<String>,
    /// Pinned to the top of the list.
    pub pinned: bool,
    /// When a code was last copied, Unix ms (for "most recently used").
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

/// One entry as written: the field names and order of every content version so far.
#[derive(Serialize)]
struct EntryOut<'a> {
    id: u64,
    uri: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    issuer: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
    added_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup: &'a Option<CodeSet>,
    #[serde(skip_serializing_if = "<[CodeSet]>::is_empty")]
    revoked: &'a [CodeSet],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pinned: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_used_ms: Option<u64>,
}

/// One entry as read; fields added by later versions take their defaults.
#[derive(Deserialize)]
struct EntryIn {
    id: u64,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    name: String,
    added_ms: u64,
    #[serde(default)]
    backup: Option<CodeSet>,
    #[serde(default)]
    revoked: Vec<CodeSet>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    pinned: bool,
    #[serde(default)]
    last_used_ms: Option<u64>,
}

impl Serialize for StoredAccount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EntryOut {
            id: self.id,
            uri: self.uri.as_deref(),
            issuer: &self.issuer,
            name: &self.name,
            added_ms: self.added_ms,
            backup: &self.backup,
            revoked: &self.revoked,
            tags: &self.tags,
            pinned: self.pinned,
            last_used_ms: self.last_used_ms,
        }
        .serialize(serializer)
    }
}

/// Reads an entry and parses its link (without the input limits, [`uri::parse_stored`]: what was
/// written stays readable). A link that does not parse is an error, so the content's reader keeps
/// that entry as [`Unreadable`].
impl<'de> Deserialize<'de> for StoredAccount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let EntryIn { id, mut uri, issuer, name, added_ms, backup, revoked, tags, pinned, last_used_ms } = EntryIn::deserialize(deserializer)?;
        let account = match uri.as_deref().map(uri::parse_stored) {
            Some(Ok(parsed)) => Some(parsed.account),
            Some(Err(_)) => {
                uri.zeroize();
                return Err(serde::de::Error::custom("the stored otpauth link does not parse"));
            }
            None => None,
        };
        Ok(StoredAccount { id, uri, account, issuer, name, added_ms, backup, revoked, tags, pinned, last_used_ms })
    }
}

impl StoredAccount {
    /// The account this entry describes (a copy); `None` for an entry without a secret.
    pub fn account(&self) -> Option<Account> {
        self.account.clone()
    }

    /// The account this entry describes, borrowed; `None` for an entry without a secret.
    pub fn account_ref(&self) -> Option<&Account> {
        self.account.as_ref()
    }

    /// The account's `otpauth://` link as stored (it holds the secret); `None` for an entry
    /// without a secret.
    pub fn uri(&self) -> Option<&str> {
        self.uri.as_deref()
    }

    /// Whether the entry is readable: an account, or no account but backup codes or a name.
    pub fn is_valid(&self) -> bool {
        self.account.is_some() || !(self.issuer.is_empty() && self.name.is_empty()) || self.backup.is_some()
    }

    fn blank(id: u64, now_ms: u64) -> StoredAccount {
        StoredAccount {
            id,
            uri: None,
            account: None,
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

    /// Makes a checked account the entry's account, and its link the stored text.
    fn set_checked(&mut self, checked: &Checked) {
        if let Some(old) = self.uri.as_mut() {
            old.zeroize();
        }
        self.uri = Some(checked.link.clone());
        self.account = Some(checked.account.clone());
    }

    /// Makes `account` the entry's account, and its canonical link the stored text.
    pub(super) fn set_account(&mut self, account: Account) {
        if let Some(old) = self.uri.as_mut() {
            old.zeroize();
        }
        self.uri = Some(uri::format(&account));
        self.account = Some(account);
    }

    /// Issuer and account name, from the account or from the entry itself.
    pub fn label(&self) -> (String, String) {
        let (issuer, name) = self.label_ref();
        (issuer.to_owned(), name.to_owned())
    }

    fn label_ref(&self) -> (&str, &str) {
        match &self.account {
            Some(a) => (&a.issuer, &a.name),
            None => (&self.issuer, &self.name),
        }
    }

}

/// An account that passed the writers' check ([`uri::storable`]), with its canonical link:
/// what [`Content::add_all_checked`] adds without doing that work again. A large import makes
/// these a few at a time before its one edit, so the edit itself stays short. Wiped on drop;
/// `Debug` shows no secret.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Checked {
    account: Account,
    link: String,
}

impl fmt::Debug for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checked").field("account", &self.account).finish_non_exhaustive()
    }
}

impl Checked {
    /// Checks `account` as every writer does (labels trimmed and within their limits, the link
    /// read back as the same account).
    pub fn new(account: &Account) -> Result<Checked, FieldError> {
        let account = uri::storable(account)?;
        let link = uri::format(&account);
        Ok(Checked { account, link })
    }

    /// The account, as it will be stored.
    pub fn account(&self) -> &Account {
        &self.account
    }
}

impl std::borrow::Borrow<Account> for Checked {
    fn borrow(&self) -> &Account {
        &self.account
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
    /// When and where the last backup was made, and what changed since.
    pub backup: BackupState,
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
            .field("backup", &self.backup)
            .finish()
    }
}

impl Default for Content {
    fn default() -> Self {
        Content { version: CONTENT_VERSION, accounts: Vec::new(), unreadable: Vec::new(), settings: Settings::default(), backup: BackupState::default(), settings_unread: None }
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
            // Absent until a first backup or change is recorded, so such a vault's bytes are
            // the previous version's.
            #[serde(skip_serializing_if = "BackupState::is_empty")]
            backup: &'a BackupState,
        }
        let kept = self.settings_unread.as_deref().filter(|_| self.settings == Settings::default());
        match kept {
            Some(text) => {
                let raw: &RawValue = serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
                Wire { version: self.version, accounts: Entries(self), settings: raw, backup: &self.backup }.serialize(serializer)
            }
            None => Wire { version: self.version, accounts: Entries(self), settings: &self.settings, backup: &self.backup }.serialize(serializer),
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
            content.backup = serde_json::from_str(raw.get()).unwrap_or_default();
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
    let accounts_match = match (&a.account, &b.account) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.label_ref() == b.label_ref(),
        _ => false,
    };
    let codes_match = match (&a.backup, &b.backup) {
        (Some(x), Some(y)) => x.codes.len() == y.codes.len() && x.codes.iter().zip(&y.codes).all(|(p, q)| p.code == q.code),
        (x, y) => x.is_none() && y.is_none(),
    };
    accounts_match && codes_match
}

/// What [`Content::plan`] decided for one incoming account.
#[derive(Clone, Copy)]
enum Step {
    Unchanged,
    /// Replace the entry at this position (and this slot of the plan).
    Replace(usize, usize),
    Add,
}

/// The first match of an account among candidates with its label, in their order.
enum Match {
    Identical(u64),
    SameSecret(u64),
    SameLabel(u64),
    None,
}

/// How `account` relates to `candidates` (entries with its label, in list order): identical
/// to any of them first, else the first with its secret, else the first at all.
fn compare<'a>(candidates: impl Iterator<Item = (u64, &'a Account)>, account: &Account) -> Match {
    let mut same_secret = None;
    let mut same_label = None;
    for (id, mine) in candidates {
        if mine == account {
            return Match::Identical(id);
        }
        if mine.secret == account.secret {
            same_secret.get_or_insert(id);
        } else {
            same_label.get_or_insert(id);
        }
    }
    same_secret.map(Match::SameSecret).or(same_label.map(Match::SameLabel)).unwrap_or(Match::None)
}

/// Largest id handed out: 2^53 − 1, the largest integer a JSON reader using doubles (JavaScript)
/// keeps exact.
const MAX_ID: u64 = (1 << 53) - 1;

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

    fn id_taken(&self, id: u64) -> bool {
        self.ids().any(|mine| mine == id)
    }

    /// An id no entry has, for a new entry: random (1 to [`MAX_ID`]), so entries keep their ids
    /// when a backup is merged into another vault. Without a random source (it never happens
    /// natively, nor in a browser with WebCrypto) the next after the largest below [`MAX_ID`].
    fn fresh_id(&self) -> u64 {
        self.fresh_id_except(&HashSet::new())
    }

    /// [`Content::fresh_id`], also avoiding `reserved` (the ids a merge is about to bring in).
    fn fresh_id_except(&self, reserved: &HashSet<u64>) -> u64 {
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
        entry.backup = Some(codes);
        self.accounts.push(entry);
        Ok(id)
    }

    /// How `account` relates to the accounts here.
    pub fn classify(&self, account: &Account) -> Incoming {
        self.classify_all(std::slice::from_ref(account)).pop().unwrap_or(Incoming::New)
    }

    /// [`Content::classify`] for each of `accounts`, in one pass over the vault (a preview of
    /// thousands stays linear).
    pub fn classify_all(&self, accounts: &[Account]) -> Vec<Incoming> {
        let mut by_label: HashMap<(&str, &str), Vec<(u64, &Account)>> = HashMap::new();
        for entry in &self.accounts {
            if let Some(mine) = &entry.account {
                by_label.entry((mine.issuer.as_str(), mine.name.as_str())).or_default().push((entry.id, mine));
            }
        }
        accounts
            .iter()
            .map(|account| {
                let here = by_label.get(&(account.issuer.as_str(), account.name.as_str())).map(Vec::as_slice).unwrap_or_default();
                match compare(here.iter().map(|&(id, mine)| (id, mine)), account) {
                    Match::Identical(id) => Incoming::Identical(id),
                    Match::SameSecret(id) => Incoming::SameSecretOtherSettings(id),
                    Match::SameLabel(id) => Incoming::SameLabel(id),
                    Match::None => Incoming::New,
                }
            })
            .collect()
    }

    /// What [`Content::add_all`] would do with each account, in order: the vault's entries and
    /// the accounts the import adds or replaces before it are compared by label through an index,
    /// so thousands of accounts take one pass, not one pass each.
    fn plan<A: std::borrow::Borrow<Account>>(&self, accounts: &[A], choices: Choices) -> Vec<Step> {
        // Slots: the vault's accounts (as replaced so far), then the ones added by this import.
        let mut current: Vec<&Account> = Vec::new();
        let mut at: Vec<Option<usize>> = Vec::new();
        let mut by_label: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (pos, entry) in self.accounts.iter().enumerate() {
            if let Some(mine) = &entry.account {
                by_label.entry((mine.issuer.as_str(), mine.name.as_str())).or_default().push(current.len());
                current.push(mine);
                at.push(Some(pos));
            }
        }
        let mut steps = Vec::with_capacity(accounts.len());
        for account in accounts {
            let account: &Account = account.borrow();
            let label = (account.issuer.as_str(), account.name.as_str());
            let found = {
                let slots = by_label.get(&label).map(Vec::as_slice).unwrap_or_default();
                compare(slots.iter().map(|&k| (k as u64, current[k])), account)
            };
            // Two entries of one file with the same label are two logins: one never replaces the
            // other (only accounts that were here before the import can be replaced).
            let here = |k: u64| at[k as usize];
            let step = match found {
                Match::Identical(_) => Step::Unchanged,
                Match::SameSecret(k) => match here(k) {
                    None => Step::Add,
                    Some(_) if !choices.take_other_settings => Step::Unchanged,
                    Some(pos) => Step::Replace(pos, k as usize),
                },
                Match::SameLabel(k) => match here(k) {
                    Some(pos) if choices.replace_other_secret => Step::Replace(pos, k as usize),
                    _ => Step::Add,
                },
                Match::None => Step::Add,
            };
            match step {
                Step::Replace(_, k) => current[k] = account,
                Step::Add => {
                    by_label.entry(label).or_default().push(current.len());
                    current.push(account);
                    at.push(None);
                }
                Step::Unchanged => {}
            }
            steps.push(step);
        }
        steps
    }

    /// How many entries [`Content::add_all`] would add for `accounts` with `choices`.
    pub fn adds_needed<A: std::borrow::Borrow<Account>>(&self, accounts: &[A], choices: Choices) -> usize {
        self.plan(accounts, choices).iter().filter(|s| matches!(s, Step::Add)).count()
    }

    /// Adds each account unless an identical one is here; for accounts that resemble one here,
    /// `choices` decides (see [`Choices`]; its default changes no existing account). When the
    /// accounts to add do not fit under [`account::MAX_ACCOUNTS`] nothing changes, and they are
    /// all counted as refused ([`Content::check_room`] with [`Content::adds_needed`] says so
    /// beforehand).
    pub fn add_all(&mut self, accounts: &[Account], choices: Choices, now_ms: u64) -> AddCounts {
        self.add_each(accounts, choices, now_ms, Checked::new)
    }

    /// [`Content::add_all`] for accounts already checked: only comparing and appending is left.
    pub fn add_all_checked(&mut self, accounts: &[Checked], choices: Choices, now_ms: u64) -> AddCounts {
        self.add_each(accounts, choices, now_ms, |c| Ok(c.clone()))
    }

    fn add_each<A: std::borrow::Borrow<Account>>(&mut self, accounts: &[A], choices: Choices, now_ms: u64, check: impl Fn(&A) -> Result<Checked, FieldError>) -> AddCounts {
        let steps = self.plan(accounts, choices);
        let mut counts = AddCounts::default();
        let adding = steps.iter().filter(|s| matches!(s, Step::Add)).count();
        if self.check_room(adding).is_err() {
            counts.refused = adding;
            return counts;
        }
        let mut taken: HashSet<u64> = self.ids().collect();
        for (account, step) in accounts.iter().zip(steps) {
            let done = match step {
                Step::Unchanged => Ok(&mut counts.unchanged),
                Step::Replace(pos, _) => check(account).map(|c| {
                    self.accounts[pos].set_checked(&c);
                    &mut counts.replaced
                }),
                Step::Add => check(account).map(|c| {
                    self.push_checked(&c, now_ms, &mut taken);
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

    /// Appends a checked account under a fresh id (the ids in use at hand); no room check (the
    /// caller made it for a whole import).
    fn push_checked(&mut self, checked: &Checked, now_ms: u64, taken: &mut HashSet<u64>) -> u64 {
        let random = std::iter::from_fn(|| getrandom::u64().ok()).take(16).map(|r| r & MAX_ID);
        let id = random.into_iter().find(|&id| id != 0 && !taken.contains(&id)).unwrap_or_else(|| self.fresh_id());
        taken.insert(id);
        let mut entry = StoredAccount::blank(id, now_ms);
        entry.set_checked(checked);
        self.accounts.push(entry);
        id
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

    /// What merging `other` (a restored backup) into this content would do, keyed by `other`'s ids.
    pub fn preview_merge(&self, other: &Content) -> MergePreview {
        // Both kinds of match need the same label: an index keeps a large backup linear.
        let mut by_label: HashMap<(&str, &str), Vec<&StoredAccount>> = HashMap::new();
        for mine in &self.accounts {
            by_label.entry(mine.label_ref()).or_default().push(mine);
        }
        let mut preview = MergePreview::default();
        for entry in &other.accounts {
            match by_label.get(&entry.label_ref()) {
                Some(here) if here.iter().any(|m| same_entry(m, entry)) => preview.unchanged.push(entry.id),
                Some(_) => preview.conflicting.push(entry.id),
                None => preview.added.push(entry.id),
            }
        }
        preview
    }

    /// How many entries [`Content::merge`] would add for `other`.
    pub fn merge_adds(&self, other: &Content) -> usize {
        let unchanged: HashSet<u64> = self.preview_merge(other).unchanged.into_iter().collect();
        let readable = other.accounts.iter().filter(|e| !unchanged.contains(&e.id) && e.is_valid()).count();
        readable + other.unreadable.iter().filter(|u| !self.unreadable.iter().any(|mine| mine.raw == u.raw)).count()
    }

    /// Whether merging `other` fits under [`account::MAX_ACCOUNTS`] ([`Content::check_room`]).
    pub fn check_merge(&self, other: &Content) -> Result<(), FieldError> {
        self.check_room(self.merge_adds(other))
    }

    /// Whether `backup` fits in a vault at all ([`account::MAX_ACCOUNTS`]): what "replace all"
    /// and a restore into a fresh browser check.
    pub fn check_replace(backup: &Content) -> Result<(), FieldError> {
        Content::default().check_room(backup.entry_count())
    }

    /// Replaces every entry with a backup's, unreadable ones included (restore "replace all").
    /// The settings here (auto-lock, order, thresholds) stay: they belong to this browser.
    /// Returns how many entries the backup brought, readable and not; a backup over
    /// [`account::MAX_ACCOUNTS`] changes nothing and brings none ([`Content::check_replace`]).
    pub fn replace_all(&mut self, backup: &Content) -> (usize, usize) {
        if Content::check_replace(backup).is_err() {
            return (0, 0);
        }
        self.accounts = backup.accounts.clone();
        self.unreadable = backup.unreadable.clone();
        (self.accounts.len(), self.unreadable.len())
    }

    /// Merges a backup: every entry not already here (identical) is appended, its backup codes
    /// and their use included, under its own id unless that id is taken here (then under a fresh
    /// one); entries here are never renumbered. Conflicting ones are kept side by side, and
    /// entries the backup holds unread are carried over as they are, so nothing is ever lost.
    /// Returns how many were added; a merge that would pass [`account::MAX_ACCOUNTS`] adds
    /// nothing ([`Content::check_merge`] says so beforehand).
    pub fn merge(&mut self, other: &Content) -> usize {
        if self.check_merge(other).is_err() {
            return 0;
        }
        let unchanged: HashSet<u64> = self.preview_merge(other).unchanged.into_iter().collect();
        // A fresh id never takes one an incoming entry still to come would keep.
        let incoming: HashSet<u64> = other.ids().collect();
        let mut taken: HashSet<u64> = self.ids().collect();
        let mut added = 0;
        for entry in &other.accounts {
            if unchanged.contains(&entry.id) || !entry.is_valid() {
                continue;
            }
            let mut copy = entry.clone();
            if copy.id == 0 || taken.contains(&copy.id) {
                copy.id = self.fresh_id_except(&incoming);
            }
            taken.insert(copy.id);
            self.accounts.push(copy);
            added += 1;
        }
        for u in &other.unreadable {
            if self.unreadable.iter().any(|mine| mine.raw == u.raw) {
                continue;
            }
            let mut copy = u.clone();
            // An id taken here is replaced by a free one (its text is rewritten for that field
            // only), so two entries never share an id.
            if copy.id.is_some_and(|id| self.id_taken(id)) {
                let fresh = self.fresh_id_except(&incoming);
                if let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str::<serde_json::Value>(&copy.raw) {
                    map.insert("id".into(), fresh.into());
                    if let Ok(text) = serde_json::to_string(&map) {
                        copy.raw.zeroize();
                        copy.raw = text;
                        copy.id = Some(fresh);
                    }
                }
            }
            self.unreadable.push(copy);
            added += 1;
        }
        added
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
