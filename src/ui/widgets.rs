//! Small pieces every view uses: translated text, modal dialogs, key-derivation progress, and
//! what to say about a file.

use super::state::AppState;
use crate::account::Account;
use crate::i18n::{self, Lang, T};
use leptos::prelude::*;

/// A key being derived in the worker: progress, why it takes a moment, and Cancel (which ends
/// the worker; the waiting caller then says "Cancelled").
#[component]
pub fn KdfProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="kdf-progress" role="status" data-testid="kdf-progress">
            <progress aria-label=tr(T::Working)></progress>
            <span>{move || i18n::deriving(state.lang.get())}</span>
            <button type="button" data-testid="kdf-cancel" on:click=move |_| crate::web::kdf::cancel()>{tr(T::Cancel)}</button>
        </div>
    }
}

/// What to tell the user about a chosen file that could not be read; `refused` is the form's
/// own wording for a file the browser would not hand over.
pub fn file_problem(lang: Lang, e: crate::web::files::FileError, refused: impl FnOnce() -> String) -> String {
    match e {
        crate::web::files::FileError::TooLarge { bytes } => i18n::file_too_large(lang, bytes),
        crate::web::files::FileError::Refused => refused(),
    }
}

/// Shows `dialog` as a modal while `shown()` is true and closes it otherwise.
pub fn sync_modal(dialog: NodeRef<leptos::html::Dialog>, shown: impl Fn() -> bool + Send + Sync + 'static) {
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if shown() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
}

/// Translates a key in the current language (reactive).
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = expect_context::<AppState>();
    // A touch screen gets the texts without keyboard hints.
    let touch = crate::web::page::touch_only();
    move || i18n::t_on(state.lang.get(), key, touch)
}

/// "GitHub (alice)", "GitHub", "alice" — an account as sentences and accessible names name it.
pub fn account_name(lang: Lang, a: &Account) -> String {
    i18n::account_label(lang, &a.issuer, &a.name, |i, n| format!("{i} ({n})"))
}
