//! Saving: every change is sealed first, then written once under the write lock, and applied
//! again on the newer record when another tab saved first ([`write_change`]). Also what the other
//! tabs say (a save, a lock, input) and the record read afresh from IndexedDB.

use super::{KeptIn, Session};
use crate::account::Account;
use crate::clock::Clock;
use crate::i18n::T;
use crate::vault::{write_change, Content, Edit, Record, Unlocked, Unwritten, WriteError};
use crate::web::clock::{sleep, BrowserClock};
use crate::web::files;
use crate::web::perf::Span;
use crate::web::store::StoreError;
use crate::web::record::save_sealed;
use crate::web::tabs::TabMessage;
use leptos::prelude::*;
use zeroize::Zeroizing;
use leptos::task::spawn_local;

/// An edit that was taken but not saved; the session has already said why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unsaved;

/// Why this tab's write of a change stored nothing (besides other tabs saving first).
enum WriteFailure {
    /// Storage refused the write.
    Store(StoreError),
    /// The stored record could not be read again.
    Unreadable,
    /// The stored record is sealed under another key: the passphrase was changed in another tab.
    OtherKey,
}

/// The stored record as [`write_change`] writes it from this tab: sealed, written under the
/// write lock, and read again (and shown, if newer) after another tab saved first.
struct Stored {
    session: Session,
    /// The session's lock count when the change was taken.
    locks: u64,
}

impl Record for Stored {
    type View = Unlocked;
    type Error = WriteFailure;

    async fn write(&mut self, vault: &mut Unlocked) -> Result<(), WriteError<WriteFailure>> {
        // The change and its sealing are two tasks, not one: a large import or merge keeps each
        // short, and a Lock pressed meanwhile is taken in between.
        sleep(0).await;
        let based_on = Some(vault.revision);
        match self.session.write(vault, based_on).await {
            Ok(()) => Ok(()),
            Err(StoreError::Conflict { .. }) => Err(WriteError::Conflict),
            Err(e) => Err(WriteError::Failed(WriteFailure::Store(e))),
        }
    }

    async fn read(&mut self, base: &Unlocked) -> Result<Unlocked, WriteFailure> {
        let session = self.session;
        let Ok(Some(bytes)) = session.fresh_record().await else { return Err(WriteFailure::Unreadable) };
        let fresh = base.reopen(&bytes).map_err(|_| WriteFailure::OtherKey)?;
        if session.locks.get_value() == self.locks && fresh.revision >= session.with_vault(|v| v.revision).unwrap_or(0) {
            session.show(fresh.clone());
        }
        Ok(fresh)
    }
}

impl Session {
    /// What to tell the user when storage refused a write.
    pub(super) fn store_message(e: &StoreError) -> T {
        match e {
            StoreError::QuotaExceeded => T::QuotaExceeded,
            StoreError::Unavailable => T::StorageUnavailable,
            StoreError::Conflict { .. } => T::SaveConflict,
            StoreError::Other(_) => T::SaveFailed,
        }
    }

    pub(super) fn on_tab_message(self, message: TabMessage) {
        match message {
            TabMessage::Lock => self.lock_here(),
            TabMessage::Changed(revision) => {
                let behind = self.vault.with_value(|v| v.as_ref().map(|v| v.revision < revision));
                if behind == Some(true) {
                    // The vault is open, so its module is here already.
                    spawn_local(async move {
                        let _ = super::vault_part::reload(self).await;
                    });
                }
            }
            TabMessage::Input(at_ms) => {
                let now = BrowserClock.now_ms();
                self.presence.update_value(|p| p.heard_input(at_ms, now));
            }
        }
    }

    /// The record now in IndexedDB (also kept as `stored_bytes`). Without storage, the bytes
    /// this tab last wrote.
    pub(super) async fn fresh_record(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(store) = self.store.get_value() else { return Ok(self.stored_bytes.get_value()) };
        let bytes = store.load().await?;
        if let Some(fresh) = &bytes {
            // Another tab's record under another passphrase: the one it replaced is kept aside.
            let before = self.stored_bytes.get_value();
            if let Some(before) = before {
                let salt = crate::vault::passphrase_salt_of(&before);
                if salt.is_some() && salt != crate::vault::passphrase_salt_of(fresh) {
                    self.superseded.set_value(Some(before));
                }
            }
            self.stored_bytes.set_value(Some(fresh.clone()));
        }
        Ok(bytes)
    }

