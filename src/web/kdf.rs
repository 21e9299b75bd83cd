//! Key derivation (Argon2id for the vault; scrypt, Argon2id and PBKDF2 for imported files) in a Web Worker running
//! its own small module (workers/kdf), so the page never freezes while a key is derived, and a derivation can be
//! cancelled (the worker is ended). The jobs were checked against the caps by the pure core
//! before they get here; this only moves bytes.

use crate::import::kdf::KdfJob as ImportKdfJob;
use crate::vault::{KdfJob, Kek};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// Why no key came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KdfFailure {
    /// The user pressed Cancel (or locked): the worker was ended.
    Cancelled,
    /// The worker could not start or ended on its own (out of memory, say).
    Failed,
}

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// The derivations waiting for the worker, by their number: each answer is matched to its
    /// own question, so two forms deriving at once never swap keys.
    static PENDING: RefCell<Vec<(u32, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    /// Whether a worker ever answered here: if none ever did, the page derives itself instead.
    static WORKER_PROVEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// How many times Cancel was pressed: work that had not reached the worker yet (its module
    /// still being fetched) checks it before it starts.
    static CANCELS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn settle_all(value: &JsValue) {
    let waiting = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for (_, resolve) in waiting {
        let _ = resolve.call1(&JsValue::NULL, value);
    }
}

fn worker() -> Option<web_sys::Worker> {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            let created = super::pwa::worker_script(super::pwa::WorkerKind::Kdf).and_then(|url| super::module_worker(&url));
            if let Some(worker) = &created {
                // One handler for the worker's life: answers carry the number they answer.
                let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
                    let data = ev.data();
                    let id = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).map(|v| v as u32);
                    let key = js_sys::Reflect::get(&data, &"key".into()).unwrap_or(JsValue::NULL);
                    let Some(id) = id else { return };
                    let answered = key.is_instance_of::<js_sys::Uint8Array>();
                    if answered {
                        WORKER_PROVEN.with(|p| p.set(true));
                    }
                    let resolve = PENDING.with(|p| {
                        let mut p = p.borrow_mut();
                        p.iter().position(|(i, _)| *i == id).map(|at| p.remove(at).1)
                    });
                    if let Some(resolve) = resolve {
                        let _ = resolve.call1(&JsValue::NULL, &key);
                    }
                    if !answered {
                        // An aborted module stays unusable: start afresh next time.
                        end_worker();
                        settle_all(&JsValue::NULL);
                    }
                });
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                on_message.forget(); // lives as long as the worker; ended with it
                let on_error = Closure::<dyn FnMut(JsValue)>::new(|_ev: JsValue| {
                    // The worker failed (its module did not load, or it ran out of memory): every
                    // derivation waiting on it ends, and the next one starts a fresh worker.
                    end_worker();
                    settle_all(&JsValue::NULL);
                });
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                on_error.forget();
            }
            *w = created;
        }
        w.clone()
    })
}

fn end_worker() {
    let ended = WORKER.with(|w| w.borrow_mut().take());
    if let Some(w) = ended {
        w.set_onmessage(None);
        w.set_onerror(None);
        w.terminate();
    }
}

/// Starts the worker (and so the compiling of its module) ahead of need: the unlock screen calls
/// it while the passphrase is typed.
pub fn warm_up() {
    let _ = worker();
}

/// Ends every derivation in progress; their callers get [`KdfFailure::Cancelled`].
pub fn cancel() {
    CANCELS.with(|c| c.set(c.get().wrapping_add(1)));
    end_worker();
    settle_all(&JsValue::from_str("cancelled"));
}

/// A mark to compare with later: it changes when Cancel is pressed ([`cancel`]).
pub fn cancels() -> u32 {
    CANCELS.with(std::cell::Cell::get)
}

