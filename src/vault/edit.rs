//! Edits as data, and the write that re-applies them. An [`Edit`] names one field of one entry
//! and the value the user gave it (or a move, or one backup code marked), never a whole entry:
//! when another tab saved first, [`write_change`] applies the same edits again to the record
//! stored now, so a field the other tab changed keeps its value unless this edit is about that
//! very field (then the last writer wins).

use super::content::Content;
use super::stored::StoredAccount;
use crate::account::FieldError;

/// One change the user made to one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Edit {
    /// The service name (issuer) becomes `issuer` (trimmed when written).
    Issuer {
        /// The entry.
        id: u64,
        /// Its new service name.
        issuer: String,
    },
    /// The account name becomes `name` (trimmed when written).
    Name {
        /// The entry.
        id: u64,
        /// Its new account name.
        name: String,
    },
    /// The tags become `tags`, in this order.
    Tags {
        /// The entry.
        id: u64,
        /// Its new tags.
        tags: Vec<String>,
    },
    /// Pinned to the top of the list, or not.
    Pinned {
        /// The entry.
        id: u64,
        /// Whether it is pinned.
        pinned: bool,
    },
    /// One place up (`-1`) or down (`+1`) in the manual order.
    MoveBy {
        /// The entry.
        id: u64,
        /// The places to move.
        delta: i32,
    },
    /// To where `target` is in the manual order (a row dragged onto another).
    MoveTo {
        /// The entry.
        id: u64,
        /// The entry whose place it takes.
        target: u64,
    },
    /// An HOTP account's counter becomes `counter` (the code the user was shown).
    Counter {
        /// The entry.
        id: u64,
        /// The new counter.
        counter: u64,
    },
    /// One of the current backup codes is marked used at `used_ms`, or unused with `None`.
    MarkCode {
        /// The entry.
        id: u64,
        /// The code, as stored.
        code: String,
        /// When it was used.
        used_ms: Option<u64>,
    },
    /// The entry is deleted.
    Remove {
        /// The entry.
        id: u64,
    },
}

impl Edit {
    /// The entry it changes.
    pub fn id(&self) -> u64 {
        match self {
            Edit::Issuer { id, .. }
            | Edit::Name { id, .. }
            | Edit::Tags { id, .. }
            | Edit::Pinned { id, .. }
            | Edit::MoveBy { id, .. }
            | Edit::MoveTo { id, .. }
            | Edit::Counter { id, .. }
            | Edit::MarkCode { id, .. }
            | Edit::Remove { id } => *id,
        }
    }
}

/// The label fields `edits` give entry `id` (`None`: not changed).
fn label_of(edits: &[Edit], id: u64) -> (Option<&str>, Option<&str>, Option<&[String]>) {
    let (mut issuer, mut name, mut tags) = (None, None, None);
    for e in edits.iter().filter(|e| e.id() == id) {
        match e {
            Edit::Issuer { issuer: i, .. } => issuer = Some(i.as_str()),
            Edit::Name { name: n, .. } => name = Some(n.as_str()),
            Edit::Tags { tags: t, .. } => tags = Some(t.as_slice()),
            _ => {}
        }
    }
    (issuer, name, tags)
}

impl Content {
    /// Checks `edits` as [`Content::apply`] would, without changing anything (so a form can show
    /// a refusal before saving). `Ok(false)`: an entry they name is not here (deleted meanwhile).
    pub fn check(&self, edits: &[Edit]) -> Result<bool, FieldError> {
        let mut checked: Vec<u64> = Vec::new();
        for e in edits {
            let Some(entry) = self.get(e.id()) else { return Ok(false) };
            if matches!(e, Edit::Issuer { .. } | Edit::Name { .. } | Edit::Tags { .. }) && !checked.contains(&e.id()) {
                checked.push(e.id());
                let (issuer, name, tags) = label_of(edits, e.id());
                let (old_issuer, old_name) = entry.label();
                let tags = tags.map_or_else(|| entry.tags.clone(), <[String]>::to_vec);
                self.check_label_edit(e.id(), issuer.unwrap_or(&old_issuer), name.unwrap_or(&old_name), &tags)?;
            }
        }
        Ok(true)
    }

