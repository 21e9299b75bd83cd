//! The open session: where the vault lives (IndexedDB or memory), its phase (create, locked,
//! open …), and every change to it (seal first, then one write; retried on another tab's write).
//!
//! The record in IndexedDB is the one source of truth between tabs: unlocking, exporting and
//! checking the passphrase read it afresh, never a copy this tab kept. Locked means locked: no
//! edit is taken while locked, and an edit taken before a lock never reopens the vault here.

use super::{Row, UnreadableRow};
use crate::account::Account;
use crate::clock::Clock;
use crate::i18n::{Lang, T};
use crate::presence::Presence;
use crate::vault::{write_change, BackupFile, BackupKind, BackupState, Content, Edit, Envelope, PasskeyInfo, Record, Unlocked, Unwritten, VaultError, WriteError};
use crate::web::autosave::{self, AutoError, AutoFile, Permission};
use crate::web::share::{self, ShareOutcome};
use crate::web::kdf::{self, KeyFailure};
use crate::web::passkey::{self, PasskeyError};
use crate::web::clock::{sleep, BrowserClock};
use crate::web::files;
use crate::web::perf::Span;
use crate::web::random::WebRandom;
use crate::web::store::{StoreError, VaultStore};
use crate::web::tabs::{with_write_lock, TabMessage, Tabs};
use leptos::prelude::*;
use zeroize::Zeroizing;
use leptos::task::spawn_local;

