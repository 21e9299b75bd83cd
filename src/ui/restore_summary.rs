//! What a restore from the first screen brought back, shown above the list once the vault opens,
//! until closed (see `handoff::Restored`), with each site's backup codes one tap away: the person
//! restoring on a new phone is most often at a site's "enter a backup code" box.

use super::handoff::Restored;
use super::backup_codes::BackupCodesFor;
use super::state::{keep_waiting, NoticeBoard, Session};
use super::AppState;
use crate::notices::Notice;
use crate::i18n::{self, T};
use leptos::prelude::*;

/// What a restore from the first screen brought back, until closed.
#[component]
pub fn RestoreSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let restored = use_context::<Restored>();
    let summary = move || restored.and_then(|r| r.0.get());
    let board = expect_context::<NoticeBoard>();
    let session = expect_context::<Session>();
    let codes_for = expect_context::<BackupCodesFor>().0;
    // The sites with unused backup codes, as the list has them now (at most a handful).
    let with_codes = move || {
        let lang = state.lang.get();
        session.rows.with(|rows| {
            rows.iter()
                .filter_map(|r| r.backup_codes.as_ref().map(|c| (r.id, r.display_name(lang), c.remaining())))
                .filter(|(_, _, left)| *left > 0)
                .take(8)
                .collect::<Vec<_>>()
        })
    };
    keep_waiting(Notice::Restored, move || summary().is_some());
    view! {
        {move || summary().filter(|_| board.shows(Notice::Restored)).map(|(accounts, codes, made, adjusted)| {
            let lang = state.lang.get();
            let notes = i18n::restore_adjustments(lang, &adjusted);
            view! {
                <div class="notice restore-summary" data-notice="restored" role="status" data-testid="restore-summary">
                    <p class="restore-said">{i18n::restore_summary(lang, accounts, codes, made.map(crate::web::clock::local_ms))}</p>
                    <button type="button" class="ghost" data-testid="restore-summary-close"
                        on:click=move |_| if let Some(r) = restored { r.0.set(None) }>{i18n::close_label(lang)}</button>
                    {(!notes.is_empty()).then(|| view! { <p data-testid="restore-adjusted">{notes}</p> })}
                    {move || {
                        let sites = with_codes();
                        (!sites.is_empty()).then(|| view! {
                            <p class="restored-codes-title">{i18n::t(state.lang.get(), T::RestoredCodesHeading)}</p>
                            <div class="buttons restored-codes">
                                {sites.into_iter().map(|(id, site, left)| view! {
                                    <button type="button" data-testid="restored-codes" on:click=move |_| codes_for.set(Some(id))>
                                        <bdi>{site}</bdi>" · "{i18n::backup_codes_button(state.lang.get(), Some(left))}
                                    </button>
                                }).collect_view()}
                            </div>
                        })
                    }}
                </div>
            }
        })}
    }
}