    /// [`Session::reload_from_storage`], in the open vault's module.
    pub(super) fn reload_here(self) {
        spawn_local(async move {
            let _ = self.reload_from_storage().await;
        });
    }

    /// Shows what another tab stored. A record this tab's key cannot read any more (the
    /// passphrase, and with it the key, was changed elsewhere) locks this tab.
    async fn reload_from_storage(self) -> Result<(), StoreError> {
        let locks = self.locks.get_value();
        let Some(bytes) = self.fresh_record().await? else { return Ok(()) };
        if self.locks.get_value() != locks {
            return Ok(());
        }
        let fresh = self.vault.with_value(|v| v.as_ref().map(|v| (v.revision, v.reopen(&bytes))));
        match fresh {
            Some((mine, Ok(fresh))) if fresh.revision >= mine => self.show(fresh),
            Some((_, Err(_))) => self.lock_here(),
            _ => {}
        }
        Ok(())
    }

    /// Seals and stores the vault as the next revision after `based_on`.
    pub(super) async fn write(&self, vault: &mut Unlocked, based_on: Option<u64>) -> Result<(), StoreError> {
        let Some(store) = self.store.get_value() else { return Ok(()) };
        let bytes = save_sealed(&store, vault, based_on).await?;
        self.stored_bytes.set_value(Some(bytes));
        self.tabs.with_value(|t| {
            if let Some(t) = t {
                t.send(TabMessage::Changed(vault.revision));
            }
        });
        Ok(())
    }

    /// Applies an edit to the open vault and saves it; nothing while locked (see
    /// [`Session::try_edit`]).
    pub fn edit(self, change: impl Fn(&mut Content) + 'static) {
        let _ = self.try_edit(change);
    }

    /// Applies an edit to the open vault and saves it. If another tab saved first, reloads its
    /// version and applies the edit again, so neither tab's change is lost.
    ///
    /// Returns whether the edit was taken: never while the vault is locked, so the caller must
    /// not say it was done. An edit taken while open is saved even if the vault locks before the
    /// save is done (the user asked while it was open), but the vault is not shown again.
    #[must_use = "say that something was done only when the edit was taken"]
    pub fn try_edit(self, change: impl Fn(&mut Content) + 'static) -> bool {
        match self.begin_edit(change) {
            Some(saving) => {
                spawn_local(async move {
                    let _ = saving.await;
                });
                true
            }
            None => false,
        }
    }

