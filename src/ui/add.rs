//! The add dialog, QR first: scan the site's QR code with the camera, read a screenshot or picture
//! (chosen, pasted or dropped), enter the setup key by hand, or keep backup codes only. A link
//! pasted into any field is read as a link; a bare key pasted where a link was expected goes to key
//! entry. Once the account is saved the dialog has closed, its row is highlighted, and a prompt at
//! the bottom of the screen offers to paste the site's backup codes for it.

use super::state::{Phase, Session};
use super::transfer::{self, Flow, Found};
use super::widgets::{focus_now, focus_testid, Icon};
use super::{account_name, tr, AppState};
use crate::account::{Account, KindChoice, ManualEntry, Warning, MAX_LABEL_LEN};
use crate::clock::Clock;
use crate::i18n::{self, Lang, T};
use crate::otp::Kind;
use crate::uri::{self, UriError};
use crate::web::clock::BrowserClock;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the dialog is: the ways to add, key entry, backup codes only, or what a QR code held.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Choose,
    Key,
    Codes,
    Found,
}

/// What the form currently amounts to: an account with warnings, or a translated error.
type Outcome = Result<(Account, Vec<Warning>), String>;

/// The account's settings in one line ("TOTP · SHA1 · 6 digits · 30 s"), for those who check.
fn summary(lang: Lang, a: &Account) -> String {
    let p = a.params;
    match p.kind {
        Kind::Totp { period } => format!("TOTP · {} · {} · {}", p.algorithm.as_str(), p.digits, i18n::seconds_short(lang, u64::from(period))),
        Kind::Hotp { counter } => format!("HOTP · {} · {} · {} {counter}", p.algorithm.as_str(), p.digits, i18n::t(lang, T::CounterShort)),
        Kind::Steam { period } => format!("Steam Guard · {}", i18n::seconds_short(lang, u64::from(period))),
    }
}

/// The account just added, while the prompt asks about its backup codes.
#[derive(Clone, PartialEq)]
struct Added {
    id: u64,
    who: String,
    from_image: bool,
}

/// A key, as a plain outline.
const KEY_ICON: &str = "M14.5 4a5.5 5.5 0 1 1-4.6 8.5L4 18.4V21h3v-2h2v-2h2l1.5-1.5 M16 7.5a1 1 0 1 0 0 .01";
/// A list of codes.
const LIST_ICON: &str = "M5 5h14v14H5z M8 9h8 M8 12h8 M8 15h5";

/// Whether the add dialog is open (the dialog lives in its own module: see `super::parts`).
#[derive(Clone, Copy)]
pub struct AddOpen(pub RwSignal<bool>);

/// Once `saving` is stored (and only then): says "Added …", marks the new row, and runs `then`
/// with its id and name. Nothing is said for an add that was not stored.
fn when_saved<E: 'static>(
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

