//! What the vault knows about its own backups: when and where the last one was made, what
//! changed since, and (inside a backup file) when that file was made. Pure data and rules: the
//! caller passes the time.
//!
//! Stored as the content's optional `backup` object (see docs/vault.md): a vault never backed up
//! writes nothing, so its bytes are those of the version before; fields this version does not
//! know are kept and written back.

use serde::{Deserialize, Serialize};

/// One day in milliseconds.
pub const DAY_MS: u64 = 86_400_000;
/// Changes left without a backup this long make the list show a banner.
pub const NAG_AFTER_MS: u64 = 3 * DAY_MS;

/// How a backup was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupFileKind {
    /// The encrypted file, downloaded.
    Download,
    /// The encrypted file, handed to the system share sheet (iCloud Drive, Google Drive, LINE…).
    Share,
    /// The automatic backup file the user picked once, rewritten after each change.
    AutoFile,
    /// The emergency kit, printed on paper.
    Paper,
    /// A kind written by a newer version.
    #[serde(other)]
    Other,
}

/// The last backup: when, how, and a short non-secret label of where (a file name; empty when
/// nothing more is known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFileRecord {
    /// When it was made, Unix ms.
    pub at_ms: u64,
    /// How it was made.
    pub kind: BackupFileKind,
    /// Where it went, as the user would recognise it ("authenticator-backup-2026-11-23.2favault").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
}

/// The vault's backup bookkeeping (the content's `backup` object).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFileState {
    /// The last backup, if any was ever made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<BackupFileRecord>,
    /// Changes since then (accounts added, edited or deleted; codes marked used or unused;
    /// code sets replaced).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub changes: u32,
    /// When the oldest of those changes was made, Unix ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_change_ms: Option<u64>,
    /// The last emergency kit printed. Paper holds backup codes but no secret keys, so it is
    /// kept apart: it neither counts as the last backup nor clears the changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<BackupFileRecord>,
    /// Set in a backup file only: when that file was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_ms: Option<u64>,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl BackupFileState {
    /// Nothing recorded: the content writes no `backup` object at all.
    pub fn is_empty(&self) -> bool {
        *self == BackupFileState::default()
    }

    /// What the list should show at `now_ms` for a vault of `entries` entries: a banner when
    /// never backed up (with at least one entry) or when changes have waited [`NAG_AFTER_MS`];
    /// at most once a day: `today` is the local day number (local ms / [`DAY_MS`]) and
    /// `dismissed_day` the day the user last put the banner away.
    pub fn notice(&self, entries: usize, now_ms: u64, today: u64, dismissed_day: Option<u64>) -> BackupFileNotice {
        let due = match &self.last {
            None => entries > 0,
            Some(_) => self.changes > 0 && self.first_change_ms.is_some_and(|t| now_ms.saturating_sub(t) >= NAG_AFTER_MS),
        };
        if due && dismissed_day != Some(today) {
            BackupFileNotice::Banner
        } else if self.last.is_some() || entries > 0 {
            BackupFileNotice::Line
        } else {
            BackupFileNotice::Nothing
        }
    }
}

/// What the list shows about backups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupFileNotice {
    /// Nothing (no account yet, and never backed up).
    Nothing,
    /// One calm line (when the last backup was, and how many changes since).
    Line,
    /// A banner with one button: never backed up, or changes waiting for more than
    /// [`NAG_AFTER_MS`].
    Banner,
}

