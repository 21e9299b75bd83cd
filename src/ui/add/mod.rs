//! The add dialog, QR first: scan the site's QR code with the camera, read a screenshot or picture
//! (chosen, pasted or dropped), enter the setup key by hand, or keep backup codes only. A link
//! pasted into any field is read as a link; a bare key pasted where a link was expected goes to key
//! entry. Once the account is saved the dialog has closed, its row is highlighted, and a prompt at
//! the bottom of the screen offers to paste the site's backup codes for it. The steps and what a
//! paste becomes are [`crate::add_flow`]'s; this renders them.

mod after_add;
mod key_form;
mod preview;

use super::state::{Phase, Session};
use super::transfer::{self, Flow, Found};
use super::widgets::{focus_testid, focus_testid_unless_moved, Icon};
use super::{account_name, tr, AppState};
use crate::account::{Account, ManualEntry, Warning, MAX_LABEL_LEN};
use crate::add_flow::{self, AddFlow, Problem, Reading, Step, Submit};
use crate::clock::Clock;
use crate::i18n::{self, L, T};
use crate::uri;
use crate::web::clock::BrowserClock;
use after_add::{when_saved, Added};
use leptos::html;
use leptos::prelude::*;

/// What the form currently amounts to: an account with warnings, or a translated error.
type Outcome = Result<(Account, Vec<Warning>), String>;

/// A key, as a plain outline.
const KEY_ICON: &str = "M14.5 4a5.5 5.5 0 1 1-4.6 8.5L4 18.4V21h3v-2h2v-2h2l1.5-1.5 M16 7.5a1 1 0 1 0 0 .01";
/// A list of codes.
const LIST_ICON: &str = "M5 5h14v14H5z M8 9h8 M8 12h8 M8 15h5";

/// Whether the add dialog is open (the dialog lives in its own module: see `super::parts`).
#[derive(Clone, Copy)]
pub struct AddOpen(pub RwSignal<bool>);