async fn run(message: js_sys::Object) -> Result<Zeroizing<Vec<u8>>, KdfFailure> {
    let Some(w) = worker() else { return Err(KdfFailure::Failed) };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from(id));
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        PENDING.with(|p| p.borrow_mut().push((id, resolve)));
    });
    let posted = w.post_message(&message);
    // The structured clone made the worker's copy: wipe the page's.
    if let Ok(secret) = js_sys::Reflect::get(&message, &"secret".into()) {
        let secret = js_sys::Uint8Array::from(secret);
        secret.fill(0, 0, secret.length());
    }
    if posted.is_err() {
        PENDING.with(|p| p.borrow_mut().retain(|(i, _)| *i != id));
        end_worker();
        return Err(KdfFailure::Failed);
    }
    match JsFuture::from(promise).await {
        Ok(v) if v.as_string().as_deref() == Some("cancelled") => Err(KdfFailure::Cancelled),
        Ok(v) if v.is_instance_of::<js_sys::Uint8Array>() => {
            let bytes = js_sys::Uint8Array::from(v);
            let out = Zeroizing::new(bytes.to_vec());
            bytes.fill(0, 0, bytes.length());
            Ok(out)
        }
        _ => Err(KdfFailure::Failed),
    }
}

/// Whether a failed worker should be replaced by deriving on the page: only when no worker ever
/// answered here (workers blocked or unsupported), never after one ran out of memory (the page
/// would too, and lose everything).
fn page_fallback() -> bool {
    !WORKER_PROVEN.with(|p| p.get())
}

fn message(kind: &str, secret: &[u8], salt: &[u8], numbers: &[(&str, f64)]) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"kind".into(), &kind.into());
    let _ = js_sys::Reflect::set(&m, &"secret".into(), &js_sys::Uint8Array::from(secret));
    let _ = js_sys::Reflect::set(&m, &"salt".into(), &js_sys::Uint8Array::from(salt));
    for (k, v) in numbers {
        let _ = js_sys::Reflect::set(&m, &(*k).into(), &JsValue::from_f64(*v));
    }
    m
}

/// One derivation, by its message `kind` for the worker and the `export` of the worker's module
/// that runs it: in the worker; where no worker can run at all, here on the page with that same
/// module (it blocks, but the user still gets in).
async fn derive(kind: &str, export: &str, secret: &[u8], salt: &[u8], numbers: &[(&str, f64)]) -> Result<Zeroizing<Vec<u8>>, KdfFailure> {
    match run(message(kind, secret, salt, numbers)).await {
        Err(KdfFailure::Failed) if page_fallback() => on_page(export, secret, salt, numbers).await,
        other => other,
    }
}

