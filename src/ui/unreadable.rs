//! Entries the vault could not read (damaged, or from a newer version): one flagged row each,
//! above the list, so the rest of the vault opens and nothing is lost. The user may save the
//! entry's stored text (it may hold a secret, so only after a warning) or delete it.

use super::state::Session;
use super::AppState;
use crate::i18n::{self, Lang, Unreadable as U};
use leptos::prelude::*;

/// The flagged rows; nothing when every entry reads.
#[component]
pub fn UnreadableEntries() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    view! {
        <For each=move || session.unreadable.get() key=|r| (r.index, r.bytes) let:row>
            <UnreadableEntry index=row.index bytes=row.bytes lang=lang />
        </For>
    }
}

/// One unreadable entry: what happened, and the two ways out.
#[component]
fn UnreadableEntry(index: usize, bytes: usize, lang: impl Fn() -> Lang + Copy + Send + Sync + 'static) -> impl IntoView {
    let session = expect_context::<Session>();
    let warned = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    view! {
        <div class="unreadable" role="group" data-testid="unreadable-row"
            aria-label=move || i18n::unreadable(lang(), U::RowLabel)>
            <p class="error">
                {move || i18n::unreadable(lang(), U::Explain)}
                " (" {bytes} " B)"
            </p>
            <Show when=move || warned.get()
                fallback=move || view! {
                    <button data-testid="unreadable-export" on:click=move |_| warned.set(true)>
                        {move || i18n::unreadable(lang(), U::SaveAsFile)}
                    </button>
                }>
                <p class="notice" role="alert">{move || i18n::unreadable(lang(), U::Unencrypted)}</p>
                <button class="primary" data-testid="unreadable-export-confirm" on:click=move |_| { session.export_unreadable(index); warned.set(false); }>
                    {move || i18n::unreadable(lang(), U::SaveUnencrypted)}
                </button>
                <button class="ghost" on:click=move |_| warned.set(false)>{move || i18n::unreadable(lang(), U::Cancel)}</button>
            </Show>
            <Show when=move || confirming.get()
                fallback=move || view! {
                    <button class="danger" data-testid="unreadable-delete" on:click=move |_| confirming.set(true)>
                        {move || i18n::unreadable(lang(), U::Delete)}
                    </button>
                }>
                <p>{move || i18n::unreadable(lang(), U::ConfirmDelete)}</p>
                <button class="danger" data-testid="unreadable-delete-confirm" on:click=move |_| session.delete_unreadable(index)>
                    {move || i18n::unreadable(lang(), U::DeleteYes)}
                </button>
                <button class="ghost" on:click=move |_| confirming.set(false)>{move || i18n::unreadable(lang(), U::Keep)}</button>
            </Show>
        </div>
    }
}
