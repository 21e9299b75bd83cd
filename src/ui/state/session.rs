//! The open session: where the vault lives (IndexedDB or memory), its phase (create, locked,
//! open …), creating, unlocking and adopting a vault, and locking it (by hand or after a while).
//! Its other jobs are in the files beside this one, each an `impl Session` block: saving.rs (every
//! change: seal first, then one write; retried on another tab's write), backups.rs, keys.rs.
//!
//! The record in IndexedDB is the one source of truth between tabs: unlocking, exporting and
//! checking the passphrase read it afresh, never a copy this tab kept. Locked means locked: no
//! edit is taken while locked, and an edit taken before a lock never reopens the vault here.

use super::{AutoSave, BackupFileDone, Row, UnreadableRow};
use crate::clock::Clock;
use crate::i18n::{Lang, T};
use crate::presence::Presence;
use crate::vault::{BackupFileState, Content, Envelope, PasskeyInfo, Unlocked, VaultError};
use crate::web::autosave::{self, AutoFile};
use crate::web::kdf::{self, KeyFailure};
use crate::web::clock::BrowserClock;
use crate::web::perf::Span;
use crate::web::random::WebRandom;
use crate::web::store::VaultStore;
use crate::web::tabs::{TabMessage, Tabs};
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

/// Where the vault is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeptIn {
    /// Not known yet.
    Unknown,
    /// In IndexedDB.
    IndexedDb,
    /// IndexedDB could not be opened: memory only, nothing is saved.
    MemoryOnly,
}

/// A problem shown on the current screen (unlock, create, the list), kept as what happened; the
/// view words it ([`Problem::text`]) in the language shown at the time, so switching the language
/// rewords it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// One of the fixed messages (storage failed, save conflict, passkey cancelled...).
    Said(T),
    /// The vault refused the passphrase or the record (wrong or damaged, newer format...).
    Vault(VaultError),
    /// The key derivation worker failed (most often out of memory).
    KdfFailed,
    /// The passphrase typed was this vault's until another tab changed it.
    ChangedElsewhere,
}

impl Problem {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Problem::Said(key) => crate::i18n::t(lang, *key).to_owned(),
            Problem::Vault(e) => crate::i18n::vault_error(lang, e),
            Problem::KdfFailed => crate::i18n::kdf_failed(lang).to_owned(),
            Problem::ChangedElsewhere => crate::i18n::pass_changed_elsewhere(lang).to_owned(),
        }
    }
}

/// The session, shared by context. Cheap to copy: every field is a handle.
#[derive(Clone, Copy)]
pub struct Session {
    /// Current phase.
    pub phase: RwSignal<Phase>,
    /// Where the vault is kept.
    pub kept_in: RwSignal<KeptIn>,
    /// Whether the browser agreed to keep storage (None: unknown or no API).
    pub persisted: RwSignal<Option<bool>>,
    /// Whether `persisted` and the automatic backup file were asked for (in the vault's module,
    /// at start or at the first way in: `vault_part::settle_start`).
    pub(super) settled: StoredValue<bool>,
    /// A problem to show on the current screen, as data: the view words it in the language shown.
    pub problem: RwSignal<Option<Problem>>,
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
    pub backup_file_state: RwSignal<(BackupFileState, usize)>,
    /// The automatic backup file's state.
    pub autosave: RwSignal<AutoSave>,
    /// How the last one-tap backup ended (this visit).
    pub backup_done: RwSignal<Option<BackupFileDone>>,
    /// A one-tap backup is under way.
    pub backing_up: RwSignal<bool>,
    pub(super) auto_file: StoredValue<Option<AutoFile>, LocalStorage>,
    /// The last saved vault the automatic file has not been written from yet.
    pub(super) auto_pending: StoredValue<Option<Unlocked>, LocalStorage>,
    pub(super) auto_busy: StoredValue<bool>,
    /// The user's input here and in the other tabs, and whether this tab is hidden: for auto-lock.
    pub(super) presence: StoredValue<Presence>,
    /// Counts locks: work started before a lock must not show the vault again after it.
    pub(super) locks: StoredValue<u64>,
    pub(super) store: StoredValue<Option<VaultStore>, LocalStorage>,
    pub(super) vault: StoredValue<Option<Unlocked>, LocalStorage>,
    pub(super) stored_bytes: StoredValue<Option<Vec<u8>>, LocalStorage>,
    /// The record this tab knew before another tab stored one under a new passphrase: the
    /// unlock screen uses it to tell an old passphrase from a wrong one.
    pub(super) superseded: StoredValue<Option<Vec<u8>>, LocalStorage>,
    pub(super) tabs: StoredValue<Option<Tabs>, LocalStorage>,
}

fn rows_from(content: &Content) -> Vec<Row> {
    content.accounts.iter().map(Row::from_stored).collect()
}

