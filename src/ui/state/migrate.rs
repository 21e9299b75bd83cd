//! What was read of another app's export before it is imported: kept in this tab's memory while
//! the vault is open (a closed and reopened import dialog finds it again), from the first screen
//! to the vault it creates, and dropped when the vault locks. Never stored.

use crate::import::batches::Batches;
use leptos::prelude::*;

/// The migration in progress, shared by the first screen, the import dialog and its entries.
#[derive(Clone, Copy)]
pub struct Migration {
    /// The export QR codes read so far.
    pub batches: RwSignal<Batches>,
    /// Files of other apps chosen before a vault existed (or in "restore"), read by the import
    /// dialog once it opens.
    pub files: StoredValue<Vec<web_sys::File>, LocalStorage>,
    /// The import dialog should open as soon as the vault is open (chosen on the first screen).
    pub wanted: RwSignal<bool>,
}

impl Migration {
    /// Nothing read.
    pub fn new() -> Self {
        Migration { batches: RwSignal::new(Batches::new()), files: StoredValue::new_local(Vec::new()), wanted: RwSignal::new(false) }
    }

    /// Forgets everything read and chosen (the vault locked).
    pub fn forget(&self) {
        if !self.batches.with_untracked(Batches::is_empty) {
            self.batches.set(Batches::new());
        }
        self.files.set_value(Vec::new());
        self.wanted.set(false);
    }

    /// Takes the files waiting for the import dialog.
    pub fn take_files(&self) -> Vec<web_sys::File> {
        let mut out = Vec::new();
        self.files.update_value(|f| out = std::mem::take(f));
        out
    }
}

impl Default for Migration {
    fn default() -> Self {
        Migration::new()
    }
}
