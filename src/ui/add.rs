//! The add-account dialog: paste an `otpauth://` link, or type the details by hand.

use super::{tr, AppState};
use crate::account::{Account, KindChoice, ManualEntry, Warning, MAX_LABEL_LEN};
use crate::i18n::{self, Lang, T};
use crate::otp::Kind;
use crate::uri;
use leptos::html;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Paste,
    Manual,
    Codes,
}

/// What the form currently amounts to: an account with warnings, or a translated error.
type Outcome = Result<(Account, Vec<Warning>), String>;

fn summary(lang: Lang, a: &Account) -> String {
    let p = a.params;
    let kind = match p.kind {
        Kind::Totp { period } => {
            format!("TOTP · {} · {} · {}", p.algorithm.as_str(), p.digits, i18n::seconds_short(lang, u64::from(period)))
        }
        Kind::Hotp { counter } => format!("HOTP · {} · {} · {} {counter}", p.algorithm.as_str(), p.digits, i18n::t(lang, T::CounterShort)),
        Kind::Steam { period } => format!("Steam Guard · {}", i18n::seconds_short(lang, u64::from(period))),
    };
    let who = i18n::account_label(lang, &a.issuer, &a.name, |i, n| format!("{i} — {n}"));
    format!("{who} ({kind})")
}

/// Whether the add dialog is open (the dialog lives in its own module: see `super::parts`).
#[derive(Clone, Copy)]
pub struct AddOpen(pub RwSignal<bool>);