impl Session {
    /// The screen for a stored record: the unlock screen, or why it cannot be unlocked here.
    pub(super) fn locked_phase(bytes: &[u8]) -> Phase {
        match Envelope::parse(bytes) {
            Ok(_) => Phase::Locked,
            Err(VaultError::NewerEnvelope { found }) => Phase::Newer(found),
            Err(_) => Phase::Damaged,
        }
    }

    /// A session in the Starting phase; call [`Session::start`].
    pub fn new() -> Session {
        Session {
            phase: RwSignal::new(Phase::Starting),
            kept_in: RwSignal::new(KeptIn::Unknown),
            persisted: RwSignal::new(None),
            settled: StoredValue::new(false),
            problem: RwSignal::new(None),
            rows: RwSignal::new(Vec::new()),
            passkeys: RwSignal::new(Vec::new()),
            asking_passkey: RwSignal::new(false),
            backup_file_state: RwSignal::new((BackupFileState::default(), 0)),
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

    pub(super) fn say(&self, key: T) {
        self.problem.set(Some(Problem::Said(key)));
    }

    /// Opens storage and decides the first screen.
    pub fn start(self) {
        let opening = VaultStore::begin_open();
        spawn_local(async move {
            let store = match opening.await {
                Ok(s) => s,
                Err(_) => {
                    self.kept_in.set(KeptIn::MemoryOnly);
                    self.vault.set_value(None);
                    self.phase.set(Phase::Open);
                    return;
                }
            };
            self.kept_in.set(KeptIn::IndexedDb);
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
        });
    }

    fn show_locked(&self, bytes: Vec<u8>) {
        let phase = Session::locked_phase(&bytes);
        self.passkeys.set(crate::vault::passkeys_of(&bytes).unwrap_or_default());
        self.stored_bytes.set_value(Some(bytes));
        self.phase.set(phase);
    }

    /// Puts an open vault on screen.
    pub(super) fn show(&self, vault: Unlocked) {
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
        let backup = (vault.content.backup_file.clone(), vault.content.accounts.len() + vault.content.unreadable.len());
        if self.backup_file_state.with_untracked(|now| *now != backup) {
            self.backup_file_state.set(backup);
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

    /// [`Session::create`], in the open vault's module.
    pub(super) fn create_here(self, pass: String) {
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
                // Persistence is asked once the vault holds its first account (ui/persistence_note.rs).
                Ok(()) => self.open_with(vault),
                Err(e) => {
                    self.say(Session::store_message(&e));
                    self.phase.set(Phase::Create);
                }
            }
        });
    }

    /// [`Session::unlock`], in the open vault's module.
    pub(super) fn unlock_here(self, pass: String) {
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
            let phase = Session::locked_phase(&bytes);
            if phase != Phase::Locked {
                self.phase.set(phase);
                return;
            }
            let span = Span::start("vault-unlock");
            // Argon2id runs in the worker (the page is never blocked); the slots' parameters were
            // checked against the caps before any work.
            let opened = kdf::open_vault(&bytes, &pass).await;
            span.end();
            // Opened meanwhile by a passkey (asked while this ran): that stands.
            if self.phase.get_untracked() != Phase::Working {
                return;
            }
            match opened {
                Ok(vault) => self.open_with(vault),
                // Cancelled: back to the passphrase, no error wall.
                Err(KeyFailure::Cancelled) => self.phase.set(Phase::Locked),
                Err(KeyFailure::Failed) => {
                    self.problem.set(Some(Problem::KdfFailed));
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
                    self.problem.set(Some(if old { Problem::ChangedElsewhere } else { Problem::Vault(e) }));
                    self.phase.set(Phase::Locked);
                }
            }
        });
    }

    /// Adopts a backup as this browser's vault (restore on a fresh browser): `vault` is the file
    /// made ready by `kdf::restore_vault` (within the limits, this app's key derivation, one
    /// passphrase slot); it is sealed and stored like any other write, never the file's bytes.
    pub fn adopt(self, mut vault: Unlocked, done: impl FnOnce(bool) + 'static) {
        // When the file was made belongs to the file, not to this browser's vault.
        vault.content.backup_file.made_ms = None;
        spawn_local(async move {
            if let Err(e) = self.write(&mut vault, None).await {
                self.say(Session::store_message(&e));
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

    pub(super) fn open_with(&self, vault: Unlocked) {
        self.show(vault);
        let now = BrowserClock.now_ms();
        self.presence.update_value(|p| p.own_input_ms = now);
        self.problem.set(None);
        self.discarded.set(false);
        self.phase.set(Phase::Open);
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

    pub(super) fn lock_here(&self) {
        if self.phase.get_untracked() != Phase::Open || self.kept_in.get_untracked() != KeptIn::IndexedDb {
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
            && self.kept_in.get_untracked() == KeptIn::IndexedDb
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

    /// Runs `f` on the open vault, if any.
    pub fn with_vault<R>(&self, f: impl FnOnce(&Unlocked) -> R) -> Option<R> {
        self.vault.with_value(|v| v.as_ref().map(f))
    }
}
