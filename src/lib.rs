//! A browser authenticator: TOTP/HOTP codes, `otpauth://` accounts, an encrypted vault, clock
//! synchronisation, backup codes, and import from other authenticator apps.
//!
//! The crate is one pure core that compiles and is tested natively (`cargo test`), plus two
//! browser-only layers that exist only on `wasm32`: [`web`] (the only code that touches browser APIs)
//! and [`ui`] (Leptos components that render state and call the core). See CONTRIBUTING.md for the layout.
#![forbid(unsafe_code)]

pub mod account;
pub mod add_flow;
pub mod backup_codes;
pub mod catalogue;
pub mod clipboard;
pub mod clock;
pub mod fold;
pub mod i18n;
pub mod import;
pub mod kit;
pub mod notices;
pub mod organize;
pub mod otp;
pub mod passphrase;
pub mod presence;
pub mod qr;
pub mod persistence_advice;
pub mod timesync;
pub mod uri;
pub mod vault;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod ui;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;
