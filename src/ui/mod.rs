//! Leptos components. State lives in [`state`]; views by feature render it and call it; browser
//! I/O goes through [`crate::web`].

mod add;
mod app;
mod backup;
mod backup_status;
mod clock_panel;
mod gate;
mod handoff;
mod kit;
mod list;
mod migrate_start;
mod parts;
mod passphrase;
mod restore;
mod settings;
mod split;
mod state;
mod storage_note;
mod transfer;
mod unreadable;
mod widgets;

pub use app::App;
use state::AppState;
use widgets::{account_name, file_problem, sync_modal, tr, KdfProgress};