/// The modal dialog. `open` shows and hides it; Escape and Cancel close it.
#[component]
pub fn AddDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<super::state::Session>();
    let dialog = NodeRef::<html::Dialog>::new();
    let tab = RwSignal::new(Tab::Paste);
    let uri_text = RwSignal::new(String::new());
    let entry = RwSignal::new(ManualEntry::default());
    let attempted = RwSignal::new(false);
    let site_issuer = RwSignal::new(String::new());
    let site_name = RwSignal::new(String::new());
    let site_error = RwSignal::new(None::<T>);
    let draft = super::backup::CodesDraft::new();
    // A pasted account already here: identical (refused) or with another secret (replace or keep both).
    let duplicate = RwSignal::new(None::<crate::vault::Incoming>);
    // The vault refused the account (never expected after parsing, but never silent).
    let refused = RwSignal::new(None::<String>);

    super::sync_modal(dialog, move || open.get());

    let reset = move || {
        uri_text.set(String::new());
        entry.set(ManualEntry::default());
        attempted.set(false);
        site_issuer.set(String::new());
        site_name.set(String::new());
        site_error.set(None);
        draft.reset();
        duplicate.set(None);
        refused.set(None);
    };
    // Closed for any reason (Cancel, Escape, added, or the vault locked): nothing typed stays.
    Effect::new(move |_| {
        if !open.get() {
            reset();
        }
    });

    let outcome = Memo::new(move |_| -> Option<Outcome> {
        let lang = state.lang.get();
        match tab.get() {
            Tab::Paste => {
                let text = uri_text.get();
                if text.trim().is_empty() && !attempted.get() {
                    return None;
                }
                Some(uri::parse(&text).map(|p| (p.account, p.warnings)).map_err(|e| i18n::uri_error(lang, &e)))
            }
            Tab::Manual => {
                if !attempted.get() {
                    // Before the first try, only show the preview of a valid form, not errors on half-typed fields.
                    return entry.with(|e| e.to_account().ok().map(Ok));
                }
                Some(entry.with(|e| e.to_account()).map_err(|e| i18n::field_error(lang, &e)))
            }
            Tab::Codes => None,
        }
    });

    Effect::new(move |_| {
        outcome.track();
        duplicate.set(None);
        refused.set(None);
    });
    let resolve_stale = move |replace_id: Option<u64>| {
        if let Some(Ok((account, _))) = outcome.get_untracked() {
            let lang = state.lang.get_untracked();
            let who = super::account_name(lang, &account);
            let taken = match replace_id {
                Some(id) => session.try_edit(move |c| {
                    // Checked by `storable` before the question was asked.
                    let _ = c.replace(id, &account);
                }),
                None => session.add(account),
            };
            if taken {
                state.status.set(i18n::added(lang, &who));
            }
            reset();
            open.set(false);
        }
    };
    let submit_codes = move || {
        let lang = state.lang.get_untracked();
        let (issuer, name) = (site_issuer.get_untracked(), site_name.get_untracked());
        let named = !(issuer.trim().is_empty() && name.trim().is_empty());
        site_error.set((!named).then_some(T::SiteNameNeeded));
        let codes = draft.build(lang, crate::clock::Clock::now_ms(&crate::web::clock::BrowserClock));
        if let (true, Ok(codes)) = (named, codes) {
            let who = i18n::account_label(lang, issuer.trim(), name.trim(), |i, n| format!("{i} ({n})"));
            if session.add_site(issuer, name, codes) {
                state.status.set(i18n::added(lang, &who));
            }
            reset();
            open.set(false);
        }
    };
    let submit = move || {
        if tab.get_untracked() == Tab::Codes {
            submit_codes();
            return;
        }
        attempted.set(true);
        if let Some(Ok((account, _))) = outcome.get_untracked() {
            // The vault's own check, so what is said to be added is what gets stored.
            if let Err(e) = crate::account::storable(&account) {
                refused.set(Some(i18n::field_error(state.lang.get_untracked(), &e)));
                return;
            }
            let kind = session.with_vault(|v| v.content.classify(&account)).unwrap_or(crate::vault::Incoming::New);
            if kind != crate::vault::Incoming::New {
                duplicate.set(Some(kind));
                return;
            }
            let lang = state.lang.get_untracked();
            let who = super::account_name(lang, &account);
            if session.add(account) {
                state.status.set(i18n::added(lang, &who));
            }
            reset();
            open.set(false);
        }
    };

    let set_field = move |f: fn(&mut ManualEntry, String)| {
        move |ev: leptos::ev::Event| entry.update(|e| f(e, event_target_value(&ev)))
    };
    let tab_attr = move |t: Tab| move || if tab.get() == t { "true" } else { "false" };
    let kind_is = move |k: KindChoice| move || entry.with(|e| e.kind == k);

    view! {
        <dialog node_ref=dialog class="add" aria-labelledby="add-title" data-testid="add-dialog"
            on:close=move |_| { open.set(false); reset(); }>
            <form method="dialog" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <h2 id="add-title">{tr(T::DialogTitle)}</h2>
                <div class="tabs" role="tablist">
                    <button type="button" role="tab" data-testid="tab-paste" aria-selected=tab_attr(Tab::Paste)
                        on:click=move |_| { tab.set(Tab::Paste); attempted.set(false); }>{tr(T::TabPaste)}</button>
                    <button type="button" role="tab" data-testid="tab-manual" aria-selected=tab_attr(Tab::Manual)
                        on:click=move |_| { tab.set(Tab::Manual); attempted.set(false); }>{tr(T::TabManual)}</button>
                    <button type="button" role="tab" data-testid="tab-codes" aria-selected=tab_attr(Tab::Codes)
                        on:click=move |_| { tab.set(Tab::Codes); attempted.set(false); }>{tr(T::TabCodesOnly)}</button>
                </div>
                <Show when=move || tab.get() == Tab::Codes>
                    <div role="tabpanel" class="panel grid">
                        <p class="hint">{tr(T::CodesOnlyHint)}</p>
                        <label for="s-issuer">{tr(T::IssuerLabel)}</label>
                        <input id="s-issuer" data-testid="site-issuer" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="Instagram"
                            prop:value=move || site_issuer.get() on:input=move |ev| site_issuer.set(event_target_value(&ev)) />
                        <label for="s-name">{tr(T::NameLabel)}</label>
                        <input id="s-name" data-testid="site-name" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="alice"
                            prop:value=move || site_name.get() on:input=move |ev| site_name.set(event_target_value(&ev)) />
                        {move || site_error.get().map(|k| view! { <p class="error" role="alert" data-testid="site-error">{tr(k)}</p> })}
                        <super::backup::CodesEditor draft=draft id="site" />
                    </div>
                </Show>
                <Show when=move || tab.get() == Tab::Paste>
                    <div role="tabpanel" class="panel">
                        <label for="uri-input">{tr(T::UriLabel)}</label>
                        <textarea id="uri-input" data-testid="uri-input" rows="3" spellcheck="false" autocomplete="off" maxlength=uri::MAX_URI_CHARS
                            placeholder="otpauth://totp/…" aria-describedby="uri-hint"
                            prop:value=move || uri_text.get()
                            on:input=move |ev| uri_text.set(event_target_value(&ev))></textarea>
                        <p id="uri-hint" class="hint">{tr(T::UriHint)}</p>
                    </div>
                </Show>
                <Show when=move || tab.get() == Tab::Manual>
                    <div role="tabpanel" class="panel grid">
                        <label for="m-issuer">{tr(T::IssuerLabel)}</label>
                        <input id="m-issuer" data-testid="manual-issuer" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="GitHub"
                            prop:value=move || entry.with(|e| e.issuer.clone()) on:input=set_field(|e, v| e.issuer = v) />
                        <label for="m-name">{tr(T::NameLabel)}</label>
                        <input id="m-name" data-testid="manual-name" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="alice@example.com"
                            prop:value=move || entry.with(|e| e.name.clone()) on:input=set_field(|e, v| e.name = v) />
                        <label for="m-secret">{tr(T::SecretLabel)}</label>
                        <input id="m-secret" data-testid="manual-secret" autocomplete="off" spellcheck="false" autocapitalize="characters"
                            class="mono" aria-describedby="m-secret-hint"
                            prop:value=move || entry.with(|e| e.secret.clone()) on:input=set_field(|e, v| e.secret = v) />
                        <p id="m-secret-hint" class="hint">{tr(T::SecretHint)}</p>
                        <details class="advanced">
                            <summary data-testid="advanced">{tr(T::Advanced)}</summary>
                            <div class="grid">
                                <label for="m-kind">{tr(T::TypeLabel)}</label>
                                <select id="m-kind" data-testid="manual-kind" on:change=move |ev| {
                                    let k = match event_target_value(&ev).as_str() { "hotp" => KindChoice::Hotp, "steam" => KindChoice::Steam, _ => KindChoice::Totp };
                                    entry.update(|e| e.kind = k);
                                }>
                                    <option value="totp" selected=kind_is(KindChoice::Totp)>{tr(T::TypeTotp)}</option>
                                    <option value="hotp" selected=kind_is(KindChoice::Hotp)>{tr(T::TypeHotp)}</option>
                                    <option value="steam" selected=kind_is(KindChoice::Steam)>{tr(T::TypeSteam)}</option>
                                </select>
                                <label for="m-alg">{tr(T::AlgorithmLabel)}</label>
                                <select id="m-alg" data-testid="manual-algorithm" on:change=set_field(|e, v| e.algorithm = v)>
                                    <option value="SHA1">"SHA1"</option>
                                    <option value="SHA256">"SHA256"</option>
                                    <option value="SHA512">"SHA512"</option>
                                </select>
                                <label for="m-digits">{tr(T::DigitsLabel)}</label>
                                <input id="m-digits" data-testid="manual-digits" inputmode="numeric" placeholder="6"
                                    prop:value=move || entry.with(|e| e.digits.clone()) on:input=set_field(|e, v| e.digits = v) />
                                <Show when=move || entry.with(|e| e.kind != KindChoice::Hotp)>
                                    <label for="m-period">{tr(T::PeriodLabel)}</label>
                                    <input id="m-period" data-testid="manual-period" inputmode="numeric" placeholder="30"
                                        prop:value=move || entry.with(|e| e.period.clone()) on:input=set_field(|e, v| e.period = v) />
                                </Show>
                                <Show when=move || entry.with(|e| e.kind == KindChoice::Hotp)>
                                    <label for="m-counter">{tr(T::CounterLabel)}</label>
                                    <input id="m-counter" data-testid="manual-counter" inputmode="numeric" placeholder="0"
                                        prop:value=move || entry.with(|e| e.counter.clone()) on:input=set_field(|e, v| e.counter = v) />
                                </Show>
                            </div>
                        </details>
                    </div>
                </Show>
                {move || match outcome.get() {
                    Some(Err(message)) => view! {
                        <p class="error" role="alert" data-testid="add-error">{message}</p>
                    }.into_any(),
                    Some(Ok((account, warnings))) => {
                        let lang = state.lang.get();
                        view! {
                            <div class="preview" data-testid="add-preview">
                                <p><strong>{i18n::t(lang, T::WillAdd)}": "</strong>{summary(lang, &account)}</p>
                                {
                                    let shown: Vec<String> = warnings.iter().filter_map(|w| i18n::warning(lang, w)).collect();
                                    (!shown.is_empty()).then(|| view! {
                                        <div class="warning" role="status" data-testid="add-warning">
                                            <strong>{i18n::t(lang, T::WarningsHeading)}</strong>
                                            <ul>{shown.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                                        </div>
                                    })
                                }
                            </div>
                        }.into_any()
                    }
                    None => ().into_any(),
                }}
                {move || duplicate.get().map(|d| {
                    let lang = state.lang.get();
                    match d {
                        crate::vault::Incoming::Identical(_) => view! {
                            <p class="error" role="alert" data-testid="already-here">{i18n::t(lang, T::AlreadyHereOne)}</p>
                        }.into_any(),
                        crate::vault::Incoming::SameLabel(id) => {
                            let who = match outcome.get_untracked() {
                                Some(Ok((a, _))) => super::account_name(lang, &a),
                                _ => String::new(),
                            };
                            view! {
                                <div class="warning" role="alert" data-testid="stale-question">
                                    <p>{i18n::same_label_question(lang, &who)}</p>
                                    <div class="buttons start">
                                        <button type="button" class="primary" data-testid="replace-stale" on:click=move |_| resolve_stale(Some(id))>{i18n::t(lang, T::ReplaceOld)}</button>
                                        <button type="button" data-testid="keep-both" on:click=move |_| resolve_stale(None)>{i18n::t(lang, T::KeepBoth)}</button>
                                    </div>
                                </div>
                            }.into_any()
                        }
                        crate::vault::Incoming::SameSecretOtherSettings(id) => {
                            let (who, incoming) = match outcome.get_untracked() {
                                Some(Ok((a, _))) => (super::account_name(lang, &a), i18n::settings_summary(lang, &a.params)),
                                _ => (String::new(), String::new()),
                            };
                            let here = session
                                .with_vault(|v| v.content.get(id).and_then(|e| e.account()).map(|a| i18n::settings_summary(lang, &a.params)))
                                .flatten()
                                .unwrap_or_default();
                            view! {
                                <div class="warning" role="alert" data-testid="same-secret-question">
                                    <p>{i18n::same_secret_question(lang, &who, &here, &incoming)}</p>
                                    <div class="buttons start">
                                        <button type="button" class="primary" data-testid="keep-existing" autofocus on:click=move |_| { reset(); open.set(false); }>{i18n::same_secret_choice(lang, false)}</button>
                                        <button type="button" data-testid="take-settings" on:click=move |_| resolve_stale(Some(id))>{i18n::same_secret_choice(lang, true)}</button>
                                    </div>
                                </div>
                            }.into_any()
                        }
                        crate::vault::Incoming::New => ().into_any(),
                    }
                })}
                {move || refused.get().map(|m| view! { <p class="error" role="alert" data-testid="add-error">{m}</p> })}
                <div class="buttons">
                    <button type="button" class="ghost" data-testid="cancel-add" on:click=move |_| open.set(false)>{tr(T::Cancel)}</button>
                    <button type="submit" class="primary" data-testid="submit-add">{tr(T::Add)}</button>
                </div>
            </form>
        </dialog>
    }
}
