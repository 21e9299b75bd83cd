//! The app's state, apart from its views: the session (phase, vault, edits), the clock sync, the
//! row model, and what every view shares by context. No markup here.

mod backup_files;
mod clock;
mod keys;
mod migrate;
mod notices;
mod rows;
mod saving;
mod session;
mod vault_part;
mod windows;

pub use clock::ClockSync;
pub use migrate::Migration;
pub use notices::{keep_waiting, NoticeBoard};
pub use rows::{Row, UnreadableRow};
pub use backup_files::{AutoSave, BackupFileDone};
pub use session::{KeptIn, Phase, Problem, Session};
pub use vault_part::settle_start;
pub use windows::Windows;

use crate::i18n::Lang;
use leptos::prelude::*;

/// App-wide state handed down by context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// The shared 1 Hz tick: current time in ms, updated on each second boundary.
    pub now_ms: RwSignal<u64>,
    /// A short status message for the live region ("Added GitHub.").
    pub status: RwSignal<String>,
    /// The account just added (or chosen to be shown): the list scrolls its row into view and
    /// highlights it for a moment; the add flow sets it once the add is saved.
    pub highlight: RwSignal<Option<u64>>,
}
