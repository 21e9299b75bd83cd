//! The vault's record in IndexedDB as one tab writes it: sealed as the revision after the one the
//! tab read, saved under the write lock only if the record is still at that revision, and read
//! afresh and opened with the tab's key after another tab saved first. The session
//! (`ui::state::saving`) writes through [`save_sealed`]; [`TabRecord`] is the same write with a
//! plain read, the [`Record`] a test drives with two tabs' connections (tests/web.rs).

use super::perf::Span;
use super::random::WebRandom;
use super::store::{StoreError, VaultStore};
use super::tabs::with_write_lock;
use crate::vault::{Record, Unlocked, WriteError};

/// Seals `vault` as the revision after `based_on` (or after its own revision) and saves it unless
/// another tab stored since ([`StoreError::Conflict`]). On success gives the bytes stored and
/// `vault.revision` is the revision stored; on failure `vault.revision` is as it was.
pub async fn save_sealed(store: &VaultStore, vault: &mut Unlocked, based_on: Option<u64>) -> Result<Vec<u8>, StoreError> {
    let before = vault.revision;
    if let Some(r) = based_on {
        vault.revision = r;
    }
    let span = Span::start("vault-save");
    let seal_span = Span::start("vault-seal");
    let sealed = vault.seal(&mut WebRandom);
    seal_span.end();
    let bytes = match sealed {
        Ok(bytes) => bytes,
        Err(_) => {
            vault.revision = before;
            return Err(StoreError::Other("seal".into()));
        }
    };
    let written = with_write_lock({
        let (store, bytes) = (store.clone(), bytes.clone());
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
        Ok(()) => Ok(bytes),
        Err(e) => {
            vault.revision = before;
            Err(e)
        }
    }
}

/// Why a [`TabRecord`] could not read or write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TabRecordError {
    /// Storage refused or failed.
    Store(StoreError),
    /// No record, or one this tab's key does not open (the passphrase changed elsewhere).
    Unreadable,
}

/// One tab's view of the stored record: [`save_sealed`] based on the revision the view was read at,
/// and a fresh read opened with the view's key.
pub struct TabRecord {
    /// This tab's connection.
    pub store: VaultStore,
}

impl Record for TabRecord {
    type View = Unlocked;
    type Error = TabRecordError;

    async fn write(&mut self, view: &mut Unlocked) -> Result<(), WriteError<TabRecordError>> {
        let based_on = Some(view.revision);
        match save_sealed(&self.store, view, based_on).await {
            Ok(_) => Ok(()),
            Err(StoreError::Conflict { .. }) => Err(WriteError::Conflict),
            Err(e) => Err(WriteError::Failed(TabRecordError::Store(e))),
        }
    }

    async fn read(&mut self, view: &Unlocked) -> Result<Unlocked, TabRecordError> {
        let bytes = self.store.load().await.map_err(TabRecordError::Store)?.ok_or(TabRecordError::Unreadable)?;
        view.reopen(&bytes).map_err(|_| TabRecordError::Unreadable)
    }
}
