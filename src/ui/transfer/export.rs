//! Export: one account as a QR code and its link (behind a reveal step), every account as Google
//! Authenticator export codes, or a plain list of links after a warning.

use crate::i18n::{self, L, T};
use crate::import::{self, migration};
use crate::qr::Modules;
use crate::ui::state::Session;
use crate::ui::{account_name, sync_modal, tr, AppState};
use crate::uri;
use crate::web::{clipboard, files};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::ExportFor;

/// A QR code drawn as one SVG path; `None` if the text is too long for a QR code.
#[component]
pub fn QrSvg(
    /// What the code holds.
    text: String,
    /// Accessible name.
    label: String,
) -> impl IntoView {
    Modules::encode(&text).ok().map(|m| {
        let size = m.view_size();
        view! {
            <svg class="qr" data-testid="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=label shape-rendering="crispEdges">
                <rect width=size height=size fill="#fff"></rect>
                <path d=m.svg_path() fill="#000"></path>
            </svg>
        }
    })
}

/// One account as a QR code and its link, behind a reveal step.
#[component]
pub fn ExportAccountDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let open_for = expect_context::<ExportFor>().0;
    let dialog = NodeRef::<html::Dialog>::new();
    let revealed = RwSignal::new(false);
    let copied = RwSignal::new(false);
    sync_modal(dialog, move || open_for.get().is_some());
    // Closed for any reason (Close, Escape, or the vault locked): the next opening starts hidden.
    Effect::new(move |_| {
        if open_for.get().is_none() {
            revealed.set(false);
            copied.set(false);
        }
    });
    let account = move || open_for.get().and_then(|id| session.rows.with(|r| r.iter().find(|row| row.id == id).and_then(|row| row.account.clone())));
    view! {
        <dialog node_ref=dialog class="add" aria-labelledby="export-title" data-testid="export-dialog"
            on:close=move |_| { open_for.set(None); revealed.set(false); copied.set(false); }>
            <h2 id="export-title">{tr(L::ExportAccountTitle)}</h2>
            {move || account().map(|a| {
                let lang = state.lang.get();
                let link = uri::format(&a);
                let who = account_name(lang, &a);
                view! {
                    <p><strong>{who.clone()}</strong></p>
                    <Show when=move || revealed.get() fallback=move || view! {
                        <p class="warning">{tr(L::RevealWarning)}</p>
                        <button class="primary" data-testid="reveal" on:click=move |_| revealed.set(true)>{tr(L::Reveal)}</button>
                    }>
                        <QrSvg text=link.clone() label=who.clone() />
                        <p class="mono uri" data-testid="export-uri">{link.clone()}</p>
                        {
                            let link = link.clone();
                            view! {
                                <button data-testid="copy-uri" on:click=move |_| {
                                    let link = link.clone();
                                    spawn_local(async move { copied.set(clipboard::write_text_then_clear(&link).await.is_ok()); });
                                }>{move || if copied.get() { tr(L::Copied)() } else { tr(L::Copy)() }}</button>
                            }
                        }
                        <Show when=move || copied.get()><p class="status">{tr(L::CopyClears)}</p></Show>
                    </Show>
                }
            })}
            <div class="buttons">
                <button type="button" class="ghost" data-testid="close-export" on:click=move |_| open_for.set(None)>{tr(T::Close)}</button>
            </div>
        </dialog>
    }
}

/// Settings: every account as Google Authenticator export codes, and the plain list of links.
#[component]
pub fn ExportAll() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let links = RwSignal::new(None::<(Vec<String>, usize)>); // (codes, accounts left out)
    let shown = RwSignal::new(0usize);
    let confirm_plain = RwSignal::new(false);
    let all_accounts = move || session.rows.with(|r| r.iter().filter_map(|row| row.account.clone()).collect::<Vec<_>>());
    let show = move |_| {
        let accounts = all_accounts();
        let left_out = accounts.iter().filter(|a| !migration::exportable(a)).count();
        let id = migration::new_batch_id(&mut crate::web::random::WebRandom);
        links.set(Some((migration::encode(&accounts, id), left_out)));
        shown.set(0);
    };
    let download_plain = move |_| {
        let text = import::text::to_uri_list(&all_accounts());
        let _ = files::download("authenticator-links-UNENCRYPTED.txt", text.as_bytes());
        confirm_plain.set(false);
    };
    view! {
        <h3>{tr(L::MigrationExportTitle)}</h3>
        <p class="hint">{tr(L::MigrationExportIntro)}</p>
        <p class="warning">{tr(L::RevealWarning)}</p>
        <button data-testid="show-migration" on:click=show>{tr(L::ShowMigration)}</button>
        {move || links.get().map(|(codes, left_out)| {
            let lang = state.lang.get();
            let n = codes.len();
            let i = shown.get().min(n.saturating_sub(1));
            view! {
                <div class="migration-export" data-testid="migration-export">
                    {(left_out > 0).then(|| view! { <p class="hint" data-testid="not-exportable">{i18n::not_exportable(lang, left_out)}</p> })}
                    {codes.get(i).cloned().map(|code| view! {
                        <p data-testid="migration-index">{i18n::qr_of(lang, i + 1, n)}</p>
                        <QrSvg text=code label=i18n::qr_of(lang, i + 1, n) />
                    })}
                    {(i + 1 < n).then(|| view! { <button data-testid="next-qr" on:click=move |_| shown.update(|s| *s += 1)>{i18n::t(lang, L::NextQr)}</button> })}
                </div>
            }
        })}
        <h3>{tr(L::UriListTitle)}</h3>
        <p class="warning">{tr(L::UriListWarning)}</p>
        <label class="check"><input type="checkbox" data-testid="plain-confirm" prop:checked=move || confirm_plain.get()
            on:change=move |ev| confirm_plain.set(event_target_checked(&ev)) />{tr(L::UriListConfirm)}</label>
        <button data-testid="download-plain" disabled=move || !confirm_plain.get() on:click=download_plain>{tr(L::UriListTitle)}</button>
    }
}