/// Where the app stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Opening storage.
    Starting,
    /// No vault yet: choose a passphrase (or restore a backup).
    Create,
    /// A vault is stored: ask for the passphrase.
    Locked,
    /// Deriving the key.
    Working,
    /// Codes on screen.
    Open,
    /// The stored record cannot be read at all; it is kept untouched.
    Damaged,
    /// The stored record comes from a newer version of the app.
    Newer(u16),
}

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
pub enum BackupDone {
    /// Handed to the share sheet or downloaded, and recorded in the vault.
    Saved {
        /// Share or download.
        kind: BackupKind,
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

/// Where the vault is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    /// Not known yet.
    Unknown,
    /// In IndexedDB.
    IndexedDb,
    /// IndexedDB could not be opened: memory only, nothing is saved.
    MemoryOnly,
}

/// The session, shared by context. Cheap to copy: every field is a handle.
#[derive(Clone, Copy)]
pub struct Session {
    /// Current phase.
    pub phase: RwSignal<Phase>,
    /// Where the vault is kept.
    pub storage: RwSignal<Storage>,
    /// Whether the browser agreed to keep storage (None: unknown or no API).
    pub persisted: RwSignal<Option<bool>>,
    /// A translated problem to show on the current screen.
    pub problem: RwSignal<Option<String>>,
    /// Rows derived from the open vault.
    pub rows: RwSignal<Vec<Row>>,
    /// Auto-lock minutes of the open vault.
    pub auto_lock_minutes: RwSignal<u32>,
    /// The low-codes warning threshold of the open vault.
    pub low_threshold: RwSignal<u32>,
    /// All settings of the open vault (order, privacy).
    pub settings: RwSignal<crate::vault::Settings>,
    /// The last lock closed a window of the open vault (what was typed in it was not saved).
    pub discarded: RwSignal<bool>,
    /// Entries of the open vault that could not be read (kept as they are; shown flagged).
    pub unreadable: RwSignal<Vec<UnreadableRow>>,
    /// The passkeys that open the vault (read from the stored record while locked).
    pub passkeys: RwSignal<Vec<PasskeyInfo>>,
    /// A passkey is being asked (the browser's own prompt is showing).
    pub asking_passkey: RwSignal<bool>,
    /// The open vault's backup bookkeeping and how many entries it holds.
    pub backup_state: RwSignal<(BackupState, usize)>,
    /// The automatic backup file's state.
    pub autosave: RwSignal<AutoSave>,
    /// How the last one-tap backup ended (this visit).
    pub backup_done: RwSignal<Option<BackupDone>>,
    /// A one-tap backup is under way.
    pub backing_up: RwSignal<bool>,
    auto_file: StoredValue<Option<AutoFile>, LocalStorage>,
    /// The last saved vault the automatic file has not been written from yet.
    auto_pending: StoredValue<Option<Unlocked>, LocalStorage>,
    auto_busy: StoredValue<bool>,
    /// The user's input here and in the other tabs, and whether this tab is hidden: for auto-lock.
    presence: StoredValue<Presence>,
    /// Counts locks: work started before a lock must not show the vault again after it.
    locks: StoredValue<u64>,
    lang: RwSignal<Lang>,
    store: StoredValue<Option<VaultStore>, LocalStorage>,
    vault: StoredValue<Option<Unlocked>, LocalStorage>,
    stored_bytes: StoredValue<Option<Vec<u8>>, LocalStorage>,
    /// The record this tab knew before another tab stored one under a new passphrase: the
    /// unlock screen uses it to tell an old passphrase from a wrong one.
    superseded: StoredValue<Option<Vec<u8>>, LocalStorage>,
    tabs: StoredValue<Option<Tabs>, LocalStorage>,
}

/// An edit that was taken but not saved; the session has already said why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unsaved;

/// What to tell the user when storage refused a write.
fn store_message(e: &StoreError) -> T {
    match e {
        StoreError::QuotaExceeded => T::QuotaExceeded,
        StoreError::Unavailable => T::StorageUnavailable,
        StoreError::Conflict { .. } => T::SaveConflict,
        StoreError::Other(_) => T::SaveFailed,
    }
}

/// The screen for a stored record: the unlock screen, or why it cannot be unlocked here.
fn locked_phase(bytes: &[u8]) -> Phase {
    match Envelope::parse(bytes) {
        Ok(_) => Phase::Locked,
        Err(VaultError::NewerEnvelope { found }) => Phase::Newer(found),
        Err(_) => Phase::Damaged,
    }
}

fn rows_from(content: &Content) -> Vec<Row> {
    content.accounts.iter().map(Row::from_stored).collect()
}

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
    /// A session in the Starting phase; call [`Session::start`].
    pub fn new(lang: RwSignal<Lang>) -> Session {
        Session {
            phase: RwSignal::new(Phase::Starting),
            storage: RwSignal::new(Storage::Unknown),
            persisted: RwSignal::new(None),
            problem: RwSignal::new(None),
            rows: RwSignal::new(Vec::new()),
            passkeys: RwSignal::new(Vec::new()),
            asking_passkey: RwSignal::new(false),
            backup_state: RwSignal::new((BackupState::default(), 0)),
            autosave: RwSignal::new(if autosave::supported() { AutoSave::Off } else { AutoSave::Unsupported }),
            backup_done: RwSignal::new(None),
            backing_up: RwSignal::new(false),
            auto_file: StoredValue::new_local(None),
            auto_pending: StoredValue::new_local(None),
            auto_busy: StoredValue::new(false),
            auto_lock_minutes: RwSignal::new(crate::vault::DEFAULT_AUTO_LOCK_MINUTES),
            low_threshold: RwSignal::new(crate::backup_codes::DEFAULT_LOW_THRESHOLD),
            settings: RwSignal::new(crate::vault::Settings::default()),
            discarded: RwSignal::new(false),
            unreadable: RwSignal::new(Vec::new()),
            presence: StoredValue::new(Presence::new(BrowserClock.now_ms())),
            locks: StoredValue::new(0),
            lang,
            store: StoredValue::new_local(None),
            vault: StoredValue::new_local(None),
            stored_bytes: StoredValue::new_local(None),
            superseded: StoredValue::new_local(None),
            tabs: StoredValue::new_local(None),
        }
    }

