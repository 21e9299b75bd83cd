//! The automatic backup file (File System Access API, where `showSaveFilePicker` exists): the
//! user picks a file once; its handle is kept in IndexedDB (a structured clone) and rewritten
//! with the encrypted backup after each saved change. On a later visit the browser may ask again
//! for permission, which needs a tap ([`AutoFile::permission`] with `ask`).
//!
//! Called through `Reflect`: web-sys gates these APIs behind its unstable flag.

use idb::{Factory, ObjectStoreParams, Query, TransactionMode};
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DB_NAME: &str = "authenticator-autosave";
const STORE: &str = "handles";
const KEY: &str = "backup-file";

/// Whether the browser may write to the file now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Writing is allowed.
    Granted,
    /// The browser must ask the user again (needs a tap).
    Prompt,
    /// The user refused.
    Denied,
}

/// The user's automatic backup file.
#[derive(Clone)]
pub struct AutoFile {
    handle: JsValue,
    /// The file's name as the user chose it.
    pub name: String,
}

/// Why the file could not be picked, kept or written: the browser's error name (never vault data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AutoError {
    /// The user closed the picker.
    Cancelled,
    /// Anything else.
    Failed(String),
}

fn failed(e: JsValue) -> AutoError {
    let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
    match name.as_deref() {
        Some("AbortError") => AutoError::Cancelled,
        Some(n) => AutoError::Failed(n.to_owned()),
        None => AutoError::Failed(e.as_string().unwrap_or_else(|| "error".into())),
    }
}

async fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, AutoError> {
    let f: Function = Reflect::get(target, &method.into()).map_err(failed)?.dyn_into().map_err(|_| AutoError::Failed(format!("no {method}")))?;
    let r = match args {
        [] => f.call0(target),
        [a] => f.call1(target, a),
        [a, b, ..] => f.call2(target, a, b),
    }
    .map_err(failed)?;
    match r.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.map_err(failed),
        Err(v) => Ok(v),
    }
}

/// Whether this browser can keep an automatic backup file.
pub fn supported() -> bool {
    web_sys::window().and_then(|w| Reflect::get(&w, &"showSaveFilePicker".into()).ok()).is_some_and(|f| f.is_function())
}

/// Asks the user where to keep the automatic backup file (a save dialog suggesting `suggested`).
pub async fn pick(suggested: &str, description: &str) -> Result<AutoFile, AutoError> {
    let window: JsValue = web_sys::window().ok_or(AutoError::Failed("no window".into()))?.into();
    let options = Object::new();
    let accept = Object::new();
    let _ = Reflect::set(&accept, &"application/octet-stream".into(), &js_sys::Array::of1(&".2favault".into()));
    let kind = Object::new();
    let _ = Reflect::set(&kind, &"description".into(), &description.into());
    let _ = Reflect::set(&kind, &"accept".into(), &accept);
    let _ = Reflect::set(&options, &"suggestedName".into(), &suggested.into());
    let _ = Reflect::set(&options, &"types".into(), &js_sys::Array::of1(&kind));
    let handle = call(&window, "showSaveFilePicker", &[&options]).await?;
    Ok(AutoFile::from_handle(handle))
}

impl AutoFile {
    fn from_handle(handle: JsValue) -> AutoFile {
        let name = Reflect::get(&handle, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        AutoFile { handle, name }
    }

    /// The permission to write; with `ask`, the browser asks the user where needed (call it
    /// from a tap).
    pub async fn permission(&self, ask: bool) -> Permission {
        let options = Object::new();
        let _ = Reflect::set(&options, &"mode".into(), &"readwrite".into());
        let method = if ask { "requestPermission" } else { "queryPermission" };
        match call(&self.handle, method, &[&options]).await.ok().and_then(|s| s.as_string()).as_deref() {
            Some("granted") => Permission::Granted,
            Some("denied") => Permission::Denied,
            // No such method (some engines): writing will tell.
            None => Permission::Granted,
            Some(_) => Permission::Prompt,
        }
    }

    /// Replaces the file's content with `bytes` (whole, or not at all: the browser writes to a
    /// temporary file and swaps it in on close).
    pub async fn write(&self, bytes: &[u8]) -> Result<(), AutoError> {
        let writable = call(&self.handle, "createWritable", &[]).await?;
        let data: JsValue = Uint8Array::from(bytes).into();
        if let Err(e) = call(&writable, "write", &[&data]).await {
            let _ = call(&writable, "abort", &[]).await;
            return Err(e);
        }
        call(&writable, "close", &[]).await.map(|_| ())
    }
}

async fn database() -> Result<idb::Database, AutoError> {
    let factory = Factory::new().map_err(|e| AutoError::Failed(e.to_string()))?;
    let mut request = factory.open(DB_NAME, Some(1)).map_err(|e| AutoError::Failed(e.to_string()))?;
    request.on_upgrade_needed(|event| {
        use idb::event::DatabaseEvent;
        if let Ok(db) = event.database() {
            if !db.store_names().iter().any(|n| n == STORE) {
                let _ = db.create_object_store(STORE, ObjectStoreParams::new());
            }
        }
    });
    request.await.map_err(|e| AutoError::Failed(e.to_string()))
}

/// The file chosen on an earlier visit, if any.
pub async fn load() -> Option<AutoFile> {
    let db = database().await.ok()?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).ok()?;
    let store = tx.object_store(STORE).ok()?;
    let handle = store.get(Query::from(JsValue::from_str(KEY))).ok()?.await.ok()??;
    Some(AutoFile::from_handle(handle))
}

/// Keeps the chosen file for later visits.
pub async fn remember(file: &AutoFile) -> Result<(), AutoError> {
    let db = database().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(|e| AutoError::Failed(e.to_string()))?;
    let store = tx.object_store(STORE).map_err(|e| AutoError::Failed(e.to_string()))?;
    store.put(&file.handle, Some(&JsValue::from_str(KEY))).map_err(|e| AutoError::Failed(e.to_string()))?.await.map_err(|e| AutoError::Failed(e.to_string()))?;
    tx.await.map_err(|e| AutoError::Failed(e.to_string()))?;
    Ok(())
}

/// Stops the automatic backup (the file itself stays where it is).
pub async fn forget() {
    if let Ok(db) = database().await {
        if let Ok(tx) = db.transaction(&[STORE], TransactionMode::ReadWrite) {
            if let Ok(store) = tx.object_store(STORE) {
                if let Ok(req) = store.delete(Query::from(JsValue::from_str(KEY))) {
                    let _ = req.await;
                }
            }
            let _ = tx.await;
        }
    }
}
