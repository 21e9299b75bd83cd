//! The only code that touches browser APIs: small adapters over the clock, preferences,
//! the clipboard, the page and the document. Everything they return is plain Rust data for the core.

pub mod autosave;
pub mod clipboard;
pub mod clock;
pub mod files;
pub mod icons;
pub mod kdf;
pub mod media;
pub mod page;
pub mod passkey;
pub mod perf;
pub mod pwa;
pub mod prefs;
pub mod record;
pub mod random;
pub mod share;
pub mod persistence;
pub mod store;
pub mod tabs;
pub mod timesync;

/// Starts a module worker running `url` (the QR and key-derivation workers, which load the app's
/// own module: `url` is the page's own build's, see [`pwa::worker_script`]); `None` where the
/// browser refuses.
pub(crate) fn module_worker(url: &str) -> Option<web_sys::Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(url, &options).ok()
}