    fn show_settings(&self, content: &Content) {
        self.auto_lock_minutes.set(content.settings.auto_lock_minutes);
        self.low_threshold.set(content.settings.low_codes_threshold);
        if self.settings.get_untracked() != content.settings {
            self.settings.set(content.settings);
        }
    }

    fn say(&self, key: T) {
        self.problem.set(Some(crate::i18n::t(self.lang.get_untracked(), key).to_owned()));
    }

    /// Opens storage and decides the first screen.
    pub fn start(self) {
        let opening = VaultStore::begin_open();
        spawn_local(async move {
            let store = match opening.await {
                Ok(s) => s,
                Err(_) => {
                    self.storage.set(Storage::MemoryOnly);
                    self.vault.set_value(None);
                    self.phase.set(Phase::Open);
                    return;
                }
            };
            self.storage.set(Storage::IndexedDb);
            let loaded = store.load().await;
            self.store.set_value(Some(store));
            let tabs = Tabs::join(move |m| self.on_tab_message(m));
            self.tabs.set_value(Some(tabs));
            match loaded {
                Ok(None) => self.phase.set(Phase::Create),
                Ok(Some(bytes)) => self.show_locked(bytes),
                Err(_) => {
                    self.say(T::StorageReadFailed);
                    self.phase.set(Phase::Damaged);
                }
            }
            // Only the settings show it: the first screen does not wait for the answer.
            self.persisted.set(crate::web::storage::persisted().await);
            self.load_auto_file().await;
        });
    }

    fn show_locked(&self, bytes: Vec<u8>) {
        let phase = locked_phase(&bytes);
        self.passkeys.set(crate::vault::passkeys_of(&bytes).unwrap_or_default());
        self.stored_bytes.set_value(Some(bytes));
        self.phase.set(phase);
    }

