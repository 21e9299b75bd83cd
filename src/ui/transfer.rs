//! Moving accounts in and out: scan a QR code with the camera, read one from an image (chosen,
//! dropped or pasted), import a file or a pasted export link, each with a preview before anything
//! is added; and export: one account as a QR code and link (behind a reveal step), every account
//! as Google Authenticator export codes, or a plain list of links after a warning.

use super::session::Session;
use super::{tr, AppState};
use crate::account::Account;
use crate::clock::Clock;
use crate::i18n::{self, Lang, T};
use crate::import::{self, migration, Skipped};
use crate::qr::Modules;
use crate::uri;
use crate::vault::{AddCounts, Choices, Incoming};
use crate::web::clock::{sleep, BrowserClock};
use crate::web::media::{cameras, Camera, CameraError};
use crate::web::{clipboard, files};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Whether the scan/import dialog is open.
#[derive(Clone, Copy)]
pub struct TransferOpen(pub RwSignal<bool>);

/// Which account's export dialog is open.
#[derive(Clone, Copy)]
pub struct ExportFor(pub RwSignal<Option<u64>>);

/// Accounts read and waiting for the user's confirmation.
#[derive(Clone, PartialEq)]
struct Pending {
    source: &'static str,
    accounts: Vec<Account>,
    skipped: Vec<Skipped>,
    from_image: bool,
}

fn label(lang: Lang, a: &Account) -> String {
    i18n::account_label(lang, &a.issuer, &a.name, |i, n| format!("{i} ({n})"))
}

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