/// Runs `export` of the key-derivation worker's own module on the page: the loader's
/// `authenticatorKdfOnPage` (scripts/post-build.mjs) imports this build's module on first use, so
/// the page's own module carries no KDF. The arguments are the message's, in the same order.
async fn on_page(export: &str, secret: &[u8], salt: &[u8], numbers: &[(&str, f64)]) -> Result<Zeroizing<Vec<u8>>, KdfFailure> {
    let function = |of: &JsValue, name: &str| js_sys::Reflect::get(of, &name.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let window = web_sys::window().ok_or(KdfFailure::Failed)?;
    let load = function(&window, "authenticatorKdfOnPage").ok_or(KdfFailure::Failed)?;
    let loading = load.call0(&JsValue::NULL).map_err(|_| KdfFailure::Failed)?;
    let module = JsFuture::from(js_sys::Promise::resolve(&loading)).await.map_err(|_| KdfFailure::Failed)?;
    let run = function(&module, export).ok_or(KdfFailure::Failed)?;
    let secret = js_sys::Uint8Array::from(secret);
    let args = js_sys::Array::of2(&secret, &js_sys::Uint8Array::from(salt));
    for (_, v) in numbers {
        args.push(&JsValue::from_f64(*v));
    }
    let key = run.apply(&JsValue::NULL, &args);
    secret.fill(0, 0, secret.length());
    let bytes = key.ok().and_then(|k| k.dyn_into::<js_sys::Uint8Array>().ok()).ok_or(KdfFailure::Failed)?;
    let out = Zeroizing::new(bytes.to_vec());
    bytes.fill(0, 0, bytes.length());
    Ok(out)
}

/// Derives the vault key for `job` from `passphrase` in the worker (on the page where no worker
/// can run at all).
pub async fn argon2id(job: &KdfJob, passphrase: &str) -> Result<Kek, KdfFailure> {
    let k = job.kdf;
    let numbers = [("memory", f64::from(k.memory_kib)), ("iterations", f64::from(k.iterations)), ("parallelism", f64::from(k.parallelism))];
    let bytes = derive("argon2id", "kdf_argon2id", passphrase.as_bytes(), &job.salt, &numbers).await?;
    Kek::from_slice(&bytes).ok_or(KdfFailure::Failed)
}

/// Derives the key an imported file's `job` asks for from `password` in the worker (on the page
/// where no worker can run at all): Aegis's scrypt, Argon2id, PBKDF2.
pub async fn import_key(job: &ImportKdfJob, password: &str) -> Result<Zeroizing<[u8; 32]>, KdfFailure> {
    let secret = password.as_bytes();
    let bytes = match job {
        ImportKdfJob::Scrypt(j) => derive("scrypt", "kdf_scrypt", secret, &j.salt, &[("logN", f64::from(j.log_n)), ("r", f64::from(j.r)), ("p", f64::from(j.p))]).await,
        ImportKdfJob::Argon2id(j) => {
            let numbers = [("memory", f64::from(j.memory_kib)), ("iterations", f64::from(j.iterations)), ("parallelism", f64::from(j.parallelism))];
            derive("importArgon2id", "kdf_import_argon2id", secret, &j.salt, &numbers).await
        }
        ImportKdfJob::Pbkdf2Sha1(j) => derive("pbkdf2sha1", "kdf_pbkdf2_sha1", secret, &j.salt, &[("iterations", f64::from(j.iterations))]).await,
        ImportKdfJob::Pbkdf2Sha512(j) => derive("pbkdf2sha512", "kdf_pbkdf2_sha512", secret, &j.salt, &[("iterations", f64::from(j.iterations))]).await,
    }?;
    let mut key = Zeroizing::new([0u8; 32]);
    if bytes.len() != 32 {
        return Err(KdfFailure::Failed);
    }
    key.copy_from_slice(&bytes);
    Ok(key)
}

/// Why a vault operation that needed a key did not complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFailure {
    /// The vault refused (wrong passphrase, damaged, parameters over the caps …).
    Vault(crate::vault::VaultError),
    /// The user cancelled (or locked) while the key was derived.
    Cancelled,
    /// The worker failed (out of memory, say).
    Failed,
}

impl From<KdfFailure> for KeyFailure {
    fn from(f: KdfFailure) -> Self {
        match f {
            KdfFailure::Cancelled => KeyFailure::Cancelled,
            KdfFailure::Failed => KeyFailure::Failed,
        }
    }
}

impl From<crate::vault::VaultError> for KeyFailure {
    fn from(e: crate::vault::VaultError) -> Self {
        KeyFailure::Vault(e)
    }
}

/// Opens stored or backup bytes with a passphrase, deriving in the worker. The slots' parameters
/// are checked before any work (a hostile file is refused at once, by name); at most two slots
/// are tried.
pub async fn open_vault(bytes: &[u8], passphrase: &str) -> Result<crate::vault::Unlocked, KeyFailure> {
    open_with(bytes, passphrase, crate::vault::Unlocked::open_with_kek).await
}

/// Opens a backup file to restore it, like [`open_vault`], but one holding more entries than a
/// vault keeps is refused before its entries are read ([`crate::vault::VaultError::TooManyEntries`]).
pub async fn open_backup(bytes: &[u8], passphrase: &str) -> Result<crate::vault::Unlocked, KeyFailure> {
    open_with(bytes, passphrase, crate::vault::Unlocked::open_backup_with_kek).await
}

type Opener = fn(&[u8], usize, &Kek) -> Result<crate::vault::Unlocked, crate::vault::VaultError>;

async fn open_with(bytes: &[u8], passphrase: &str, open: Opener) -> Result<crate::vault::Unlocked, KeyFailure> {
    use crate::vault::{Unlocked, VaultError};
    let jobs = Unlocked::unlock_jobs(bytes)?;
    let mut last = VaultError::NoPassphraseSlot;
    for (i, job) in jobs.iter().enumerate() {
        let kek = argon2id(job, passphrase).await?;
        match open(bytes, i, &kek) {
            Err(VaultError::WrongPassphraseOrDamaged) => last = VaultError::WrongPassphraseOrDamaged,
            other => return other.map_err(KeyFailure::Vault),
        }
    }
    Err(KeyFailure::Vault(last))
}

