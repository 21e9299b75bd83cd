//! What will be added (a valid form, or what a QR code held), and the questions about an account
//! already here.

use super::super::account_name;
use super::super::state::Session;
use crate::account::{Account, Warning};
use crate::i18n::{self, Lang, L};
use crate::vault::Incoming;
use leptos::prelude::*;

/// The account that "Add" will store, its settings, and the warnings the user can act on.
pub(super) fn will_add(lang: Lang, account: &Account, warnings: &[Warning]) -> impl IntoView {
    // Only what the user can act on (an ordinary 16-character key warns of nothing).
    let shown: Vec<String> = warnings.iter().filter_map(|w| i18n::warning(lang, w)).collect();
    view! {
    <div class="preview" data-testid="add-preview">
        <p class="will-add"><span class="label">{i18n::t(lang, L::WillAdd)}</span>
            <strong class="who">{account_name(lang, account)}</strong></p>
        <p class="hint" data-testid="code-settings">{i18n::code_settings(lang, &account.params)}</p>
        {(!shown.is_empty()).then(|| view! {
            <div class="warning" role="status" data-testid="add-warning">
                <strong>{i18n::t(lang, L::WarningsHeading)}</strong>
                <ul>{shown.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
    </div>
    }
}

/// The question for an account already here (`kind`): identical (refused), the same name with
/// another secret (replace or keep both), or the same secret with other settings. `account` is
/// what would be added; `resolve` saves it, replacing the given entry or beside it; `open` closes.
pub(super) fn duplicate_question(
    lang: Lang,
    session: Session,
    kind: Incoming,
    account: Option<Account>,
    resolve: impl Fn(Option<u64>) + Copy + Send + Sync + 'static,
    open: RwSignal<bool>,
) -> AnyView {
    match kind {
        Incoming::Identical(_) => view! {
            <p class="error" role="alert" data-testid="already-here">{i18n::t(lang, L::AlreadyHereOne)}</p>
        }.into_any(),
        Incoming::SameLabel(id) => {
            let who = account.map(|a| account_name(lang, &a)).unwrap_or_default();
            view! {
                <div class="warning" role="alert" data-testid="stale-question">
                    <p>{i18n::same_label_question(lang, &who)}</p>
                    <div class="buttons start">
                        <button type="button" class="primary" data-testid="replace-stale" on:click=move |_| resolve(Some(id))>{i18n::t(lang, L::ReplaceOld)}</button>
                        <button type="button" data-testid="keep-both" on:click=move |_| resolve(None)>{i18n::t(lang, L::KeepBoth)}</button>
                    </div>
                </div>
            }.into_any()
        }
        Incoming::SameSecretOtherSettings(id) => {
            let (who, incoming) = account.map(|a| (account_name(lang, &a), i18n::settings_summary(lang, &a.params))).unwrap_or_default();
            let here = session
                .with_vault(|v| v.content.get(id).and_then(|e| e.account()).map(|a| i18n::settings_summary(lang, &a.params)))
                .flatten()
                .unwrap_or_default();
            view! {
                <div class="warning" role="alert" data-testid="same-secret-question">
                    <p>{i18n::same_secret_question(lang, &who, &here, &incoming)}</p>
                    <div class="buttons start">
                        <button type="button" class="primary" data-testid="keep-existing" autofocus on:click=move |_| open.set(false)>{i18n::same_secret_choice(lang, false)}</button>
                        <button type="button" data-testid="take-settings" on:click=move |_| resolve(Some(id))>{i18n::same_secret_choice(lang, true)}</button>
                    </div>
                </div>
            }.into_any()
        }
        Incoming::New => ().into_any(),
    }
}
