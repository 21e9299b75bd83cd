//! Counting the changes a backup would save, and recording backups in the content: the rules of
//! [`super::backup_file_state`] applied to a [`Content`].

use super::backup_file_state::{BackupFileKind, BackupFileNotice, BackupFileRecord};
use super::content::Content;
use std::collections::HashMap;

/// Counts what changed from `before` to `after`, entry by entry (matched by id): an entry added,
/// deleted or relabelled counts one, so does a code marked used or unused and a code set added
/// or replaced; an unreadable entry deleted counts one. Order, pins, last use and settings do not
/// count: they are not what a lost phone would cost.
pub fn changes_between(before: &Content, after: &Content) -> u32 {
    let old: HashMap<u64, _> = before.accounts.iter().map(|a| (a.id, a)).collect();
    let mut n: u64 = 0;
    let mut seen = 0usize;
    for entry in &after.accounts {
        let Some(was) = old.get(&entry.id) else {
            n += 1;
            continue;
        };
        seen += 1;
        if was.uri() != entry.uri() || was.issuer != entry.issuer || was.name != entry.name || was.tags != entry.tags {
            n += 1;
        }
        n += match (&was.backup_codes, &entry.backup_codes) {
            (None, None) => 0,
            (Some(a), Some(b)) if a.added_ms == b.added_ms && a.codes.len() == b.codes.len() && a.codes.iter().zip(&b.codes).all(|(x, y)| x.code == y.code) => {
                a.codes.iter().zip(&b.codes).filter(|(x, y)| x.used_ms.is_some() != y.used_ms.is_some()).count() as u64
            }
            _ => 1,
        };
    }
    n += before.accounts.len().saturating_sub(seen) as u64;
    n += before.unreadable.len().abs_diff(after.unreadable.len()) as u64;
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Content {
    /// Adds the changes from `before` (this content before an edit) to the count since the last
    /// backup, dating the first one `now_ms`. Returns how many it added.
    pub fn note_changes(&mut self, before: &Content, now_ms: u64) -> u32 {
        let n = changes_between(before, self);
        if n > 0 {
            self.backup_file.changes = self.backup_file.changes.saturating_add(n);
            self.backup_file.first_change_ms.get_or_insert(now_ms);
        }
        n
    }

    /// Records a backup made at `at_ms`: the changes so far are in it. A printed kit
    /// ([`BackupFileKind::Paper`]) is recorded apart and changes nothing else.
    pub fn record_backup(&mut self, kind: BackupFileKind, place: &str, at_ms: u64) {
        self.record_backup_of(kind, place, at_ms, u32::MAX);
    }

    /// Records a backup made at `at_ms` from a copy that held `changes_in_copy` of the changes
    /// counted: changes saved after the copy was made (while a share sheet was open, or by
    /// another tab) still count. A printed kit ([`BackupFileKind::Paper`]) holds no secret keys:
    /// it is recorded as the last paper kit and leaves the backup state as it was.
    pub fn record_backup_of(&mut self, kind: BackupFileKind, place: &str, at_ms: u64, changes_in_copy: u32) {
        let record = BackupFileRecord { at_ms, kind, place: place.to_owned() };
        if kind == BackupFileKind::Paper {
            self.backup_file.paper = Some(record);
            return;
        }
        self.backup_file.last = Some(record);
        self.backup_file.changes = self.backup_file.changes.saturating_sub(changes_in_copy);
        if self.backup_file.changes == 0 {
            self.backup_file.first_change_ms = None;
        }
    }

    /// Makes this content the one a backup file holds: the backup is recorded in it, and the
    /// file says when it was made ([`Content::backup_made_ms`]).
    pub fn as_backup_file(&mut self, kind: BackupFileKind, place: &str, at_ms: u64) {
        self.record_backup_of(kind, place, at_ms, u32::MAX);
        self.backup_file.made_ms = Some(at_ms);
    }

    /// When the backup file this content was read from was made (`None` for a vault's own
    /// record, and for files made before this was recorded).
    pub fn backup_made_ms(&self) -> Option<u64> {
        self.backup_file.made_ms
    }

    /// What the list should show at `now_ms` (see [`BackupFileState::notice`]).
    pub fn backup_notice(&self, now_ms: u64, today: u64, dismissed_day: Option<u64>) -> BackupFileNotice {
        self.backup_file.notice(self.accounts.len() + self.unreadable.len(), now_ms, today, dismissed_day)
    }
}
