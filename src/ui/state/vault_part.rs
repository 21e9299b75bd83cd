//! The open vault's machinery in a module of its own (issue 25): key derivation's page side,
//! decrypting and reading the vault, its rows, sealing and storing. The first screen's module
//! only starts it: each way in (create, unlock, unlock with a passkey, another tab's change to an
//! open vault) calls one function here, which the build puts in its own wasm module, fetched
//! while the passphrase is typed (`settle_start`, with the open screen's) and kept by the
//! service worker for offline use.

use super::session::{Phase, Session};
use crate::i18n::T;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The ways in, as the first screen calls them: each says it is working at once, then runs in
/// the module (fetched first if it is not here yet; if it cannot be, that is said).
impl Session {
    /// Creates the vault with a passphrase (the caller has checked strength and confirmation).
    pub fn create(self, pass: String) {
        self.work_in_module(Phase::Create, pass, create);
    }

    /// Unlocks the vault stored now: another tab may have changed its content or passphrase
    /// since this one loaded it.
    pub fn unlock(self, pass: String) {
        self.work_in_module(Phase::Locked, pass, unlock);
    }

    /// Working at once; then `run` in the module once it is here, unless Cancel was pressed
    /// meanwhile; if it cannot be fetched, that is said and the screen goes `back`.
    fn work_in_module<F: std::future::Future<Output = Result<(), Missing>> + 'static>(self, back: Phase, pass: String, run: fn(Session, String) -> F) {
        self.problem.set(None);
        self.phase.set(Phase::Working);
        spawn_local(async move {
            if self.fetched_unless_cancelled(back.clone()).await && run(self, pass).await.is_err() {
                self.say(T::PartLoadFailed);
                self.phase.set(back);
            }
        });
    }

    /// Fetches the module (at once if it is here). Cancel pressed meanwhile, or the screen gone
    /// from Working (another tab, a lock): nothing is started and the screen goes `back` (false).
    /// If it cannot be fetched, that is said (false).
    async fn fetched_unless_cancelled(self, back: Phase) -> bool {
        let cancels = crate::web::kdf::cancels();
        let fetched = preload_vault().await.is_ok();
        if crate::web::kdf::cancels() != cancels || self.phase.get_untracked() != Phase::Working {
            if self.phase.get_untracked() == Phase::Working {
                self.phase.set(back);
            }
            return false;
        }
        if !fetched {
            self.say(T::PartLoadFailed);
            self.phase.set(back);
        }
        fetched
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
            if unlock_with_passkey(self).await.is_err() {
                self.asking_passkey.set(false);
                self.say(T::PartLoadFailed);
            }
        });
    }
}

/// A state part's module (this one, the clock sync's) could not be fetched (offline on a first
/// visit): the caller says so.
#[derive(Debug, Clone, Copy)]
pub struct Missing;

impl From<leptos::wasm_split::SplitLoaderError> for Missing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Missing
    }
}

/// Creates the vault ([`Session::create_here`]).
#[leptos::wasm_split::wasm_split(vault_part, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[doc = "Fetches the open vault's machinery without running it."] preload_vault))]
pub fn create(session: Session, pass: String) -> Result<(), Missing> {
    session.settle_start_here();
    session.create_here(pass);
    Ok(())
}

/// Unlocks the stored vault with a passphrase ([`Session::unlock_here`]).
#[leptos::wasm_split::wasm_split(vault_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn unlock(session: Session, pass: String) -> Result<(), Missing> {
    session.settle_start_here();
    session.unlock_here(pass);
    Ok(())
}

/// Unlocks with a passkey ([`Session::unlock_with_passkey_here`]).
#[leptos::wasm_split::wasm_split(vault_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn unlock_with_passkey(session: Session) -> Result<(), Missing> {
    session.settle_start_here();
    session.unlock_with_passkey_here();
    Ok(())
}

/// Shows what another tab stored in the open vault ([`Session::reload_here`]).
#[leptos::wasm_split::wasm_split(vault_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn reload(session: Session) -> Result<(), Missing> {
    session.reload_here();
    Ok(())
}

/// What only the open vault's settings show: whether the browser keeps this site's storage, and
/// the automatic backup file chosen on an earlier visit ([`Session::settle_start_here`]). Asked
/// in this module once storage is open on the create or unlock screen (the module is fetched
/// then anyway, while the passphrase is typed), or, if it could not be fetched then, at the
/// first way in.
#[leptos::wasm_split::wasm_split(vault_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn settle_start(session: Session) -> Result<(), Missing> {
    session.settle_start_here();
    Ok(())
}

impl Session {
    /// [`settle_start`]'s work, once.
    fn settle_start_here(self) {
        if self.settled.get_value() {
            return;
        }
        self.settled.set_value(true);
        spawn_local(async move {
            self.persisted.set(crate::web::persistence::persisted().await);
            self.load_auto_file().await;
        });
    }
}