/// Opens a backup file to become this browser's vault, written like any other change: its
/// entries within the writers' limits, sealed anew under this app's own key derivation (never
/// weaker than the default, whatever the file used) in one passphrase slot, the file's other slots
/// dropped ([`crate::vault::Unlocked::into_restored_with_kek`]). Two derivations, both in the
/// worker. Also says what was changed or left out to keep within the limits.
pub async fn restore_vault(bytes: &[u8], passphrase: &str) -> Result<(crate::vault::Unlocked, Vec<crate::vault::Adjusted>), KeyFailure> {
    let opened = open_backup(bytes, passphrase).await?;
    let job = opened.restore_job(&mut crate::web::random::WebRandom)?;
    let kek = argon2id(&job, passphrase).await?;
    Ok(opened.into_restored_with_kek(&job, &kek, &mut crate::web::random::WebRandom)?)
}

/// Whether `passphrase` opens a passphrase slot of `bytes` (the content may still be damaged):
/// derives in the worker like [`open_vault`].
pub async fn opens_slot(bytes: &[u8], passphrase: &str) -> bool {
    matches!(open_vault(bytes, passphrase).await, Ok(_) | Err(KeyFailure::Vault(crate::vault::VaultError::IncompleteOrDamaged)))
}

/// Creates a vault (fresh master key, one passphrase slot at the default cost), deriving in the worker.
pub async fn create_vault(content: crate::vault::Content, passphrase: &str) -> Result<crate::vault::Unlocked, KeyFailure> {
    use crate::vault::{KdfJob, Unlocked, DEFAULT_KDF};
    let job = KdfJob::fresh(DEFAULT_KDF, &mut crate::web::random::WebRandom)?;
    let kek = argon2id(&job, passphrase).await?;
    Ok(Unlocked::create_with_kek(content, &job, &kek, &mut crate::web::random::WebRandom)?)
}

/// Changes the passphrase (re-wrapping the passkeys whose PRF secrets are given) of an open vault (rotating its master key), deriving in the worker.
pub async fn change_passphrase(vault: &mut crate::vault::Unlocked, new_passphrase: &str, passkeys: &[(&[u8], &[u8])]) -> Result<(), KeyFailure> {
    use crate::vault::{KdfJob, DEFAULT_KDF};
    let job = KdfJob::fresh(DEFAULT_KDF, &mut crate::web::random::WebRandom)?;
    let kek = argon2id(&job, new_passphrase).await?;
    Ok(vault.change_passphrase_keeping(&job, &kek, passkeys, &mut crate::web::random::WebRandom)?)
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportFailure {
    /// The importer refused (not recognised, wrong password, parameters over the caps …).
    Import(crate::import::ImportError),
    /// The user cancelled while the key was derived.
    Cancelled,
    /// The worker failed.
    Failed,
}

/// Starts reading an import file (its entries are then read in steps: [`crate::import::Reading`]);
/// an encrypted file's key derivations (Aegis's scrypt, Argon2id, PBKDF2) run in the worker,
/// after their parameters were checked.
pub async fn import_file(bytes: &[u8], password: Option<&str>) -> Result<crate::import::Reading, ImportFailure> {
    use crate::import::{self, ImportError};
    let jobs = import::kdf_jobs(bytes).map_err(ImportFailure::Import)?;
    if jobs.is_empty() {
        return import::Reading::start(bytes, password, &[]).map_err(ImportFailure::Import);
    }
    let password = password.filter(|p| !p.is_empty()).ok_or(ImportFailure::Import(ImportError::NeedsPassword))?;
    let mut keys = Vec::with_capacity(jobs.len());
    for job in &jobs {
        keys.push(import_key(job, password).await.map_err(|f| match f {
            KdfFailure::Cancelled => ImportFailure::Cancelled,
            KdfFailure::Failed => ImportFailure::Failed,
        })?);
    }
    import::Reading::start(bytes, Some(password), &keys).map_err(ImportFailure::Import)
}
