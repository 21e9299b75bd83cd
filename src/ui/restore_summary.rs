//! What a restore from the first screen brought back, shown above the list once the vault opens,
//! until closed (see `handoff::Restored`).

use super::handoff::Restored;
use super::state::{keep_waiting, NoticeBoard};
use super::AppState;
use crate::notices::Notice;
use crate::i18n;
use leptos::prelude::*;

/// What a restore from the first screen brought back, until closed.
#[component]
pub fn RestoreSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let restored = use_context::<Restored>();
    let summary = move || restored.and_then(|r| r.0.get());
    let board = expect_context::<NoticeBoard>();
    keep_waiting(Notice::Restored, move || summary().is_some());
    view! {
        {move || summary().filter(|_| board.shows(Notice::Restored)).map(|(accounts, codes, made, adjusted)| {
            let lang = state.lang.get();
            let notes = i18n::restore_adjustments(lang, &adjusted);
            view! {
                <div class="notice restore-summary" data-notice="restored" role="status" data-testid="restore-summary">
                    <p>{i18n::restore_summary(lang, accounts, codes, made.map(crate::web::clock::local_ms))}</p>
                    {(!notes.is_empty()).then(|| view! { <p data-testid="restore-adjusted">{notes}</p> })}
                    <button type="button" class="ghost" data-testid="restore-summary-close"
                        on:click=move |_| if let Some(r) = restored { r.0.set(None) }>{i18n::close_label(lang)}</button>
                </div>
            }
        })}
    }
}
