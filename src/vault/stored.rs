//! One stored entry of the vault's content: an account held parsed beside its link (with its
//! site's backup codes), the check an account passes before it is stored ([`Checked`]), and an
//! entry kept unread. Serialised as JSON inside the encryption (see [`super::content`]).

use crate::account::{Account, FieldError};
use crate::backup_codes::CodeSet;
use crate::uri;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

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
    pub(super) uri: Option<String>,
    /// `uri`, parsed: `Some` exactly when `uri` is.
    pub(super) account: Option<Account>,
    /// Issuer of an entry without a URI (with a URI, the URI's issuer is the one).
    pub issuer: String,
    /// Account name of an entry without a URI.
    pub name: String,
    /// When it was added, in Unix milliseconds.
    pub added_ms: u64,
    /// The site's current backup codes.
    pub backup_codes: Option<CodeSet>,
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
            .field("backup_codes", &self.backup_codes.as_ref().map(|b| b.codes.len()))
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
    /// On disk `backup`: the site's backup codes (the name the format has had since version 2).
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
    /// On disk `backup`: the site's backup codes.
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
            backup: &self.backup_codes,
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
        Ok(StoredAccount { id, uri, account, issuer, name, added_ms, backup_codes: backup, revoked, tags, pinned, last_used_ms })
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
        self.account.is_some() || !(self.issuer.is_empty() && self.name.is_empty()) || self.backup_codes.is_some()
    }

    pub(super) fn blank(id: u64, now_ms: u64) -> StoredAccount {
        StoredAccount {
            id,
            uri: None,
            account: None,
            issuer: String::new(),
            name: String::new(),
            added_ms: now_ms,
            backup_codes: None,
            revoked: Vec::new(),
            tags: Vec::new(),
            pinned: false,
            last_used_ms: None,
        }
    }

    /// Makes a checked account the entry's account, and its link the stored text.
    pub(super) fn set_checked(&mut self, checked: &Checked) {
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

    pub(super) fn label_ref(&self) -> (&str, &str) {
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
    pub(super) account: Account,
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

/// An entry the reader could not understand (damaged, or written by a newer version in a shape
/// this one does not know). Kept byte for byte and written back unchanged, so opening the vault
/// never costs it; the user can export it raw or delete it.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Unreadable {
    /// Its id, if that much could be read (ids of readable entries never reuse it).
    pub id: Option<u64>,
    /// The entry's JSON text, exactly as stored (it may hold a secret, hence zeroized).
    pub(super) raw: String,
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