    fn on_tab_message(self, message: TabMessage) {
        match message {
            TabMessage::Lock => self.lock_here(),
            TabMessage::Changed(revision) => {
                let behind = self.vault.with_value(|v| v.as_ref().map(|v| v.revision < revision));
                if behind == Some(true) {
                    spawn_local(async move {
                        let _ = self.reload_from_storage().await;
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
    async fn fresh_record(&self) -> Result<Option<Vec<u8>>, StoreError> {
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

    /// Puts an open vault on screen.
    fn show(&self, vault: Unlocked) {
        let span = Span::start("vault-show");
        self.rows.set(rows_from(&vault.content));
        let flagged: Vec<_> = vault
            .content
            .unreadable
            .iter()
            .enumerate()
            .map(|(index, u)| UnreadableRow { index, bytes: u.raw_json().len() })
            .collect();
        if self.unreadable.with_untracked(|now| *now != flagged) {
            self.unreadable.set(flagged);
        }
        self.show_settings(&vault.content);
        let backup = (vault.content.backup.clone(), vault.content.accounts.len() + vault.content.unreadable.len());
        if self.backup_state.with_untracked(|now| *now != backup) {
            self.backup_state.set(backup);
        }
        let passkeys = vault.passkeys();
        if self.passkeys.with_untracked(|now| *now != passkeys) {
            self.passkeys.set(passkeys);
        }
        self.vault.set_value(Some(vault));
        span.end();
    }

    /// Whether the vault is open here (in IndexedDB or in memory).
    pub fn is_open(&self) -> bool {
        self.phase.get_untracked() == Phase::Open
    }

    /// Creates the vault with a passphrase (the caller has checked strength and confirmation).
    pub fn create(self, pass: String) {
        self.problem.set(None);
        self.phase.set(Phase::Working);
        spawn_local(async move {
            // The key is derived in the worker: the page stays responsive, and Cancel ends it.
            let pass = Zeroizing::new(pass);
            let created = kdf::create_vault(Content::default(), &pass).await;
            let mut vault = match created {
                Ok(v) => v,
                Err(KeyFailure::Cancelled) => {
                    self.phase.set(Phase::Create);
                    return;
                }
                Err(_) => {
                    self.say(T::CreateFailed);
                    self.phase.set(Phase::Create);
                    return;
                }
            };
            match self.write(&mut vault, None).await {
                // Persistence is asked once the vault holds its first account (ui/storage_note.rs).
                Ok(()) => self.open_with(vault),
                Err(e) => {
                    self.say(store_message(&e));
                    self.phase.set(Phase::Create);
                }
            }
        });
    }

    /// Unlocks the vault stored now: another tab may have changed its content or passphrase
    /// since this one loaded it.
    pub fn unlock(self, pass: String) {
        self.problem.set(None);
        self.phase.set(Phase::Working);
        spawn_local(async move {
            let pass = Zeroizing::new(pass);
            let bytes = match self.fresh_record().await {
                Ok(Some(bytes)) => bytes,
                // Another tab started over: there is nothing to unlock.
                Ok(None) => {
                    self.phase.set(Phase::Create);
                    return;
                }
                Err(_) => {
                    self.say(T::StorageReadFailed);
                    self.phase.set(Phase::Locked);
                    return;
                }
            };
            let phase = locked_phase(&bytes);
            if phase != Phase::Locked {
                self.phase.set(phase);
                return;
            }
            let span = Span::start("vault-unlock");
            // Argon2id runs in the worker (the page is never blocked); the slots' parameters were
            // checked against the caps before any work.
            let opened = kdf::open_vault(&bytes, &pass).await;
            span.end();
            let lang = self.lang.get_untracked();
            match opened {
                Ok(vault) => self.open_with(vault),
                // Cancelled: back to the passphrase, no error wall.
                Err(KeyFailure::Cancelled) => self.phase.set(Phase::Locked),
                Err(KeyFailure::Failed) => {
                    self.problem.set(Some(crate::i18n::kdf_failed(lang).to_owned()));
                    self.phase.set(Phase::Locked);
                }
                Err(KeyFailure::Vault(e)) => {
                    // Not the passphrase stored now, but perhaps the one it replaced (changed in
                    // another tab): that is said, not "wrong or damaged".
                    let earlier = self.superseded.get_value().filter(|_| e == VaultError::WrongPassphraseOrDamaged);
                    let old = match earlier {
                        Some(earlier) => kdf::opens_slot(&earlier, &pass).await,
                        None => false,
                    };
                    let message = if old { crate::i18n::pass_changed_elsewhere(lang).to_owned() } else { crate::i18n::vault_error(lang, &e) };
                    self.problem.set(Some(message));
                    self.phase.set(Phase::Locked);
                }
            }
        });
    }

    /// Unlocks with a passkey of the stored record (the browser asks for the fingerprint, face
    /// or PIN). Cancelling or failing leaves the unlock screen as it was, with a note: the
    /// passphrase is right there.
    pub fn unlock_with_passkey(self) {
        if self.asking_passkey.get_untracked() {
            return;
        }
        self.problem.set(None);
        self.asking_passkey.set(true);
        spawn_local(async move {
            let lang = self.lang.get_untracked();
            let note = |key: T| self.problem.set(Some(crate::i18n::t(lang, key).to_owned()));
            let bytes = match self.fresh_record().await {
                Ok(Some(bytes)) if locked_phase(&bytes) == Phase::Locked => bytes,
                Ok(Some(bytes)) => {
                    self.asking_passkey.set(false);
                    self.phase.set(locked_phase(&bytes));
                    return;
                }
                Ok(None) => {
                    self.asking_passkey.set(false);
                    self.phase.set(Phase::Create);
                    return;
                }
                Err(_) => {
                    self.asking_passkey.set(false);
                    note(T::StorageReadFailed);
                    return;
                }
            };
            let known = crate::vault::passkeys_of(&bytes).unwrap_or_default();
            self.passkeys.set(known.clone());
            if known.is_empty() {
                self.asking_passkey.set(false);
                note(T::PasskeyGone);
                return;
            }
            let allowed: Vec<(Vec<u8>, Vec<u8>)> = known.iter().map(|p| (p.credential_id.clone(), p.salt.to_vec())).collect();
            let span = Span::start("vault-unlock-passkey");
            let answer = passkey::unlock(&allowed).await;
            let opened = answer.as_ref().map_err(|e| *e).map(|a| Unlocked::open_with_prf(&bytes, &a.credential_id, &a.secret));
            span.end();
            self.asking_passkey.set(false);
            match opened {
                Ok(Ok(vault)) => self.open_with(vault),
                Ok(Err(e)) => self.problem.set(Some(crate::i18n::vault_error(lang, &e))),
                Err(PasskeyError::Cancelled) => note(T::PasskeyCancelled),
                Err(PasskeyError::Unavailable) => note(T::PasskeyUnavailable),
                Err(_) => note(T::PasskeyFailed),
            }
        });
    }

    /// Adds a passkey to the open vault: the browser makes a platform passkey with PRF, and its
    /// secret wraps the master key in a new slot. `done` gets the message to show.
    pub fn enroll_passkey(self, name: String, done: impl Fn(T) + 'static) {
        if !self.is_open() || self.storage.get_untracked() != Storage::IndexedDb {
            return;
        }
        spawn_local(async move {
            if !passkey::available().await {
                done(T::PasskeyUnavailable);
                return;
            }
            let salt = crate::vault::new_prf_salt(&mut WebRandom);
            let mut user_id = [0u8; 16];
            crate::vault::Random::fill(&mut WebRandom, &mut user_id);
            self.asking_passkey.set(true);
            let answer = passkey::enroll(&user_id, &name, &salt).await;
            self.asking_passkey.set(false);
            let answer = match answer {
                Ok(a) => a,
                Err(PasskeyError::NoPrf) => return done(T::PasskeyNoPrf),
                Err(PasskeyError::Cancelled) => return done(T::PasskeyCancelled),
                Err(PasskeyError::Unavailable) => return done(T::PasskeyUnavailable),
                Err(_) => return done(T::PasskeyFailed),
            };
            let now = BrowserClock.now_ms();
            let Some(saving) = self.begin_change(move |v| v.add_passkey(&answer.credential_id, &name, now, salt, &answer.secret, &mut WebRandom)) else {
                return done(T::PasskeyFailed);
            };
            match saving.await {
                Ok(Ok(())) => done(T::PasskeyAdded),
                Ok(Err(VaultError::TooManySlots)) => done(T::PasskeyTooMany),
                Ok(Err(_)) | Err(Unsaved) => done(T::PasskeyFailed),
            }
        });
    }

    /// Removes a passkey from the open vault (the passphrase stays). `done` gets whether it was
    /// saved.
    pub fn remove_passkey(self, credential_id: Vec<u8>, done: impl Fn(bool) + 'static) {
        let Some(saving) = self.begin_change(move |v| v.remove_passkey(&credential_id)) else { return done(false) };
        spawn_local(async move { done(saving.await.is_ok()) });
    }

    /// The backup file made `at_ms`, and its content: the record stored now (whatever any tab
    /// saved last, under the passphrase set last), without its passkey slots, which belong to
    /// this device, recording in itself how and when it was made ([`Content::backup_made_ms`]).
    /// Needs the vault open here (its key reads the stored record).
    async fn backup_copy(self, kind: BackupKind, place: &str, at_ms: u64) -> Result<Option<BackupFile>, StoreError> {
        let Some(bytes) = self.fresh_record().await? else { return Ok(None) };
        let copy = self.vault.with_value(|v| v.as_ref().map(|v| v.reopen(&bytes)));
        match copy {
            Some(Ok(stored)) => stored.backup_file(kind, place, at_ms, &mut WebRandom).map(Some).map_err(|_| StoreError::Other("seal".into())),
            _ => Err(StoreError::Other("reopen".into())),
        }
    }

    /// Records a backup made now in the open vault (its changes so far are in it): what the
    /// emergency kit calls after printing (`BackupKind::Paper`), and the one-tap backup after a
    /// share or download. `place` is a short non-secret label (a file name; may be empty).
    /// Returns whether it was taken (never while locked).
    pub fn record_backup(self, kind: BackupKind, place: String) -> bool {
        self.record_backup_of(kind, place, u32::MAX)
    }

    /// Records a backup made now from a copy that held `changes_in_copy` of the changes counted
    /// (see [`Content::record_backup_of`]).
    fn record_backup_of(self, kind: BackupKind, place: String, changes_in_copy: u32) -> bool {
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
        if self.backing_up.get_untracked() || !self.is_open() || self.storage.get_untracked() != Storage::IndexedDb {
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
            let backup = self.vault.with_value(|v| v.as_ref()?.backup_file(BackupKind::Share, &name, now, &mut WebRandom).ok())?;
            let file = share::shareable_file(&name, &backup.bytes)?;
            Some((share::start_share(&file)?, backup))
        });
        self.backing_up.set(true);
        spawn_local(async move {
            let done = match shared {
                Some((sharing, backup)) => match share::finish_share(sharing).await {
                    ShareOutcome::Shared => self.saved(BackupKind::Share, &name, now, &backup),
                    ShareOutcome::Cancelled => BackupDone::Cancelled,
                    ShareOutcome::Failed(_) => self.download_backup(&name, now).await,
                },
                None => self.download_backup(&name, now).await,
            };
            self.backing_up.set(false);
            self.backup_done.set(Some(done));
        });
    }

    async fn download_backup(self, name: &str, now: u64) -> BackupDone {
        match self.backup_copy(BackupKind::Download, name, now).await {
            Ok(Some(backup)) if files::download(name, &backup.bytes).is_ok() => self.saved(BackupKind::Download, name, now, &backup),
            _ => BackupDone::Failed,
        }
    }

    /// Records a backup that was handed over, and says what it held.
    fn saved(self, kind: BackupKind, name: &str, now: u64, backup: &BackupFile) -> BackupDone {
        let content = &backup.content;
        if !self.record_backup_of(kind, name.to_owned(), backup.changes) {
            return BackupDone::Failed;
        }
        let codes = content.accounts.iter().filter_map(|a| a.backup.as_ref()).map(|b| b.remaining()).sum();
        BackupDone::Saved { kind, name: name.to_owned(), at_ms: now, accounts: content.accounts.len(), codes }
    }

    async fn load_auto_file(self) {
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
    fn autosave_from(self, vault: Unlocked) {
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
                let backup = match self.backup_copy(BackupKind::AutoFile, &file.name, now).await {
                    Ok(Some(backup)) => backup,
                    _ => {
                        let Ok(backup) = vault.backup_file(BackupKind::AutoFile, &file.name, now, &mut WebRandom) else { continue };
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
                        if let Some(saving) = self.begin_change(move |v| v.content.record_backup_of(BackupKind::AutoFile, &name, now, changes)) {
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

    /// Adopts a backup as this browser's vault (restore on a fresh browser): `vault` is the file
    /// made ready by `kdf::restore_vault` (within the limits, this app's key derivation, one
    /// passphrase slot); it is sealed and stored like any other write, never the file's bytes.
    pub fn adopt(self, mut vault: Unlocked, done: impl FnOnce(bool) + 'static) {
        // When the file was made belongs to the file, not to this browser's vault.
        vault.content.backup.made_ms = None;
        spawn_local(async move {
            if let Err(e) = self.write(&mut vault, None).await {
                self.say(store_message(&e));
                done(false);
                return;
            }
            // Without storage, the sealed bytes stand for the record (as a write would leave them).
            if self.store.with_value(Option::is_none) {
                if let Ok(bytes) = vault.seal(&mut WebRandom) {
                    self.stored_bytes.set_value(Some(bytes));
                }
            }
            done(true);
            self.open_with(vault);
        });
    }

    fn open_with(&self, vault: Unlocked) {
        self.show(vault);
        let now = BrowserClock.now_ms();
        self.presence.update_value(|p| p.own_input_ms = now);
        self.problem.set(None);
        self.discarded.set(false);
        self.phase.set(Phase::Open);
    }

    /// Seals and stores the vault as the next revision after `based_on`.
    async fn write(&self, vault: &mut Unlocked, based_on: Option<u64>) -> Result<(), StoreError> {
        let Some(store) = self.store.get_value() else { return Ok(()) };
        let before = vault.revision;
        if let Some(r) = based_on {
            vault.revision = r;
        }
        let span = Span::start("vault-save");
        let seal_span = Span::start("vault-seal");
        let bytes = vault.seal(&mut WebRandom).map_err(|_| StoreError::Other("seal".into()))?;
        seal_span.end();
        let written = with_write_lock({
            let bytes = bytes.clone();
            async move {
                let write_span = Span::start("vault-write");
                let r = store.save(&bytes, based_on).await;
                write_span.end();
                r
            }
        })
        .await;
        span.end();
        match written {
            Ok(()) => {
                self.stored_bytes.set_value(Some(bytes));
                self.tabs.with_value(|t| {
                    if let Some(t) = t {
                        t.send(TabMessage::Changed(vault.revision));
                    }
                });
                Ok(())
            }
            Err(e) => {
                vault.revision = before;
                Err(e)
            }
        }
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
    fn begin_change<R: 'static>(self, change: impl Fn(&mut Unlocked) -> R + 'static) -> Option<impl std::future::Future<Output = Result<R, Unsaved>>> {
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
            if self.storage.get_untracked() != Storage::IndexedDb {
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
                    self.say(store_message(&e));
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
        if self.storage.get_untracked() == Storage::MemoryOnly && self.vault.with_value(Option::is_none) {
            self.vault.set_value(Some(Unlocked::in_memory()));
        }
    }

    /// Locks this tab and tells the others.
    pub fn lock(self) {
        self.lock_here();
        self.tabs.with_value(|t| {
            if let Some(t) = t {
                t.send(TabMessage::Lock);
            }
        });
    }

    fn lock_here(&self) {
        if self.phase.get_untracked() != Phase::Open || self.storage.get_untracked() != Storage::IndexedDb {
            return;
        }
        self.locks.update_value(|n| *n += 1);
        // Dropping the Unlocked zeroizes the master key and the secrets it held (a vault waiting
        // for the automatic file's write too).
        self.vault.set_value(None);
        self.auto_pending.set_value(None);
        self.rows.set(Vec::new());
        self.phase.set(Phase::Locked);
    }

    /// Whether the open vault is due to lock at `now_ms`: nobody used it in any tab for the
    /// chosen time. (A vault in memory never locks: there would be nothing to unlock.)
    fn due_to_lock(&self, now_ms: u64) -> bool {
        self.is_open()
            && self.storage.get_untracked() == Storage::IndexedDb
            && self.presence.with_value(|p| p.should_lock(now_ms, self.auto_lock_minutes.get_untracked()))
    }

    /// Called on the 1 Hz tick and whenever the page is shown, hidden, frozen or resumed (timers
    /// may not have run for a long time): locks when nobody used the vault for too long. Then
    /// notes whether this tab is `hidden`.
    ///
    /// Only this tab locks: every tab applies the same rule to the same shared input times, and
    /// a tab coming back from a freeze may not have heard the latest input yet, so it must not
    /// lock a tab in use.
    pub fn check_auto_lock(&self, now_ms: u64, hidden: bool) {
        if self.due_to_lock(now_ms) {
            self.lock_here();
        }
        self.presence.update_value(|p| p.set_hidden(hidden, now_ms));
    }

    /// The user pressed a key or pointed at `now_ms`. Returns false when the vault was due to
    /// lock before that (its timers were frozen): it locks now, and the input must be dropped.
    pub fn input(&self, now_ms: u64) -> bool {
        if self.due_to_lock(now_ms) {
            self.lock_here();
            return false;
        }
        if self.presence.try_update_value(|p| p.input(now_ms)) == Some(true) {
            self.tabs.with_value(|t| {
                if let Some(t) = t {
                    t.send(TabMessage::Input(now_ms));
                }
            });
        }
        true
    }

    /// The stored record's bytes as this tab last read or wrote them (to download a damaged one).
    pub fn stored_bytes(&self) -> Option<Vec<u8>> {
        self.stored_bytes.get_value()
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

    /// Runs `f` on the open vault, if any.
    pub fn with_vault<R>(&self, f: impl FnOnce(&Unlocked) -> R) -> Option<R> {
        self.vault.with_value(|v| v.as_ref().map(f))
    }

    /// Changes the passphrase after checking the current one against the record stored now (the
    /// passphrase may have been changed in another tab), then saves, and locks the other tabs:
    /// they hold the old passphrase's slot and must ask for the new one. `done` gets the message
    /// to show.
    pub fn change_passphrase(self, current: String, new_pass: String, done: impl Fn(T) + 'static) {
        let locks = self.locks.get_value();
        spawn_local(async move {
            let (current, new_pass) = (Zeroizing::new(current), Zeroizing::new(new_pass));
            let bytes = match self.fresh_record().await {
                Ok(Some(bytes)) => bytes,
                _ => {
                    done(T::StorageReadFailed);
                    return;
                }
            };
            // The stored record, opened with the current passphrase: the newest content, slots and
            // revision, so the save below does not conflict with a change this tab has not seen.
            // Both derivations run in the worker; the new passphrase gets a new master key.
            let mut vault = match kdf::open_vault(&bytes, &current).await {
                Ok(v) => v,
                Err(KeyFailure::Cancelled) => {
                    done(T::KdfCancelled);
                    return;
                }
                Err(_) => {
                    done(T::CurrentPassWrong);
                    return;
                }
            };
            // Each passkey is asked once more, so its slot can wrap the new master key; one that
            // does not answer is dropped (the passphrase stays the way back).
            let mut answers = Vec::new();
            let known = vault.passkeys();
            for p in &known {
                self.asking_passkey.set(true);
                if let Ok(answer) = passkey::unlock(&[(p.credential_id.clone(), p.salt.to_vec())]).await {
                    answers.push(answer);
                }
                self.asking_passkey.set(false);
            }
            let secrets: Vec<(&[u8], &[u8])> = answers.iter().map(|a| (a.credential_id.as_slice(), a.secret.as_slice())).collect();
            match kdf::change_passphrase(&mut vault, &new_pass, &secrets).await {
                Ok(()) => {}
                Err(KeyFailure::Cancelled) => {
                    done(T::KdfCancelled);
                    return;
                }
                Err(_) => {
                    done(T::SaveFailed);
                    return;
                }
            }
            let based_on = Some(vault.revision);
            match self.write(&mut vault, based_on).await {
                Ok(()) => {
                    self.tabs.with_value(|t| {
                        if let Some(t) = t {
                            t.send(TabMessage::Lock);
                        }
                    });
                    let kept = vault.passkeys().len();
                    // The automatic file follows the new passphrase at once.
                    self.autosave_from(vault.clone());
                    if self.locks.get_value() == locks && self.is_open() {
                        self.show(vault);
                    }
                    done(if kept < known.len() { T::PassChangedPasskeysDropped } else { T::PassChanged });
                }
                Err(e) => done(store_message(&e)),
            }
        });
    }
}