    /// Like [`Session::try_edit`], and gives what the edit returned once it is saved: `None`
    /// when the vault is locked (nothing taken); the future ends in `Err(Unsaved)` when the save
    /// failed, which the session has already told the user.
    pub fn begin_edit<R: 'static>(self, change: impl Fn(&mut Content) -> R + 'static) -> Option<impl std::future::Future<Output = Result<R, Unsaved>>> {
        self.begin_change(move |v: &mut Unlocked| change(&mut v.content))
    }

    /// Applies `edits` (each one field of one entry, see [`Edit`]) and saves them; re-applied,
    /// not overwritten, when another tab saved first. Nothing while locked.
    pub fn apply(self, edits: Vec<Edit>) {
        self.edit(move |c| {
            let _ = c.apply(&edits);
        });
    }

    /// [`Session::begin_edit`] for changes beyond the content (the key slots).
    pub(super) fn begin_change<R: 'static>(self, change: impl Fn(&mut Unlocked) -> R + 'static) -> Option<impl std::future::Future<Output = Result<R, Unsaved>>> {
        if !self.is_open() {
            return None;
        }
        let mut base = self.vault.with_value(|v| v.clone())?;
        let locks = self.locks.get_value();
        Some(async move {
            // Let the click that asked for the edit finish its own page updates (closing a dialog
            // restyles the page) before sealing, so the save does not wait behind them.
            sleep(0).await;
            let still_open = move || self.locks.get_value() == locks;
            // Still open: build on the vault as it is now (an earlier edit, or another tab's
            // change, may have arrived meanwhile).
            if still_open() {
                if let Some(now) = self.vault.with_value(|v| v.clone()) {
                    base = now;
                }
            }
            // Every edit path counts here, whatever it changed (see `changes_between`).
            let change = |base: &Unlocked, vault: &mut Unlocked| {
                let span = Span::start("vault-change");
                let result = change(vault);
                let counted = vault.content.note_changes(&base.content, BrowserClock.now_ms());
                span.end();
                (result, counted)
            };
            if self.kept_in.get_untracked() != KeptIn::IndexedDb {
                let mut vault = base.clone();
                let (result, _) = change(&base, &mut vault);
                self.show(vault);
                return Ok(result);
            }
            match write_change(&mut Stored { session: self, locks }, base, change).await {
                Ok((vault, (result, counted))) => {
                    if counted > 0 {
                        self.autosave_from(vault.clone());
                    }
                    if still_open() {
                        self.show(vault);
                        self.problem.set(None);
                    }
                    Ok(result)
                }
                Err(Unwritten::Conflicts) => {
                    self.say(T::SaveConflict);
                    Err(Unsaved)
                }
                Err(Unwritten::Failed(WriteFailure::OtherKey)) => {
                    self.lock_here();
                    self.say(T::ChangedElsewhere);
                    Err(Unsaved)
                }
                Err(Unwritten::Failed(WriteFailure::Unreadable)) => {
                    self.say(T::StorageReadFailed);
                    Err(Unsaved)
                }
                Err(Unwritten::Failed(WriteFailure::Store(e))) => {
                    self.say(Session::store_message(&e));
                    Err(Unsaved)
                }
            }
        })
    }

    /// Adds an account (to the vault, or to memory when storage is unavailable), or puts it in
    /// place of entry `replace`'s old secret. `None`: not taken (locked); else the future gives the
    /// id of the entry once it is stored (`Ok(None)`: the vault refused it, which the dialogs'
    /// own check of `uri::storable` rules out), so "Added" is said only after the save.
    #[must_use = "say \"Added\" only when the saved edit says so"]
    pub fn add(self, account: Account, replace: Option<u64>) -> Option<impl std::future::Future<Output = Result<Option<u64>, Unsaved>>> {
        self.start_in_memory();
        let now = BrowserClock.now_ms();
        self.begin_edit(move |c| match replace {
            Some(id) => c.replace(id, &account).ok().filter(|&replaced| replaced).map(|_| id),
            None => c.add(&account, now).ok(),
        })
    }

    /// Adds a site kept only for its backup codes; like [`Session::add`].
    #[must_use = "say \"Added\" only when the saved edit says so"]
    pub fn add_site(self, issuer: String, name: String, codes: crate::backup_codes::CodeSet) -> Option<impl std::future::Future<Output = Result<Option<u64>, Unsaved>>> {
        self.start_in_memory();
        let now = BrowserClock.now_ms();
        self.begin_edit(move |c| c.add_site(&issuer, &name, codes.clone(), now).ok())
    }

    /// Without storage, the first addition starts an in-memory vault.
    fn start_in_memory(&self) {
        if self.kept_in.get_untracked() == KeptIn::MemoryOnly && self.vault.with_value(Option::is_none) {
            self.vault.set_value(Some(Unlocked::in_memory()));
        }
    }

    /// Saves an unreadable entry's stored text as a file (the user was warned it is not
    /// encrypted).
    pub fn export_unreadable(&self, index: usize) {
        let raw = self.with_vault(|v| v.content.unreadable.get(index).map(|u| Zeroizing::new(u.raw_json().as_bytes().to_vec()))).flatten();
        if let Some(raw) = raw {
            let _ = files::download(&format!("authenticator-unreadable-entry-{}.json", index + 1), &raw);
        }
    }

    /// Deletes an unreadable entry (the user confirmed). Matched by its stored text, not its
    /// place, so an edit re-applied after another tab's save removes the same entry.
    pub fn delete_unreadable(self, index: usize) {
        let raw = self.with_vault(|v| v.content.unreadable.get(index).map(|u| Zeroizing::new(u.raw_json().to_owned()))).flatten();
        if let Some(raw) = raw {
            self.edit(move |c| {
                c.remove_unreadable_text(&raw);
            });
        }
    }
}
