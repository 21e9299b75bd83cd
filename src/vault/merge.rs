//! Bringing accounts in: how each relates to the vault's ([`Incoming`]), adding many at once
//! with the user's choices, and merging or replacing with a restored backup. Ids are kept.

use super::content::{Content, MAX_ID};
use super::stored::{Checked, StoredAccount};
use crate::account::{Account, FieldError};
use zeroize::Zeroize;
use std::collections::{HashMap, HashSet};

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
    let codes_match = match (&a.backup_codes, &b.backup_codes) {
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

impl Content {
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
