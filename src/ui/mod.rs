//! Leptos components. State lives in [`state`]; views by feature render it and call it; browser
//! I/O goes through [`crate::web`].

mod add;
mod app;
mod backup_codes;
mod backup_file_status;
mod clock_details;
mod clock_panel;
mod gate;
mod handoff;
mod kit;
mod list;
mod migrate_start;
mod parts;
mod passkey_offer;
mod passphrase;
mod persistence_note;
mod restore;
mod restore_summary;
mod settings;
mod split;
mod state;
mod transfer;
mod unreadable;
mod widgets;

pub use app::App;
use state::AppState;
use widgets::{account_name, file_problem, sync_modal, tr, KdfProgress};