/// The modal dialog, and the prompt shown after an account was added. `open` shows and hides the
/// dialog; Escape and Cancel close it.
#[component]
pub fn AddDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let backup_for = expect_context::<super::backup::BackupFor>().0;
    let transfer_open = expect_context::<super::transfer::TransferOpen>().0;
    let dialog = NodeRef::<html::Dialog>::new();
    let step = RwSignal::new(Step::Choose);
    let uri_text = RwSignal::new(String::new());
    let entry = RwSignal::new(ManualEntry::default());
    let attempted = RwSignal::new(false);
    let site_issuer = RwSignal::new(String::new());
    let site_name = RwSignal::new(String::new());
    let site_error = RwSignal::new(None::<T>);
    let draft = super::backup::CodesDraft::new();
    // A scanned or pasted account already here: identical (refused) or with another secret.
    let duplicate = RwSignal::new(None::<crate::vault::Incoming>);
    // The vault refused the account (never expected after parsing, but never silent).
    let refused = RwSignal::new(None::<String>);
    // One account read from a QR code or a pasted link, waiting for "Add".
    let found = RwSignal::new(None::<Found>);
    let flow = Flow::new(open, state.lang).with_found(found);
    let camera = transfer::CameraState::new();
    let image_input = NodeRef::<html::Input>::new();
    let prompt = RwSignal::new(None::<Added>);
    flow.on_reset(move || camera.stop());
    flow.on_reset(move || {
        if let Some(i) = image_input.get_untracked() {
            i.set_value("");
        }
    });

    super::sync_modal(dialog, move || open.get());

    let reset = move || {
        step.set(Step::Choose);
        uri_text.set(String::new());
        entry.set(ManualEntry::default());
        attempted.set(false);
        site_issuer.set(String::new());
        site_name.set(String::new());
        site_error.set(None);
        draft.reset();
        duplicate.set(None);
        refused.set(None);
        found.set(None);
        flow.reset();
    };
    // Closed for any reason (Cancel, Escape, added, or the vault locked): nothing typed or read
    // stays, the camera is released and the QR worker ends.
    Effect::new(move |_| {
        if open.get() {
            prompt.set(None);
        } else {
            reset();
            crate::web::media::release_worker();
        }
    });
    // Locked: the prompt goes with the open vault.
    Effect::new(move |_| {
        if session.phase.get() != Phase::Open {
            prompt.set(None);
        }
    });
    // A QR code was read: show what it holds, with "Add" ready.
    Effect::new(move |_| {
        if found.with(Option::is_some) {
            step.set(Step::Found);
            focus_testid("submit-add");
        }
    });

    let outcome = Memo::new(move |_| -> Option<Outcome> {
        let lang = state.lang.get();
        match step.get() {
            Step::Choose => {
                let text = uri_text.get();
                if text.trim().is_empty() {
                    return None;
                }
                Some(uri::parse(&text).map(|p| (p.account, p.warnings)).map_err(|e| i18n::uri_error(lang, &e)))
            }
            Step::Key => {
                if !attempted.get() {
                    // Before the first try, only the preview of a valid form, no errors on half-typed fields.
                    return entry.with(|e| e.to_account().ok().map(Ok));
                }
                Some(entry.with(|e| e.to_account()).map_err(|e| i18n::field_error(lang, &e)))
            }
            Step::Found => found.get().map(|f| Ok((f.account, f.warnings))),
            Step::Codes => None,
        }
    });
    // What sits in the paste box is a key typed by hand (a paste switches at once).
    let typed_key = Memo::new(move |_| step.get() == Step::Choose && uri_text.with(|t| uri::is_bare_key(t)));

    Effect::new(move |_| {
        outcome.track();
        duplicate.set(None);
        refused.set(None);
    });

    let go = move |to: Step, focus: &'static str| {
        step.set(to);
        attempted.set(false);
        focus_testid(focus);
    };
    let use_as_key = move |key: String| {
        entry.update(|e| e.secret = key.trim().to_owned());
        uri_text.set(String::new());
        go(Step::Key, "manual-issuer");
    };
    // Text pasted or typed where a link is expected: a link shows what it holds, an export of
    // several accounts goes to its preview, a pasted key goes to key entry; anything else stays
    // with its explanation.
    // Typed text is only read when the user presses Add: a link typed (or typed in by a keyboard
    // tool) character by character is already valid half-way through its key.
    let take_text = move |text: String, pasted: bool| {
        uri_text.set(text.clone());
        if !pasted {
            return;
        }
        match uri::parse(&text) {
            Ok(p) => {
                uri_text.set(String::new());
                found.set(Some(Found { account: p.account, warnings: p.warnings, from_image: false }));
            }
            Err(UriError::Migration) => {
                uri_text.set(String::new());
                flow.handle_texts(vec![text], false);
            }
            Err(_) if uri::is_bare_key(&text) => use_as_key(text),
            Err(_) => {}
        }
    };
    // A link pasted into any other field is read as a link (the field keeps what it had).
    let link_in = move |text: &str| -> bool {
        if !uri::is_link(text) {
            return false;
        }
        step.set(Step::Choose);
        attempted.set(false);
        take_text(text.to_owned(), true);
        if step.get_untracked() == Step::Choose {
            focus_testid("uri-input");
        }
        true
    };
    let on_uri_input = move |ev: leptos::ev::Event| {
        take_text(event_target_value(&ev), crate::web::page::inserted_at_once(&ev));
    };

    // Saves the account (or replaces the old secret of `replace`); the dialog closes at once, and
    // "Added", the highlight and the backup-codes prompt follow once the vault is stored.
    let save = move |account: Account, replace: Option<u64>| {
        let lang = state.lang.get_untracked();
        let who = account_name(lang, &account);
        let from_image = found.with_untracked(|f| f.as_ref().is_some_and(|f| f.from_image));
        let saving = session.add(account, replace);
        open.set(false);
        when_saved(state, lang, who, saving, move |id, who| {
            if session.is_open() {
                prompt.set(Some(Added { id, who, from_image }));
                focus_testid("after-add-codes");
            }
        });
    };
    let resolve_stale = move |replace_id: Option<u64>| {
        if let Some(Ok((account, _))) = outcome.get_untracked() {
            save(account, replace_id);
        }
    };
    // A full vault says so before anything is taken (its writers refuse past the cap anyway).
    let full = move || match session.with_vault(|v| v.content.check_room(1)) {
        Some(Err(e)) => {
            refused.set(Some(i18n::field_error(state.lang.get_untracked(), &e)));
            true
        }
        _ => false,
    };
    let submit_codes = move || {
        if full() {
            return;
        }
        let lang = state.lang.get_untracked();
        let (issuer, name) = (site_issuer.get_untracked(), site_name.get_untracked());
        let named = !(issuer.trim().is_empty() && name.trim().is_empty());
        site_error.set((!named).then_some(T::SiteNameNeeded));
        // The vault's own check of each name (a name that draws nothing, a name too long), said here.
        let checked = crate::account::clean_label(&issuer, crate::account::Field::Issuer).and_then(|_| crate::account::clean_label(&name, crate::account::Field::Name));
        refused.set(checked.err().map(|e| i18n::field_error(lang, &e)));
        if refused.with_untracked(Option::is_some) {
            return;
        }
        let now = BrowserClock.now_ms();
        let codes = draft.build(lang, now);
        if let (true, Ok(codes)) = (named, codes) {
            let who = i18n::account_label(lang, issuer.trim(), name.trim(), |i, n| format!("{i} ({n})"));
            let saving = session.add_site(issuer, name, codes);
            open.set(false);
            when_saved(state, lang, who, saving, |_, _| {});
        }
    };
    let submit = move || {
        match step.get_untracked() {
            Step::Codes => return submit_codes(),
            Step::Choose => {
                // What was typed into the paste box, read now as a paste would have been.
                let text = uri_text.get_untracked();
                take_text(text, true);
                attempted.set(true);
                return;
            }
            Step::Key | Step::Found => {}
        }
        attempted.set(true);
        if full() {
            return;
        }
        if let Some(Ok((account, _))) = outcome.get_untracked() {
            // The vault's own check, so what is said to be added is what gets stored.
            if let Err(e) = crate::uri::storable(&account) {
                refused.set(Some(i18n::field_error(state.lang.get_untracked(), &e)));
                return;
            }
            let kind = session.with_vault(|v| v.content.classify(&account)).unwrap_or(crate::vault::Incoming::New);
            if kind != crate::vault::Incoming::New {
                duplicate.set(Some(kind));
                return;
            }
            save(account, None);
        }
    };

    let set_field = move |f: fn(&mut ManualEntry, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if !link_in(&v) {
                entry.update(|e| f(e, v));
            }
        }
    };
    let set_site = move |s: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if !link_in(&v) {
                s.set(v);
            }
        }
    };
    let kind_is = move |k: KindChoice| move || entry.with(|e| e.kind == k);
    let at = move |s: Step| move || step.get() == s;
    // The buttons at the bottom: "Add" where there is something to add.
    let can_submit = move || match step.get() {
        Step::Choose => !flow.previewing() && uri_text.with(|t| !t.trim().is_empty()),
        Step::Key | Step::Found | Step::Codes => true,
    };
    let back = move || {
        found.set(None);
        duplicate.set(None);
        flow.quiet();
        go(Step::Choose, "start-camera");
    };

    let choose_view = move || {
        view! {
            <transfer::ImportDone flow=flow />
            <Show when=move || flow.previewing() fallback=move || view! {
                <button type="button" class="ghost migrate-entry" data-testid="add-open-import" on:click=move |_| { open.set(false); transfer_open.set(true); }>
                    {move || crate::i18n::say(state.lang.get(), crate::i18n::Say::AddEntry)}</button>
                <p class="hint add-intro">{tr(T::AddIntro)}</p>
                <div class="ways">
                    <transfer::CameraPanel flow=flow camera=camera start=T::AddScanCamera primary=true />
                    <transfer::ImageButton flow=flow input=image_input label=T::AddFromImage />
                </div>
                <transfer::FlowMessage flow=flow />
                <div class="panel paste-box">
                    <label for="uri-input">{tr(T::AddPasteLabel)}</label>
                    <textarea id="uri-input" data-testid="uri-input" rows="2" spellcheck="false" autocomplete="off" maxlength=uri::MAX_URI_CHARS
                        autocapitalize="off" prop:value=move || uri_text.get() on:input=on_uri_input></textarea>
                    <Show when=move || typed_key.get() fallback=move || view! {
                        {move || match outcome.get() {
                            Some(Err(message)) => Some(view! { <p class="error" role="alert" data-testid="add-error">{message}</p> }),
                            _ => None,
                        }}
                    }>
                        <p class="status" role="status" data-testid="looks-like-key">{tr(T::AddLooksLikeKey)}" "
                            <button type="button" class="ghost" data-testid="use-as-key" on:click=move |_| use_as_key(uri_text.get_untracked())>{tr(T::AddUseAsKey)}</button>
                        </p>
                    </Show>
                </div>
                <h3 class="other-ways">{tr(T::AddOtherWays)}</h3>
                <div class="ways">
                    <button type="button" class="choice" data-testid="tab-manual" on:click=move |_| go(Step::Key, "manual-issuer")>
                        <Icon path=KEY_ICON />{tr(T::AddEnterKey)}
                    </button>
                    <button type="button" class="choice" data-testid="tab-codes" on:click=move |_| go(Step::Codes, "site-issuer")>
                        <Icon path=LIST_ICON />{tr(T::AddCodesOnly)}
                    </button>
                </div>
            }>
                <transfer::Preview flow=flow />
            </Show>
        }
    };

    let key_view = move || {
        view! {
            <div class="panel grid">
                <label for="m-issuer">{tr(T::IssuerLabel)}</label>
                <input id="m-issuer" data-testid="manual-issuer" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="Instagram"
                    prop:value=move || entry.with(|e| e.issuer.clone()) on:input=set_field(|e, v| e.issuer = v) />
                <label for="m-name">{tr(T::NameLabel)}</label>
                <input id="m-name" data-testid="manual-name" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="hanako"
                    prop:value=move || entry.with(|e| e.name.clone()) on:input=set_field(|e, v| e.name = v) />
                <label for="m-secret">{tr(T::AddKeyLabel)}</label>
                <input id="m-secret" data-testid="manual-secret" autocomplete="off" spellcheck="false" autocapitalize="characters"
                    class="mono" aria-describedby="m-secret-hint"
                    prop:value=move || entry.with(|e| e.secret.clone()) on:input=set_field(|e, v| e.secret = v) />
                <p id="m-secret-hint" class="hint">{tr(T::AddKeyHint)}</p>
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
        }
    };

    let codes_view = move || {
        view! {
            <div class="panel grid">
                <p class="hint">{tr(T::CodesOnlyHint)}</p>
                <label for="s-issuer">{tr(T::IssuerLabel)}</label>
                <input id="s-issuer" data-testid="site-issuer" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="Instagram"
                    prop:value=move || site_issuer.get() on:input=set_site(site_issuer) />
                <label for="s-name">{tr(T::NameLabel)}</label>
                <input id="s-name" data-testid="site-name" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="hanako"
                    prop:value=move || site_name.get() on:input=set_site(site_name) />
                {move || site_error.get().map(|k| view! { <p class="error" role="alert" data-testid="site-error">{tr(k)}</p> })}
                <super::backup::CodesEditor draft=draft id="site" />
            </div>
        }
    };

    // What will be added (a valid form, or what a QR code held), and the questions about an
    // account already here; or why the form cannot be added yet.
    let outcome_view = move || {
        let lang = state.lang.get();
        match (step.get(), outcome.get()) {
            (Step::Choose, _) | (_, None) => ().into_any(),
            (_, Some(Err(message))) => view! { <p class="error" role="alert" data-testid="add-error">{message}</p> }.into_any(),
            (_, Some(Ok((account, warnings)))) => {
                // Only what the user can act on (an ordinary 16-character key warns of nothing).
                let shown: Vec<String> = warnings.iter().filter_map(|w| i18n::warning(lang, w)).collect();
                view! {
                <div class="preview" data-testid="add-preview">
                    <p class="will-add"><span class="label">{i18n::t(lang, T::WillAdd)}</span>
                        <strong class="who">{account_name(lang, &account)}</strong></p>
                    <p class="hint">{summary(lang, &account)}</p>
                    {(!shown.is_empty()).then(|| view! {
                        <div class="warning" role="status" data-testid="add-warning">
                            <strong>{i18n::t(lang, T::WarningsHeading)}</strong>
                            <ul>{shown.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                </div>
                }.into_any()
            }
        }
    };

    let duplicate_view = move || duplicate.get().map(|d| {
        let lang = state.lang.get();
        match d {
            crate::vault::Incoming::Identical(_) => view! {
                <p class="error" role="alert" data-testid="already-here">{i18n::t(lang, T::AlreadyHereOne)}</p>
            }.into_any(),
            crate::vault::Incoming::SameLabel(id) => {
                let who = match outcome.get_untracked() {
                    Some(Ok((a, _))) => account_name(lang, &a),
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
                    Some(Ok((a, _))) => (account_name(lang, &a), i18n::settings_summary(lang, &a.params)),
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
                            <button type="button" class="primary" data-testid="keep-existing" autofocus on:click=move |_| open.set(false)>{i18n::same_secret_choice(lang, false)}</button>
                            <button type="button" data-testid="take-settings" on:click=move |_| resolve_stale(Some(id))>{i18n::same_secret_choice(lang, true)}</button>
                        </div>
                    </div>
                }.into_any()
            }
            crate::vault::Incoming::New => ().into_any(),
        }
    });

    let prompt_view = move || prompt.get().map(|added| {
        let lang = state.lang.get();
        let id = added.id;
        let later = move || {
            prompt.set(None);
            focus_now("add-button");
        };
        view! {
            <section class="after-add" role="region" aria-labelledby="after-add-title" data-testid="after-add"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { later() }>
                <p id="after-add-title" class="after-add-title">{i18n::added(lang, &added.who)}</p>
                <p class="after-add-question">{i18n::t(lang, T::AfterAddCodesQuestion)}</p>
                {added.from_image.then(|| view! { <p class="hint" role="note" data-testid="delete-screenshot">{i18n::t(lang, T::AfterAddDeleteScreenshot)}</p> })}
                <div class="buttons">
                    <button type="button" class="ghost" data-testid="after-add-later" on:click=move |_| later()>{i18n::t(lang, T::AfterAddLater)}</button>
                    <button type="button" class="primary" data-testid="after-add-codes" on:click=move |_| {
                        // The backup-codes dialog gives focus back to the add button when it closes.
                        later();
                        backup_for.set(Some(id));
                    }>{i18n::t(lang, T::AfterAddPaste)}</button>
                </div>
            </section>
        }
    });

    view! {
        <dialog node_ref=dialog class="add" aria-labelledby="add-title" data-testid="add-dialog"
            on:close=move |_| open.set(false) on:paste=move |ev| transfer::on_paste(flow, ev)
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=move |ev| transfer::on_drop(flow, ev)>
            // autocomplete="off" on the form too: browsers write typed text (a link with its
            // secret, backup codes) into the profile's session snapshot, and for a textarea
            // Safari and Chromium before 113 read only its form's "off", not its own.
            <form method="dialog" autocomplete="off" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <div class="add-head">
                    <h2 id="add-title">{tr(T::DialogTitle)}</h2>
                    <Show when=move || step.get() != Step::Choose>
                        <button type="button" class="ghost back" data-testid="add-back" on:click=move |_| back()>"‹ "{tr(T::AddBack)}</button>
                    </Show>
                </div>
                // The content exists only while open: the import dialog reads QR codes with the same controls.
                <Show when=move || open.get()>
                    <Show when=at(Step::Choose)>{choose_view}</Show>
                    <Show when=at(Step::Found)>
                        <h3 class="found-heading" data-testid="add-found">{tr(T::AddFoundHeading)}</h3>
                    </Show>
                    <Show when=at(Step::Key)>{key_view}</Show>
                    <Show when=at(Step::Codes)>{codes_view}</Show>
                    {outcome_view}
                    {duplicate_view}
                    {move || refused.get().map(|m| view! { <p class="error" role="alert" data-testid="add-error">{m}</p> })}
                </Show>
                <div class="buttons">
                    <button type="button" class="ghost" data-testid="cancel-add" on:click=move |_| open.set(false)>
                        {move || tr(if flow.finished() { T::Close } else { T::Cancel })()}
                    </button>
                    <Show when=can_submit>
                        <button type="submit" class="primary" data-testid="submit-add">{tr(T::Add)}</button>
                    </Show>
                </div>
            </form>
        </dialog>
        {prompt_view}
    }
}
