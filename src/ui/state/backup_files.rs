//! Backups: the one-tap backup (share sheet or download), the automatic backup file, and the
//! bookkeeping of both in the vault.

use super::{KeptIn, Session};
use crate::clock::Clock;
use crate::vault::{BackupFile, BackupFileKind, Unlocked};
use crate::web::autosave::{self, AutoError, Permission};
use crate::web::share::{self, ShareOutcome};
use crate::web::clock::BrowserClock;
use crate::web::files;
use crate::web::random::WebRandom;
use crate::web::store::StoreError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The automatic backup file, as the settings and the list show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AutoSave {
    /// The browser has no File System Access API.
    Unsupported,
    /// None chosen.
    Off,
    /// Rewritten after each change; `at_ms`: the last write this visit.
    On {
        /// The file's name.
        name: String,
        /// When it was last written (this visit).
        at_ms: Option<u64>,
    },
    /// Chosen on an earlier visit: the browser wants a tap to allow writing again.
    NeedsPermission {
        /// The file's name.
        name: String,
    },
    /// The last write (or the permission) failed; saves go on in the browser.
    Failed {
        /// The file's name.
        name: String,
        /// The browser's error name.
        reason: String,
    },
}

/// How a one-tap backup ended (what the screen says after it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupFileDone {
    /// Handed to the share sheet or downloaded, and recorded in the vault.
    Saved {
        /// Share or download.
        kind: BackupFileKind,
        /// The file's name.
        name: String,
        /// When it was made.
        at_ms: u64,
        /// Accounts and sites in it.
        accounts: usize,
        /// Unused backup codes in it.
        codes: usize,
    },
    /// The share sheet was closed: nothing was saved or recorded.
    Cancelled,
    /// The file could not be made or offered.
    Failed,
}

impl Session {
    /// The backup file made `at_ms`, and its content: the record stored now (whatever any tab
    /// saved last, under the passphrase set last), without its passkey slots, which belong to
    /// this device, recording in itself how and when it was made ([`Content::backup_made_ms`]).
    /// Needs the vault open here (its key reads the stored record).
    async fn backup_copy(self, kind: BackupFileKind, place: &str, at_ms: u64) -> Result<Option<BackupFile>, StoreError> {
        let Some(bytes) = self.fresh_record().await? else { return Ok(None) };
        let copy = self.vault.with_value(|v| v.as_ref().map(|v| v.reopen(&bytes)));
        match copy {
            Some(Ok(stored)) => stored.backup_file(kind, place, at_ms, &mut WebRandom).map(Some).map_err(|_| StoreError::Other("seal".into())),
            _ => Err(StoreError::Other("reopen".into())),
        }
    }

    /// Records a backup made now in the open vault (its changes so far are in it): what the
    /// emergency kit calls after printing (`BackupFileKind::Paper`), and the one-tap backup after a
    /// share or download. `place` is a short non-secret label (a file name; may be empty).
    /// Returns whether it was taken (never while locked).
    pub fn record_backup(self, kind: BackupFileKind, place: String) -> bool {
        self.record_backup_of(kind, place, u32::MAX)
    }

    /// Records a backup made now from a copy that held `changes_in_copy` of the changes counted
    /// (see [`Content::record_backup_of`]).
    pub(super) fn record_backup_of(self, kind: BackupFileKind, place: String, changes_in_copy: u32) -> bool {
        let now = BrowserClock.now_ms();
        self.try_edit(move |c| c.record_backup_of(kind, &place, now, changes_in_copy))
    }

    /// The one-tap backup: the encrypted file to the share sheet where the browser can share
    /// files (iPhone, Android), else a download. A closed share sheet records nothing; a share
    /// the browser refuses falls back to the download. Recorded in the vault when done, and told
    /// in [`Session::backup_done`]. Call it from the tap itself.
    pub fn back_up_now(self) {
        // Only a stored vault is backed up: a vault kept in memory (no IndexedDB) has no
        // passphrase slot, so a file of it could not be restored and would not be protected.
        if self.backing_up.get_untracked() || !self.is_open() || self.kept_in.get_untracked() != KeptIn::IndexedDb {
            return;
        }
        self.backup_done.set(None);
        let now = BrowserClock.now_ms();
        let (y, m, d) = crate::clock::utc_date(now);
        let name = format!("authenticator-backup-{y:04}-{m:02}-{d:02}.2favault");
        // The share sheet needs the tap's user activation, which Safari does not carry across an
        // IndexedDB read: the file is sealed here and now from the vault this tab shows (other
        // tabs' saves reach it as they happen). The download keeps reading the stored record.
        let shared = share::shareable_file(&name, &[0u8]).and_then(|_| {
            let backup = self.vault.with_value(|v| v.as_ref()?.backup_file(BackupFileKind::Share, &name, now, &mut WebRandom).ok())?;
            let file = share::shareable_file(&name, &backup.bytes)?;
            Some((share::start_share(&file)?, backup))
        });
        self.backing_up.set(true);
        spawn_local(async move {
            let done = match shared {
                Some((sharing, backup)) => match share::finish_share(sharing).await {
                    ShareOutcome::Shared => self.saved(BackupFileKind::Share, &name, now, &backup),
                    ShareOutcome::Cancelled => BackupFileDone::Cancelled,
                    ShareOutcome::Failed(_) => self.download_backup(&name, now).await,
                },
                None => self.download_backup(&name, now).await,
            };
            self.backing_up.set(false);
            self.backup_done.set(Some(done));
        });
    }

    async fn download_backup(self, name: &str, now: u64) -> BackupFileDone {
        match self.backup_copy(BackupFileKind::Download, name, now).await {
            Ok(Some(backup)) if files::download(name, &backup.bytes).is_ok() => self.saved(BackupFileKind::Download, name, now, &backup),
            _ => BackupFileDone::Failed,
        }
    }

