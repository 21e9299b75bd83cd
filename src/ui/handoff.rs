//! What one screen hands to another through the context: the summary of a restore made on the
//! first screen (shown above the list once the vault opens), and the backup file chosen there
//! (handed to the restore form, which is its own module).

use leptos::prelude::*;

/// What a restore brought back: (accounts, unused backup codes, when the backup was made in Unix
/// ms if the file says, what was changed or left out to keep within the limits).
pub type RestoredSummary = (usize, usize, Option<u64>, Vec<crate::vault::Adjusted>);

/// What a restore brought back, for the summary shown above the list once the vault opens.
#[derive(Clone, Copy)]
pub struct Restored(pub RwSignal<Option<RestoredSummary>>);

/// The backup file chosen on the first screen, handed to the restore form (its own module).
#[derive(Clone, Copy)]
pub struct ChosenBackup(pub StoredValue<Option<web_sys::File>, LocalStorage>, pub RwSignal<String>);