/// The modal dialog, and the prompt shown after an account was added. `open` shows and hides the
/// dialog; Escape and Cancel close it.
#[component]
pub fn AddDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let backup_for = expect_context::<super::backup_codes::BackupCodesFor>().0;
    let transfer_open = expect_context::<super::transfer::TransferOpen>().0;
    let dialog = NodeRef::<html::Dialog>::new();
    // The step, the paste box's text, and whether "Add" was pressed on this step.
    let steps = RwSignal::new(AddFlow::new());
    let step = Memo::new(move |_| steps.with(AddFlow::step));
    let entry = RwSignal::new(ManualEntry::default());
    let site_issuer = RwSignal::new(String::new());
    let site_name = RwSignal::new(String::new());
    let site_error = RwSignal::new(None::<T>);
    let draft = super::backup_codes::CodesDraft::new();
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
        steps.set(AddFlow::new());
        entry.set(ManualEntry::default());
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
    // A QR code was read (or a link pasted): show what it holds, with "Add" ready.
    Effect::new(move |_| {
        if found.with(Option::is_some) {
            steps.update(AddFlow::found);
            focus_testid("submit-add");
        }
    });

    let outcome = Memo::new(move |_| -> Option<Outcome> {
        let lang = state.lang.get();
        let now = steps.with(|f| entry.with(|e| f.outcome(e, found.get().map(|f| (f.account, f.warnings)))))?;
        Some(now.map_err(|p| match p {
            Problem::Link(e) => i18n::uri_error(lang, &e),
            Problem::Field(e) => i18n::field_error(lang, &e),
        }))
    });
    // What sits in the paste box is a key typed by hand (a paste switches at once).
    let typed_key = Memo::new(move |_| steps.with(AddFlow::typed_key));

    Effect::new(move |_| {
        outcome.track();
        duplicate.set(None);
        refused.set(None);
    });

    let go = move |to: Step, focus: &'static str| {
        steps.update(|f| f.go(to));
        focus_testid_unless_moved(focus);
    };
    let use_as_key = move || {
        let key = steps.try_update(AddFlow::use_as_key).unwrap_or_default();
        entry.update(|e| e.secret = key);
        focus_testid("manual-issuer");
    };
    // What a text read where a link is expected leads to (the step has already moved): an
    // account shows what it holds, an export of several goes to its preview, a key to key entry.
    let act_on = move |reading: Reading| match reading {
        Reading::Account(p) => found.set(Some(Found { account: p.account, warnings: p.warnings, from_image: false })),
        Reading::Export(text) => {
            flow.handle_texts(vec![text], false);
        }
        Reading::Key(key) => {
            entry.update(|e| e.secret = key);
            focus_testid("manual-issuer");
        }
        Reading::Unread => {}
    };
    // Typed text is only read when the user presses Add: a link typed (or typed in by a keyboard
    // tool) character by character is already valid half-way through its key.
    let on_uri_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if crate::web::page::inserted_at_once(&ev) {
            if let Some(reading) = steps.try_update(|f| f.paste(text)) {
                act_on(reading);
            }
        } else {
            steps.update(|f| f.type_text(text));
        }
    };
    // A link pasted into any other field is read as a link (the field keeps what it had).
    let link_in = move |text: &str| -> bool {
        let Some(reading) = steps.try_update(|f| f.link_in(text)).flatten() else {
            return false;
        };
        act_on(reading);
        if step.get_untracked() == Step::Choose {
            focus_testid("uri-input");
        }
        true
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
        let check = add_flow::check_site(&issuer, &name);
        site_error.set((!check.named).then_some(T::SiteNameNeeded));
        refused.set(check.refused.map(|e| i18n::field_error(lang, &e)));
        if refused.with_untracked(Option::is_some) {
            return;
        }
        let now = BrowserClock.now_ms();
        let codes = draft.build(lang, now);
        if let (true, Ok(codes)) = (check.named, codes) {
            let who = i18n::account_label(lang, issuer.trim(), name.trim(), |i, n| format!("{i} ({n})"));
            let saving = session.add_site(issuer, name, codes);
            open.set(false);
            when_saved(state, lang, who, saving, |_, _| {});
        }
    };
    let submit = move || {
        match steps.try_update(AddFlow::submit) {
            Some(Submit::Codes) => return submit_codes(),
            // What was typed into the paste box, read now as a paste would have been.
            Some(Submit::Read(reading)) => return act_on(reading),
            Some(Submit::Account) | None => {}
        }
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

    let set_site = move |s: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if !link_in(&v) {
                s.set(v);
            }
        }
    };
    let at = move |s: Step| move || step.get() == s;
    // The buttons at the bottom: "Add" where there is something to add.
    let can_submit = move || steps.with(|f| f.can_submit(flow.previewing()));
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
                <p class="hint add-intro">{tr(L::AddIntro)}</p>
                <div class="ways">
                    <transfer::CameraPanel flow=flow camera=camera start=T::AddScanCamera primary=true />
                    <transfer::ImageButton flow=flow input=image_input label=T::AddFromImage />
                </div>
                <transfer::FlowMessage flow=flow />
                <div class="panel paste-box">
                    <label for="uri-input">{tr(L::AddPasteLabel)}</label>
                    <textarea id="uri-input" data-testid="uri-input" rows="2" spellcheck="false" autocomplete="off" maxlength=uri::MAX_URI_CHARS
                        autocapitalize="off" prop:value=move || steps.with(|f| f.text().to_owned()) on:input=on_uri_input></textarea>
                    <Show when=move || typed_key.get() fallback=move || view! {
                        {move || match outcome.get() {
                            Some(Err(message)) => Some(view! { <p class="error" role="alert" data-testid="add-error">{message}</p> }),
                            _ => None,
                        }}
                    }>
                        <p class="status" role="status" data-testid="looks-like-key">{tr(L::AddLooksLikeKey)}" "
                            <button type="button" class="ghost" data-testid="use-as-key" on:click=move |_| use_as_key()>{tr(L::AddUseAsKey)}</button>
                        </p>
                    </Show>
                </div>
                <h3 class="other-ways">{tr(L::AddOtherWays)}</h3>
                <div class="ways">
                    <button type="button" class="choice" data-testid="tab-manual" on:click=move |_| go(Step::Key, "manual-issuer")>
                        <Icon path=KEY_ICON />{tr(L::AddEnterKey)}
                    </button>
                    <button type="button" class="choice" data-testid="tab-codes" on:click=move |_| go(Step::Codes, "site-issuer")>
                        <Icon path=LIST_ICON />{tr(L::AddCodesOnly)}
                    </button>
                </div>
            }>
                <transfer::Preview flow=flow />
            </Show>
        }
    };

    let key_view = move || key_form::key_view(entry, link_in);

    let codes_view = move || {
        view! {
            <div class="panel grid">
                <p class="hint">{tr(L::CodesOnlyHint)}</p>
                <label for="s-issuer">{tr(T::IssuerLabel)}</label>
                <input id="s-issuer" data-testid="site-issuer" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="Instagram"
                    prop:value=move || site_issuer.get() on:input=set_site(site_issuer) />
                <label for="s-name">{tr(T::NameLabel)}</label>
                <input id="s-name" data-testid="site-name" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="hanako"
                    prop:value=move || site_name.get() on:input=set_site(site_name) />
                {move || site_error.get().map(|k| view! { <p class="error" role="alert" data-testid="site-error">{tr(k)}</p> })}
                <super::backup_codes::CodesEditor draft=draft id="site" />
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
            (_, Some(Ok((account, warnings)))) => preview::will_add(lang, &account, &warnings).into_any(),
        }
    };

    let duplicate_view = move || {
        duplicate.get().map(|kind| {
            let account = match outcome.get_untracked() {
                Some(Ok((a, _))) => Some(a),
                _ => None,
            };
            preview::duplicate_question(state.lang.get(), session, kind, account, resolve_stale, open)
        })
    };

    view! {
        <dialog node_ref=dialog class="add" aria-labelledby="add-title" data-testid="add-dialog"
            on:close=move |_| open.set(false) on:paste=move |ev| transfer::on_paste(flow, ev)
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=move |ev| transfer::on_drop(flow, ev)>
            // autocomplete="off" on the form too: browsers write typed text (a link with its
            // secret, backup codes) into the profile's session snapshot, and for a textarea
            // Safari and Chromium before 113 read only its form's "off", not its own.
            <form method="dialog" autocomplete="off" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <div class="add-head">
                    <h2 id="add-title">{tr(L::DialogTitle)}</h2>
                    <Show when=move || step.get() != Step::Choose>
                        <button type="button" class="ghost back" data-testid="add-back" on:click=move |_| back()>"‹ "{tr(L::AddBack)}</button>
                    </Show>
                </div>
                // The content exists only while open: the import dialog reads QR codes with the same controls.
                <Show when=move || open.get()>
                    <Show when=at(Step::Choose)>{choose_view}</Show>
                    <Show when=at(Step::Found)>
                        <h3 class="found-heading" data-testid="add-found">{tr(L::AddFoundHeading)}</h3>
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
        {after_add::prompt_view(state, prompt, backup_for)}
    }
}
