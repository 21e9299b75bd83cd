//! After an account was added: "Added …" once the vault is stored, the new row highlighted, and
//! the prompt at the bottom of the screen that offers to paste the site's backup codes for it.

use super::super::widgets::focus_now;
use super::super::state::{keep_waiting, NoticeBoard};
use super::super::AppState;
use crate::notices::Notice;
use crate::i18n::{self, Lang, L};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The account just added, while the prompt asks about its backup codes.
#[derive(Clone, PartialEq)]
pub(super) struct Added {
    pub(super) id: u64,
    pub(super) who: String,
    pub(super) from_image: bool,
}

/// Once `saving` is stored (and only then): says "Added …", marks the new row, and runs `then`
/// with its id and name. Nothing is said for an add that was not stored.
pub(super) fn when_saved<E: 'static>(
    state: AppState,
    lang: Lang,
    who: String,
    saving: Option<impl std::future::Future<Output = Result<Option<u64>, E>> + 'static>,
    then: impl FnOnce(u64, String) + 'static,
) {
    if let Some(saving) = saving {
        spawn_local(async move {
            if let Ok(Some(id)) = saving.await {
                state.status.set(i18n::added(lang, &who));
                state.highlight.set(Some(id));
                then(id, who);
            }
        });
    }
}

/// The prompt after an add, while `prompt` holds the account: "Later", or paste its backup codes.
/// It is a notice of the open vault: shown when the notice board says it is its turn.
pub(super) fn prompt_view(state: AppState, prompt: RwSignal<Option<Added>>, backup_for: RwSignal<Option<u64>>) -> impl IntoView {
    let board = expect_context::<NoticeBoard>();
    keep_waiting(Notice::AfterAdd, move || prompt.with(Option::is_some));
    move || prompt.get().filter(|_| board.shows(Notice::AfterAdd)).map(|added| {
        let lang = state.lang.get();
        let id = added.id;
        let later = move || {
            prompt.set(None);
            focus_now("add-button");
        };
        view! {
            <section class="after-add" data-notice="after-add" role="region" aria-labelledby="after-add-title" data-testid="after-add"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { later() }>
                <p id="after-add-title" class="after-add-title">{i18n::added(lang, &added.who)}</p>
                <p class="after-add-question">{i18n::t(lang, L::AfterAddCodesQuestion)}</p>
                {added.from_image.then(|| view! { <p class="hint" role="note" data-testid="delete-screenshot">{i18n::t(lang, L::AfterAddDeleteScreenshot)}</p> })}
                <div class="buttons">
                    <button type="button" class="ghost" data-testid="after-add-later" on:click=move |_| later()>{i18n::t(lang, L::AfterAddLater)}</button>
                    <button type="button" class="primary" data-testid="after-add-codes" on:click=move |_| {
                        // The backup-codes dialog gives focus back to the add button when it closes.
                        later();
                        backup_for.set(Some(id));
                    }>{i18n::t(lang, L::AfterAddPaste)}</button>
                </div>
            </section>
        }
    })
}