    /// Records a backup that was handed over, and says what it held.
    fn saved(self, kind: BackupFileKind, name: &str, now: u64, backup: &BackupFile) -> BackupFileDone {
        let content = &backup.content;
        if !self.record_backup_of(kind, name.to_owned(), backup.changes) {
            return BackupFileDone::Failed;
        }
        let codes = content.accounts.iter().filter_map(|a| a.backup_codes.as_ref()).map(|b| b.remaining()).sum();
        BackupFileDone::Saved { kind, name: name.to_owned(), at_ms: now, accounts: content.accounts.len(), codes }
    }

    pub(super) async fn load_auto_file(self) {
        if !autosave::supported() {
            return;
        }
        let Some(file) = autosave::load().await else { return };
        let state = match file.permission(false).await {
            Permission::Granted => AutoSave::On { name: file.name.clone(), at_ms: None },
            Permission::Prompt => AutoSave::NeedsPermission { name: file.name.clone() },
            Permission::Denied => AutoSave::Failed { name: file.name.clone(), reason: "NotAllowedError".into() },
        };
        self.auto_file.set_value(Some(file));
        self.autosave.set(state);
    }

    /// Lets the user choose the automatic backup file (a save dialog); it is written at once and
    /// after each change from then on. `description` names the file type in the dialog.
    pub fn choose_auto_file(self, description: String) {
        spawn_local(async move {
            let file = match autosave::pick("authenticator-auto-backup.2favault", &description).await {
                Ok(f) => f,
                Err(AutoError::Cancelled) => return,
                Err(AutoError::Failed(reason)) => {
                    self.autosave.set(AutoSave::Failed { name: String::new(), reason });
                    return;
                }
            };
            let kept = autosave::remember(&file).await;
            let name = file.name.clone();
            self.auto_file.set_value(Some(file));
            match kept {
                Ok(()) => self.autosave.set(AutoSave::On { name, at_ms: None }),
                Err(AutoError::Failed(reason)) => self.autosave.set(AutoSave::Failed { name, reason }),
                Err(AutoError::Cancelled) => self.autosave.set(AutoSave::Failed { name, reason: "AbortError".into() }),
            }
            self.autosave_now();
        });
    }

    /// Asks the browser again for permission to write the automatic backup file (from a tap),
    /// then writes it.
    pub fn allow_auto_file(self) {
        let Some(file) = self.auto_file.get_value() else { return };
        spawn_local(async move {
            let name = file.name.clone();
            match file.permission(true).await {
                Permission::Granted => {
                    self.autosave.set(AutoSave::On { name, at_ms: None });
                    self.autosave_now();
                }
                Permission::Prompt => self.autosave.set(AutoSave::NeedsPermission { name }),
                Permission::Denied => self.autosave.set(AutoSave::Failed { name, reason: "NotAllowedError".into() }),
            }
        });
    }

    /// Stops the automatic backup (the file stays where it is).
    pub fn stop_auto_file(self) {
        self.auto_file.set_value(None);
        self.auto_pending.set_value(None);
        self.autosave.set(AutoSave::Off);
        spawn_local(autosave::forget());
    }

    /// Writes the automatic file from the open vault now (just chosen or allowed again).
    fn autosave_now(self) {
        if let Some(vault) = self.vault.with_value(|v| v.clone()) {
            self.autosave_from(vault);
        }
    }

    /// Writes the automatic backup file from `vault` (just saved) when one is on. Writes never
    /// overlap: a change saved during a write is written right after it, from the newest vault.
    /// A failure is shown and never touches the save that was made.
    pub(super) fn autosave_from(self, vault: Unlocked) {
        let on = self.autosave.with_untracked(|a| matches!(a, AutoSave::On { .. } | AutoSave::Failed { .. }));
        if !on || self.auto_file.with_value(Option::is_none) {
            return;
        }
        self.auto_pending.set_value(Some(vault));
        if self.auto_busy.get_value() {
            return;
        }
        self.auto_busy.set_value(true);
        spawn_local(async move {
            while let Some(vault) = self.auto_pending.try_update_value(Option::take).flatten() {
                let Some(file) = self.auto_file.get_value() else { break };
                let now = BrowserClock.now_ms();
                // Written from the record stored now, the newest any tab saved (another tab may
                // have saved after the vault that asked for this write); this tab's own vault
                // only if the stored record cannot be read.
                let backup = match self.backup_copy(BackupFileKind::AutoFile, &file.name, now).await {
                    Ok(Some(backup)) => backup,
                    _ => {
                        let Ok(backup) = vault.backup_file(BackupFileKind::AutoFile, &file.name, now, &mut WebRandom) else { continue };
                        backup
                    }
                };
                let (bytes, changes) = (backup.bytes, backup.changes);
                drop(vault);
                let name = file.name.clone();
                match file.write(&bytes).await {
                    Ok(()) => {
                        self.autosave.set(AutoSave::On { name: name.clone(), at_ms: Some(now) });
                        // Recorded in the vault; changes saved after the copy was made still count.
                        if let Some(saving) = self.begin_change(move |v| v.content.record_backup_of(BackupFileKind::AutoFile, &name, now, changes)) {
                            let _ = saving.await;
                        }
                    }
                    Err(AutoError::Failed(reason)) => self.autosave.set(AutoSave::Failed { name, reason }),
                    Err(AutoError::Cancelled) => self.autosave.set(AutoSave::Failed { name, reason: "AbortError".into() }),
                }
            }
            self.auto_busy.set_value(false);
        });
    }
}
