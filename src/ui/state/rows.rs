//! The row model: one account as the list shows it, prepared from the vault's entry.

use crate::account::Account;
use crate::backup_codes::CodeSet;
use crate::i18n::{self, Lang};
use crate::otp::{Generator, Kind};
use crate::vault::StoredAccount;

/// One account as the list holds it: display fields plus a prepared generator.
#[derive(Clone)]
pub struct Row {
    /// The account's id in the vault.
    pub id: u64,
    /// Issuer shown in bold.
    pub issuer: String,
    /// Account name.
    pub name: String,
    /// Code generator (secret inside, never rendered); `None` for a site kept only for its
    /// backup codes.
    pub generator: Option<Generator>,
    /// HOTP counter (unused for time-based kinds).
    pub counter: u64,
    /// The account itself, for edits (HOTP counter).
    pub account: Option<Account>,
    /// The site's current backup codes.
    pub backup_codes: Option<CodeSet>,
    /// Retired sets, for history.
    pub revoked: Vec<CodeSet>,
    /// Changes whenever the stored account does (secret, parameters, counter, label, tags, pin).
    fingerprint: u64,
    /// The user's tags.
    pub tags: Vec<String>,
    /// Pinned to the top.
    pub pinned: bool,
    /// Last copied, Unix ms.
    pub last_used_ms: Option<u64>,
    /// Issuer, name and tags folded for search.
    pub haystack: String,
}

impl Row {
    pub fn new(id: u64, account: &Account) -> Self {
        let counter = match account.params.kind {
            Kind::Hotp { counter } => counter,
            _ => 0,
        };
        Row { generator: Some(account.generator()), counter, account: Some(account.clone()), ..Row::bare(id, &account.issuer, &account.name) }
    }

    /// A row with a label only (a site kept for its backup codes); the rest is filled in by callers.
    fn bare(id: u64, issuer: &str, name: &str) -> Self {
        Row {
            id,
            // As drawn (a label stored by an earlier version may hold bidi controls or
            // zero-width characters): what the list shows, searches and picks the logo by.
            issuer: crate::account::normalise_label(issuer),
            name: crate::account::normalise_label(name),
            generator: None,
            counter: 0,
            account: None,
            backup_codes: None,
            revoked: Vec::new(),
            fingerprint: 0,
            tags: Vec::new(),
            pinned: false,
            last_used_ms: None,
            haystack: String::new(),
        }
    }

    pub fn from_stored(entry: &StoredAccount) -> Self {
        let mut row = match entry.account() {
            Some(a) => Row::new(entry.id, &a),
            None => Row::bare(entry.id, &entry.issuer, &entry.name),
        };
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&(entry.uri(), &entry.issuer, &entry.name, &entry.tags, entry.pinned), &mut hasher);
        row.fingerprint = std::hash::Hasher::finish(&hasher);
        row.tags = entry.tags.clone();
        row.pinned = entry.pinned;
        row.last_used_ms = entry.last_used_ms;
        row.haystack = crate::organize::haystack(&row.issuer, &row.name, &row.tags);
        row.backup_codes = entry.backup_codes.clone();
        row.revoked = entry.revoked.clone();
        row
    }

    /// Rows are equal when nothing shown about them differs (the list memo compares them).
    fn same_view(&self, other: &Row) -> bool {
        self.key() == other.key() && self.last_used_ms == other.last_used_ms
    }

    /// What makes the list re-render the row: the stored account (a new secret, the HOTP
    /// counter) and its backup codes' state.
    pub fn key(&self) -> (u64, u64, Option<(u64, usize)>) {
        (self.id, self.fingerprint, self.backup_codes.as_ref().map(|b| (b.added_ms, b.remaining())))
    }

    /// "GitHub (alice)", "GitHub", "alice" — for accessible names.
    pub fn display_name(&self, lang: Lang) -> String {
        i18n::account_label(lang, &self.issuer, &self.name, |i, n| format!("{i} ({n})"))
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.same_view(other)
    }
}

/// What the list shows of one unreadable entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableRow {
    /// Its place among the unreadable entries (what export and delete address).
    pub index: usize,
    /// Its size in bytes, to tell several apart.
    pub bytes: usize,
}
