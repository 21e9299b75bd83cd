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

/// On load: a code the previous load of this tab left on the clipboard when it closed (a
/// reload) is cleared, by a module of its own fetched only then.
pub fn finish_clipboard_leftover() {
    if let Some(leftover) = crate::web::clipboard::peek_leftover() {
        // Called before the app is mounted (before Leptos's executor is set up): the browser's.
        wasm_bindgen_futures::spawn_local(async move {
            // Not fetched: the note stays for the next load, which tries again.
            let _ = finish_leftover(leftover).await;
        });
    }
}

/// [`finish_clipboard_leftover`]'s clear, in its own module.
#[leptos::wasm_split::wasm_split(leftover_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn finish_leftover(leftover: (crate::clipboard::Leftover, u64, bool)) -> Result<(), parts::LoadFailed> {
    crate::web::clipboard::finish_leftover(leftover);
    Ok(())
}