    /// Applies `edits`, all or none: refused with the field that breaks a limit, `Ok(false)` when
    /// an entry they name is not here. A move that cannot be made (already first) changes nothing.
    pub fn apply(&mut self, edits: &[Edit]) -> Result<bool, FieldError> {
        if !self.check(edits)? {
            return Ok(false);
        }
        let mut labelled: Vec<u64> = Vec::new();
        for e in edits {
            match e {
                Edit::Issuer { id, .. } | Edit::Name { id, .. } | Edit::Tags { id, .. } => {
                    if !labelled.contains(id) {
                        labelled.push(*id);
                        let (issuer, name, tags) = label_of(edits, *id);
                        self.set_label(*id, issuer, name, tags.map(<[String]>::to_vec))?;
                    }
                }
                Edit::Pinned { id, pinned } => {
                    self.set_pinned(*id, *pinned);
                }
                Edit::MoveBy { id, delta } => {
                    self.move_by(*id, *delta);
                }
                Edit::MoveTo { id, target } => {
                    self.move_to(*id, *target);
                }
                Edit::Counter { id, counter } => {
                    self.set_counter(*id, *counter);
                }
                Edit::MarkCode { id, code, used_ms } => {
                    self.mark_code(*id, code, *used_ms);
                }
                Edit::Remove { id } => {
                    self.remove(*id);
                }
            }
        }
        Ok(true)
    }
}

/// A field of the edit form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelField {
    /// The service name.
    Issuer,
    /// The account name.
    Name,
    /// The tags.
    Tags,
}

/// What the edit form shows of an entry: service name, account name, tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label {
    /// The service name.
    pub issuer: String,
    /// The account name.
    pub name: String,
    /// The tags.
    pub tags: Vec<String>,
}

impl Label {
    /// The entry's label and tags as stored.
    pub fn of(entry: &StoredAccount) -> Label {
        let (issuer, name) = entry.label();
        Label { issuer, name, tags: entry.tags.clone() }
    }

    /// The fields in which `other` differs from this (names compared as they would be stored,
    /// without the spaces around them).
    pub fn differing(&self, other: &Label) -> Vec<LabelField> {
        let mut fields = Vec::new();
        if self.issuer.trim() != other.issuer.trim() {
            fields.push(LabelField::Issuer);
        }
        if self.name.trim() != other.name.trim() {
            fields.push(LabelField::Name);
        }
        if self.tags != other.tags {
            fields.push(LabelField::Tags);
        }
        fields
    }

    /// What saving the form writes: the fields the user changed from `self` (what the form
    /// showed) to `typed`, and only those, so another tab's change to any other field stays.
    pub fn edits_to(&self, id: u64, typed: &Label) -> Vec<Edit> {
        self.differing(typed)
            .into_iter()
            .map(|field| match field {
                LabelField::Issuer => Edit::Issuer { id, issuer: typed.issuer.clone() },
                LabelField::Name => Edit::Name { id, name: typed.name.clone() },
                LabelField::Tags => Edit::Tags { id, tags: typed.tags.clone() },
            })
            .collect()
    }
}

/// How many times a change is written before giving up, when other writers keep saving first.
pub const WRITE_TRIES: usize = 5;

/// Why one write of a view did not store it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError<E> {
    /// Another writer stored first: the record is no longer at the view's revision.
    Conflict,
    /// Anything else (storage refused, the record could not be read).
    Failed(E),
}

/// Why [`write_change`] stored nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unwritten<E> {
    /// Other writers saved first [`WRITE_TRIES`] times in a row.
    Conflicts,
    /// Writing or reading the record failed.
    Failed(E),
}

/// The stored record as one writer (a tab) sees it: a view is read whole and written whole, and
/// a write is refused when another writer stored since the view was read.
#[allow(async_fn_in_trait)] // The app is single-threaded: its futures are never sent.
pub trait Record {
    /// A writer's copy of the record, with the revision it was read at (the open vault).
    type View: Clone;
    /// Why reading or writing failed.
    type Error;
    /// Stores `view` as the revision after the one it was read at, unless another writer stored
    /// since ([`WriteError::Conflict`]); on success `view` holds the revision stored.
    async fn write(&mut self, view: &mut Self::View) -> Result<(), WriteError<Self::Error>>;
    /// The record stored now, read as `view` was (with its key).
    async fn read(&mut self, view: &Self::View) -> Result<Self::View, Self::Error>;
}

/// Applies `change` to `base` and writes the result. When another writer stored first, reads the
/// record stored now and applies `change` again to that: `change` must carry the edit itself
/// (see [`Edit`]), not a copy of what it saw, so nothing the other writer stored is lost.
/// `change` gets the view it is applied to and the copy to change; it gives what the caller
/// wants back. Returns the view stored and that value.
pub async fn write_change<S: Record, R>(record: &mut S, mut base: S::View, change: impl Fn(&S::View, &mut S::View) -> R) -> Result<(S::View, R), Unwritten<S::Error>> {
    for _ in 0..WRITE_TRIES {
        let mut view = base.clone();
        let result = change(&base, &mut view);
        match record.write(&mut view).await {
            Ok(()) => return Ok((view, result)),
            Err(WriteError::Conflict) => base = record.read(&base).await.map_err(Unwritten::Failed)?,
            Err(WriteError::Failed(e)) => return Err(Unwritten::Failed(e)),
        }
    }
    Err(Unwritten::Conflicts)
}