/// The scan/import dialog.
#[component]
pub fn TransferDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let open = expect_context::<TransferOpen>().0;
    let dialog = NodeRef::<html::Dialog>::new();
    let video = NodeRef::<html::Video>::new();
    let pending = RwSignal::new(None::<Pending>);
    let batches = RwSignal::new(migration::Collector::default());
    let message = RwSignal::new(None::<(bool, String)>); // (is error, text)
    let done = RwSignal::new(None::<(String, bool)>); // (summary, remind to delete a screenshot)
    // Neither choice is preselected to change an account that is here (issue 12).
    let replace = RwSignal::new(false);
    let take_settings = RwSignal::new(false);
    let camera = StoredValue::new_local(None::<Camera>);
    let camera_on = RwSignal::new(false);
    let camera_list = RwSignal::new(Vec::<(String, String)>::new());
    let chosen_file = StoredValue::new_local(None::<web_sys::File>);
    let pasted = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let image_input = NodeRef::<html::Input>::new();
    let file_input = NodeRef::<html::Input>::new();
    // Counts resets: a camera, a picture or a file still being read when the dialog closed (or
    // the vault locked) must not bring its result back into the closed dialog.
    let run = StoredValue::new(0u64);
    let current = move |r: u64| run.get_value() == r && open.get_untracked();

    let say = move |error: bool, key: T| message.set(Some((error, i18n::t(state.lang.get_untracked(), key).to_owned())));
    let stop_camera = move || {
        camera.update_value(|c| {
            if let Some(c) = c.take() {
                c.stop();
            }
        });
        camera_on.set(false);
    };
    let reset = move || {
        run.update_value(|r| *r += 1);
        stop_camera();
        pending.set(None);
        batches.set(migration::Collector::default());
        message.set(None);
        // A key derivation still running for this dialog ends with it.
        if busy.get_untracked() {
            crate::web::kdf::cancel();
        }
        busy.set(false);
        chosen_file.set_value(None);
        replace.set(false);
        take_settings.set(false);
        pasted.set(String::new());
        password.set(String::new());
        // The chosen files too: a file input keeps its file until told otherwise.
        for input in [image_input, file_input] {
            if let Some(i) = input.get_untracked() {
                i.set_value("");
            }
        }
    };

    super::sync_modal(dialog, move || open.get());
    // Closed for any reason (Close, Escape, or the vault locked): the camera is released, the QR
    // worker ends (with the pictures it was given), and nothing pasted, typed or read stays.
    Effect::new(move |_| {
        if !open.get() {
            reset();
            done.set(None);
            crate::web::media::release_worker();
        }
    });

    // Whatever a QR code or a paste held: one account, a migration batch, or nothing we know.
    let handle_texts = move |texts: Vec<String>, from_image: bool| -> bool {
        let lang = state.lang.get_untracked();
        for text in texts {
            match import::read_scanned(&text) {
                Ok(import::Scanned::Batch(batch)) => {
                    let mut collector = batches.get_untracked();
                    let (read, total) = collector.add(batch);
                    message.set(Some((false, i18n::batch_progress(lang, read, total))));
                    let complete = collector.complete();
                    batches.set(collector);
                    if let Some((accounts, skipped)) = complete {
                        pending.set(Some(Pending { source: "Google Authenticator", accounts, skipped, from_image }));
                        return true;
                    }
                }
                Ok(import::Scanned::Account(account)) => {
                    message.set(None);
                    pending.set(Some(Pending { source: "otpauth://", accounts: vec![account], skipped: Vec::new(), from_image }));
                    return true;
                }
                Err(import::ScanError::Uri(e)) => message.set(Some((true, i18n::uri_error(lang, &e)))),
                Err(import::ScanError::Import(e)) => message.set(Some((true, i18n::import_error(lang, &e)))),
                Err(import::ScanError::NotAuthenticator) => say(true, T::NotAuthenticatorQr),
            }
        }
        false
    };

    let start_camera = move |device: Option<String>| {
        stop_camera();
        message.set(None);
        let r = run.get_value();
        spawn_local(async move {
            match Camera::open(device.as_deref()).await {
                Ok(cam) => {
                    // Closed while the browser was asking for the camera: release it at once.
                    let Some(v) = video.get_untracked().filter(|_| current(r)) else { cam.stop(); return };
                    cam.attach(&v);
                    camera.set_value(Some(cam));
                    camera_on.set(true);
                    camera_list.set(cameras().await);
                    say(false, T::CameraLooking);
                    // Decode a frame every quarter second until a code is read or the camera stops.
                    while camera_on.get_untracked() && current(r) {
                        sleep(250).await;
                        let Some(v) = video.get_untracked() else { break };
                        let texts = Camera::scan(&v).await;
                        if !current(r) {
                            break;
                        }
                        if !texts.is_empty() && handle_texts(texts, false) {
                            stop_camera();
                        }
                    }
                }
                Err(_) if !current(r) => {}
                Err(e) => say(true, match e {
                    CameraError::Denied => T::CameraDenied,
                    CameraError::NotFound => T::CameraNotFound,
                    CameraError::Unavailable => T::CameraUnavailable,
                }),
            }
        });
    };

    let read_image = move |blob: web_sys::Blob| {
        message.set(None);
        let r = run.get_value();
        spawn_local(async move {
            let read = crate::web::media::qr_texts_in_blob(&blob).await;
            if !current(r) {
                return;
            }
            match read {
                Ok(texts) if texts.is_empty() => say(true, T::NoQrInImage),
                Ok(texts) => {
                    handle_texts(texts, true);
                }
                Err(_) => say(true, T::NotAnImageFile),
            }
        });
    };
    let on_image_input = move |ev: leptos::ev::Event| {
        let file = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files()).and_then(|f| f.get(0));
        if let Some(file) = file {
            read_image(file.into());
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            read_image(file.into());
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        if let Some(file) = ev.clipboard_data().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            if file.type_().starts_with("image/") {
                ev.prevent_default();
                read_image(file.into());
            }
        }
    };

    let file_error = move |e: files::FileError| {
        let lang = state.lang.get_untracked();
        message.set(Some((true, super::file_problem(lang, e, || i18n::import_error(lang, &import::ImportError::NotRecognised)))));
    };
    // The file is kept as chosen and read when "Read" is pressed; its size is checked at once.
    let on_file = move |ev: leptos::ev::Event| {
        message.set(None);
        let file = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files()).and_then(|f| f.get(0));
        if let Some(file) = &file {
            if let Err(e) = files::check_size(file) {
                file_error(e);
            }
        }
        chosen_file.set_value(file);
    };
    let read_file = move || {
        let file = chosen_file.get_value();
        let pass = password.get_untracked();
        busy.set(true);
        message.set(None);
        let r = run.get_value();
        spawn_local(async move {
            let lang = state.lang.get_untracked();
            let bytes = match file {
                Some(f) => match files::read(&f).await {
                    Ok(b) => b,
                    Err(e) => {
                        if current(r) {
                            file_error(e);
                            busy.set(false);
                        }
                        return;
                    }
                },
                None => pasted.get_untracked().into_bytes(),
            };
            // An encrypted file's key is derived in the worker (Cancel ends it); its cost was
            // checked against the caps first.
            let result = crate::web::kdf::import_file(&bytes, Some(&pass)).await;
            // The dialog was closed (or the vault locked) meanwhile: the result is dropped.
            if !current(r) {
                return;
            }
            match result {
                Ok(got) if got.format == import::Format::GoogleMigration => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    handle_texts(text.lines().map(str::to_owned).collect(), false);
                }
                Ok(got) => pending.set(Some(Pending { source: i18n::format_name(got.format), accounts: got.accounts, skipped: got.skipped, from_image: false })),
                Err(crate::web::kdf::ImportFailure::Import(e)) => message.set(Some((true, i18n::import_error(lang, &e)))),
                Err(crate::web::kdf::ImportFailure::Cancelled) => message.set(Some((false, i18n::cancelled(lang).to_owned()))),
                Err(crate::web::kdf::ImportFailure::Failed) => message.set(Some((true, i18n::kdf_failed(lang).to_owned()))),
            }
            busy.set(false);
        });
    };

    let confirm = move || {
        let Some(p) = pending.get_untracked() else { return };
        let choices = Choices { replace_other_secret: replace.get_untracked(), take_other_settings: take_settings.get_untracked() };
        let now = BrowserClock.now_ms();
        let counts = session.with_vault(|v| v.content.clone().add_all(&p.accounts, choices, now)).unwrap_or(AddCounts { added: p.accounts.len(), ..AddCounts::default() });
        let accounts = p.accounts.clone();
        if !session.try_edit(move |c| {
            c.add_all(&accounts, choices, now);
        }) {
            return;
        }
        let lang = state.lang.get_untracked();
        let summary = i18n::import_done(lang, counts.added, counts.replaced, counts.unchanged);
        state.status.set(summary.clone());
        done.set(Some((summary, p.from_image)));
        pending.set(None);
        batches.set(migration::Collector::default());
        message.set(None);
    };

    view! {
        <dialog node_ref=dialog class="add transfer" aria-labelledby="transfer-title" data-testid="transfer-dialog"
            on:close=move |_| { open.set(false); reset(); done.set(None); } on:paste=on_paste>
            <h2 id="transfer-title">{tr(T::TransferTitle)}</h2>
            {move || done.get().map(|(summary, remind)| view! {
                <p class="status" role="status" data-testid="import-done">{summary}</p>
                {remind.then(|| view! { <p class="warning" role="note" data-testid="delete-screenshot">{tr(T::DeleteScreenshot)}</p> })}
            })}
            {move || message.get().map(|(error, text)| view! {
                <p class=if error { "error" } else { "status" } role=if error { "alert" } else { "status" } data-testid="transfer-message">{text}</p>
            })}
            <Show when=move || pending.with(Option::is_some) fallback=move || view! {
                <section class="panel" aria-labelledby="camera-h">
                    <h3 id="camera-h">{tr(T::CameraHeading)}</h3>
                    <video node_ref=video class="camera" data-testid="camera-video" muted=true playsinline=true
                        class:hidden=move || !camera_on.get() aria-label=tr(T::CameraHeading)></video>
                    <div class="buttons start">
                        <Show when=move || camera_on.get() fallback=move || view! {
                            <button data-testid="start-camera" on:click=move |_| start_camera(None)>{tr(T::StartCamera)}</button>
                        }>
                            <button data-testid="stop-camera" on:click=move |_| stop_camera()>{tr(T::StopCamera)}</button>
                            <Show when=move || camera_list.with(|l| l.len() > 1)>
                                <label for="camera-choice" class="sr-only">{tr(T::CameraLabel)}</label>
                                <select id="camera-choice" data-testid="camera-choice" on:change=move |ev| start_camera(Some(event_target_value(&ev)))>
                                    {move || camera_list.get().into_iter().enumerate().map(|(i, (id, name))| {
                                        let name = if name.is_empty() { format!("{} {}", tr(T::CameraLabel)(), i + 1) } else { name };
                                        view! { <option value=id>{name}</option> }
                                    }).collect_view()}
                                </select>
                            </Show>
                        </Show>
                    </div>
                </section>
                <section class="panel drop" aria-labelledby="image-h" data-testid="drop-zone"
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <h3 id="image-h">{tr(T::ImageHeading)}</h3>
                    <p class="hint">{tr(T::ImageHint)}</p>
                    <label for="qr-image" class="sr-only">{tr(T::ImageLabel)}</label>
                    <input id="qr-image" node_ref=image_input type="file" accept="image/*" data-testid="qr-image" on:change=on_image_input />
                </section>
                <section class="panel grid" aria-labelledby="file-h">
                    <h3 id="file-h">{tr(T::FileHeading)}</h3>
                    <p class="hint">{tr(T::FileHint)}</p>
                    <label for="import-file">{tr(T::FileLabel)}</label>
                    <input id="import-file" node_ref=file_input type="file" data-testid="import-file" on:change=on_file />
                    <label for="import-paste">{tr(T::PasteExportLabel)}</label>
                    <textarea id="import-paste" data-testid="import-paste" rows="2" spellcheck="false" autocomplete="off"
                        prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                    <label for="import-pass">{tr(T::FilePassLabel)}</label>
                    <input id="import-pass" type="password" autocomplete="off" data-testid="import-pass"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                    {move || busy.get().then(|| view! { <super::KdfProgress /> })}
                    <div class="buttons start">
                        <button data-testid="import-read" disabled=move || busy.get() on:click=move |_| read_file()>{tr(T::ReadFile)}</button>
                    </div>
                </section>
            }>
                {move || pending.get().map(|p| {
                    let lang = state.lang.get();
                    let kinds: Vec<Incoming> = p.accounts.iter().map(|a| session.with_vault(|v| v.content.classify(a)).unwrap_or(Incoming::New)).collect();
                    let stale = kinds.iter().any(|k| matches!(k, Incoming::SameLabel(_)));
                    let other_settings = kinds.iter().any(|k| matches!(k, Incoming::SameSecretOtherSettings(_)));
                    let settings_here = move |id: u64| {
                        session.with_vault(|v| v.content.get(id).and_then(|e| e.account()).map(|a| i18n::settings_summary(lang, &a.params))).flatten().unwrap_or_default()
                    };
                    view! {
                        <section class="preview-list" data-testid="import-preview">
                            <h3>{i18n::t(lang, T::PreviewHeading)}</h3>
                            <p>{i18n::import_found(lang, p.source, p.accounts.len(), p.skipped.len())}</p>
                            <ul>
                                {p.accounts.iter().zip(kinds.iter()).map(|(a, k)| {
                                    let (text, class) = match k {
                                        Incoming::New => (i18n::t(lang, T::WillAddNew).to_owned(), "tag new"),
                                        Incoming::Identical(_) => (i18n::t(lang, T::AlreadyHere).to_owned(), "tag same"),
                                        Incoming::SameLabel(_) => (i18n::t(lang, T::SameNameOtherSecret).to_owned(), "tag stale"),
                                        Incoming::SameSecretOtherSettings(id) => {
                                            (i18n::same_secret_preview(lang, &settings_here(*id), &i18n::settings_summary(lang, &a.params)), "tag same wrap")
                                        }
                                    };
                                    view! { <li data-testid="preview-account"><span>{label(lang, a)}</span>" "<span class=class>{text}</span></li> }
                                }).collect_view()}
                            </ul>
                            {stale.then(|| view! {
                                <div class="warning" data-testid="stale-choice">
                                    <p>{i18n::t(lang, T::StaleQuestion)}</p>
                                    <label class="check"><input type="radio" name="stale" data-testid="choose-replace" prop:checked=move || replace.get() on:change=move |_| replace.set(true) />{i18n::t(lang, T::ReplaceOld)}</label>
                                    <label class="check"><input type="radio" name="stale" data-testid="choose-keep" prop:checked=move || !replace.get() on:change=move |_| replace.set(false) />{i18n::t(lang, T::KeepBoth)}</label>
                                </div>
                            })}
                            {other_settings.then(|| view! {
                                <div class="warning" data-testid="settings-choice">
                                    <label class="check"><input type="radio" name="settings" data-testid="choose-keep-settings" prop:checked=move || !take_settings.get() on:change=move |_| take_settings.set(false) />{i18n::same_secret_choice(lang, false)}</label>
                                    <label class="check"><input type="radio" name="settings" data-testid="choose-take-settings" prop:checked=move || take_settings.get() on:change=move |_| take_settings.set(true) />{i18n::same_secret_choice(lang, true)}</label>
                                </div>
                            })}
                            {(!p.skipped.is_empty()).then(|| view! {
                                <h4>{i18n::t(lang, T::SkippedHeading)}</h4>
                                <ul data-testid="preview-skipped">
                                    {p.skipped.iter().map(|s| view! { <li>{i18n::account_label(lang, &s.issuer, &s.name, |i, n| format!("{i} ({n})"))}": "{i18n::skip_reason(lang, &s.reason)}</li> }).collect_view()}
                                </ul>
                            })}
                            <div class="buttons">
                                <button class="ghost" data-testid="import-discard" on:click=move |_| { pending.set(None); batches.set(migration::Collector::default()); }>{i18n::t(lang, T::CancelImport)}</button>
                                <button class="primary" data-testid="import-confirm" on:click=move |_| confirm()>{i18n::t(lang, T::ConfirmImport)}</button>
                            </div>
                        </section>
                    }
                })}
            </Show>
            <div class="buttons">
                <button type="button" class="ghost" data-testid="close-transfer" on:click=move |_| open.set(false)>{tr(T::Close)}</button>
            </div>
        </dialog>
    }
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
    super::sync_modal(dialog, move || open_for.get().is_some());
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
            <h2 id="export-title">{tr(T::ExportAccountTitle)}</h2>
            {move || account().map(|a| {
                let lang = state.lang.get();
                let link = uri::format(&a);
                let who = label(lang, &a);
                view! {
                    <p><strong>{who.clone()}</strong></p>
                    <Show when=move || revealed.get() fallback=move || view! {
                        <p class="warning">{tr(T::RevealWarning)}</p>
                        <button class="primary" data-testid="reveal" on:click=move |_| revealed.set(true)>{tr(T::Reveal)}</button>
                    }>
                        <QrSvg text=link.clone() label=who.clone() />
                        <p class="mono uri" data-testid="export-uri">{link.clone()}</p>
                        {
                            let link = link.clone();
                            view! {
                                <button data-testid="copy-uri" on:click=move |_| {
                                    let link = link.clone();
                                    spawn_local(async move { copied.set(clipboard::write_text_then_clear(&link).await.is_ok()); });
                                }>{move || if copied.get() { tr(T::Copied)() } else { tr(T::Copy)() }}</button>
                            }
                        }
                        <Show when=move || copied.get()><p class="status">{tr(T::CopyClears)}</p></Show>
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
        let id = (BrowserClock.now_ms() % 1_000_000_007) as i32;
        links.set(Some((migration::encode(&accounts, id), left_out)));
        shown.set(0);
    };
    let download_plain = move |_| {
        let text = import::text::to_uri_list(&all_accounts());
        let _ = files::download("authenticator-links-UNENCRYPTED.txt", text.as_bytes());
        confirm_plain.set(false);
    };
    view! {
        <h3>{tr(T::MigrationExportTitle)}</h3>
        <p class="hint">{tr(T::MigrationExportIntro)}</p>
        <p class="warning">{tr(T::RevealWarning)}</p>
        <button data-testid="show-migration" on:click=show>{tr(T::ShowMigration)}</button>
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
                    {(i + 1 < n).then(|| view! { <button data-testid="next-qr" on:click=move |_| shown.update(|s| *s += 1)>{i18n::t(lang, T::NextQr)}</button> })}
                </div>
            }
        })}
        <h3>{tr(T::UriListTitle)}</h3>
        <p class="warning">{tr(T::UriListWarning)}</p>
        <label class="check"><input type="checkbox" data-testid="plain-confirm" prop:checked=move || confirm_plain.get()
            on:change=move |ev| confirm_plain.set(event_target_checked(&ev)) />{tr(T::UriListConfirm)}</label>
        <button data-testid="download-plain" disabled=move || !confirm_plain.get() on:click=download_plain>{tr(T::UriListTitle)}</button>
    }
}
