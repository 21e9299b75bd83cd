//! The only code that touches browser APIs: small adapters over the clock, preferences,
//! the clipboard and the document. Everything they return is plain Rust data for the core.

pub mod clipboard;
pub mod clock;
pub mod files;
pub mod kdf;
pub mod media;
pub mod perf;
pub mod pwa;
pub mod prefs;
pub mod random;
pub mod store;
pub mod tabs;
pub mod timesync;
