//! The vault record in IndexedDB. Bytes in, bytes out: callers serialise and encrypt first, then
//! call [`VaultStore::save`], which runs one read-check-write transaction with strict durability
//! and awaits nothing but IndexedDB inside it.

use crate::vault;
use idb::event::DatabaseEvent;
use idb::{Database, Factory, ObjectStoreParams, Query, Transaction, TransactionMode, TransactionResult};
use js_sys::{Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbTransaction};

const DB_NAME: &str = "authenticator";
const STORE: &str = "vault";
const KEY: &str = "main";

/// IDBDatabase.transaction(names, mode, { durability: "strict" }). web-sys gates the options
/// overload behind its unstable APIs, so it is called through Reflect.
fn strict_readwrite(db: &IdbDatabase) -> Result<IdbTransaction, JsValue> {
    let options = Object::new();
    Reflect::set(&options, &"durability".into(), &"strict".into())?;
    let transaction: Function = Reflect::get(db, &"transaction".into())?.dyn_into()?;
    transaction.call3(db, &STORE.into(), &"readwrite".into(), &options)?.dyn_into()
}

/// Why storage failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreError {
    /// IndexedDB cannot be opened (some private modes, disabled storage).
    Unavailable,
    /// The browser refused the write for lack of space.
    QuotaExceeded,
    /// Another tab saved first: the stored revision is not the one this write was based on.
    Conflict {
        /// The revision found in storage.
        stored: u64,
    },
    /// Anything else, with the browser's description (never containing vault data).
    Other(String),
}

fn other(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(e.to_string())
}

/// The IndexedDB database holding the vault record.
#[derive(Clone)]
pub struct VaultStore {
    raw: IdbDatabase,
}

impl VaultStore {
    /// Opens (creating on first use) the database.
    pub async fn open() -> Result<VaultStore, StoreError> {
        Self::begin_open().await
    }

    /// Sends the open request now (so it runs while the page is still being built) and returns
    /// what waits for it.
    pub fn begin_open() -> impl std::future::Future<Output = Result<VaultStore, StoreError>> {
        let request = Factory::new().and_then(|factory| factory.open(DB_NAME, Some(1))).map(|mut request| {
            request.on_upgrade_needed(|event| {
                if let Ok(db) = event.database() {
                    if !db.store_names().iter().any(|n| n == STORE) {
                        let _ = db.create_object_store(STORE, ObjectStoreParams::new());
                    }
                }
            });
            request
        });
        async move {
            let db = request.map_err(|_| StoreError::Unavailable)?.await.map_err(|_| StoreError::Unavailable)?;
            Ok(VaultStore { raw: db.into() })
        }
    }

    fn db(&self) -> Database {
        Database::from(self.raw.clone())
    }

    /// The stored vault bytes, if any.
    pub async fn load(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.db().transaction(&[STORE], TransactionMode::ReadOnly).map_err(other)?;
        let store = tx.object_store(STORE).map_err(other)?;
        let value = store.get(Query::from(JsValue::from_str(KEY))).map_err(other)?.await.map_err(other)?;
        Ok(value.map(|v| Uint8Array::new(&v).to_vec()))
    }

    /// Writes `bytes` if the stored record is still at `based_on` (None: no record yet).
    /// Either the whole new record is stored or the old one stays.
    pub async fn save(&self, bytes: &[u8], based_on: Option<u64>) -> Result<(), StoreError> {
        let tx: Transaction = strict_readwrite(&self.raw).map_err(|_| StoreError::Other("transaction".into()))?.into();
        let store = tx.object_store(STORE).map_err(other)?;
        let current = store.get(Query::from(JsValue::from_str(KEY))).map_err(other)?.await.map_err(other)?;
        // An unreadable stored record counts as "some other revision": never overwritten silently.
        let stored = current.map(|v| vault::revision_of(&Uint8Array::new(&v).to_vec()).unwrap_or(u64::MAX));
        if stored != based_on {
            let _ = tx.abort();
            return Err(StoreError::Conflict { stored: stored.unwrap_or(0) });
        }
        let value = Uint8Array::from(bytes);
        store.put(&value, Some(&JsValue::from_str(KEY))).map_err(classify)?.await.map_err(classify)?;
        let tx_error = tx.error();
        match tx.await.map_err(classify)? {
            TransactionResult::Committed => Ok(()),
            TransactionResult::Aborted => Err(match tx_error.map(|e| e.name()) {
                Some(name) if name == "QuotaExceededError" => StoreError::QuotaExceeded,
                Some(name) => StoreError::Other(name),
                None => StoreError::Other("transaction aborted".into()),
            }),
        }
    }

    /// Deletes the vault record (used by "start over" after a forgotten passphrase, and tests).
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self.db().transaction(&[STORE], TransactionMode::ReadWrite).map_err(other)?;
        let store = tx.object_store(STORE).map_err(other)?;
        store.delete(Query::from(JsValue::from_str(KEY))).map_err(other)?.await.map_err(other)?;
        tx.await.map_err(other)?;
        Ok(())
    }
}

fn classify(e: idb::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("QuotaExceeded") {
        StoreError::QuotaExceeded
    } else {
        StoreError::Other(text)
    }
}
